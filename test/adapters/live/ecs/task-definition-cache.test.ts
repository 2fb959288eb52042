import { gunzipSync } from 'node:zlib';
import { StoreTaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/store-task-definition-cache';
import { parseEcs } from '../../../../lambdas/core/sources/ecs';
import { testContext, testFingerprinter, testLabel } from '../../../helpers/context';
import { useDynalite } from '../../../helpers/dynalite';

const db = useDynalite();
const CANARIES = ['CANARYcmd', 'CANARYentry', 'CANARYapikey', 'CANARYlabel', 'CANARYhealth', 'CANARYrepo', 'CANARYtag', 'CANARYvolume'];

/** What DescribeTaskDefinition returns (as the AWS CLI prints it), with a canary in every field the parser does not read. */
const taskDefinition = {
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:222222222222:task-definition/shop:7',
  family: 'shop',
  revision: 7,
  cpu: '512',
  memory: '1024',
  registeredAt: '2026-11-20T09:15:00.000Z',
  registeredBy: 'arn:aws:sts::222222222222:assumed-role/deployer/ci',
  volumes: [{ name: 'v', host: { sourcePath: '/CANARYvolume' } }],
  containerDefinitions: [
    {
      name: 'api',
      image: 'example/api:1',
      command: ['--db-password', 'CANARYcmd-hunter2'],
      entryPoint: ['sh', '-c', 'export TOKEN=CANARYentry && exec api'],
      logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'datadog', apikey: 'CANARYapikey0123456789' } },
      dockerLabels: { 'com.example.note': 'CANARYlabel' },
      healthCheck: { command: ['CMD-SHELL', 'curl -H "X-Key: CANARYhealth" localhost'] },
      repositoryCredentials: { credentialsParameter: 'arn:aws:secretsmanager:eu-west-1:222222222222:secret:CANARYrepo' },
      environment: [{ name: 'LOG_LEVEL', value: 'INFO' }],
      secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:eu-west-1:222222222222:parameter/shop/db_password' }],
      memoryReservation: 256,
    },
  ],
  tags: [{ key: 'owner', value: 'CANARYtag' }],
};

describe('the task-definition cache in the store', () => {
  it('keeps only what the parser reads, with a TTL, and reads back as the same observations', async () => {
    const { store, scan } = await db.freshTable();
    const fp = async () => testFingerprinter();
    const cache = new StoreTaskDefinitionCache(store, fp);
    await cache.put(taskDefinition.taskDefinitionArn, structuredClone(taskDefinition));

    const items = await scan();
    expect(items).toHaveLength(1);
    const stored = gunzipSync(Buffer.from(items[0]!.body as Uint8Array)).toString('utf8');
    expect(CANARIES.filter((c) => stored.includes(c))).toEqual([]);
    // Not even a plain value: its fingerprint.
    expect(stored).not.toContain('INFO');
    expect(items[0]!.expiresAt).toEqual(expect.any(Number));

    // A later run (a new cache over the same store) reads it, its values from the source's previous
    // snapshot, and the parser sees what it saw.
    const ctx = testContext(testLabel('ecs'));
    const parse = (td: unknown) => parseEcs({ documents: [{ file: 'td', json: { taskDefinition: td } }], envFiles: [] }, {}, ctx);
    const previous = async () => parse(taskDefinition).observations;
    const again = await new StoreTaskDefinitionCache(store, fp).get(taskDefinition.taskDefinitionArn, previous);
    expect(parse(again)).toEqual(parse(taskDefinition));
  });
});

describe('a credential written as a variable name', () => {
  it('is not kept in the store either', async () => {
    const { store, scan } = await db.freshTable();
    const fp = async () => testFingerprinter();
    const named = structuredClone(taskDefinition);
    named.containerDefinitions[0]!.environment.push({ name: 'AKIACANARYCACHEQ4WXL', value: 'ci' });
    await new StoreTaskDefinitionCache(store, fp).put(named.taskDefinitionArn, structuredClone(named));
    const stored = gunzipSync(Buffer.from((await scan())[0]!.body as Uint8Array)).toString('utf8');
    expect(stored).not.toMatch(/canarycache/i);
    expect(stored).toMatch(/"name":"secret_[0-9a-f]{8}"/);
  });

  it('nor one in a secret variable’s name or in the parameter name its valueFrom gives', async () => {
    const { store, scan } = await db.freshTable();
    const fp = async () => testFingerprinter();
    const named = structuredClone(taskDefinition);
    named.containerDefinitions[0]!.secrets.push(
      { name: 'AKIACANARYSECRETQ4WX', valueFrom: '/shop/db_password' },
      { name: 'CI_BOT', valueFrom: 'arn:aws:ssm:eu-west-1:222222222222:parameter/shop/tokens/ghp_CANARYVALUEFROM0123456789ABCDEFGHIJK' },
    );
    await new StoreTaskDefinitionCache(store, fp).put(named.taskDefinitionArn, structuredClone(named));
    const stored = gunzipSync(Buffer.from((await scan())[0]!.body as Uint8Array)).toString('utf8');
    expect(stored).not.toMatch(/canarysecret|canaryvaluefrom/i);
    expect(stored).toContain('"valueFrom":"arn:aws:ssm:eu-west-1:222222222222:parameter/shop/tokens/secret_');
  });
});
