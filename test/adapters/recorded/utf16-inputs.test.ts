import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RecordedSourceCollector } from '../../../lambdas/adapters/recorded/recorded-collector';
import type { SourceSpec } from '../../../lambdas/core/estate/model';
import type { SourceSnapshot, SourceType } from '../../../lambdas/core/model';
import { testContext, testLabel } from '../../helpers/context';

// Windows PowerShell 5 writes `aws ecs describe-task-definition … > taskdef.json` and `Out-File` as
// UTF-16 little-endian with a byte-order mark; editors can save any file so. Recorded inputs in
// UTF-16 with a BOM are read as the text they are, not as bytes that are no KEY=VALUE, YAML or JSON.
const CANARY = 'CANARY-utf16-5e1a';
let base: string;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'drift-utf16-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

async function collect(spec: SourceSpec): Promise<SourceSnapshot> {
  const label = testLabel(spec.type as SourceType, `${spec.type} (recorded)`, spec.index);
  return new RecordedSourceCollector({ baseDir: base }).collect(spec, label, testContext(label));
}
const texts = (s: SourceSnapshot): Record<string, string> =>
  Object.fromEntries(s.observations.map((o) => [o.key, o.value.kind === 'text' ? o.value.text : `<${o.value.kind}>`]));

describe.each([
  ['UTF-16LE', utf16le],
  ['UTF-16BE', utf16be],
])('recorded inputs in %s with a byte-order mark', (_, encode) => {
  test('a dotenv file (CRLF, as Windows writes it)', async () => {
    writeFileSync(path.join(base, 'app.env'), encode(`LOG_LEVEL=INFO\r\nDB_PASSWORD=${CANARY}\r\nGREETING=h\u00e9llo \u{1F600}\r\n`));
    const s = await collect({ type: 'dotenv', index: 0, from: ['app.env'] });
    expect(s.errors).toEqual([]);
    expect(texts(s)).toEqual({ 'log.level': 'INFO', 'db.password': '<secret>', greeting: 'h\u00e9llo \u{1F600}' });
  });

  test('a YAML configuration file', async () => {
    writeFileSync(path.join(base, 'app.yml'), encode('db:\r\n  timeout: 10s\r\n  pool: 20\r\n'));
    const s = await collect({ type: 'file', index: 0, from: ['app.yml'] });
    expect(s.errors).toEqual([]);
    expect(texts(s)).toEqual({ 'db.timeout': '10s', 'db.pool': '20' });
  });

  test('an ECS task definition as the AWS CLI prints it', async () => {
    const taskdef = {
      taskDefinition: {
        family: 'api',
        revision: 3,
        containerDefinitions: [{ name: 'api', image: 'x', environment: [{ name: 'LOG_LEVEL', value: 'WARN' }] }],
      },
    };
    writeFileSync(path.join(base, 'taskdef.json'), encode(JSON.stringify(taskdef, null, 4)));
    const s = await collect({ type: 'ecs', index: 0, from: ['taskdef.json'] });
    expect(s.errors).toEqual([]);
    expect(texts(s)['log.level']).toBe('WARN');
  });
});
