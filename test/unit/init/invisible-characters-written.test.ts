import { parse } from 'yaml';
import { yamlScalar as estateScalar } from '../../../lambdas/core/estate/yaml-edit-nodes';
import { yamlScalar as initScalar } from '../../../lambdas/core/init/render-baseline';

// A key or value read from a source may hold invisible characters: a zero-width space, a bidi
// override, a tag character, half a surrogate pair. Written raw into drift.yaml (init, adopt), the
// file shows db.host where the key is another, and a reviewer's screen reorders the line.
const INVISIBLE = /[\p{Cf}\p{Cs}]/u;
const texts = ['db\u200bho\u202est', 'a\u2066b\u2069', 'tag\u{e0041}end', 'bom\ufeff', 'half\ud800'];

describe.each([
  ['drift init', initScalar],
  ['drift adopt', estateScalar],
])('%s writes invisible characters escaped', (_, scalar) => {
  it.each(texts)('%j is escaped and reads back as itself', (text) => {
    const written = scalar(text);
    expect(written).not.toMatch(INVISIBLE);
    expect((parse(`k: ${written}\n`) as { k: string }).k).toBe(text);
    expect((parse(`{ k: ${written} }\n`) as { k: string }).k).toBe(text);
  });
});
