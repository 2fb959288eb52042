import { drift, scratch } from '../helpers/cli';
import { slackWebhook } from '../helpers/slack-webhook';

// `drift audit --env staging --notify` sends the estate's digest: what the run left out (production)
// is still open in the store. It was told "All clear — nothing … open", as if production had nothing.

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  production:
    sources:
      - dotenv: { from: production.env }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s, severity: high }
`;

describe('drift audit --env … --notify', () => {
  const slack = slackWebhook((body) => JSON.parse(body) as { text: string });

  test('still counts what is open in the environments it left out, and is no all clear', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'staging.env': 'DB_TIMEOUT=10s\n', 'production.env': 'DB_TIMEOUT=60s\n' });
    const env = slack.env;
    const first = await drift(['audit', '-c', `${dir}/drift.yaml`, '--notify'], { env, now: new Date('2026-11-24T07:00:00Z') });
    expect(first.code).toBe(1);
    expect(slack.received[0]?.text).toMatch(/^\*1 new\*/);

    const staging = await drift(['audit', '-c', `${dir}/drift.yaml`, '--env', 'staging', '--notify'], {
      env,
      now: new Date('2026-11-24T09:00:00Z'),
    });
    expect(staging.code).toBe(0);
    expect(slack.received).toHaveLength(2);
    const digest = JSON.stringify(slack.received[1]);
    expect(digest).not.toMatch(/All clear/);
    expect(slack.received[1]?.text).toMatch(/1 still open/);
    expect(digest).toContain('production');
  });
});
