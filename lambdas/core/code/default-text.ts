import type { CodeRead } from './code-read';

// A string literal as the code writes it: one quote character at each end, the same one.
const QUOTED = /^(["'`])([\s\S]*)\1$/;

/** The text a read's literal default gives (`"8080"` → `8080`, `true` → `true`); absent for none, an expression or a secret. */
export function defaultText(r: CodeRead): string | undefined {
  const f = r.fallback;
  if (f.kind !== 'default' || f.secret || f.value === undefined) return undefined;
  const quoted = QUOTED.exec(f.value.trim());
  return quoted ? quoted[2] : f.value.trim();
}
