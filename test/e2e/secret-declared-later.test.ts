import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// A key whose values drift kept in plain text (nothing said it was secret), then declared
// `secret: true`: from then on no output may show those values, whatever the store still holds.
const CANARY = 'CANARYlater';
const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
baseline:
  undeclared: info
  keys:
    log.level: { value: INFO }
`;
const DECLARED = ESTATE.replace('    log.level: { value: INFO }\n', '    log.level: { value: INFO }\n    signing.seed: { secret: true }\n');

async function storedInPlainText(): Promise<string> {
  const dir = scratch({ 'drift.yaml': ESTATE, 'staging.env': `SIGNING_SEED=${CANARY}-v1\nLOG_LEVEL=INFO\n` });
  expect((await drift(['audit', '--format', 'json'], { cwd: dir })).code).toBe(0);
  writeFileSync(path.join(dir, 'staging.env'), `SIGNING_SEED=${CANARY}-v2\nLOG_LEVEL=INFO\n`);
  expect((await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') })).code).toBe(0);
  writeFileSync(path.join(dir, 'drift.yaml'), DECLARED);
  return dir;
}

describe('a key declared secret after drift kept its values in plain text', () => {
  test('drift explain shows its history as drift history does: without the values', async () => {
    const dir = await storedInPlainText();
    const history = await drift(['history', 'staging', 'signing.seed'], { cwd: dir });
    expect(history.stdout).not.toContain(CANARY);
    const explain = await drift(['explain', 'staging', 'signing.seed'], { cwd: dir });
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('history:');
    expect(explain.stdout).not.toContain(CANARY);
    const json = await drift(['explain', 'staging', 'signing.seed', '--format', 'json'], { cwd: dir });
    expect(json.stdout).not.toContain(CANARY);
  });

  test.each(['json', 'text', 'markdown', 'sarif'])(
    'the audit that resolves its findings shows them without the values (%s)',
    async (format) => {
      const dir = await storedInPlainText();
      const r = await drift(['audit', '--format', format], { cwd: dir, now: new Date('2026-11-26T02:00:00Z') });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain(CANARY);
      if (format === 'json') {
        const resolved = (JSON.parse(r.stdout) as { resolved: Array<{ kind: string; key: string; actual?: string; message: string }> })
          .resolved;
        // Still reported as resolved, by kind and key: only the values are gone.
        expect(resolved.map((f) => `${f.kind} ${f.key}`)).toContain('undeclared signing.seed');
      }
    },
  );
});
