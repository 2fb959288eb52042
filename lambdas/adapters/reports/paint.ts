import type { Severity } from '../../core/severity';

const CODES = { red: 31, yellow: 33, blue: 34, magenta: 35, grey: 90, bold: 1, dim: 2, green: 32, cyan: 36 } as const;
export type Colour = keyof typeof CODES;

export type Paint = (colour: Colour, text: string) => string;

/** ANSI colours when `enabled`, the text as it is otherwise. */
export const painter =
  (enabled: boolean): Paint =>
  (colour, text) =>
    enabled ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;

export const SEVERITY_COLOUR: Record<Severity, Colour> = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'blue', info: 'grey' };
