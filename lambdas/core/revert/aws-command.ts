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
 * The line that reads a secret at a prompt into `file` (quoted): POSIX sh, not bash's `read -s -p`
 * (dash refuses it, zsh's `-p` reads a coprocess); echo off while it is typed and back on however the
 * line ends; `IFS=` and `-r` keep the value whole (spaces at its ends, backslashes).
 */
export const secretPrompt = (file: string): string =>
  `(umask 077; trap 'stty echo 2>/dev/null' EXIT; trap 'exit 130' INT; stty -echo 2>/dev/null; printf 'value: ' >&2; IFS= read -r v && printf '%s' "$v" > ${file}; s=$?; echo >&2; exit $s)`;

/**
 * Fills the value file. A secret is typed at a prompt, never printed; the baseline's value (never a
 * secret: drift validate refuses secrets in the baseline) is written as it is.
 */
export function fillValueFile(input: RevertInput<unknown>): RevertStep[] {
  const file = shellQuote(valueFile(input));
  if (input.target.secret)
    return [
      { do: 'note', text: `drift never prints a secret: type the value at the prompt, it goes to ${valueFile(input)}` },
      { do: 'run', command: secretPrompt(file) },
    ];
  return [{ do: 'run', command: `(umask 077; printf '%s' ${shellQuote(input.target.text)} > ${file})` }];
}

/** Removes the value file once it was used. */
export const removeValueFile = (input: RevertInput<unknown>): RevertStep => ({
  do: 'run',
  command: `rm -f ${shellQuote(valueFile(input))}`,
});
