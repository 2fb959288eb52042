import type { Position } from './model';
import { formatPosition } from './yaml-positions';

/** One problem in an estate or baseline file, with where it is. */
export interface EstateProblem extends Position {
  message: string;
}

export const formatProblem = (p: EstateProblem): string => `${formatPosition(p)}: ${p.message}`;

/** Ordered by file, then line, then column, so output is stable. */
export function sortProblems(problems: EstateProblem[]): EstateProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
