import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratch } from '../helpers/cli';
import { auditAndDiffOutputs, canaryCli, filesUnder } from '../helpers/written';

// A URL whose password holds a quote (`'` is a sub-delimiter RFC 3986 allows raw in a userinfo), a
// double quote, a backslash or a backtick, as generated passwords do. Each was shown, compared and
// stored in plain: the authority was read as ending at the quote, so no `user:password@` was seen.
const CANARIES = ['CANARYquote', 'CANARYdquote', 'CANARYbslash', 'CANARYtick', 'CANARYyaml', 'CANARYcode'];

const env = (stage: string): string => `DATABASE_URL="postgres://app:it'sCANARYquote${stage}@db:5432/orders"
REDIS_ADDR='redis://:pa"CANARYdquote${stage}@cache:6379'
AMQP_ADDR=amqp://app:back\\slashCANARYbslash${stage}@mq/
MONGO_ADDR=mongodb://app:a\`bCANARYtick${stage}@mongo/orders
`;

const config = (stage: string): string => `db:\n  url: "postgres://app:it'sCANARYyaml${stage}@db/orders"\n`;

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - file: { from: config/staging.yml }
      - dotenv: { from: env/staging.env }
  production:
    sources:
      - file: { from: config/production.yml }
      - dotenv: { from: env/production.env }
parity:
  - name: stage-vs-prod
    environments: [staging, production]
baseline:
  undeclared: info
`;

describe('a URL password holding a quote, a backslash or a backtick', () => {
  it('is masked in place in every format, diff, explain, the recording, the store and the code scan', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'env/staging.env': env('STG'),
      'env/production.env': env('PRD'),
      'config/staging.yml': config('STG'),
      'config/production.yml': config('PRD'),
      'src/app.py': `import os\nDB = os.getenv('ORDERS_DB', 'postgres://app:it\\'sCANARYcode7@db/orders')\n`,
    });
    const { leaks, found, run, checkStore } = canaryCli(dir, CANARIES);

    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stderr).toBe('');
    for (const key of ['DATABASE_URL', 'REDIS_ADDR', 'AMQP_ADDR', 'MONGO_ADDR', 'db.url']) await run(['explain', 'production', key]);
    const rec = await run(['snapshot', '--record', 'recording']);
    expect(rec.code).toBe(0);
    for (const f of filesUnder(path.join(dir, 'recording'))) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    await checkStore();
    await run(['code', 'scan', 'src']);
    await run(['code', 'scan', 'src', '--format', 'json']);
    expect(found).toEqual([]);

    // Only the password is hidden; different passwords are a parity difference.
    const findings = (JSON.parse(json.stdout) as { findings: Array<{ kind: string; key?: string; values?: Record<string, string> }> })
      .findings;
    const db = findings.find((f) => f.kind === 'parity' && f.key === 'database.url')?.values;
    expect(db?.staging).toMatch(/^postgres:\/\/app:<secret:[0-9a-f]{8}>@db:5432\/orders$/);
    expect(db?.staging).not.toBe(db?.production);
  });
});
