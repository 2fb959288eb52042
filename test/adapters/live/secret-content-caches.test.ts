import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { StoreTaskDefinitionCache } from '../../../lambdas/adapters/live/ecs/store-task-definition-cache';
import { SsmCollector } from '../../../lambdas/adapters/live/ssm/ssm-collector';
import type { Observation } from '../../../lambdas/core/model';
import type { AuditStore } from '../../../lambdas/ports/audit-store';
import { testContext, testFingerprinter, testLabel } from '../../helpers/context';
import { canonicalKey } from '../../../lambdas/core/keys';
import { makeValue } from '../../../lambdas/core/values/value';

describe('what live collectors keep across runs never holds a credential', () => {
  it('a task definition is stored with no value at all, each a keyed fingerprint; a later run finds the values in its own previous snapshot', async () => {
    const stored = new Map<string, unknown>();
    const store = {
      getCached: async (_k: string, key: string) => stored.get(key),
      putCached: async (_k: string, key: string, v: unknown) => void stored.set(key, v),
    } as unknown as AuditStore;
    const fp = async () => testFingerprinter();
    const td = (env: Array<{ name: string; value: string }>) => ({ containerDefinitions: [{ name: 'api', environment: env }] });
    const values = [
      { name: 'LOG_LEVEL', value: 'INFO' },
      // Neither name nor content says secret: another estate may declare it so, another source hold it as a SecureString.
      { name: 'LICENSE_CODE', value: 'CANARYlicense42' },
    ];
    const url = [{ name: 'DATABASE_URL', value: 'postgres://orders:CANARY@db:5432/orders' }];
    await new StoreTaskDefinitionCache(store, fp).put('arn:td:1', td(values));
    await new StoreTaskDefinitionCache(store, fp).put('arn:td:2', td(url));
    expect(JSON.stringify([...stored.values()])).not.toMatch(/CANARY|INFO|orders/);

    // A new run (a new cache over the same store): with no previous snapshot, or one that holds a
    // value only as a fingerprint (its estate calls it secret), it describes the revision again.
    const later = () => new StoreTaskDefinitionCache(store, fp);
    const ctx = testContext(testLabel('ecs'));
    const seen = (secret: boolean): Observation[] =>
      values.map(({ name, value }) => ({
        key: canonicalKey(name),
        rawKey: name,
        value: makeValue(value, secret && name !== 'LOG_LEVEL', ctx.fp),
        origin: { source: ctx.source, location: `taskdef api:1 container api environment ${name}` },
      }));
    expect(await later().get('arn:td:1')).toBeUndefined();
    expect(await later().get('arn:td:1', async () => undefined)).toBeUndefined();
    expect(await later().get('arn:td:1', async () => seen(true))).toBeUndefined();
    expect(await later().get('arn:td:1', async () => seen(false))).toEqual(td(values));
    // A snapshot keeps a password in a URL masked: such a revision is described again every run.
    const masked: Observation[] = url.map(({ name, value }) => ({
      key: canonicalKey(name),
      rawKey: name,
      value: makeValue(value, false, ctx.fp),
      origin: { source: ctx.source, location: name },
    }));
    expect(masked[0]?.value.kind).not.toBe('text');
    expect(await later().get('arn:td:2', async () => masked)).toBeUndefined();
  });

  it('a plain value stored by an earlier drift that is a credential by content is read again, not reused', async () => {
    const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const mock = mockClient(client);
    const path = '/production/shop/';
    const meta = [
      { Name: `${path}payments`, Type: 'String' as const, Version: 3 },
      { Name: `${path}log_level`, Type: 'String' as const, Version: 1 },
    ];
    mock.on(DescribeParametersCommand).resolves({ Parameters: meta });
    mock.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
      Parameters: input.Names.map((n) => ({
        Name: n,
        Type: 'String',
        Version: n.endsWith('payments') ? 3 : 1,
        Value: n.endsWith('payments') ? 'sk_live_CANARYstr1pe9xQ2mLk7PzR4vW' : 'INFO',
      })),
    }));
    const ctx = testContext(testLabel('ssm'));
    const previous: Observation[] = [
      {
        key: 'payments',
        rawKey: `${path}payments`,
        value: { kind: 'text', text: 'sk_live_CANARYstr1pe9xQ2mLk7PzR4vW' },
        origin: { source: ctx.source, location: `${path}payments`, version: 3 },
      },
      {
        key: 'log.level',
        rawKey: `${path}log_level`,
        value: { kind: 'text', text: 'INFO' },
        origin: { source: ctx.source, location: `${path}log_level`, version: 1 },
      },
    ];
    const r = await new SsmCollector({ ssm: client, limit: (_f, call) => call() }).collect(path, ctx, async () => previous);
    expect(mock.commandCalls(GetParametersCommand).flatMap((c) => c.args[0].input.Names)).toEqual([`${path}payments`]);
    expect(r.observations.find((o) => o.key === 'payments')?.value.kind).toBe('secret');
    expect(JSON.stringify(r.observations)).not.toContain('CANARY');
  });
});
