import type { Position } from './model';
import { sanitize } from '../values/value';
import { formatPosition } from './yaml-positions';

/** One problem in an estate or baseline file, with where it is. */
export interface EstateProblem extends Position {
  message: string;
}

/** `file:line:column: message`, one line: a name quoted from the file (an unknown field) never drives the terminal. */
export const formatProblem = (p: EstateProblem): string => sanitize(`${formatPosition(p)}: ${p.message}`);

/** Ordered by file, then line, then column, so output is stable. */
export function sortProblems(problems: EstateProblem[]): EstateProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file, 'en') || a.line - b.line || a.column - b.column);
}
