import { DEFAULT_JIRA_PRIORITIES, parseTrackerConfig } from '../../../lambdas/core/tickets/tracker-config';

const configOf = (value: unknown) => {
  const r = parseTrackerConfig(value);
  if (!('config' in r)) throw new Error(`expected a config, got: ${r.problem}`);
  return r.config;
};
const problemOf = (value: unknown): string => {
  const r = parseTrackerConfig(value);
  if (!('problem' in r)) throw new Error(`expected a problem, got: ${JSON.stringify(r.config)}`);
  return r.problem;
};

const JIRA_DEFAULTS = { issueType: 'Task', closeTransition: 'Done', priorities: DEFAULT_JIRA_PRIORITIES };

describe('parseTrackerConfig', () => {
  test.each<[string, unknown, unknown]>([
    ['github shorthand', 'github:acme/checkout-api', { tracker: 'github', repo: 'acme/checkout-api' }],
    ['github shorthand with spaces around', '  github:acme/checkout.api  ', { tracker: 'github', repo: 'acme/checkout.api' }],
    // Flag values are case-insensitive (spec 7); the repository keeps its case.
    ['github shorthand as the product writes it', 'GitHub:Acme/Checkout-API', { tracker: 'github', repo: 'Acme/Checkout-API' }],
    [
      'jira shorthand in capitals',
      'JIRA:https://acme.atlassian.net/OPS',
      { tracker: 'jira', site: 'https://acme.atlassian.net', project: 'OPS', ...JIRA_DEFAULTS },
    ],
    [
      'jira shorthand, with Jira defaults',
      'jira:https://acme.atlassian.net/OPS',
      { tracker: 'jira', site: 'https://acme.atlassian.net', project: 'OPS', ...JIRA_DEFAULTS },
    ],
    [
      'jira shorthand with a trailing slash',
      'jira:https://acme.atlassian.net/OPS/',
      { tracker: 'jira', site: 'https://acme.atlassian.net', project: 'OPS', ...JIRA_DEFAULTS },
    ],
    [
      'github as JSON text, with an Enterprise API',
      '{"tracker":"github","repo":"acme/api","apiUrl":"https://github.example.com/api/v3/"}',
      { tracker: 'github', repo: 'acme/api', apiUrl: 'https://github.example.com/api/v3' },
    ],
    [
      'jira as an object (cdk.json), priorities merged with the defaults',
      {
        tracker: 'jira',
        site: 'https://acme.atlassian.net',
        project: 'PLAT_2',
        issueType: 'Bug',
        closeTransition: 'Resolve',
        priorities: { critical: 'P1' },
      },
      {
        tracker: 'jira',
        site: 'https://acme.atlassian.net',
        project: 'PLAT_2',
        issueType: 'Bug',
        closeTransition: 'Resolve',
        priorities: { ...DEFAULT_JIRA_PRIORITIES, critical: 'P1' },
      },
    ],
    [
      'jira on http://127.0.0.1 (a local tracker)',
      'jira:http://127.0.0.1:8080/OPS',
      { tracker: 'jira', site: 'http://127.0.0.1:8080', project: 'OPS', ...JIRA_DEFAULTS },
    ],
    [
      'jira on http://localhost',
      'jira:http://localhost:9000/OPS',
      { tracker: 'jira', site: 'http://localhost:9000', project: 'OPS', ...JIRA_DEFAULTS },
    ],
  ])('%s', (_name, value, expected) => {
    expect(configOf(value)).toEqual(expected);
  });

  test.each<[string, unknown, RegExp]>([
    ['jira without https', 'jira:ftp://acme.atlassian.net/OPS', /site: an https:\/\/ URL/],
    ['jira on http to another machine', 'jira:http://acme.atlassian.net/OPS', /site: an https:\/\/ URL/],
    [
      'github Enterprise on http',
      { tracker: 'github', repo: 'a/b', apiUrl: 'http://github.example.com/api/v3' },
      /apiUrl: an https:\/\/ URL/,
    ],
    ['a lower-case project key', 'jira:https://acme.atlassian.net/ops', /project: a Jira project key \(OPS\)/],
    ['a github repo without an owner', 'github:checkout-api', /repo: OWNER\/REPOSITORY/],
    ['an unknown tracker', 'gitlab:acme/api', /is not a tracker: drift keeps tickets in /],
    ['an unknown field', { tracker: 'github', repo: 'a/b', token: 'x' }, /is not a tracker/],
    [
      'a Jira priority for no severity',
      { tracker: 'jira', site: 'https://a.atlassian.net', project: 'OPS', priorities: { urgent: 'P1' } },
      /priorities/,
    ],
    ['nothing', undefined, /is not a tracker/],
  ])('a problem for %s, saying what to write', (_name, value, expected) => {
    const problem = problemOf(value);
    expect(problem).toMatch(expected);
    expect(problem).toContain('write github:OWNER/REPO, jira:https://SITE.atlassian.net/PROJECT, or a JSON object');
  });

  test.each([
    ['a short form', 'gitlab:acme/api', 'is not a tracker: drift keeps tickets in github or jira'],
    ['a JSON object', { tracker: 'linear', team: 'OPS' }, 'is not a tracker: drift keeps tickets in github or jira'],
    ['a JSON object that names none', { repo: 'a/b' }, 'is not a tracker: "tracker" is missing (github or jira)'],
  ])("an unknown or absent tracker in %s names the trackers there are, in words, not zod's", (_name, value, expected) => {
    const problem = problemOf(value);
    expect(problem.startsWith(expected)).toBe(true);
    expect(problem).not.toMatch(/discriminator/i);
  });

  test('JSON text that does not parse says so', () => {
    expect(problemOf('{"tracker": "github",')).toMatch(/^is not JSON \(at position \d+\)$/);
  });

  test('JSON text that does not parse is never quoted: it may hold a token put there by mistake', () => {
    expect(problemOf('{"tracker": "github", "token": ghp_CANARYgh0123456789abcdefghijklmnopqr}')).not.toContain('CANARY');
  });

  test.each([
    ['a Jira site', 'jira:https://ops@example.com:ATATT3xFfGF0CANARYjiraToken@acme.atlassian.net/OPS'],
    ['a Jira site in JSON', { tracker: 'jira', site: 'https://ops:CANARYjiraPassword@acme.atlassian.net', project: 'OPS' }],
    [
      'a GitHub Enterprise API URL',
      { tracker: 'github', repo: 'a/b', apiUrl: 'https://ghp_CANARYgh0123456789abcdefghijklmnopqr@ghe.example.com/api/v3' },
    ],
  ])(
    '%s with credentials in its URL is refused, never kept (it would be in the template and the function’s environment)',
    (_name, value) => {
      const problem = problemOf(value);
      expect(problem).toMatch(/without credentials/);
      expect(problem).not.toContain('CANARY');
    },
  );

  test.each([
    [
      'a token in a Jira site’s query',
      { tracker: 'jira', site: 'https://acme.atlassian.net/?token=ghp_CANARYgh0123456789abcdefghijklmnopqr', project: 'OPS' },
      'site',
    ],
    [
      'a token in a GitHub API URL’s query',
      { tracker: 'github', repo: 'acme/api', apiUrl: 'https://ghe.example.com/api/v3?access_token=CANARYaccess0123' },
      'apiUrl',
    ],
    [
      'a token given for the issue type',
      { tracker: 'jira', site: 'https://acme.atlassian.net', project: 'OPS', issueType: 'ghp_CANARYgh0123456789abcdefghijklmnopqr' },
      'issueType',
    ],
  ])('%s is refused, named by its field, never quoted', (_name, value, field) => {
    expect(problemOf(value)).toBe(`is not a tracker: ${field} holds a credential (the token goes in the tickets secret)`);
  });
});
