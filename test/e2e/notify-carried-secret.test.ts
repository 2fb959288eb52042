import { writeFileSync } from 'node:fs';
import { drift, scratch } from '../helpers/cli';
import { slackWebhook } from '../helpers/slack-webhook';

const CANARY = 'CANARYseedvalue';
const ESTATE = (declared: string): string => `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  production:
    sources:
      - dotenv: { from: production.env }
baseline:
  undeclared: critical
  keys:
    db.timeout: { value: 10s }
${declared}`;

describe('drift audit --env … --notify with a key declared secret since', () => {
  const slack = slackWebhook();

  test('the findings it carries from the store for the environments it left out show no stored plain value', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE(''),
      'staging.env': 'DB_TIMEOUT=10s\n',
      'production.env': `DB_TIMEOUT=10s\nSIGNING_SEED=${CANARY}\n`,
    });
    const env = slack.env;
    await drift(['audit', '-c', `${dir}/drift.yaml`, '--notify'], { env, now: new Date('2026-11-23T07:00:00Z') });
    writeFileSync(`${dir}/drift.yaml`, ESTATE('    signing.seed: { secret: true }\n'));
    const run = await drift(['audit', '-c', `${dir}/drift.yaml`, '--env', 'staging', '--notify'], {
      env,
      now: new Date('2026-11-24T07:00:00Z'),
    });
    expect(run.stderr).toBe('');
    expect(slack.received).toHaveLength(2);
    expect(slack.received[1]).toContain('signing.seed');
    expect(slack.received[1]).not.toContain(CANARY);
  });
});
