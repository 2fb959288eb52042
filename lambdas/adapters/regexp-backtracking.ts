import { setFlagsFromString } from 'node:v8';

/**
 * Patterns meet values drift does not choose: a `pattern:` of the estate file with nested repetition
 * (`^([a-z0-9]+-?)+$`) against a long value that almost matches backtracks for hours, and so could a
 * secret rule. With this V8 falls back to its linear-time engine once a match has backtracked 50,000
 * times (V8's default bound), for every expression that engine can run (not backreferences or
 * lookaround). Set once per process, before the first match: the CLI's start and the Lambdas' wiring.
 */
export function boundRegExpBacktracking(): void {
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
}
