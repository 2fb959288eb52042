import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { MemoryTaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/task-definition-cache';
import { LiveSourceCollector } from '../../../../lambdas/adapters/live/live-collector';
import { LimiterRegistry } from '../../../../lambdas/adapters/live/rate-limiter';
import { LIVE_KINDS, type LiveClients } from '../../../../lambdas/adapters/live/live-kinds';
import { secretsManagerAccess } from '../../../../lambdas/adapters/live/secretsmanager/secretsmanager-access';
import { effectiveConfig } from '../../../../lambdas/core/engine/effective-config';
import type { EnvironmentSpec } from '../../../../lambdas/core/estate/model';
import { sourceLabel } from '../../../../lambdas/core/estate/source-label';
import type { SourceSnapshot } from '../../../../lambdas/core/model';
import type { SpecOf } from '../../../../lambdas/core/source-kinds/registry';
import { testContext, testFingerprinter, testLabel } from '../../../helpers/context';

const CANARY = 'CANARY-sm-adapter-51c0';
const ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/api-AbCdEf';
const TEXT = JSON.stringify({ DB_PASSWORD: CANARY, db: { pool: { max: 20 } } });
const where = { partition: 'aws', account: '123456789012', region: 'us-east-1' };
const spec = (extra: Partial<SpecOf<'secretsmanager'>> = {}): SpecOf<'secretsmanager'> => ({
  type: 'secretsmanager',
  index: 0,
  secretId: 'prod/api',
  ...extra,
});

describe('the secretsmanager grants', () => {
  const read = (s: SpecOf<'secretsmanager'>, scope = {}) => secretsManagerAccess.read(s, scope)!;

  it('allow GetSecretValue on exactly the declared secrets: a name or a partial ARN with its six-character suffix', () => {
    const reads = [
      read(spec()),
      read(spec({ secretId: 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:shared/keys' })),
      read(spec({ secretId: ARN })),
      read(spec({ secretId: 'staging/api' }), { region: 'eu-west-1', account: '111111111111' }),
    ];
    const [get, decrypt] = secretsManagerAccess.grants(reads, where);
    expect(get).toEqual({
      sid: 'ReadDeclaredSecrets',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [
        'arn:aws:secretsmanager:eu-west-1:111111111111:secret:staging/api-??????',
        'arn:aws:secretsmanager:eu-west-1:210987654321:secret:shared/keys-??????',
        'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/api-AbCdEf',
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-??????',
      ],
    });
    expect(decrypt).toEqual({
      sid: 'DecryptSecretsViaSecretsManager',
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'kms:ViaService': ['secretsmanager.eu-west-1.amazonaws.com', 'secretsmanager.us-east-1.amazonaws.com'] },
      },
    });
    expect(secretsManagerAccess.wildcards(reads, where)).toEqual(['*']);
  });

  it('a recorded source reads nothing live; an ARN of another region than the source is a deploy problem', () => {
    expect(secretsManagerAccess.read(spec({ from: ['s.json'] }), {})).toBeUndefined();
    const env: EnvironmentSpec = { name: 'prod', region: 'eu-west-1', sources: [] };
    expect(secretsManagerAccess.problems(spec({ secretId: ARN }), env)).toEqual([
      { field: 'secretId', message: 'is in us-east-1, but the source is read in eu-west-1' },
    ]);
    expect(secretsManagerAccess.problems(spec({ secretId: ARN, region: 'us-east-1' }), env)).toEqual([]);
    expect(secretsManagerAccess.problems(spec(), env)).toEqual([]);
  });

  it('reads with the same secret in the same place are one', () => {
    const a = read(spec(), { region: 'us-east-1', account: '1' });
    expect(secretsManagerAccess.key(a)).toBe(secretsManagerAccess.key(read(spec(), { region: 'us-east-1', account: '1' })));
    expect(secretsManagerAccess.key(a)).not.toBe(secretsManagerAccess.key(read(spec(), { region: 'eu-west-1', account: '1' })));
  });
});

describe('a live secretsmanager source through the live collector', () => {
  const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const mock = mockClient(client);
  beforeEach(() => mock.reset());

  async function collect(): Promise<SourceSnapshot> {
    const s = spec();
    const label = sourceLabel(s);
    const collector = new LiveSourceCollector(
      { collect: async () => Promise.reject(new Error('no recorded sources here')) },
      {
        clients: () => ({ region: 'us-east-1', secretsManager: client }) as unknown as LiveClients,
        limiters: new LimiterRegistry(),
        previous: async () => undefined,
        taskDefinitions: new MemoryTaskDefinitionCache(),
        now: () => new Date('2026-11-24T02:00:00Z'),
      },
    );
    return collector.collect(s, label, testContext(label), { name: 'prod', region: 'us-east-1', sources: [s] });
  }

  it('calls only what its kind declares, and keeps what ECS references resolve against', async () => {
    mock.on(GetSecretValueCommand).resolves({ ARN, Name: 'prod/api', VersionId: 'v-9', SecretString: TEXT, VersionStages: ['AWSCURRENT'] });
    const snapshot = await collect();
    expect(snapshot.errors).toEqual([]);
    const sent = mock.calls().map((c) => `secretsmanager:${(c.args[0] as object).constructor.name.replace(/Command$/, '')}`);
    expect(sent).toEqual(['secretsmanager:GetSecretValue']);
    expect(LIVE_KINDS.secretsmanager.access.calls).toContain('secretsmanager:GetSecretValue');
    expect(JSON.stringify(snapshot)).not.toContain(CANARY);

    const ecsLabel = testLabel('ecs', 'ecs (recorded)', 1);
    const ecs: SourceSnapshot = {
      source: ecsLabel,
      observations: [
        {
          key: 'db.password',
          rawKey: 'DB_PASSWORD',
          value: { kind: 'ref', target: `${ARN}:DB_PASSWORD::` },
          origin: { source: ecsLabel, location: 'taskdef api:1 container api secrets DB_PASSWORD' },
          ref: { kind: 'secretsmanager', target: `${ARN}:DB_PASSWORD::` },
        },
      ],
      dangling: [],
      errors: [],
    };
    const config = effectiveConfig({ environment: 'prod', sources: [snapshot, ecs] });
    const fp = testFingerprinter();
    expect(config.entries.get('db.password')?.value).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId });
    expect(config.resolvedFrom.get('db.password')?.location).toBe('prod/api DB_PASSWORD');
  });

  it('a failed read keeps nothing to resolve against: its references are not called dangling', async () => {
    mock.on(GetSecretValueCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $fault: 'client' }));
    const snapshot = await collect();
    expect(snapshot.errors[0]).toMatch(/^secretsmanager GetSecretValue on prod\/api: AccessDeniedException \(not authorised\)/);
    expect(snapshot.referable).toBeUndefined();
  });
});
