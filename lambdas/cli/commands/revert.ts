import { estateRepository } from '../../adapters/repository/repository-view';
import { keyInEnvironment } from '../../core/estate/key-argument';
import { hiddenText } from '../../core/values/hidden-names';
import type { Estate } from '../../core/estate/model';
import { revertPlanner, settleOnce, type KeyRevert } from '../../core/revert/plan-revert';
import { revertPlanText } from '../../core/revert/plan-text';
import { auditSession } from '../audit-session';
import type { CliIo } from '../io';
import { noSuchKey } from './no-such-key';
import { FORMATS, parseFormat, type CommonOptions } from '../options';
import { unknownEnvironment } from '../unknown-environment';

/** Gives a file edit the line that sets the value, read from the recorded file (the plan itself is pure). */
async function withLines(estate: Estate, reverts: KeyRevert[]): Promise<KeyRevert[]> {
  if (!reverts.some((r) => r.outcome === 'plan' && r.steps.some((s) => s.do === 'edit'))) return reverts;
  const repo = await estateRepository(estate);
  return reverts.map((r) => {
    if (r.outcome !== 'plan') return r;
    const { environment, key, source } = r;
    const at = repo.valueLine({ id: '', kind: 'mismatch', severity: 'medium', estate: estate.name, environment, key, source, message: '' });
    if (!at) return r;
    return {
      ...r,
      steps: r.steps.map((s) => (s.do === 'edit' && s.line === undefined && at.file.endsWith(s.file) ? { ...s, line: at.line } : s)),
    };
  });
}

/** `drift revert ENV KEY…`: prints the commands that bring each key back to the baseline's value; runs nothing. */
export async function revertCommand(
  env: string,
  rawKeys: string[],
  opts: CommonOptions & { despiteException?: boolean },
  io: CliIo,
  now: () => Date,
): Promise<number> {
  const format = parseFormat(opts.format, FORMATS.estate);
  const { estate, result, fp } = await auditSession({ ...opts, env: undefined }, io, now, false, false, () => [env]);
  const config = result.configs.find((c) => c.environment === env);
  const environment = estate.environments.find((e) => e.name === env);
  if (!config || !environment) throw unknownEnvironment(env, result.environments);
  const plan = revertPlanner(estate.baseline, environment, config);
  const planned = rawKeys.map((raw) => {
    const key = keyInEnvironment(estate, config, raw, (name) => hiddenText(name, fp));
    if (!estate.baseline.keys.has(key) && !config.entries.get(key))
      throw noSuchKey(env, raw, key, config.entries.keys(), (name) => hiddenText(name, fp));
    const excusedBy = result.suppressed.find((f) => f.environment === env && f.key === key && f.exception)?.exception;
    return plan(key, {
      ...(excusedBy ? { excusedBy } : {}),
      despiteException: opts.despiteException === true,
    });
  });
  const reverts = await withLines(estate, settleOnce(planned));
  if (format === 'json') io.stdout.write(`${JSON.stringify({ environment: env, reverts }, null, 2)}\n`);
  else io.stdout.write(revertPlanText(env, reverts));
  return 0;
}
