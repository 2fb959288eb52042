import { awsLine, fillValueFile, removeValueFile, roleHint, valueFile } from './aws-command';
import type { RevertStep, Reverter } from './revert-step';

// The AWS CLI reads a parameter value that looks like a URL from that URL, and takes one starting
// with `-` (`--help`, `-x`) for an option of its own ("--value: expected one argument"): such a value
// goes through a file.
const NOT_AS_WORD = /^(-|(file|fileb|https?):\/\/)/i;

/** SSM: `put-parameter --overwrite` on the exact parameter (it exists: drift read it), a SecureString's value read from a file. */
export const ssmRevert: Reverter<{ region?: string }> = (input) => {
  const { observation, origin, target } = input;
  const secure = observation.value.kind === 'secret' || observation.value.kind === 'opaque';
  const viaFile = secure || target.secret || NOT_AS_WORD.test(target.text);
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
  if (secure)
    steps.push({
      do: 'note',
      text: `drift keeps ${name}'s value as a fingerprint, as it does SecureStrings: if the parameter is a String, say --type String without --key-id`,
    });
  if (viaFile) steps.push(removeValueFile(input));
  return steps;
};
