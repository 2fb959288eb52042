// The store's cost on a 10,000-key estate: items written and write units of a first run and of an
// unchanged re-run (the budget: a constant few items, whatever the estate), on the embedded engine.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamoDbStore, ensureTable } from '../lambdas/adapters/dynamodb/dynamodb-store';
import { embeddedClient, startEmbeddedDynamoDb } from '../lambdas/adapters/dynamodb/embedded-dynamodb';
import { audit } from '../lambdas/core/engine/audit';
import { assembleEstate, parseEstateDocument } from '../lambdas/core/estate/parse-estate';
import { makeFingerprinter } from '../lambdas/core/fingerprint';
import type { EnvironmentSnapshot, Observation } from '../lambdas/core/model';
import { makeValue } from '../lambdas/core/values/value';
import { recordAudit } from '../lambdas/use-cases/record-audit';

const ENVS = ['staging', 'production-us', 'production-eu', 'dev'];
const KEYS = 10_000;
const fp = makeFingerprinter(Buffer.alloc(32, 3));

function snapshots(): EnvironmentSnapshot[] {
  return ENVS.map((environment) => {
    const label = { index: 0, type: 'ssm' as const, label: `ssm /${environment}/app/` };
    const observations: Observation[] = [];
    for (let i = 0; i < KEYS / ENVS.length; i++) {
      const drift = environment === 'production-eu' && i % 100 === 0;
      observations.push({
        key: `service.setting.${i}`,
        rawKey: `/${environment}/app/service/setting_${i}`,
        value: makeValue(drift ? `${i + 1}s` : `${i}s`, i % 50 === 0, fp),
        origin: { source: label, location: `/${environment}/app/service/setting_${i}`, version: 1 },
      });
    }
    return {
      environment,
      sources: [{ source: label, observations, dangling: [], errors: [], referable: { path: `/${environment}/app/` } }],
    };
  });
}

async function main(): Promise<void> {
  const text = `version: 1\nname: bench\nenvironments:\n${ENVS.map((e) => `  ${e}:\n    sources:\n      - ssm: { path: /${e}/app/ }`).join('\n')}\nparity:\n  - { name: all, environments: [${ENVS.join(', ')}] }\nbaseline:\n  undeclared: ignore\n`;
  const doc = parseEstateDocument(text, 'drift.yaml');
  if (!doc.ok) throw new Error('bench estate invalid');
  const built = assembleEstate(doc, 'bench');
  if (!built.ok) throw new Error('bench estate invalid');
  const estate = built.estate;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-store-bench-'));
  const engine = await startEmbeddedDynamoDb(dir);
  const client = embeddedClient(engine.endpoint);
  try {
    await ensureTable(client, 'drift');
    const store = new DynamoDbStore({ client, table: 'drift' });
    const rows: string[] = [];
    let previous = store.stats();
    for (const [name, day] of [
      ['first run', 1],
      ['unchanged re-run', 2],
      ['unchanged re-run', 3],
    ] as const) {
      const at = new Date(Date.UTC(2026, 10, day, 2));
      const result = audit(estate, snapshots(), at);
      const started = process.hrtime.bigint();
      const recorded = await recordAudit({
        store,
        estate,
        result,
        runId: `bench-${day}`,
        now: at,
        keyId: fp.keyId,
        baseline: { file: 'drift.yaml', sha256: 'bench' },
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const s = store.stats();
      rows.push(
        `| ${name} | ${recorded.result.findings.length} | ${s.writes - previous.writes} | ${(s.writeUnits - previous.writeUnits).toFixed(0)} | ${s.reads - previous.reads} | ${(s.readUnits - previous.readUnits).toFixed(1)} | ${Math.round(ms)} |`,
      );
      previous = s;
    }
    process.stdout.write(
      [
        `## Store cost: ${KEYS.toLocaleString('en')} keys in ${ENVS.length} environments (embedded engine, same code as DynamoDB)`,
        '',
        '| run | findings | items written | write units | reads | read units | ms |',
        '|---|---|---|---|---|---|---|',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    client.destroy();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
