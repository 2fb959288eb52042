import { setFlagsFromString } from 'node:v8';

/**
 * Lets a regular expression ask for V8's linear-time engine (the `l` flag), which key patterns use
 * where they can (core/values/key-pattern.ts): a `pattern:` of the estate file with nested repetition
 * (`^([a-z0-9]+-?)+$`) against a long value that almost matches would otherwise backtrack for hours.
 * Every other expression runs as before. Set once per process before the first pattern: by the CLI's
 * start (see there why before any chunk compiles) and the Lambdas' wiring.
 */
export function allowLinearRegExp(): void {
  setFlagsFromString('--enable-experimental-regexp-engine');
}
