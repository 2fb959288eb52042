/** A pattern as the conversion script writes it: a JavaScript source and its flags. */
export interface PatternData {
  source: string;
  flags: string;
}

/** An allowlist as gitleaks writes it (regexes on the secret, the match or the line; stopwords). */
export interface AllowlistData {
  regexTarget?: string;
  regexes?: PatternData[];
  stopwords?: string[];
}

/** A rule as gitleaks writes it. */
export interface RuleData {
  id: string;
  regex: PatternData;
  keywords?: string[];
  entropy?: number;
  secretGroup?: number;
  allowlists?: AllowlistData[];
}

/**
 * Credentials gitleaks finds only in context drift does not have (its `curl-auth-header` needs the
 * curl command around them): an HTTP Authorization value kept as a setting, `Bearer …` or `Basic …`.
 */
export const EXTRA_RULES: readonly RuleData[] = [
  {
    id: 'drift-authorization-value',
    regex: { source: '\\b(?:bearer|basic)[ \\t]+([a-z0-9._~+/-]{12,}={0,2})(?:[\\s"\'`;,]|$)', flags: 'i' },
    keywords: ['bearer', 'basic'],
    entropy: 3,
    allowlists: [{ regexes: [{ source: '^[a-zA-Z_.-]+$', flags: '' }] }],
  },
];
