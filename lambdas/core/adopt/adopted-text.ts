import {
  appendEnumOption,
  appendException,
  declareKey,
  dropEntryComment,
  setExpectedValue,
  setKeyField,
  type BaselinePlace,
} from '../estate/yaml-edit';
import { saysDiffers, saysSameIn } from '../init/infer-key';
import { UnquotedNumber, type Tree } from '../estate/yaml-edit-tree';
import { adoptedScope } from './excused-by-adoption';
import type { Adoption } from './plan-adopt';

/** Where adopted values go: the expected value (of the environment, or everywhere), or an exception. */
export type AdoptMode =
  { as: 'value'; everywhere: boolean } | { as: 'exception'; reason: string; ticket?: string; expires?: string; permanent?: boolean };

function exceptionFields(a: Adoption, mode: Extract<AdoptMode, { as: 'exception' }>): Record<string, Tree> {
  return {
    ...adoptedScope(a.environment, a.key, a),
    reason: mode.reason,
    ...(mode.ticket !== undefined ? { ticket: mode.ticket } : {}),
    ...(mode.permanent ? { permanent: true } : mode.expires !== undefined ? { expires: mode.expires } : {}),
  };
}

/**
 * The baseline text with the adoptions written in: each key's expected value (`values.<env>`, or
 * `value` with everywhere, and then `values.<env>` too where it was set), or an exception per key
 * (declaring the key first if needed); with --force, the key's bounds widened to admit the value.
 * Every other line of `source` is kept byte for byte; on the key's own, a comment drift init wrote
 * saying the key is the same everywhere goes once an environment has its own value, and one saying
 * the environments differ once a value is adopted everywhere.
 */
export function adoptedText(source: string, place: BaselinePlace, adoptions: readonly Adoption[], mode: AdoptMode): string {
  let text = source;
  for (const a of adoptions) {
    if (mode.as === 'exception') {
      text = appendException(declareKey(text, place, a.key), place, exceptionFields(a, mode));
      continue;
    }
    if (a.widen?.min !== undefined) text = setKeyField(text, place, a.key, 'min', a.widen.min);
    if (a.widen?.max !== undefined) text = setKeyField(text, place, a.key, 'max', a.widen.max);
    if (a.widen?.enum !== undefined) text = appendEnumOption(text, place, a.key, a.widen.enum);
    const expected = a.asNumber ? new UnquotedNumber(a.text) : a.text;
    if (!mode.everywhere || a.environmentValue) text = setExpectedValue(text, place, a.key, a.environment, expected);
    // The environment now has its own value: init's `# same in every environment` on the key would mislead.
    if (!mode.everywhere) text = dropEntryComment(text, place, a.key, saysSameIn);
    // One value everywhere: init's `# differs: …` (left to parity, findings to review) no longer describes the key.
    else text = dropEntryComment(text, place, a.key, saysDiffers);
    if (mode.everywhere) text = setExpectedValue(text, place, a.key, undefined, expected);
  }
  return text;
}
