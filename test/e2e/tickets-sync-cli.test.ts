import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ticketMarker } from '../../lambdas/core/tickets/ticket-event';
import { copyOfExamples, drift, type CliRun } from '../helpers/cli';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server';
import { startJiraServer, type JiraServer } from '../helpers/jira-server';

const T1 = new Date('2026-11-24T02:00:00Z');
const T2 = new Date('2026-11-25T02:00:00Z');
const GITHUB_TOKEN = 'ghp_local_test_token_0123456789';
const JIRA_EMAIL = 'drift@example.com';
const JIRA_TOKEN = 'jira-test-token';

interface AuditDoc {
  findings: Array<{ id: string; severity: string; kind: string; key?: string }>;
  resolved: Array<{ id: string }>;
}
interface SyncDoc {
  dryRun: boolean;
  open: Array<{ findingId: string; episode: number; severity: string; title: string }>;
  close: Array<{ findingId: string; ticket: { id: string }; reason: string }>;
  ticketed: number;
  notTicketed: number;
}

async function audit(dir: string, now: Date): Promise<AuditDoc> {
  const r = await drift(['audit', '--format', 'json'], { cwd: dir, now });
  expect(r.code).toBe(1);
  return JSON.parse(r.stdout) as AuditDoc;
}

const sync = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}, now = T1): Promise<CliRun> =>
  drift(['tickets', 'sync', ...args], { cwd: dir, env, now });

async function syncJson(dir: string, args: string[], env: NodeJS.ProcessEnv = {}, now = T1): Promise<SyncDoc> {
  const r = await sync(dir, [...args, '--format', 'json'], env, now);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as SyncDoc;
}

const ticketedFindings = (doc: AuditDoc) => doc.findings.filter((f) => f.severity === 'high' || f.severity === 'critical');

const githubTracker = (gh: GitHubServer): string => JSON.stringify({ tracker: 'github', repo: 'acme/infra', apiUrl: gh.url });

/** Every secret value of the scratch estate's recordings: SSM SecureStrings and Kubernetes Secrets' data. */
function secretValues(dir: string): string[] {
  const values: string[] = [];
  const exports = path.join(dir, 'exports');
  for (const name of readdirSync(exports).filter((n) => n.endsWith('-ssm.json'))) {
    const doc = JSON.parse(readFileSync(path.join(exports, name), 'utf8')) as { Parameters: Array<{ Type: string; Value: string }> };
    values.push(...doc.Parameters.filter((p) => p.Type === 'SecureString').map((p) => p.Value));
  }
  for (const env of readdirSync(path.join(dir, 'manifests'))) {
    for (const file of readdirSync(path.join(dir, 'manifests', env))) {
      for (const d of parseAllDocuments(readFileSync(path.join(dir, 'manifests', env, file), 'utf8'))) {
        const obj = d.toJS() as { kind?: string; data?: Record<string, string>; stringData?: Record<string, string> } | null;
        if (obj?.kind !== 'Secret') continue;
        values.push(...Object.values(obj.data ?? {}).map((v) => Buffer.from(v, 'base64').toString('utf8')));
        values.push(...Object.values(obj.stringData ?? {}));
      }
    }
  }
  return values;
}

function expectNoSecret(dir: string, texts: string[]): void {
  const secrets = secretValues(dir);
  expect(secrets.length).toBeGreaterThanOrEqual(8);
  const all = texts.join('\n');
  for (const s of secrets) expect(all).not.toContain(s);
}

/** Sets production-us's LOG_INCLUDE_SENSITIVE (the configmap the k8s source reads) back to the baseline's false. */
function fixSensitiveLogging(dir: string): void {
  const file = path.join(dir, 'manifests', 'production-us', 'configmap.yaml');
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('LOG_INCLUDE_SENSITIVE: "true"');
  writeFileSync(file, text.replace('LOG_INCLUDE_SENSITIVE: "true"', 'LOG_INCLUDE_SENSITIVE: "false"'));
}

let gh: GitHubServer;
let jira: JiraServer;
beforeEach(async () => {
  gh = await startGitHubServer({ token: GITHUB_TOKEN, owner: 'acme', repo: 'infra' });
  jira = await startJiraServer({ email: JIRA_EMAIL, token: JIRA_TOKEN, project: 'OPS' });
});
afterEach(async () => {
  await gh.close();
  await jira.close();
});

describe('drift tickets sync --dry-run', () => {
  test('after an audit, lists one ticket per open high/critical finding (notify.tickets default), in text and JSON, and sends nothing', async () => {
    const dir = copyOfExamples();
    const doc = await audit(dir, T1);
    const owed = ticketedFindings(doc);
    expect(owed.length).toBeGreaterThan(0);
    expect(owed.length).toBeLessThan(doc.findings.length);
    // A tracker and a token are configured: a dry run still must not touch it.
    const env = { DRIFT_TICKETS: githubTracker(gh), DRIFT_TICKETS_TOKEN: GITHUB_TOKEN };

    const json = await syncJson(dir, ['--dry-run'], env);
    expect(json.dryRun).toBe(true);
    expect(json.open.map((o) => o.findingId).sort()).toEqual(owed.map((f) => f.id).sort());
    expect(json.open.every((o) => o.episode === 1 && o.title.length > 0)).toBe(true);
    expect(json.open.find((o) => o.severity === 'critical')?.title).toBe('production-us: log.include.sensitive is true, baseline false');
    expect(json.close).toEqual([]);
    expect(json.ticketed).toBe(0);

    const text = await sync(dir, ['--dry-run'], env);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('dry run: nothing opened or closed');
    expect(text.stdout).toContain(`would open ${owed.length} ticket(s):`);
    for (const o of json.open) expect(text.stdout).toContain(o.title);
    expect(text.stdout).toContain('would close 0 ticket(s)');
    expect(text.stdout).toContain('already ticketed: 0 open finding(s)');
    // The findings below the threshold are said, with the setting that leaves them out.
    expect(json.notTicketed).toBeGreaterThan(0);
    expect(json.open.length + json.notTicketed).toBeLessThanOrEqual(doc.findings.length);
    expect(text.stdout).toContain(
      `not ticketed: ${json.notTicketed} open finding(s) notify.tickets leaves out (minSeverity high, kinds all)`,
    );

    expect(gh.requests).toEqual([]);
    expect(jira.requests).toEqual([]);
  });
});

describe('drift tickets sync: usage', () => {
  test('without --dry-run and without a tracker: exit 2, naming --tracker', async () => {
    const dir = copyOfExamples();
    await audit(dir, T1);
    const r = await sync(dir, [], { DRIFT_TICKETS_TOKEN: GITHUB_TOKEN });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tracker');
    expect(r.stdout).toBe('');
  });

  test.each([
    ['a Jira site that is no URL', 'jira:notaurl/OPS', 'an https:// URL'],
    ['a Jira site over ftp', 'jira:ftp://acme.atlassian.net/OPS', 'an https:// URL'],
  ])('a dry run with %s: exit 2, as the real run would say, and no plan printed', async (_name, tracker, said) => {
    const dir = copyOfExamples();
    await audit(dir, T1);
    const r = await sync(dir, ['--dry-run', '--tracker', tracker]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(said);
    expect(r.stdout).toBe('');
  });

  test('with a tracker but no DRIFT_TICKETS_TOKEN: exit 2, naming the variable; nothing sent', async () => {
    const dir = copyOfExamples();
    await audit(dir, T1);
    const r = await sync(dir, ['--tracker', githubTracker(gh)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DRIFT_TICKETS_TOKEN');
    expect(gh.requests).toEqual([]);
  });

  test.each([
    ['github:acme/shop', 'set DRIFT_TICKETS_TOKEN to a GitHub token with Issues: read and write'],
    ['jira:https://acme.atlassian.net/OPS', 'set DRIFT_TICKETS_TOKEN to EMAIL:API_TOKEN of the Jira account'],
  ])('with %s and a token of no tracker, the error says what that tracker takes', async (tracker, said) => {
    const dir = copyOfExamples();
    await audit(dir, T1);
    const r = await sync(dir, ['--tracker', tracker], { DRIFT_TICKETS_TOKEN: 'short' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`drift: ${said}\n`);
  });
});

describe('drift tickets sync against a local GitHub', () => {
  test('opens the owed tickets once, then closes exactly the one whose finding resolved, with the reason', async () => {
    const dir = copyOfExamples();
    const outputs: string[] = [];
    const env = { DRIFT_TICKETS_TOKEN: GITHUB_TOKEN };
    const tracker = ['--tracker', githubTracker(gh)];
    const first = await audit(dir, T1);
    const owed = ticketedFindings(first);
    const planned = await syncJson(dir, ['--dry-run']);

    const opened = await sync(dir, tracker, env);
    outputs.push(opened.stdout, opened.stderr);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toContain(`opened ${owed.length} ticket(s):`);
    expect(
      gh
        .issues()
        .map((i) => i.title)
        .sort(),
    ).toEqual(planned.open.map((o) => o.title).sort());
    for (const issue of gh.issues()) {
      expect(issue.state).toBe('open');
      expect(issue.labels).toContain('drift');
    }

    const again = await syncJson(dir, tracker, env);
    expect(again.open).toEqual([]);
    expect(again.ticketed).toBe(owed.length);
    expect(gh.issues()).toHaveLength(owed.length);
    const after = await syncJson(dir, ['--dry-run']);
    expect(after.open).toEqual([]);
    expect(after.close).toEqual([]);
    expect(after.ticketed).toBe(owed.length);
    const afterText = await sync(dir, ['--dry-run']);
    expect(afterText.stdout).toContain('would open 0 ticket(s)\n');
    expect(afterText.stdout).toContain(`already ticketed: ${owed.length} open finding(s)`);

    // The on-call engineer turns sensitive logging off again in production-us; the next audit resolves it.
    const critical = planned.open.find((o) => o.severity === 'critical')!;
    fixSensitiveLogging(dir);
    const second = await drift(['audit', '--format', 'json'], { cwd: dir, now: T2 });
    expect((JSON.parse(second.stdout) as AuditDoc).resolved.map((f) => f.id)).toContain(critical.findingId);

    const closing = await sync(dir, [...tracker, '--format', 'json'], env, T2);
    outputs.push(closing.stdout, closing.stderr);
    expect(closing.code).toBe(0);
    const closed = JSON.parse(closing.stdout) as SyncDoc;
    expect(closed.open).toEqual([]);
    expect(closed.close.map((c) => c.findingId)).toEqual([critical.findingId]);
    const issue = gh.issues().find((i) => i.title === critical.title)!;
    expect(closed.close[0]!.ticket.id).toBe(String(issue.number));
    expect(issue.state).toBe('closed');
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]!.body).toMatch(/^Resolved: value fixed/);
    expect(gh.issues().filter((i) => i.state === 'closed')).toEqual([issue]);
    expect(gh.issues()).toHaveLength(owed.length);

    expectNoSecret(dir, [...outputs, JSON.stringify(gh.requests.map((r) => r.body))]);
  });
});

describe('drift tickets sync with what a tracker answered', () => {
  test("a ticket's URL as the tracker gave it never drives the terminal: control characters are escaped", async () => {
    const hostile = await startGitHubServer({
      token: GITHUB_TOKEN,
      owner: 'acme',
      repo: 'infra',
      htmlUrlSuffix: '\u001b]0;pwned\u0007\u001b[2J\nfake line',
    });
    try {
      const dir = copyOfExamples();
      const env = { DRIFT_TICKETS_TOKEN: GITHUB_TOKEN };
      await audit(dir, T1);
      const opened = await sync(dir, ['--tracker', githubTracker(hostile)], env);
      expect(opened.code).toBe(0);
      fixSensitiveLogging(dir);
      await drift(['audit', '--format', 'json'], { cwd: dir, now: T2 });
      const planned = await sync(dir, ['--dry-run'], {}, T2);
      expect(planned.stdout).toContain('would close 1 ticket(s):');
      expect(planned.stdout).not.toContain('\u001b');
      expect(planned.stdout).not.toContain('\nfake line');
      expect(planned.stdout).toContain('\\u001b[2J\\nfake line');
    } finally {
      await hostile.close();
    }
  });
});

describe('drift tickets sync when the tracker fails part of the way', () => {
  test('a failed ticket is said and the rest wait or go on: exit 3, and the next sync completes what was left', async () => {
    const dir = copyOfExamples();
    const env = { DRIFT_TICKETS_TOKEN: GITHUB_TOKEN };
    const tracker = ['--tracker', githubTracker(gh)];
    const owed = ticketedFindings(await audit(dir, T1));
    expect(owed.length).toBeGreaterThan(2);
    const planned = await syncJson(dir, ['--dry-run']);

    // The first issue's creation fails with a 502: it may have landed, so its episode stays claimed for
    // the claim's lease; the tracker being unavailable, the others are not tried.
    gh.failNext(1, 502, { match: (r) => r.method === 'POST' && r.path === '/repos/acme/infra/issues' });
    const first = await sync(dir, [...tracker, '--format', 'json'], env);
    expect(first.code).toBe(3);
    const doc = JSON.parse(first.stdout) as SyncDoc & { outcomes: string[]; failures: Array<{ findingId: string; error: string }> };
    expect(doc.outcomes).toEqual(['failed', ...planned.open.slice(1).map(() => 'not-tried')]);
    expect(doc.failures.map((f) => f.findingId)).toEqual(planned.open.map((o) => o.findingId));
    expect(first.stderr.split('\n').filter(Boolean)).toHaveLength(planned.open.length);
    expect(first.stderr).toContain(
      `drift: the ticket of finding ${planned.open[0]!.findingId} (episode ${planned.open[0]!.episode}) was not synchronised: TrackerUnavailable`,
    );
    expect(gh.issues()).toHaveLength(0);

    // Within the lease the claimed episode is busy; every other ticket is made.
    const second = await sync(dir, [...tracker, '--format', 'json'], env);
    expect(second.code).toBe(3);
    const again = JSON.parse(second.stdout) as SyncDoc & { outcomes: string[]; failures: Array<{ findingId: string; error: string }> };
    expect(again.outcomes).toEqual(['failed', ...planned.open.slice(1).map(() => 'created')]);
    expect(again.failures).toEqual([
      expect.objectContaining({ findingId: planned.open[0]!.findingId, error: expect.stringMatching(/^TicketEpisodeBusy: /) }),
    ]);
    expect(gh.issues()).toHaveLength(planned.open.length - 1);
  });
});

describe('drift tickets sync against a local Jira', () => {
  test('opens the owed tickets with their priority and the episode marker as a label', async () => {
    const dir = copyOfExamples();
    await audit(dir, T1);
    const planned = await syncJson(dir, ['--dry-run']);
    const tracker = JSON.stringify({ tracker: 'jira', site: jira.url, project: 'OPS' });
    const r = await sync(dir, ['--tracker', tracker], { DRIFT_TICKETS_TOKEN: `${JIRA_EMAIL}:${JIRA_TOKEN}` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(
      jira
        .issues()
        .map((i) => i.fields.summary)
        .sort(),
    ).toEqual(planned.open.map((o) => o.title).sort());
    const criticalPlan = planned.open.find((o) => o.severity === 'critical')!;
    const critical = jira.issues().find((i) => i.fields.summary === criticalPlan.title)!;
    expect(critical.fields.priority).toEqual({ name: 'Highest' });
    expect(critical.fields.labels).toEqual(expect.arrayContaining(['drift', ticketMarker(criticalPlan.findingId, 1)]));
    expect(critical.fields.status.statusCategory.key).toBe('new');

    const again = await syncJson(dir, ['--tracker', tracker], { DRIFT_TICKETS_TOKEN: `${JIRA_EMAIL}:${JIRA_TOKEN}` });
    expect(again.open).toEqual([]);
    expect(jira.issues()).toHaveLength(planned.open.length);
    expectNoSecret(dir, [r.stdout, JSON.stringify(jira.requests.map((q) => q.body))]);
  });
});

describe('drift tickets sync: secrets', () => {
  test('a ticket about a secret key carries no secret value to the tracker or the output', async () => {
    const dir = copyOfExamples();
    // Make the regions' PSP keys a parity finding worth a ticket: the ticket is about two secret values.
    const estateFile = path.join(dir, 'drift.yaml');
    const estate = readFileSync(estateFile, 'utf8');
    const declared = 'payment.api.key:       { secret: true, per-environment: true, owner: team-payments }';
    expect(estate).toContain(declared);
    writeFileSync(estateFile, estate.replace(declared, 'payment.api.key:       { secret: true, owner: team-payments, severity: high }'));
    const doc = await audit(dir, T1);
    expect(ticketedFindings(doc).map((f) => f.key)).toContain('payment.api.key');

    const r = await sync(dir, ['--tracker', githubTracker(gh)], { DRIFT_TICKETS_TOKEN: GITHUB_TOKEN });
    expect(r.code).toBe(0);
    const issue = gh.issues().find((i) => i.title.includes('payment.api.key'));
    expect(issue).toBeDefined();
    expectNoSecret(dir, [r.stdout, r.stderr, JSON.stringify(gh.requests.map((q) => q.body))]);
  });

  // A token where the tracker belongs: DRIFT_TICKETS and DRIFT_TICKETS_TOKEN swapped, or the token
  // written into the tracker's JSON. The refusal says where, and never quotes it into the CI log.
  const TOKEN = 'ghp_CANARYgh0123456789abcdefghijklmnopqr';
  test.each<[string, string[], NodeJS.ProcessEnv, RegExp]>([
    [
      'DRIFT_TICKETS holding the token',
      [],
      { DRIFT_TICKETS: TOKEN, DRIFT_TICKETS_TOKEN: 'acme/infra' },
      /^drift: DRIFT_TICKETS is not a tracker/,
    ],
    [
      'the token as a field of the tracker',
      ['--tracker', `{"tracker":"github","repo":"a/b","token":"${TOKEN}"}`],
      {},
      /^drift: --tracker is not a tracker/,
    ],
    [
      'the token in tracker JSON that does not parse',
      ['--tracker', `{"tracker":"github","token":${TOKEN}}`],
      {},
      /^drift: --tracker is not JSON/,
    ],
  ])('%s is refused without quoting it', async (_name, args, env, said) => {
    const dir = copyOfExamples();
    const r = await sync(dir, ['--dry-run', ...args], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(said);
    expect(r.stdout + r.stderr).not.toContain('CANARY');
  });
});
