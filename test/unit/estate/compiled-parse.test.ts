import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMPILED_PARSE_FROM } from '../../../lambdas/core/estate/parse-estate';
import { readYaml } from '../../../lambdas/core/estate/read-yaml';
import { baselineSchema, estateSchema } from '../../../lambdas/core/estate/schema';

// parseWith reads small estate files with zod's plain parser and large ones with its compiled parsers:
// both must give the same values, defaults and transforms included, and the same issues.
const REPO = path.resolve(__dirname, '../../..');
const ESTATES = ['examples/drift.yaml', 'examples/with-code/drift.yaml', 'examples/live/drift.yaml', 'examples/more-sources/drift.yaml'];

function dataOf(file: string): unknown {
  const read = readYaml(readFileSync(path.join(REPO, file), 'utf8'), file);
  if (!read.ok) throw new Error(`${file}: ${read.problems.map((p) => p.message).join('; ')}`);
  return read.data;
}

/** Both parsers' results of `data`, as text: key order counts (the raw estate is spread into the model). */
function both(schema: typeof estateSchema | typeof baselineSchema, data: unknown): [string, string] {
  const plain = schema.safeParse(structuredClone(data), { jitless: true });
  const compiled = schema.safeParse(structuredClone(data), { jitless: false });
  const show = (r: typeof plain) => JSON.stringify(r.success ? { data: r.data } : { issues: r.error.issues });
  return [show(plain), show(compiled)];
}

/** Every path into `data`, containers and scalars. */
function pathsOf(data: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const inner =
    data !== null && typeof data === 'object'
      ? Object.entries(data).flatMap(([k, v]) => pathsOf(v, [...at, Array.isArray(data) ? Number(k) : k]))
      : [];
  return [at, ...inner];
}

const EDITS: Array<(parent: Record<string | number, unknown>, key: string | number) => void> = [
  (p, k) => delete p[k],
  (p, k) => (p[k] = null),
  (p, k) => (p[k] = 7),
  (p, k) => (p[k] = 'x'),
  (p, k) => (p[k] = true),
  (p, k) => (p[k] = []),
  (p, k) => (p[k] = {}),
  (p) => (p.zz = 'unknown'),
];

describe("zod's plain and compiled parsers read estates alike", () => {
  test('small estate files take the plain parser', () => {
    for (const file of ESTATES) expect(readFileSync(path.join(REPO, file), 'utf8').length).toBeLessThan(COMPILED_PARSE_FROM);
  });

  test.each(ESTATES)('%s', (file) => {
    const [plain, compiled] = both(estateSchema, dataOf(file));
    expect(plain).toContain('"data"');
    expect(compiled).toBe(plain);
  });

  test('on estates edited anywhere (a field removed, retyped or added)', () => {
    const estates = ESTATES.map(dataOf);
    fc.assert(
      fc.property(fc.nat(ESTATES.length - 1), fc.nat(), fc.nat(EDITS.length - 1), (which, where, edit) => {
        const data = structuredClone(estates[which]) as Record<string | number, unknown>;
        const paths = pathsOf(data).filter((p) => p.length > 0);
        const at = paths[where % paths.length] as Array<string | number>;
        const parent = at.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, data);
        (EDITS[edit] as (typeof EDITS)[number])(parent, at[at.length - 1] as string | number);
        const [plain, compiled] = both(estateSchema, data);
        expect(compiled).toBe(plain);
        const [plainBaseline, compiledBaseline] = both(baselineSchema, data.baseline);
        expect(compiledBaseline).toBe(plainBaseline);
      }),
      { numRuns: 300 },
    );
  });
});
