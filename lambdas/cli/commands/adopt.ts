import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { replaceFileAtOnce } from '../../adapters/replace-file';
import { GitBranchCommitter } from '../../adapters/repository/git-commit';
import { adoptBranch, adoptCommitMessage } from '../../core/adopt/commit-message';
import { adoptedText, type AdoptMode } from '../../core/adopt/adopted-text';
import type { Widening } from '../../core/adopt/admission';
import { parityLeftBehind } from '../../core/adopt/parity-left-behind';
import { planAdopt } from '../../core/adopt/plan-adopt';
import { rulesStillFailing } from '../../core/adopt/rules-still-failing';
import { unifiedDiff } from '../../core/adopt/unified-diff';
import type { Estate } from '../../core/estate/model';
import { keyInEnvironment } from '../../core/estate/key-argument';
import { withParityPeers } from '../../core/estate/parity-peers';
import { hiddenText } from '../../core/values/hidden-names';
import { utcDate } from '../../core/engine/dates';
import { isEstateDate } from '../../core/estate/schema';
import { proseHoldsSecret, REFUSED } from '../../core/estate/secret-literals';
import { sanitize } from '../../core/values/value';
import { auditSession } from '../audit-session';
import { UsageError, type CliIo } from '../io';
import { changedKeys } from './adopt-changed';
import { adoptionTickets } from './adopt-tickets';
import { givenWord, unknownEnvironment } from '../unknown-environment';

export interface AdoptFlags {
  config: string;
  everywhere?: boolean;
  as?: string;
  reason?: string;
  ticket?: string;
  expires?: string;
  permanent?: boolean;
  force?: boolean;
  dryRun?: boolean;
  commit?: boolean;
  allChanged?: boolean;
  store?: string | boolean;
}

/** Where the adopted values go, from the flags; a contradiction is a usage error. `today`: YYYY-MM-DD, UTC. */
export function adoptMode(f: AdoptFlags, today: string): AdoptMode {
  if (f.dryRun && f.commit) throw new UsageError('adopt: --dry-run and --commit exclude each other');
  if (f.as === undefined) {
    for (const flag of ['reason', 'ticket', 'expires', 'permanent'] as const)
      if (f[flag] !== undefined) throw new UsageError(`adopt: --${flag} goes with --as exception`);
    return { as: 'value', everywhere: Boolean(f.everywhere) };
  }
  if (f.as.toLowerCase() !== 'exception') throw new UsageError(`adopt: --as takes "exception", not ${givenWord(f.as)}`);
  if (f.everywhere) throw new UsageError('adopt: an exception names its environment: --everywhere does not apply');
  if (!f.reason?.trim()) throw new UsageError('adopt: --as exception needs --reason');
  // drift validate refuses such a reason or ticket once written: refused before it reaches the file (and a commit).
  for (const flag of ['reason', 'ticket'] as const)
    if (f[flag] !== undefined && proseHoldsSecret(f[flag]))
      throw new UsageError(`adopt: --${flag} holds a credential in plain text; ${REFUSED}`);
  if (Boolean(f.expires) === Boolean(f.permanent))
    throw new UsageError('adopt: --as exception needs either --expires YYYY-MM-DD or --permanent');
  // The estate's own test: a day the calendar lacks (2026-02-30) written in would break every later command.
  if (f.expires !== undefined && !isEstateDate(f.expires))
    throw new UsageError(`adopt: --expires ${givenWord(f.expires)} is not a date (YYYY-MM-DD)`);
  // Expiry is inclusive: an exception that ended yesterday would turn the drift into exception-expired at once.
  if (f.expires !== undefined && f.expires < today)
    throw new UsageError(`adopt: --expires ${f.expires} is past (today is ${today}, UTC): the exception would excuse nothing`);
  return { as: 'exception', reason: f.reason, ticket: f.ticket, expires: f.expires, permanent: f.permanent };
}

const widening = (w: Widening): string =>
  [w.min !== undefined ? `min ${w.min}` : '', w.max !== undefined ? `max ${w.max}` : '', w.enum !== undefined ? `enum + ${w.enum}` : '']
    .filter(Boolean)
    .join(', ');

/** The parity groups that stop comparing `key` once `env` expects a value, one line each ('' for none). */
const parityNotes = (estate: Estate, env: string, key: string): string =>
  parityLeftBehind(estate, env, key)
    .map(
      (left) =>
        `  parity ${left.group} no longer compares it (a key with an expected value is judged by mismatch): ${left.environments.join(', ')} ${left.environments.length === 1 ? 'expects' : 'expect'} no value; adopt it there too, or use --everywhere\n`,
    )
    .join('');

/**
 * `drift adopt ENV KEY…`: after an emergency fix, the values ENV runs now become the expected ones
 * (or documented exceptions), written into the baseline file with every other line unchanged.
 */
export async function adoptCommand(env: string, rawKeys: string[], flags: AdoptFlags, io: CliIo, now: () => Date): Promise<number> {
  const mode = adoptMode(flags, utcDate(now()));
  if (!rawKeys.length && !flags.allChanged) throw new UsageError('adopt: name the keys to adopt, or pass --all-changed');
  // An exception may excuse a parity finding, which only an audit of the environment's groups can show.
  const audited = (estate: Estate): string[] => (mode.as === 'exception' ? withParityPeers(estate, env) : [env]);
  const session = await auditSession({ config: flags.config, format: 'text', store: flags.store }, io, now, false, false, audited);
  const { estate, result, fp } = session;
  const config = result.configs.find((c) => c.environment === env);
  if (!config) {
    const names = estate.environments.map((e) => e.name);
    throw unknownEnvironment(env, names);
  }
  const named = rawKeys.map((k) => keyInEnvironment(estate, config, k, (name) => hiddenText(name, fp)));
  const changed = flags.allChanged ? await changedKeys(flags.store, estate, result.findings, env, session.folder) : [];
  const keys = [...new Set([...named, ...changed])];
  if (!keys.length) {
    io.stderr.write(`nothing to adopt: no key of ${env} changed at runtime away from its expected value\n`);
    return 0;
  }
  const skipExpected = mode.as === 'value';
  const everywhere = mode.as === 'value' && mode.everywhere;
  const plan = planAdopt(estate, config, keys, {
    force: flags.force,
    exception: mode.as === 'exception',
    skipExpected,
    everywhere,
    today: utcDate(session.at),
    ...(mode.as === 'exception'
      ? { excusing: { judged: result, ...(mode.permanent ? { permanent: true } : { expires: mode.expires }) } }
      : {}),
  });
  if (!plan.ok) throw new UsageError(plan.problems.map((p) => `adopt: ${sanitize(p)}`).join('\n'));
  for (const key of plan.alreadyExpected)
    io.stderr.write(`nothing to adopt for ${sanitize(key)}: ${env} already runs the baseline's value\n`);
  if (!plan.adoptions.length) return 0;

  const file = estate.baseline.file;
  const before = readFileSync(file, 'utf8');
  const place = path.resolve(file) === path.resolve(estate.file) ? 'inline' : 'file';
  const after = adoptedText(before, place, plan.adoptions, mode);
  const shownFile = path.relative(io.cwd, file) || file;
  if (after === before) {
    io.stderr.write(`nothing to adopt: ${shownFile} already says what ${env} runs\n`);
    return 0;
  }
  // The next audit is not clean where a rule fails on the adopted values: adopting changes no value it judges.
  const ruleNotes = rulesStillFailing(
    estate,
    result.findings,
    env,
    plan.adoptions.map((a) => a.key),
  )
    .map((f) => `  still failing on the adopted values: ${sanitize(f.message)}\n`)
    .join('');
  if (flags.dryRun) {
    const diff = unifiedDiff(shownFile, before, after);
    io.stdout.write(diff.split('\n').map(sanitize).join('\n'));
    // What the change would end, said before it is made: the diff alone does not show a parity group stop comparing.
    if (mode.as === 'value' && !mode.everywhere) for (const a of plan.adoptions) io.stderr.write(parityNotes(estate, env, a.key));
    io.stderr.write(ruleNotes);
    return 0;
  }
  const branch = adoptBranch(plan.adoptions, session.at.toISOString().slice(0, 10));
  // Read before the branch is made: the tickets of what it answers, for the commit to name.
  const scope = { environment: env, keys: plan.adoptions.map((a) => a.key), everywhere };
  const tickets = flags.commit ? await adoptionTickets(flags.store, estate, scope, session.folder, io) : [];
  const committer = flags.commit ? await GitBranchCommitter.open(file, branch) : undefined;
  replaceFileAtOnce(file, after);
  const target = mode.as === 'exception' ? 'as an exception' : mode.everywhere ? 'everywhere' : `in ${env}`;
  for (const a of plan.adoptions) {
    io.stderr.write(`adopted ${sanitize(a.key)}: ${sanitize(a.before ?? '(none)')} → ${sanitize(a.shown)} ${target} (${shownFile})\n`);
    if (a.widen) io.stderr.write(`  widened its bounds to admit it (--force): ${sanitize(widening(a.widen))}\n`);
    if (mode.as === 'value' && !mode.everywhere) io.stderr.write(parityNotes(estate, env, a.key));
  }
  io.stderr.write(ruleNotes);
  if (committer) {
    const id = await committer.commit(adoptCommitMessage(plan.adoptions, target, tickets));
    io.stdout.write(`committed ${id.slice(0, 12)} on branch ${committer.branch}: open a pull request from it\n`);
  }
  return 0;
}
