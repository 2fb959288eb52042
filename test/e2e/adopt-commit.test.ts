import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DynamoDbTicketLedger } from '../../lambdas/adapters/dynamodb/ticket-ledger';
import { embeddedClient, startEmbeddedDynamoDb } from '../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { ensureTable } from '../../lambdas/adapters/dynamodb/table-schema';
import type { Finding } from '../../lambdas/core/model';
import { copyOfExamples, drift } from '../helpers/cli';

const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

/** The example estate in a fresh git repository, everything committed. */
function exampleRepository(): string {
  const dir = copyOfExamples();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'oncall@example.com');
  git(dir, 'config', 'user.name', 'On Call');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'estate');
  return dir;
}

/** The estate's embedded store, where `drift tickets sync` keeps which ticket is a finding episode's: one issue each. */
async function withTickets(
  dir: string,
  tickets: Array<{ findingId: string; episode: number; issue: number; status: 'open' | 'closed' }>,
): Promise<void> {
  const engine = await startEmbeddedDynamoDb(path.join(dir, '.drift', 'store'));
  const client = embeddedClient(engine);
  try {
    await ensureTable(client, 'drift');
    const ledger = new DynamoDbTicketLedger({ client, table: 'drift' });
    for (const { findingId, episode, issue, status } of tickets) {
      const ticket = { tracker: 'github' as const, id: String(issue), url: `https://github.com/acme/checkout/issues/${issue}` };
      const record = { estate: 'checkout-api', findingId, episode, status, ticket, applied: [], version: 1 };
      expect(await ledger.put({ ...record, updatedAt: '2026-11-23T02:00:00.000Z' }, undefined)).toBe(true);
    }
  } finally {
    client.destroy();
    await engine.close();
  }
}

describe('drift adopt --commit', () => {
  it('commits the file alone on a new branch, with who changed the value at runtime and when', async () => {
    const dir = exampleRepository();
    const run = await drift(['adopt', 'production-us', 'api.timeout', '--commit'], { cwd: dir });
    expect(run.code).toBe(0);
    const branch = 'drift/adopt-production-us-api.timeout-2026-11-24';
    expect(run.stdout).toMatch(
      new RegExp(`^committed [0-9a-f]{12} on branch ${branch.replace(/\./g, '\\.')}: open a pull request from it\\n$`),
    );
    expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe(branch);
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe('drift.yaml');
    expect(git(dir, 'log', '-1', '--format=%B')).toBe(
      [
        'drift adopt production-us: api.timeout',
        '',
        'The values production-us runs now become the expected ones (drift adopt, after a runtime fix).',
        '',
        '- api.timeout in production-us: expected 30s → 120 (in production-us)',
        '  changed at runtime by arn:aws:sts::222222222222:assumed-role/oncall/alice at 2026-11-09T03:41:22.657Z',
        '',
        '',
      ].join('\n'),
    );
    expect(git(dir, 'status', '--porcelain', '--', 'drift.yaml')).toBe('');
  });

  it("names the open ticket of each finding it answers in a Refs: trailer, none of another key's or of an episode gone by", async () => {
    const dir = exampleRepository();
    // A stored audit: the findings' states, which the tickets are kept against.
    const audit = await drift(['audit', '--format', 'json'], { cwd: dir });
    const findings = (JSON.parse(audit.stdout) as { findings: Finding[] }).findings;
    const adopted = findings.find((f) => f.environment === 'production-us' && f.key === 'api.timeout');
    const other = findings.find((f) => f.key !== 'api.timeout' && f.environment === 'production-us');
    expect(adopted && other).toBeTruthy();
    await withTickets(dir, [
      { findingId: adopted?.id ?? '', episode: 1, issue: 41, status: 'open' },
      { findingId: adopted?.id ?? '', episode: 0, issue: 12, status: 'open' },
      { findingId: other?.id ?? '', episode: 1, issue: 42, status: 'open' },
    ]);
    const run = await drift(['adopt', 'production-us', 'api.timeout', '--commit'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(git(dir, 'log', '-1', '--format=%(trailers)')).toBe('Refs: https://github.com/acme/checkout/issues/41\n\n');
    expect(git(dir, 'log', '-1', '--format=%B')).toMatch(/^drift adopt production-us: api\.timeout\n[\s\S]*\n\nRefs: \S+41\n\n$/);
  });

  it("names a parity group's ticket, which an audit of the one environment adopted does not judge", async () => {
    const dir = exampleRepository();
    const findings = (JSON.parse((await drift(['audit', '--format', 'json'], { cwd: dir })).stdout) as { findings: Finding[] }).findings;
    const parity = findings.find((f) => f.kind === 'parity' && f.key === 'database.timeout');
    await withTickets(dir, [{ findingId: parity?.id ?? '', episode: 1, issue: 7, status: 'open' }]);
    const run = await drift(['adopt', 'production-us', 'database.timeout', '--commit'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(git(dir, 'log', '-1', '--format=%(trailers)')).toBe('Refs: https://github.com/acme/checkout/issues/7\n\n');
  });

  it('commits without naming tickets when the store cannot be read, and says why', async () => {
    const dir = exampleRepository();
    const run = await drift(['adopt', 'production-us', 'api.timeout', '--commit', '--store', 'dynamodb:'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('the commit names no ticket: --store dynamodb:: expected dynamodb:TABLE');
    expect(git(dir, 'log', '-1', '--format=%(trailers)')).toBe('\n');
  });

  it('refuses a file with uncommitted changes, and changes nothing', async () => {
    const dir = exampleRepository();
    appendFileSync(path.join(dir, 'drift.yaml'), '# local note\n');
    const before = readFileSync(path.join(dir, 'drift.yaml'), 'utf8');
    const run = await drift(['adopt', 'production-us', 'api.timeout', '--commit'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has uncommitted changes');
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toBe(before);
    expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
  });

  it('commits a second adoption the same day on a branch of its own, leaving the first as it was', async () => {
    const dir = exampleRepository();
    const first = await drift(['adopt', 'production-us', 'api.timeout', '--commit'], { cwd: dir });
    expect(first.code).toBe(0);
    const firstBranch = 'drift/adopt-production-us-api.timeout-2026-11-24';
    const firstCommit = git(dir, 'rev-parse', firstBranch).trim();
    // Back on main, the value is changed at runtime once more the same day, and adopted again.
    git(dir, 'checkout', '-q', 'main');
    const ssm = path.join(dir, 'exports/production-us-ssm.json');
    writeFileSync(ssm, readFileSync(ssm, 'utf8').replace('"Value": "120"', '"Value": "90"'));
    git(dir, 'commit', '-q', '-am', 'runtime changed again');
    const second = await drift(['adopt', 'production-us', 'api.timeout', '--commit'], { cwd: dir });
    expect(second.stderr).not.toContain('exists already');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      /^committed [0-9a-f]{12} on branch drift\/adopt-production-us-api\.timeout-2026-11-24-2: open a pull request from it\n$/,
    );
    expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe(`${firstBranch}-2`);
    expect(git(dir, 'show', 'HEAD:drift.yaml')).toContain('production-us: 90');
    expect(git(dir, 'rev-parse', firstBranch).trim()).toBe(firstCommit);
    // And a third, from that branch, takes the next free name: one pushed and deleted here counts as taken.
    git(dir, 'update-ref', `refs/remotes/origin/${firstBranch}-3`, firstCommit);
    writeFileSync(ssm, readFileSync(ssm, 'utf8').replace('"Value": "90"', '"Value": "75"'));
    git(dir, 'commit', '-q', '-am', 'and again');
    const third = await drift(['adopt', 'production-us', 'api.timeout', '--commit'], { cwd: dir });
    expect(third.code).toBe(0);
    expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe(`${firstBranch}-4`);
  });

  // Found out at `git commit` only, it left the file written, staged, on a new branch with nothing committed.
  it('refuses where git does not know who commits, and changes nothing', async () => {
    const dir = exampleRepository();
    // An empty name in the repository's own configuration: git refuses it whatever the user's global one says.
    git(dir, 'config', 'user.name', '');
    const before = readFileSync(path.join(dir, 'drift.yaml'), 'utf8');
    const run = await drift(['adopt', 'production-us', 'api.timeout', '--commit'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--commit: git does not know who commits in');
    expect(run.stderr).not.toContain('adopted');
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toBe(before);
    expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('refuses a file outside a git repository', async () => {
    const dir = copyOfExamples();
    const before = readFileSync(path.join(dir, 'drift.yaml'), 'utf8');
    const run = await drift(['adopt', 'production-us', 'api.timeout', '--commit'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not in a git repository');
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toBe(before);
  });
});
