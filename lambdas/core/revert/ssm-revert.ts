import { awsLine, fillValueFile, removeValueFile, roleHint, valueFile } from './aws-command';
import type { RevertStep, Reverter } from './revert-step';

// The AWS CLI reads a parameter value that looks like a URL from that URL, and takes one starting
// with `-` (`--help`, `-x`) for an option of its own ("--value: expected one argument"): such a value
// goes through a file.
const NOT_AS_WORD = /^(-|(file|fileb|https?):\/\/)/i;

/**
 * SSM: `put-parameter --overwrite` on the exact parameter (it exists: drift read it), a secret's value
 * read from a file. A SecureString keeps its type and its own KMS key; any other parameter is given no
 * `--type`, so it keeps its own: a String holding a secret (by its name or content) stays a String.
 */
export const ssmRevert: Reverter<{ region?: string }> = (input) => {
  const { observation, origin, target } = input;
  const secret = observation.value.kind === 'secret' || observation.value.kind === 'opaque';
  // Drift read the parameter's type with it; a SecureString it could not read is one all the same.
  const secure = origin.secureString === true || (observation.value.kind === 'opaque' && observation.value.secret === true);
  const viaFile = secret || target.secret || NOT_AS_WORD.test(target.text);
  const steps: RevertStep[] = [...roleHint(input)];
  if (viaFile) steps.push(...fillValueFile(input));
  const value = viaFile ? `file://${valueFile(input)}` : target.secret ? '' : target.text;
  const name = origin.location;
  const put = awsLine(input, [
    'ssm',
    'put-parameter',
    '--name',
    name,
    '--value',
    value,
    // An update keeps the parameter's own type when none is given: a StringList stays one.
    ...(secure ? ['--type', 'SecureString'] : []),
    '--overwrite',
  ]);
  // Put without --key-id, a SecureString is encrypted again under the account's default key, not its own.
  const keyId = awsLine(input, [
    'ssm',
    'describe-parameters',
    '--parameter-filters',
    `Key=Name,Values=${name}`,
    '--query',
    'Parameters[0].KeyId',
    '--output',
    'text',
  ]);
  steps.push({ do: 'run', command: secure ? `${put} --key-id "$(${keyId})"` : put });
  if (viaFile) steps.push(removeValueFile(input));
  return steps;
};
