/** A value accepted (normalised), or why it is not one: "… is not …" reads after the value. */
export type Checked = { value: string } | { problem: string };

export const ok = (value: string): Checked => ({ value });
export const no = (problem: string): Checked => ({ problem });

/** A checked value, or an error naming it: deploy checks report these with positions before any grant is made. */
export function must<T extends object>(what: string, r: T | { problem: string }): Exclude<T, { problem: string }> {
  if ('problem' in r) throw new Error(`${what}: ${r.problem}`);
  return r as Exclude<T, { problem: string }>;
}

/** The problem of a checked field, as a deploy check says it: `"value" is not …`. */
export const fieldProblem = (field: string, value: string, r: { problem: string } | object): Array<{ field: string; message: string }> =>
  'problem' in r ? [{ field, message: `${JSON.stringify(value)} ${r.problem}` }] : [];

export const sorted = (xs: string[]): string[] => [...new Set(xs)].sort();

/** One value as itself, several as a list: how IAM policies usually write a condition's values. */
export const oneOrMany = (xs: string[]): string | string[] => (xs.length === 1 ? (xs[0] as string) : xs);
