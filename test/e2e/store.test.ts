import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { embeddedClient, startEmbeddedDynamoDb } from '../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { copyOfExamples, drift } from '../helpers/cli';
import { inflateStored } from '../../lambdas/adapters/dynamodb/observation-codec';

interface F {
  id: string;
  kind: string;
  environment?: string;
  key?: string;
  status?: string;
  firstSeen?: string;
  expected?: string;
  actual?: string;
  reason?: string;
  source?: { modifiedBy?: string };
}
interface Doc {
  findings: F[];
  resolved: F[];
}

const T1 = new Date('2026-11-24T02:00:00Z');
const T2 = new Date('2026-11-25T02:00:00Z');
const T3 = new Date('2026-11-26T02:00:00Z');

async function auditJson(dir: string, now: Date, extra: string[] = []): Promise<{ code: number; doc: Doc }> {
  const r = await drift(['audit', '--format', 'json', ...extra], { cwd: dir, now });
  return { code: r.code, doc: JSON.parse(r.stdout) as Doc };
}

/** Every item of the embedded store as text, with compressed chunks opened, to look for secrets. */
async function storeText(dir: string): Promise<{ text: string; items: number }> {
  const engine = await startEmbeddedDynamoDb(path.join(dir, '.drift', 'store'));
  const client = embeddedClient(engine.endpoint);
  try {
    let text = '';
    let items = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: 'drift', ExclusiveStartKey: start as never }));
      for (const item of page.Items ?? []) {
        items++;
        for (const v of Object.values(item)) text += v.B ? inflateStored(v.B).toString('utf8') : JSON.stringify(v);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return { text, items };
  } finally {
    client.destroy();
    await engine.close();
  }
}

describe('drift audit with the embedded store', () => {
  test('first run: every finding new; unchanged re-run: every finding open; a fixed value: changed + resolved', async () => {
    const dir = copyOfExamples();
    const first = await auditJson(dir, T1);
    expect(first.code).toBe(1);
    expect(new Set(first.doc.findings.map((f) => f.status))).toEqual(new Set(['new']));
    expect(first.doc.findings.filter((f) => f.kind === 'changed')).toEqual([]);

    // Before any change: what the store holds and what its source says of it, not only "no recorded change".
    const unchanged = await drift(['history', 'production-us', 'API_TIMEOUT', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(unchanged.stdout)).toMatchObject({
      changes: [],
      current: { value: '120', source: { type: 'ssm', location: '/production-us/checkout/api/timeout' } },
    });
    const told = await drift(['history', 'production-us', 'API_TIMEOUT'], { cwd: dir });
    expect(told.stdout).toMatch(/no recorded change[^\n]*\n  stored value: 120  ·  ssm \/production-us\/checkout\/api\/timeout/);

    const second = await auditJson(dir, T2);
    expect(second.doc.findings.map((f) => f.id)).toEqual(first.doc.findings.map((f) => f.id));
    expect(new Set(second.doc.findings.map((f) => f.status))).toEqual(new Set(['open']));
    expect(new Set(second.doc.findings.map((f) => f.firstSeen))).toEqual(new Set([T1.toISOString()]));
    expect(second.doc.resolved).toEqual([]);

    // The on-call engineer puts production-us's API timeout back to 30.
    const ssm = path.join(dir, 'exports', 'production-us-ssm.json');
    const doc = JSON.parse(readFileSync(ssm, 'utf8')) as {
      Parameters: Array<{ Name: string; Value: string; Version: number; LastModifiedUser?: string }>;
    };
    const p = doc.Parameters.find((x) => x.Name === '/production-us/checkout/api/timeout')!;
    Object.assign(p, { Value: '30', Version: p.Version + 1, LastModifiedUser: 'arn:aws:sts::222222222222:assumed-role/oncall/bob' });
    writeFileSync(ssm, JSON.stringify(doc));

    const third = await auditJson(dir, T3);
    expect(third.doc.findings.filter((f) => f.kind === 'changed')).toEqual([
      expect.objectContaining({
        environment: 'production-us',
        key: 'api.timeout',
        expected: '120',
        actual: '30',
        source: expect.objectContaining({ modifiedBy: 'arn:aws:sts::222222222222:assumed-role/oncall/bob' }),
      }),
    ]);
    expect(third.doc.resolved).toEqual([
      expect.objectContaining({ kind: 'mismatch', environment: 'production-us', key: 'api.timeout', reason: 'value fixed' }),
    ]);
    expect(third.doc.findings.some((f) => f.kind === 'mismatch' && f.key === 'api.timeout')).toBe(false);
    expect(third.code).toBe(1);

    const history = await drift(['history', 'production-us', 'API_TIMEOUT', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(history.stdout).changes).toEqual([expect.objectContaining({ before: '120', after: '30', at: T3.toISOString() })]);
    const explain = await drift(['explain', 'production-us', 'api.timeout'], { cwd: dir, now: T3 });
    expect(explain.stdout).toContain('120 → 30');

    // No secret value in any stored item: every SecureString of the example, and the Secret data.
    const { text } = await storeText(dir);
    for (const secret of [
      'fake-psp-key-production-us-11111111111111',
      'fake-db-password-production-eu-do-not-use',
      'fake-smtp-password-production-eu',
      'fake-webhook-signing-secret-staging',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('/production-us/checkout/api/timeout');
  });

  test('re-running the same run id changes nothing', async () => {
    const dir = copyOfExamples();
    const a = await auditJson(dir, T1, ['--run-id', 'nightly-1']);
    const before = await storeText(dir);
    const b = await auditJson(dir, T1, ['--run-id', 'nightly-1']);
    const after = await storeText(dir);
    expect(after).toEqual(before);
    expect(b.doc.findings.map((f) => [f.id, f.status])).toEqual(a.doc.findings.map((f) => [f.id, f.status]));
  });

  test('--no-store and --as-of write nothing; --env audits one environment and carries the others forward', async () => {
    const dir = copyOfExamples();
    const none = await auditJson(dir, T1, ['--no-store']);
    expect(none.doc.findings.every((f) => f.status === undefined)).toBe(true);
    await auditJson(dir, T1);
    const staging = await auditJson(dir, T2, ['--env', 'staging']);
    expect(staging.doc.resolved).toEqual([]);
    const all = await auditJson(dir, T3);
    expect(all.doc.resolved).toEqual([]);
    expect(new Set(all.doc.findings.map((f) => f.status))).toEqual(new Set(['open']));
  });
});
