import { shellQuote } from '../shell-quote';
import type { RevertInput, RevertStep } from './revert-step';

/** The region an AWS command of this source runs in: the source's, else the environment's. */
export const regionOf = (input: RevertInput<{ region?: string }>): string | undefined => input.spec.region ?? input.environment.region;

/** An `aws …` command line, its words quoted, with the source's `--region`. */
export function awsLine(input: RevertInput<{ region?: string }>, words: readonly string[]): string {
  const region = regionOf(input);
  return ['aws', ...words, ...(region ? ['--region', region] : [])].map(shellQuote).join(' ');
}

/** A step running one `aws …` command. */
export const awsCommand = (input: RevertInput<{ region?: string }>, words: readonly string[]): RevertStep => ({
  do: 'run',
  command: awsLine(input, words),
});

/** Where an environment with a member role must run its AWS commands: said once, before them. */
export function roleHint(input: RevertInput<unknown>): RevertStep[] {
  const { roleArn, account } = input.environment;
  if (!roleArn) return [];
  return [
    {
      do: 'note',
      text: `run the aws commands as ${roleArn}${account ? ` (account ${account})` : ''}: a profile with role_arn = ${roleArn}, then AWS_PROFILE=<that profile>`,
    },
  ];
}

/** The file a value bound for a secret store is read from. */
export const valueFile = (input: RevertInput<unknown>): string => `${input.stem}.value`;

/**
 * Fills the value file. A secret is typed at a prompt, never printed; the baseline's value (never a
 * secret: drift validate refuses secrets in the baseline) is written as it is.
 */
export function fillValueFile(input: RevertInput<unknown>): RevertStep[] {
  const file = shellQuote(valueFile(input));
  if (input.target.secret)
    return [
      { do: 'note', text: `drift never prints a secret: type the value at the prompt, it goes to ${valueFile(input)}` },
      { do: 'run', command: `(umask 077; read -rs -p 'value: ' v && printf '%s' "$v" > ${file})` },
    ];
  return [{ do: 'run', command: `(umask 077; printf '%s' ${shellQuote(input.target.text)} > ${file})` }];
}

/** Removes the value file once it was used. */
export const removeValueFile = (input: RevertInput<unknown>): RevertStep => ({
  do: 'run',
  command: `rm -f ${shellQuote(valueFile(input))}`,
});
