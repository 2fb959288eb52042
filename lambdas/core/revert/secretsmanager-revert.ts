import { awsLine, fillValueFile, removeValueFile, roleHint, valueFile } from './aws-command';
import type { RevertStep, Reverter } from './revert-step';
import { shellQuote } from '../shell-quote';

// A key of the secret's JSON, or a dotted path to a nested one.
const SET_KEY = 'if has($k) then .[$k] = $v else setpath($k | split("."); $v) end';

/** The JSON key an ECS `valueFrom` ARN names (`arn:…:secret:name-AbCdEf:json-key::`). */
const jsonKeyOfArn = (arn: string | undefined): string | undefined => arn?.split(':')[7] || undefined;

/** The whole secret (read as one value, or an ECS secret naming no JSON key): the value put back as the new version. */
function wholeSecret(input: Parameters<Reverter<{ region?: string }>>[0], name: string): RevertStep[] {
  return [
    ...roleHint(input),
    ...fillValueFile(input),
    {
      do: 'run',
      command: awsLine(input, ['secretsmanager', 'put-secret-value', '--secret-id', name, '--secret-string', `file://${valueFile(input)}`]),
    },
    removeValueFile(input),
  ];
}

/** Secrets Manager: the secret's JSON fetched to a private file, the key changed, put back as a new version. */
export const secretsManagerRevert: Reverter<{ region?: string }> = (input) => {
  const { origin, observation, target, stem } = input;
  const space = origin.location.indexOf(' ');
  const name = space > 0 ? origin.location.slice(0, space) : origin.location;
  const jsonKey = space > 0 ? origin.location.slice(space + 1) : jsonKeyOfArn(observation.ref?.target);
  if (jsonKey === undefined) return wholeSecret(input, name);
  const file = shellQuote(`${stem}.secret.json`);
  const value = target.secret ? `--rawfile v ${shellQuote(valueFile(input))}` : `--arg v ${shellQuote(target.text)}`;
  const steps: RevertStep[] = [
    ...roleHint(input),
    {
      do: 'note',
      text: `${stem}.secret.json holds every key of ${name} in plain text while the plan runs: it is made private and removed`,
    },
    ...(target.secret ? fillValueFile(input) : []),
    {
      do: 'run',
      command: `(umask 077; ${awsLine(input, ['secretsmanager', 'get-secret-value', '--secret-id', name, '--query', 'SecretString', '--output', 'text'])} | jq --arg k ${shellQuote(jsonKey)} ${value} ${shellQuote(SET_KEY)} > ${file})`,
    },
    {
      do: 'run',
      command: `${awsLine(input, ['secretsmanager', 'put-secret-value', '--secret-id', name, '--secret-string', `file://${stem}.secret.json`])}`,
    },
    { do: 'run', command: `rm -f ${file}` },
  ];
  if (target.secret) steps.push(removeValueFile(input));
  return steps;
};
