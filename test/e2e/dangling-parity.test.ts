import { drift, scratch } from '../helpers/cli';

// One fact, a reference in one member of a parity group to something that is not there, is a
// dangling-ref in that environment and a parity difference (the key absent there): one cause.
const deployment = (env: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: ${env} }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: x
          env: [{ name: DB_HOST_NAME, valueFrom: { secretKeyRef: { name: db, key: host } } }]
`;
const secret = (env: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata: { name: db, namespace: ${env} }\nstringData:\n  host: db.internal\n`;
const taskDefinition = (env: string) =>
  JSON.stringify({
    taskDefinition: {
      family: 'api',
      revision: 3,
      containerDefinitions: [{ name: 'api', image: 'x', secrets: [{ name: 'DB_HOST_NAME', valueFrom: `/${env}/api/db/host/name` }] }],
    },
  });
const parameters = (env: string, present: boolean) =>
  JSON.stringify({
    Parameters: [
      { Name: `/${env}/api/log/level`, Type: 'String', Value: 'INFO', Version: 1 },
      ...(present ? [{ Name: `/${env}/api/db/host/name`, Type: 'String', Value: 'db.internal', Version: 1 }] : []),
    ],
  });

const estate = (sources: (env: string) => string) => `version: 1
name: shop
environments:
${['staging', 'prod'].map((env) => `  ${env}:\n    region: us-east-1\n    account: "111111111111"\n    sources:\n${sources(env)}`).join('\n')}
parity:
  - { name: stage-vs-prod, environments: [staging, prod] }
baseline:
  undeclared: info
`;

const cases: Array<[string, Record<string, string>]> = [
  [
    'a secretKeyRef to a Secret that prod does not have',
    {
      'drift.yaml': estate((env) => `      - k8s: { from: m/${env}/, workload: api }\n`),
      'm/staging/all.yaml': `${secret('staging')}---\n${deployment('staging')}`,
      'm/prod/all.yaml': deployment('prod'),
    },
  ],
  [
    'an ECS secret whose valueFrom names an SSM parameter that prod does not have',
    {
      'drift.yaml': estate(
        (env) => `      - ssm: { path: /${env}/api/, from: ${env}-ssm.json }\n      - ecs: { from: ${env}-td.json, container: api }\n`,
      ),
      'staging-ssm.json': parameters('staging', true),
      'prod-ssm.json': parameters('prod', false),
      'staging-td.json': taskDefinition('staging'),
      'prod-td.json': taskDefinition('prod'),
    },
  ],
];

interface Doc {
  findings: Array<{ id: string; kind: string; key?: string; environment?: string; group?: string; causedBy?: unknown[] }>;
}

describe('a reference to nothing in one member of a parity group', () => {
  test.each(cases)('%s: one cause, the dangling-ref leading and the parity difference related to it', async (_what, files) => {
    const dir = scratch(files);
    const json = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir });
    const about = (JSON.parse(json.stdout) as Doc).findings.filter((f) => f.key === 'db.host.name');
    // Each keeps its own finding and id (tickets, the store): the grouping is how they are shown.
    expect(about.map((f) => [f.kind, f.environment ?? f.group])).toEqual(
      expect.arrayContaining([
        ['dangling-ref', 'prod'],
        ['parity', 'stage-vs-prod'],
      ]),
    );

    // The parity difference names its cause, so tickets and SNS subscribers take it as one fact.
    const dangling = about.find((f) => f.kind === 'dangling-ref')!;
    expect(about.find((f) => f.kind === 'parity')!.causedBy).toEqual([
      { id: dangling.id, kind: 'dangling-ref', severity: 'high', environment: 'prod' },
    ]);

    const text = (await drift(['audit', '--no-store'], { cwd: dir, env: { NO_COLOR: '1' } })).stdout;
    const prod = text.slice(text.indexOf('\nprod '), text.indexOf('\n\n', text.indexOf('\nprod ')));
    expect(prod).toMatch(/HIGH +dangling-ref +db\.host\.name\n[^]*same cause \(\d related findings?\):\n +\+ MEDIUM parity: /);
    expect(text).not.toContain('stage-vs-prod (parity group)');

    const markdown = (await drift(['audit', '--no-store', '--format', 'markdown'], { cwd: dir })).stdout;
    expect(markdown).toMatch(/\| high \| dangling-ref \| db\.host\.name \|[^\n]*\n\| ↳ medium \| parity \| db\.host\.name \|/);
  });
});
