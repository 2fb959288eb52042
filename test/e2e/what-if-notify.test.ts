import { copyOfExamples, drift } from '../helpers/cli';
import { slackWebhook } from '../helpers/slack-webhook';

describe('drift audit --as-of (a what-if) with --notify', () => {
  const slack = slackWebhook();

  test('is a usage error before anything is collected: the team is never sent next month as if it were today', async () => {
    const dir = copyOfExamples();
    const run = await drift(['audit', '--notify', '--as-of', '2027-01-15'], {
      cwd: dir,
      env: slack.env,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^drift: --notify: .*--as-of/);
    expect(slack.received).toEqual([]);
  });
});
