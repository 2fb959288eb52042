import * as fs from 'node:fs';
import * as path from 'node:path';
import { ecsRecording } from '../../../lambdas/core/recordings/ecs-recording';
import { ecsDocumentAsRead } from '../../../lambdas/core/sources/ecs-read-fields';
import { parseEcs, parseValueFrom, type EcsInputs, type EcsOptions } from '../../../lambdas/core/sources/ecs';
import { comparedReference } from '../../../lambdas/core/sources/ecs-env';
import { ecsHome, taskHome } from '../../../lambdas/core/sources/ecs-home';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { testContext, testFingerprinter, testLabel } from '../../helpers/context';

const CANARY = 'CANARY-s3cr3t-7f1e';
const REALWORLD = path.join(__dirname, '../../fixtures/realworld/aws-containers-task-definitions');
const ctx = testContext(testLabel('ecs', 'ecs exports/ (recorded)'));

const ecs = (documents: unknown[], opts: EcsOptions = {}, envFiles: EcsInputs['envFiles'] = []): SourceParseResult =>
  parseEcs({ documents: documents.map((json, i) => ({ file: `doc${i}.json`, json })), envFiles }, opts, ctx);
/** The observation of a key that applies: the last of it (an environment list's repeated name is listed earlier too). */
const obs = (r: SourceParseResult, key: string) => r.observations.filter((o) => o.key === key).at(-1);
function text(r: SourceParseResult, key: string): string | undefined {
  const v = obs(r, key)?.value;
  return v === undefined ? undefined : v.kind === 'text' ? v.text : `<${v.kind}>`;
}
const runtime = (r: SourceParseResult): Record<string, string | undefined> =>
  Object.fromEntries(r.observations.filter((o) => o.key.startsWith('runtime.')).map((o) => [o.key, text(r, o.key)]));

/** What `aws ecs describe-task-definition` prints, for family checkout-api revision 42. */
function describeTaskDef(container: Record<string, unknown>, task: Record<string, unknown> = {}, more: unknown[] = []) {
  return {
    taskDefinition: {
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/checkout-api:42',
      family: 'checkout-api',
      revision: 42,
      cpu: '1024',
      memory: '2048',
      containerDefinitions: [{ name: 'api', image: 'example/api:1', essential: true, ...container }, ...more],
      registeredAt: '2026-11-20T09:15:00.123000+01:00',
      registeredBy: 'arn:aws:sts::123456789012:assumed-role/deployer/ci',
      ...task,
    },
    tags: [],
  };
}

const service = (extra: Record<string, unknown> = {}) => ({
  serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/staging/api-server',
  serviceName: 'api-server',
  clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/staging',
  status: 'ACTIVE',
  desiredCount: 3,
  runningCount: 3,
  taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/checkout-api:42',
  ...extra,
});

describe('real-world task definitions (register-task-definition shape), read as they are', () => {
  it.each([
    [
      'ConsulClient.json',
      undefined,
      { 'runtime.cpu': '0.125', 'runtime.memory': '64Mi', 'runtime.memory.limit': '256Mi' },
      { consul_bind_interface: 'eth0', 'enable.debug': 'true' },
    ],
    [
      'ConsulServer.json',
      undefined,
      { 'runtime.cpu': '0.125', 'runtime.memory': '64Mi', 'runtime.memory.limit': '256Mi' },
      { 'consul.bind.interface': 'eth0' },
    ],
    // Task-level cpu/memory as strings; the container reserves memory but no cpu.
    [
      'gunicorn_fargate.json',
      'gunicorn',
      { 'runtime.cpu': '0.5', 'runtime.cpu.limit': '0.5', 'runtime.memory': '1024Mi', 'runtime.memory.limit': '1024Mi' },
      {},
    ],
    [
      'kibana_fargate.json',
      undefined,
      { 'runtime.cpu': '1', 'runtime.cpu.limit': '1', 'runtime.memory': '2048Mi', 'runtime.memory.limit': '2048Mi' },
      { 'elasticsearch.url': '<ES-URL>' },
    ],
    [
      'nginx_fargate.json',
      'nginx',
      { 'runtime.cpu': '0.25', 'runtime.cpu.limit': '0.25', 'runtime.memory': '256Mi', 'runtime.memory.limit': '256Mi' },
      {},
    ],
    [
      'tomcat_fargate.json',
      'tomcat-webserver',
      { 'runtime.cpu': '1', 'runtime.cpu.limit': '1', 'runtime.memory': '256Mi', 'runtime.memory.limit': '256Mi' },
      {},
    ],
  ])('%s', (file, container, expectedRuntime, expectedEnv) => {
    const full = path.join(REALWORLD, file);
    const json: unknown = JSON.parse(fs.readFileSync(full, 'utf8'));
    const r = parseEcs({ documents: [{ file: full, json }], envFiles: [] }, container ? { container } : {}, ctx);
    expect(r.errors).toEqual([]);
    // A task definition says nothing about replicas or autoscaling: unknown, so not emitted.
    expect(runtime(r)).toEqual(expectedRuntime);
    for (const [key, want] of Object.entries(expectedEnv)) expect([key, text(r, key.replace(/_/g, '.'))]).toEqual([key, want]);
  });

  it('locations name the family (no revision in this shape)', () => {
    const json: unknown = JSON.parse(fs.readFileSync(path.join(REALWORLD, 'kibana_fargate.json'), 'utf8'));
    const r = parseEcs({ documents: [{ file: 'kibana_fargate.json', json }], envFiles: [] }, {}, ctx);
    expect(obs(r, 'elasticsearch.url')?.origin).toEqual({
      source: ctx.source,
      location: 'taskdef kibana container kibana environment ELASTICSEARCH_URL',
    });
  });
});

describe('describe-task-definition output', () => {
  const r = ecs([describeTaskDef({ environment: [{ name: 'DB_TIMEOUT', value: '10s' }] })]);
  it('reads family:revision, registeredAt and registeredBy into the origin', () => {
    expect(r.errors).toEqual([]);
    expect(obs(r, 'db.timeout')).toMatchObject({
      rawKey: 'DB_TIMEOUT',
      value: { kind: 'text', text: '10s' },
      origin: {
        location: 'taskdef checkout-api:42 container api environment DB_TIMEOUT',
        version: 42,
        modifiedAt: '2026-11-20T08:15:00.123Z',
        modifiedBy: 'arn:aws:sts::123456789012:assumed-role/deployer/ci',
      },
    });
  });
  it('epoch-second timestamps (raw API JSON) become ISO too', () => {
    const r2 = ecs([describeTaskDef({ environment: [{ name: 'A', value: '1' }] }, { registeredAt: 1795000000 })]);
    expect(obs(r2, 'a')?.origin.modifiedAt).toBe(new Date(1795000000 * 1000).toISOString());
  });
});

// Terraform's `container_definitions = file("containers.json")` and `register-task-definition
// --container-definitions file://containers.json` keep the task definition's containers as a bare list.
describe('a bare list of container definitions, as Terraform and --container-definitions keep it', () => {
  const containers = [
    {
      name: 'website-service',
      image: 'example/website:1.0.0',
      memory: 256,
      memoryReservation: 128,
      environment: [{ name: 'HTTP_CLIENT_TIMEOUT', value: '45s' }],
      secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/prod/website/db_password' }],
    },
    { name: 'log-router', image: 'amazon/aws-for-fluent-bit:stable', environment: [{ name: 'HTTP_CLIENT_TIMEOUT', value: '1s' }] },
  ];
  const r = parseEcs({ documents: [{ file: 'containers.json', json: containers }], envFiles: [] }, { container: 'website-service' }, ctx);

  it('is read as the task definition it is part of', () => {
    expect(r.errors).toEqual([]);
    expect(text(r, 'http.client.timeout')).toBe('45s');
    expect(obs(r, 'db.password')?.value.kind).toBe('ref');
    expect(runtime(r)).toEqual({ 'runtime.memory': '128Mi', 'runtime.memory.limit': '256Mi' });
    expect(obs(r, 'http.client.timeout')?.origin.location).toBe(
      'taskdef containers.json container website-service environment HTTP_CLIENT_TIMEOUT',
    );
  });

  it('is recorded with what the parser reads and reads back the same', () => {
    const reread = parseEcs(
      { documents: [{ file: 'containers.json', json: ecsDocumentAsRead(containers) }], envFiles: [] },
      { container: 'website-service' },
      ctx,
    );
    expect(reread.errors).toEqual([]);
    expect(reread).toEqual(r);
  });

  it('is recorded with a plain secret-named variable as a marker, never its value', () => {
    const leaky = [{ name: 'api', environment: [{ name: 'STRIPE_API_KEY', value: CANARY }] }];
    const recording = ecsRecording({ documents: [{ file: 'containers.json', json: leaky }], envFiles: [] }, {}, ctx);
    expect(recording.files).toHaveLength(1);
    expect(JSON.stringify(recording)).not.toContain(CANARY);
  });
});

describe('precedence inside the container, as the ECS agent applies it', () => {
  const td = describeTaskDef({
    environmentFiles: [
      { value: 'arn:aws:s3:::cfg-bucket/checkout/first.env', type: 's3' },
      { value: 'arn:aws:s3:::cfg-bucket/checkout/second.env', type: 's3' },
    ],
    environment: [
      { name: 'IN_ENV_AND_FILE', value: 'from-environment' },
      { name: 'IN_ENV_AND_SECRET', value: 'from-environment' },
      { name: 'TWICE', value: 'one' },
      { name: 'TWICE', value: 'two' },
    ],
    secrets: [
      { name: 'IN_ENV_AND_SECRET', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/staging/api/shared' },
      { name: 'DB_PASSWORD_REF', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/production/api/db_password' },
    ],
  });
  const envFiles = [
    { file: 'exports/second.env', text: 'IN_BOTH_FILES=second\nONLY_SECOND=2\n' },
    { file: 'exports/first.env', text: `# staging\nIN_BOTH_FILES=first\nIN_ENV_AND_FILE=from-file\nDB_PASSWORD=${CANARY}\n` },
  ];
  const r = ecs([td], {}, envFiles);

  it('reads without errors', () => expect(r.errors).toEqual([]));
  it('environment wins over environment files', () => expect(text(r, 'in.env.and.file')).toBe('from-environment'));
  it('among environment files the first listed wins', () => expect(text(r, 'in.both.files')).toBe('first'));
  it('files match the inputs by name, wherever they were recorded', () => expect(text(r, 'only.second')).toBe('2'));
  it('secrets win over environment', () =>
    // A parameter of the task's own region and account: compared by its name, as ECS resolves one.
    expect(obs(r, 'in.env.and.secret')?.value).toEqual({ kind: 'ref', target: '/staging/api/shared' }));
  it('a later environment entry wins over an earlier one', () => expect(text(r, 'twice')).toBe('two'));

  it('lists as earlier only what an environment entry set before, never a file value environment wins over', () => {
    const repeated = describeTaskDef({
      environmentFiles: [{ value: 'arn:aws:s3:::cfg-bucket/checkout/first.env', type: 's3' }],
      environment: [
        { name: 'FROM_FILE_ONCE', value: 'env' },
        { name: 'FROM_FILE_TWICE', value: 'env-1' },
        { name: 'PLAIN', value: 'p' },
        { name: 'FROM_FILE_TWICE', value: 'env-2' },
        { name: 'THRICE', value: 't1' },
        { name: 'THRICE', value: 't2' },
        { name: 'THRICE', value: 't3' },
      ],
    });
    const files = [{ file: 'exports/first.env', text: 'FROM_FILE_ONCE=file\nFROM_FILE_TWICE=file\n' }];
    const read = ecs([repeated], {}, files);
    const texts = (key: string) =>
      read.observations.filter((o) => o.key === key).map((o) => (o.value.kind === 'text' ? o.value.text : o.value.kind));
    expect(read.errors).toEqual([]);
    expect(texts('from.file.once')).toEqual(['env']);
    expect(texts('from.file.twice')).toEqual(['env-1', 'env-2']);
    expect(texts('plain')).toEqual(['p']);
    expect(texts('thrice')).toEqual(['t1', 't2', 't3']);
  });

  it('environment-file values are fingerprinted when the name says secret', () => {
    const fp = testFingerprinter();
    expect(obs(r, 'db.password')?.value).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId });
    expect(obs(r, 'db.password')?.origin.location).toBe(
      'taskdef checkout-api:42 container api environmentFiles s3://cfg-bucket/checkout/first.env:4 DB_PASSWORD',
    );
  });

  it('secrets are references, resolved elsewhere', () => {
    expect(obs(r, 'db.password.ref')).toMatchObject({
      value: { kind: 'ref', target: '/production/api/db_password' },
      ref: { kind: 'ssm-parameter', target: '/production/api/db_password' },
      origin: { location: 'taskdef checkout-api:42 container api secrets DB_PASSWORD_REF' },
    });
  });

  it('never shows the canary', () => expect(JSON.stringify(r)).not.toContain(CANARY));

  it('two files of one key in different buckets are each read, live (s3:// names) or recorded (bucket folders)', () => {
    const twoBuckets = describeTaskDef({
      environmentFiles: [
        { value: 'arn:aws:s3:::shared-config/prod.env', type: 's3' },
        { value: 'arn:aws:s3:::team-config/prod.env', type: 's3' },
      ],
    });
    const shared = 'SHARED_ONLY=1\nIN_BOTH=shared\n';
    const team = 'TEAM_ONLY=2\nIN_BOTH=team\n';
    for (const files of [
      [
        { file: 's3://shared-config/prod.env', text: shared },
        { file: 's3://team-config/prod.env', text: team },
      ],
      [
        { file: 'exports/shared-config/prod.env', text: shared },
        { file: 'exports/team-config/prod.env', text: team },
      ],
    ]) {
      const read = ecs([twoBuckets], {}, files);
      expect(read.errors).toEqual([]);
      expect([text(read, 'shared.only'), text(read, 'team.only'), text(read, 'in.both')]).toEqual(['1', '2', 'shared']);
    }
    // A recording of the live read keeps each under its bucket, and reads back the same.
    const live = {
      documents: [{ file: 'doc0.json', json: twoBuckets }],
      envFiles: [
        { file: 's3://shared-config/prod.env', text: shared },
        { file: 's3://team-config/prod.env', text: team },
      ],
    };
    const recorded = ecsRecording(live, {}, ctx).files.filter((f) => f.path.endsWith('.env'));
    expect(recorded.map((f) => f.path)).toEqual(['environment-files/shared-config/prod.env', 'environment-files/team-config/prod.env']);
    const reread = ecs(
      [twoBuckets],
      {},
      recorded.map((f) => ({ file: f.path, text: f.text })),
    );
    expect([text(reread, 'shared.only'), text(reread, 'team.only'), text(reread, 'in.both')]).toEqual(['1', '2', 'shared']);
  });

  it('an environment file missing from the inputs is an error naming the S3 object; the rest is kept', () => {
    const r2 = ecs([td], {}, [envFiles[0] as EcsInputs['envFiles'][number]]);
    expect(r2.errors).toEqual([
      'taskdef checkout-api:42 container api: environment file arn:aws:s3:::cfg-bucket/checkout/first.env is not among the inputs (expected a file named first.env)',
    ]);
    expect(text(r2, 'in.both.files')).toBe('second');
    expect(text(r2, 'twice')).toBe('two');
  });

  it('an environment-file line that is no assignment is ignored, as the ECS agent ignores it, and never quoted', () => {
    const r3 = ecs([td], {}, [{ file: 'exports/first.env', text: `${CANARY}\nA=1\n` }, envFiles[0] as EcsInputs['envFiles'][number]]);
    expect(r3.errors).toEqual([]);
    expect(text(r3, 'a')).toBe('1');
    expect(JSON.stringify(r3)).not.toContain(CANARY);
  });
});

describe('comparedReference: an unresolved reference as it is compared', () => {
  const home = taskHome('arn:aws:ecs:us-east-1:123456789012:task-definition/checkout-api:42');
  it.each([
    ['arn:aws:ssm:us-east-1:123456789012:parameter/shared/flag', home, '/shared/flag'],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/flag', home, 'flag'],
    // Another account or region is another parameter.
    ['arn:aws:ssm:us-east-1:999999999999:parameter/shared/flag', home, 'arn:aws:ssm:us-east-1:999999999999:parameter/shared/flag'],
    ['arn:aws:ssm:eu-west-1:123456789012:parameter/shared/flag', home, 'arn:aws:ssm:eu-west-1:123456789012:parameter/shared/flag'],
    // Without the task's ARN (a register-task-definition input) the reference stays as written.
    ['arn:aws:ssm:us-east-1:123456789012:parameter/shared/flag', undefined, 'arn:aws:ssm:us-east-1:123456789012:parameter/shared/flag'],
    [
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password::',
      home,
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password::',
    ],
  ])('%s → %s', (valueFrom, at, want) => expect(comparedReference(valueFrom, at)).toBe(want));
});

describe('ecsHome: where a task runs, from the most certain witness', () => {
  const td = (fields: Record<string, unknown>) => ({ file: 'td.json', td: { family: 'api', containerDefinitions: [], ...fields } });
  const roles = { executionRoleArn: 'arn:aws:iam::111111111111:role/exec' };
  const logs = { name: 'app', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': 'eu-west-1' } } };
  const service = { service: { serviceArn: 'arn:aws:ecs:us-east-2:333333333333:service/prod/api' }, name: 'api' };
  it.each([
    [
      'its own ARN',
      td({ taskDefinitionArn: 'arn:aws:ecs:us-east-1:222222222222:task-definition/api:3', ...roles }),
      undefined,
      undefined,
      { region: 'us-east-1', account: '222222222222' },
    ],
    ["the service's ARN", td(roles), service, undefined, { region: 'us-east-2', account: '333333333333' }],
    [
      'the estate, before the roles',
      td(roles),
      undefined,
      { region: 'ap-south-1', account: '444444444444' },
      { region: 'ap-south-1', account: '444444444444' },
    ],
    [
      "the roles' account, in the region it logs to",
      td({ ...roles, containerDefinitions: [logs] }),
      undefined,
      undefined,
      { region: 'eu-west-1', account: '111111111111' },
    ],
    [
      "the roles' account, in the estate's region",
      td(roles),
      undefined,
      { region: 'us-west-2' },
      { region: 'us-west-2', account: '111111111111' },
    ],
    ['nothing to say the region', td(roles), undefined, undefined, undefined],
    ['nothing to say the account', td({ containerDefinitions: [logs] }), undefined, undefined, undefined],
  ])('%s', (_what, t, s, declared, want) => expect(ecsHome(t, s, t.td.containerDefinitions[0], declared)).toEqual(want));
});

describe('parseValueFrom', () => {
  it.each([
    ['arn:aws:ssm:us-east-1:123456789012:parameter/production/api/db_password', 'ssm-parameter', '/production/api/db_password'],
    ['arn:aws:ssm:eu-west-1:123456789012:parameter/db_password', 'ssm-parameter', 'db_password'],
    ['arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/a/b', 'ssm-parameter', '/a/b'],
    ['/production/api/db_password', 'ssm-parameter', '/production/api/db_password'],
    ['db_password', 'ssm-parameter', 'db_password'],
    [
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
      'secretsmanager',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
    ],
    [
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password::',
      'secretsmanager',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password::',
    ],
    ['arn:aws:kms:us-east-1:123456789012:key/x', 'other', 'arn:aws:kms:us-east-1:123456789012:key/x'],
  ])('%s', (valueFrom, kind, target) => {
    expect(parseValueFrom(valueFrom)).toEqual({ kind, target });
  });
});

describe('services', () => {
  const td = describeTaskDef({ environment: [{ name: 'A', value: '1' }] });
  it('desiredCount is runtime.replicas', () => {
    const r = ecs([td, { services: [service()], failures: [] }], { service: 'api-server' });
    expect(r.errors).toEqual([]);
    expect(obs(r, 'runtime.replicas')).toMatchObject({
      rawKey: 'desiredCount',
      value: { kind: 'text', text: '3' },
      origin: { location: 'service staging/api-server desiredCount' },
    });
  });

  it('picks the named service, else the only one', () => {
    const two = {
      services: [
        service({ serviceName: 'worker', serviceArn: 'arn:aws:ecs:us-east-1:1:service/staging/worker', desiredCount: 1 }),
        service(),
      ],
    };
    expect(text(ecs([td, two], { service: 'api-server' }), 'runtime.replicas')).toBe('3');
    expect(text(ecs([td, { services: [service()] }]), 'runtime.replicas')).toBe('3');
    expect(ecs([td, two]).errors).toEqual(['several services (worker, api-server): set service']);
  });

  it.each([
    [
      'MISSING failure',
      { services: [], failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/staging/api-server', reason: 'MISSING' }] },
      { service: 'api-server', cluster: 'staging' },
      'service "api-server" not found in cluster staging (MISSING)',
    ],
    [
      'another service only',
      { services: [service({ serviceName: 'worker' })] },
      { service: 'api-server' },
      'service "api-server" not found (found: worker)',
    ],
    [
      'deleted service',
      { services: [service({ status: 'INACTIVE' })] },
      { service: 'api-server' },
      'service "api-server" is INACTIVE (deleted)',
    ],
  ])('%s → error, task definition still read', (_name, doc, opts, error) => {
    const r = ecs([td, doc], opts);
    expect(r.errors).toEqual([error]);
    expect(text(r, 'a')).toBe('1');
    expect(obs(r, 'runtime.replicas')).toBeUndefined();
  });

  it('chooses the task definition the service runs', () => {
    const older = describeTaskDef(
      { environment: [{ name: 'A', value: 'old' }] },
      { revision: 41, taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/checkout-api:41' },
    );
    const r = ecs([older, td, { services: [service()] }]);
    expect(r.errors).toEqual([]);
    expect(text(r, 'a')).toBe('1');
  });

  it('a service running another revision than the one recorded is reported', () => {
    const r = ecs([td, { services: [service({ taskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/checkout-api:43' })] }]);
    expect(r.errors).toEqual(['service "api-server" runs checkout-api:43, but the task definition given is checkout-api:42']);
    expect(text(r, 'a')).toBe('1');
  });

  it('a daemon service has no replicas to compare: its desired count is the number of container instances, as a DaemonSet has none', () => {
    const daemon = service({ schedulingStrategy: 'DAEMON', desiredCount: 7 });
    const r = ecs([td, { services: [daemon] }]);
    expect(r.errors).toEqual([]);
    expect(obs(r, 'runtime.replicas')).toBeUndefined();
    // Recorded as read, it is still a daemon.
    expect(obs(ecs([td, ecsDocumentAsRead({ services: [daemon] })]), 'runtime.replicas')).toBeUndefined();
  });

  it('a service without its task definition still gives replicas', () => {
    const r = ecs([{ services: [service()] }]);
    expect(r.errors).toEqual(['no task definition among the documents']);
    expect(runtime(r)).toEqual({ 'runtime.replicas': '3' });
  });
});

describe('a service as create-service and update-service take and print it', () => {
  // kayac/ecspresso keeps a service as the create-service input beside the task definition (tests/).
  const ECSPRESSO = path.join(__dirname, '../../fixtures/realworld/ecspresso');
  const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(ECSPRESSO, file), 'utf8'));

  it.each([
    [
      'ecs-service-def.json',
      {
        'runtime.cpu': '0.25',
        'runtime.cpu.limit': '1',
        'runtime.memory': '16Mi',
        'runtime.memory.limit': '16Mi',
        'runtime.replicas': '1',
      },
    ],
    // A daemon runs one task per instance: no desired count to compare.
    [
      'ecs-service-def-daemon.json',
      { 'runtime.cpu': '0.25', 'runtime.cpu.limit': '1', 'runtime.memory': '16Mi', 'runtime.memory.limit': '16Mi' },
    ],
  ])('ecspresso td.json with %s', (file, expected) => {
    const docs = [read('td.json'), read(file)];
    const r = ecs(docs, { service: 'katsubushi' });
    expect(r.errors).toEqual([]);
    expect(runtime(r)).toEqual(expected);
    expect(text(r, 'worker.id')).toBe('3');
    // What `drift snapshot --record` keeps of them reads back the same.
    expect(ecs(docs.map(ecsDocumentAsRead), { service: 'katsubushi' }).observations).toEqual(r.observations);
  });

  it('the { service } that create-service and update-service print', () => {
    const td = describeTaskDef({ environment: [{ name: 'A', value: '1' }] });
    const r = ecs([td, { service: service({ desiredCount: 4 }) }]);
    expect(r.errors).toEqual([]);
    expect(obs(r, 'runtime.replicas')).toMatchObject({
      value: { kind: 'text', text: '4' },
      origin: { location: 'service staging/api-server desiredCount' },
    });
    expect(ecs([td, ecsDocumentAsRead({ service: service({ desiredCount: 4 }) })]).observations).toEqual(r.observations);
  });
});

describe('autoscaling (describe-scalable-targets)', () => {
  const td = describeTaskDef({});
  const target = (extra: Record<string, unknown> = {}) => ({
    ServiceNamespace: 'ecs',
    ResourceId: 'service/staging/api-server',
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: 2,
    MaxCapacity: 10,
    RoleARN:
      'arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
    CreationTime: '2026-01-01T00:00:00+00:00',
    SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
    ...extra,
  });
  const keys = (r: SourceParseResult) => [
    text(r, 'runtime.autoscaling.enabled'),
    text(r, 'runtime.autoscaling.min'),
    text(r, 'runtime.autoscaling.max'),
  ];

  it.each([
    ['a target for the service', [target()], ['true', '2', '10']],
    [
      'scale-in and scale-out suspended',
      [target({ SuspendedState: { DynamicScalingInSuspended: true, DynamicScalingOutSuspended: true, ScheduledScalingSuspended: false } })],
      ['false', '2', '10'],
    ],
    [
      'only scheduled scaling suspended',
      [
        target({
          SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: true },
        }),
      ],
      ['true', '2', '10'],
    ],
    ['no target for this service', [target({ ResourceId: 'service/staging/worker' })], ['false', undefined, undefined]],
    ['a target in another cluster', [target({ ResourceId: 'service/production/api-server' })], ['false', undefined, undefined]],
    ['an empty document', [], ['false', undefined, undefined]],
  ])('%s', (_name, targets, expected) => {
    const r = ecs([td, { services: [service()] }, { ScalableTargets: targets }]);
    expect(r.errors).toEqual([]);
    expect(keys(r)).toEqual(expected);
  });

  // `--max-items` leaves a NextToken: the service's target may be on a page that was never recorded.
  it('a page that ends with a NextToken and lacks the target leaves autoscaling unknown, and says why', () => {
    const page = { ScalableTargets: [target({ ResourceId: 'service/staging/worker' })], NextToken: 'eyJOZXh0VG9rZW4iOm51bGx9' };
    const r = ecs([td, { services: [service()] }, page]);
    expect(keys(r)).toEqual([undefined, undefined, undefined]);
    expect(r.errors).toEqual([
      'describe-scalable-targets output ends with a NextToken (one page, --max-items?) and holds no target for service staging/api-server: it may be on a page not recorded',
    ]);
    // The target on the page is read as it is; a later page without a token completes the listing.
    expect(keys(ecs([td, { services: [service()] }, { ...page, ScalableTargets: [target()] }]))).toEqual(['true', '2', '10']);
    expect(keys(ecs([td, { services: [service()] }, page, { ScalableTargets: [] }]))).toEqual(['false', undefined, undefined]);
    expect(ecsDocumentAsRead(page)).toMatchObject({ NextToken: page.NextToken });
  });

  it('without the document, autoscaling is unknown: no keys', () => {
    expect(keys(ecs([td, { services: [service()] }]))).toEqual([undefined, undefined, undefined]);
  });

  it('works from the options when there is no services document', () => {
    expect(keys(ecs([td, { ScalableTargets: [target()] }], { service: 'api-server', cluster: 'staging' }))).toEqual(['true', '2', '10']);
    expect(ecs([td, { ScalableTargets: [target()] }]).errors[0]).toMatch(/service is unknown/);
  });
});

describe('cpu and memory', () => {
  it.each([
    [
      'task "1 vCPU" / "2 GB"',
      {},
      { cpu: '1 vCPU', memory: '2 GB' },
      { 'runtime.cpu': '1', 'runtime.cpu.limit': '1', 'runtime.memory': '2048Mi', 'runtime.memory.limit': '2048Mi' },
    ],
    [
      'task ".5 vCPU"-style',
      {},
      { cpu: '0.5 vCPU', memory: '1GB' },
      { 'runtime.cpu': '0.5', 'runtime.cpu.limit': '0.5', 'runtime.memory': '1024Mi', 'runtime.memory.limit': '1024Mi' },
    ],
    [
      'task numbers',
      {},
      { cpu: 256, memory: 512 },
      { 'runtime.cpu': '0.25', 'runtime.cpu.limit': '0.25', 'runtime.memory': '512Mi', 'runtime.memory.limit': '512Mi' },
    ],
    [
      'container cpu 0 means none reserved',
      { cpu: 0 },
      { cpu: '1536' },
      { 'runtime.cpu': '1.5', 'runtime.cpu.limit': '1.5', 'runtime.memory': '2048Mi', 'runtime.memory.limit': '2048Mi' },
    ],
    [
      'container values win',
      { cpu: 512, memory: 1024, memoryReservation: 512 },
      {},
      { 'runtime.cpu': '0.5', 'runtime.cpu.limit': '1', 'runtime.memory': '512Mi', 'runtime.memory.limit': '1024Mi' },
    ],
    ['nothing at all (EC2)', {}, { cpu: undefined, memory: undefined }, {}],
  ])('%s', (_name, container, task, expected) => {
    const r = ecs([describeTaskDef(container, task)]);
    expect(r.errors).toEqual([]);
    expect(runtime(r)).toEqual(expected);
  });

  it('an unreadable quantity is an error that does not quote it', () => {
    const r = ecs([describeTaskDef({ cpu: CANARY }, { memory: CANARY })]);
    expect(r.errors).toEqual([
      'taskdef checkout-api:42 memory is not a quantity ECS accepts',
      'taskdef checkout-api:42 container api cpu is not a quantity ECS accepts',
    ]);
    expect(runtime(r)).toEqual({ 'runtime.cpu': '1', 'runtime.cpu.limit': '1' });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });
});

describe('containers', () => {
  const two = describeTaskDef({ environment: [{ name: 'ROLE', value: 'api' }] }, {}, [
    { name: 'envoy', environment: [{ name: 'ROLE', value: 'proxy' }] },
  ]);
  it('picks the named container', () => expect(text(ecs([two], { container: 'envoy' }), 'role')).toBe('proxy'));
  it.each([
    [{}, 'taskdef checkout-api:42 has several containers (api, envoy): set container'],
    [{ container: 'web' }, 'container "web" not found in taskdef checkout-api:42 (containers: api, envoy)'],
  ])('%j → error, task-level keys kept', (opts, error) => {
    const r = ecs([two], opts);
    expect(r.errors).toEqual([error]);
    expect(runtime(r)).toEqual({ 'runtime.cpu.limit': '1' });
  });
});

describe('broken input: errors returned, never thrown', () => {
  it.each([
    ['not an object', [CANARY], 'doc0.json: not a JSON object'],
    ['an array', [[{ taskDefinition: {} }]], 'doc0.json: not a JSON object'],
    [
      'an unknown shape',
      [{ password: CANARY }],
      'doc0.json: not an ECS task definition, describe-services or describe-scalable-targets document',
    ],
    [
      // ecs-refarch-cloudformation's service.yaml, as cdk synth and CloudFormation write task definitions.
      'a CloudFormation template',
      [
        {
          Resources: {
            TaskDefinition: {
              Type: 'AWS::ECS::TaskDefinition',
              Properties: {
                ContainerDefinitions: [
                  { Name: 'website', Environment: [{ Name: 'PRODUCT_SERVICE_URL', Value: { Ref: 'ProductServiceUrl' } }] },
                ],
              },
            },
          },
        },
      ],
      'doc0.json: a CloudFormation template, not what ECS runs (its values may be unresolved parameters): record the task definition with aws ecs describe-task-definition',
    ],
    [
      'taskDefinition not an object',
      [{ taskDefinition: CANARY }],
      'doc0.json: taskDefinition is not a task definition (no containerDefinitions list)',
    ],
    [
      'containerDefinitions not a list',
      [{ family: 'x', containerDefinitions: { name: CANARY } }],
      'doc0.json: containerDefinitions is not a list',
    ],
    ['no containers', [{ family: 'x', containerDefinitions: [] }], 'taskdef x has no containers'],
    ['no documents at all', [], 'no task definition among the documents'],
    [
      'environment not a list',
      [{ family: 'x', containerDefinitions: [{ name: 'c', environment: CANARY }] }],
      'taskdef x container c environment is not a list',
    ],
    [
      'environment entries of wrong shapes',
      [{ family: 'x', containerDefinitions: [{ name: 'c', environment: [CANARY, { value: CANARY }] }] }],
      'taskdef x container c environment[0] is not an object',
    ],
    [
      'secrets without valueFrom',
      [{ family: 'x', containerDefinitions: [{ name: 'c', secrets: [{ name: 'S' }] }] }],
      'taskdef x container c secrets[0]: needs name and valueFrom',
    ],
    [
      'several task definitions, no service',
      [
        { family: 'a', containerDefinitions: [{ name: 'c' }] },
        { family: 'b', containerDefinitions: [{ name: 'c' }] },
      ],
      'several task definitions (a, b) and no service naming one of them',
    ],
  ])('%s', (_name, docs, firstError) => {
    const r = ecs(docs as unknown[]);
    expect(r.errors[0]).toBe(firstError);
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });
});

describe('an environment value that is a mapping or a list (a broken recording: ECS stores text)', () => {
  const r = ecs([
    describeTaskDef({
      environment: [
        { name: 'SHAPE', value: { a: 1 } },
        { name: 'LIST', value: [1] },
        { name: 'PORT', value: 8080 },
      ],
    }),
  ]);

  it('is an error naming the variable, not the empty text; the others are read', () => {
    expect(r.errors).toEqual([
      'taskdef checkout-api:42 container api environment SHAPE: value is not text (a mapping or a list)',
      'taskdef checkout-api:42 container api environment LIST: value is not text (a mapping or a list)',
    ]);
    expect(obs(r, 'shape')).toBeUndefined();
    expect(obs(r, 'list')).toBeUndefined();
    expect(text(r, 'port')).toBe('8080');
  });
});

describe('an environment file whose S3 key climbs with .. (a valid key; a task definition may name any)', () => {
  const arn = 'arn:aws:s3:::cfg-bucket/x/../../../../../home/me/.profile.env';
  const td = describeTaskDef({ environmentFiles: [{ value: arn, type: 's3' }] });
  const live = {
    documents: [{ file: 'doc0.json', json: td }],
    envFiles: [{ file: 's3://cfg-bucket/x/../../../../../home/me/.profile.env', text: 'A=1\n' }],
  };

  it('is recorded inside the recording, its .. spelt %2E%2E, and read back the same', () => {
    const recorded = ecsRecording(live, {}, ctx).files.filter((f) => f.path.endsWith('.env'));
    expect(recorded.map((f) => f.path)).toEqual(['environment-files/cfg-bucket/x/%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/home/me/.profile.env']);
    const reread = ecs(
      [td],
      {},
      recorded.map((f) => ({ file: f.path, text: f.text })),
    );
    expect(reread.errors).toEqual([]);
    expect(text(reread, 'a')).toBe('1');
  });
});
