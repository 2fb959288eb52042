import fc from 'fast-check';
import { matchCounts, ruleFinds } from '../../../lambdas/core/values/rule-match';
import { shannonEntropy } from '../../../lambdas/core/values/entropy';
import { SECRET_RULES, type SecretRule } from '../../../lambdas/core/values/secret-rules';
import { WordTrie } from '../../../lambdas/core/values/word-trie';

const byId = (id: string) => SECRET_RULES.find((r) => r.id === id)!;

/** ruleFinds with the pattern as converted, prefix and all: the plain reference the fast one is tested against. */
function ruleFindsReference(rule: SecretRule, fragment: string, within?: string): boolean {
  const re = new RegExp(rule.pattern.source, `${rule.pattern.flags}g`);
  for (let m = re.exec(fragment); m !== null; m = re.exec(fragment)) {
    if (m[0] === '') re.lastIndex++;
    if (matchCounts(rule, m, m[0], fragment, within)) return true;
  }
  return false;
}

describe('ruleFinds, as gitleaks judges a match', () => {
  it('applies the rule, its entropy threshold, its allowlists and stopwords', () => {
    const generic = byId('generic-api-key');
    expect(ruleFinds(generic, 'billing.api=f3c9a1e07b6d4c2a9e8f1b3d5c7a9e0f')).toBe(true);
    // Below the entropy threshold.
    expect(ruleFinds(generic, 'billing.api=aaaaaaaaaaaaaaaaaaaa1')).toBe(false);
    // The rule's allowlist on the whole match: `primary_key`, `key_id`…
    expect(ruleFinds(generic, 'primary_key=f3c9a1e07b6d4c2a9e8f1b3d5c7a9e0f')).toBe(false);
    expect(ruleFinds(generic, 'deploy.key.id=f3c9a1e07b6d4c2a9e8f1b3d5c7a9e0f')).toBe(false);
    // Its stopwords, in the secret.
    expect(ruleFinds(generic, 'billing.api=f3c9a1e07b6dexample4c2a9e8f1b3d5')).toBe(false);
    // The global allowlist: a placeholder.
    expect(ruleFinds(generic, 'billing.api=${BILLING_API_TOKEN_VALUE}')).toBe(false);
  });

  it('counts only a secret inside the value when told where the value is', () => {
    const generic = byId('generic-api-key');
    expect(ruleFinds(generic, 'billing.api=f3c9a1e07b6d4c2a9e8f1b3d5c7a9e0f', 'f3c9a1e07b6d4c2a9e8f1b3d5c7a9e0f')).toBe(true);
    expect(ruleFinds(generic, 'billing.api=f3c9a1e07b6d4c2a9e8f1b3d5c7a9e0f', 'something else')).toBe(false);
  });

  it('says what the pattern as converted says, lazy name prefix and all (the prefix is cut only for speed)', () => {
    const prefixed = SECRET_RULES.filter((r) => r.reach > 0);
    expect(prefixed.length).toBeGreaterThan(90);
    // `name op value tail`, repeated: the lazy prefix only ever moves where a match starts, which the `match` allowlists read.
    const name = fc.constantFrom(
      'primary_key',
      'deploy.key.id',
      'bucket-key',
      'billing.api',
      'my.okta.token',
      'sumo_key',
      'meraki.api',
      'x.adafruit',
      'heroku',
      'access',
      'auth',
      'a b',
      '',
      'x'.repeat(55) + '_key',
    );
    const op = fc.constantFrom('=', ': ', ' = ', '="', ":'", ',', ' ');
    const value = fc.constantFrom(
      'f3c9a1e07b6d4c2a9e8f1b3d5c7a9e0f',
      '00Zk29fQmP0x7LwT4vRb8N2cQ2mLk7PzR4vWx9F2kQ7',
      'su1Zk29fQmP0x7LwT4vRb8N2cQ2mLk7Pz',
      'example0123456789abc',
      'AKIAZ7CANARYQ4WXLMNB',
      'short',
    );
    const tail = fc.constantFrom('', '"', ';', '\n', ' ', "'");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, op, value, tail), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...prefixed),
        (parts, rule) => {
          const fragment = parts.map((p) => p.join('')).join('');
          expect(ruleFinds(rule, fragment)).toBe(ruleFindsReference(rule, fragment));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('WordTrie', () => {
  it('finds a word inside a text exactly when looking for each word in turn does', () => {
    const words = ['abc', 'ab', 'bcd', 'x', 'example', 'exam', 'zzz'];
    const trie = new WordTrie(words);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x', 'am', 'ple', 'z', '-'), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(trie.foundIn(text)).toBe(words.some((w) => text.includes(w)));
      }),
    );
  });
});

describe('shannonEntropy', () => {
  it('is the entropy in bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBeCloseTo(1);
    expect(shannonEntropy('abcdefgh')).toBeCloseTo(3);
    expect(shannonEntropy('aäaä')).toBeCloseTo(1);
  });
});
