import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';
import { slackWebhook } from '../helpers/slack-webhook';

interface Payload {
  text: string;
  blocks: Array<{ type: string; text?: { text: string } }>;
}

const DEPLOY_SESSION = 'arn:aws:sts::111111111111:assumed-role/deploy/github-actions';
const ALICE = 'arn:aws:sts::111111111111:assumed-role/Admin/alice';

const estate = `version: 1
name: shop
deployers:
  - arn:aws:iam::111111111111:role/deploy
environments:
  us:
    sources: [ { ssm: { path: /us/shop/, from: us-ssm.json } } ]
  eu:
    sources: [ { ssm: { path: /eu/shop/, from: eu-ssm.json } } ]
parity:
  - { name: prod, environments: [us, eu] }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s, severity: high }
    db.password: { secret: true, severity: high }
`;

const param = (name: string, value: string, by: string, at: string, secure = false) => ({
  Name: name,
  Type: secure ? 'SecureString' : 'String',
  Value: value,
  Version: 1,
  LastModifiedDate: at,
  LastModifiedUser: by,
});

function ssm(env: string, timeout: string, password: string, by: string, at: string): string {
  return JSON.stringify({
    Parameters: [param(`/${env}/shop/db/timeout`, timeout, by, at), param(`/${env}/shop/db/password`, password, by, at, true)],
  });
}

const STEADY_AT = '2026-11-01T10:00:00Z';
const CHANGE_AT = '2026-11-24T02:07:00Z';

/** An estate audited once as deployed, then with us's timeout and password changed by `by`. */
async function auditTwice(by: string, env: NodeJS.ProcessEnv) {
  const dir = scratch({
    'drift.yaml': estate,
    'us-ssm.json': ssm('us', '10s', 'CANARY-PASSWORD-ONE', DEPLOY_SESSION, STEADY_AT),
    'eu-ssm.json': ssm('eu', '10s', 'CANARY-PASSWORD-ONE', DEPLOY_SESSION, STEADY_AT),
  });
  const first = await drift(['audit', '--format', 'json', '--notify'], { cwd: dir, env, now: new Date('2026-11-24T01:00:00Z') });
  expect(first.stderr).toBe('');
  writeFileSync(path.join(dir, 'us-ssm.json'), ssm('us', '60s', 'CANARY-PASSWORD-TWO', by, CHANGE_AT));
  const second = await drift(['audit', '--format', 'json', '--notify'], { cwd: dir, env, now: new Date('2026-11-24T02:10:00Z') });
  expect(second.stderr).toBe('');
  const doc = JSON.parse(second.stdout) as { findings: Array<Record<string, unknown>> };
  return { dir, doc, second };
}

describe('out-of-band changes and the immediate Slack message', () => {
  const slack = slackWebhook((body) => JSON.parse(body) as Payload);
  beforeEach(() => {
    slack.received.length = 0;
  });

  const immediate = (): Payload[] => slack.received.filter((p) => !p.blocks.some((b) => b.type === 'header'));

  test('a change by a non-deployer is out-of-band, the mismatch it opens says so, and one message per opened finding goes at once, once', async () => {
    const { dir, doc } = await auditTwice(ALICE, slack.env);
    const changed = doc.findings.find((f) => f.kind === 'changed' && f.key === 'db.timeout');
    expect(changed).toMatchObject({ environment: 'us', outOfBand: true, changedBy: ALICE, changedAt: '2026-11-24T02:07:00.000Z' });
    const mismatch = doc.findings.find((f) => f.kind === 'mismatch' && f.key === 'db.timeout');
    expect(mismatch).toMatchObject({ environment: 'us', status: 'new', outOfBand: true, changedBy: ALICE });
    expect(mismatch!.message).toContain(`out-of-band change by ${ALICE}`);
    const parity = doc.findings.find((f) => f.kind === 'parity' && f.key === 'db.password');
    expect(parity).toMatchObject({ group: 'prod', outOfBand: true, changedBy: ALICE });

    const messages = immediate();
    // The mismatch on the timeout and the parity finding on the password (the timeout has an expected value: no parity).
    expect(messages).toHaveLength(2);
    const timeout = messages.map((m) => JSON.stringify(m)).find((m) => m.includes('drift adopt us db.timeout'))!;
    expect(timeout).toContain('Out-of-band change');
    expect(timeout).toContain(ALICE);
    expect(timeout).toMatch(/10s.*→.*60s/);
    expect(timeout).toContain('the baseline, which expects `10s`');
    expect(timeout).toContain('drift revert us db.timeout');
    const password = messages.map((m) => JSON.stringify(m)).find((m) => m.includes('db.password'))!;
    expect(password).toMatch(/&lt;secret:[0-9a-f]+&gt;.*→.*&lt;secret:[0-9a-f]+&gt;/);
    expect(JSON.stringify(slack.received)).not.toContain('CANARY-PASSWORD');
    // The digest went too, and still lists what the immediate messages told.
    expect(slack.received.filter((p) => p.blocks.some((b) => b.type === 'header'))).toHaveLength(2);

    slack.received.length = 0;
    const third = await drift(['audit', '--format', 'json', '--notify'], {
      cwd: dir,
      env: slack.env,
      now: new Date('2026-11-24T02:20:00Z'),
    });
    expect(third.stderr).toBe('');
    expect(immediate()).toEqual([]);
    // Still open, it still says who opened it; the change itself is not reported again.
    const later = (JSON.parse(third.stdout) as typeof doc).findings;
    expect(later.find((f) => f.kind === 'mismatch')).toMatchObject({ status: 'open', outOfBand: true, changedBy: ALICE });
    expect(later.filter((f) => f.kind === 'changed')).toEqual([]);
  });

  test('the same change by a deployer (a session of its role) is not out-of-band and sends nothing at once', async () => {
    const { doc } = await auditTwice(DEPLOY_SESSION, slack.env);
    const changed = doc.findings.find((f) => f.kind === 'changed' && f.key === 'db.timeout');
    expect(changed).toBeDefined();
    expect(changed!.outOfBand).toBeUndefined();
    expect(doc.findings.filter((f) => f.outOfBand)).toEqual([]);
    expect(doc.findings.some((f) => f.kind === 'mismatch' && f.status === 'new')).toBe(true);
    expect(immediate()).toEqual([]);
  });
});
