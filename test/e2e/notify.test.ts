import { copyOfExamples, drift } from '../helpers/cli';
import { slackWebhook } from '../helpers/slack-webhook';

interface Payload {
  text: string;
  blocks: Array<{ type: string; text?: { text: string } }>;
}

describe('drift audit --notify', () => {
  const slack = slackWebhook((body) => JSON.parse(body) as Payload);

  test('sends the digest of the example estate: new findings first, then on the next run nothing new; no secret, no ping', async () => {
    const dir = copyOfExamples();
    const first = await drift(['audit', '--notify'], {
      cwd: dir,
      env: slack.env,
      now: new Date('2026-11-24T07:00:00Z'),
    });
    expect(first.stderr).toBe('');
    expect(slack.received).toHaveLength(1);
    const digest = slack.received[0]!;
    expect(digest.blocks[0]).toMatchObject({ type: 'header' });
    expect(digest.blocks.length).toBeLessThanOrEqual(50);
    const all = JSON.stringify(digest);
    expect(all).toContain('log.include.sensitive');
    expect(all).not.toMatch(/fake-[a-z]/);
    expect(all).not.toMatch(/<!(channel|here|everyone)>/);

    const second = await drift(['audit', '--notify'], {
      cwd: dir,
      env: slack.env,
      now: new Date('2026-11-25T07:00:00Z'),
    });
    expect(second.stderr).toBe('');
    expect(slack.received).toHaveLength(2);
    const again = JSON.stringify(slack.received[1]);
    expect(slack.received[1]!.text).toMatch(/0 new/);
    expect(again).toContain('log.include.sensitive');
  });

  test('SNS is never published from the embedded store, and --notify with nowhere to send is a usage error', async () => {
    const dir = copyOfExamples();
    const r = await drift(['audit', '--notify'], { cwd: dir, env: { DRIFT_SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:drift' } });
    expect(r.stderr).toContain('SNS events are published only with --store dynamodb:TABLE');
    const none = await drift(['audit', '--notify'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('DRIFT_SLACK_WEBHOOK_URL');
  });
});
