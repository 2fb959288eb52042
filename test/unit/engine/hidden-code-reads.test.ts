import type { CodeRead, CodeScan } from '../../../lambdas/core/code/code-read';
import { hiddenCodeScan } from '../../../lambdas/core/engine/hidden-code-reads';
import { hiddenText } from '../../../lambdas/core/engine/secret-key-names';
import { makeFingerprinter } from '../../../lambdas/core/fingerprint';

const fp = makeFingerprinter(Buffer.alloc(32, 7));
const TOKEN = 'AKIACANARYQWERTY2345';

const read = (name: string, key: string, extra: Partial<CodeRead> = {}): CodeRead => ({
  name,
  key,
  file: 'app.cs',
  line: 1,
  column: 1,
  language: 'csharp',
  via: 'IConfiguration[]',
  fallback: { kind: 'default', value: 'canary-default' },
  ...extra,
});

describe('hiddenCodeScan', () => {
  test('hides the name, its key, its other keys and every default of a read named by a credential; keeps the order by key', () => {
    const scan: CodeScan = {
      root: 'src',
      files: { csharp: 1 },
      skipped: [],
      reads: [
        read(`Clients:${TOKEN}`, `clients.${TOKEN.toLowerCase()}`, {
          also: [`clients.${TOKEN.toLowerCase()}`],
          hostEnvironments: { byName: { Staging: { kind: 'default', value: 'canary-staging' } }, other: { kind: 'none' } },
        }),
        read('Clients:Zeta', 'clients.zeta', { fallback: { kind: 'none' } }),
      ],
    };
    const out = hiddenCodeScan(scan, fp);
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/CANARY/i);
    const hidden = hiddenText(TOKEN, fp);
    expect(out.reads[0]).toMatchObject({
      name: `Clients:${hidden}`,
      key: `clients.${hidden.replace('_', '.')}`,
      also: [`clients.${hidden.replace('_', '.')}`],
      fallback: { kind: 'default', secret: true },
      hostEnvironments: { byName: { Staging: { kind: 'default', secret: true } }, other: { kind: 'none' } },
    });
    expect(out.reads.map((r) => r.key)).toEqual([...out.reads.map((r) => r.key)].sort());
    // A read of an ordinary name is as it was.
    expect(out.reads.find((r) => r.name === 'Clients:Zeta')).toBe(scan.reads[1]);
  });

  test('a scan with no credential in a name is returned as it is', () => {
    const scan: CodeScan = { root: 'src', files: {}, skipped: [], reads: [read('Db:Host', 'db.host')] };
    expect(hiddenCodeScan(scan, fp)).toBe(scan);
  });
});
