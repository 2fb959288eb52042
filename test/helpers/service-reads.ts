import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { parserFor } from '../../lambdas/adapters/code/grammars';
import type { LanguageModule, Wrapper } from '../../lambdas/adapters/code/language';

const DEMO = join(__dirname, '..', 'fixtures', 'opentelemetry-demo');

/** One read found in a copied opentelemetry-demo service: key, file under the service, 1-based line, fallback. */
export interface ServiceRead {
  name: string;
  file: string;
  line: number;
  via: string;
  fallback: { kind: string; value?: string };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The reads a language finds in a service of the fixture copy (both passes over all its files of that language). */
export async function serviceReads(language: LanguageModule, service: string): Promise<ServiceRead[]> {
  const root = join(DEMO, 'src', service);
  const files = filesUnder(root).filter((f) => language.extensions.some((ext) => f.endsWith(ext)));
  const trees = await Promise.all(
    files.map(async (file) => {
      const parser = await parserFor(language.grammar(file.slice(file.lastIndexOf('.'))));
      const tree = parser.parse(readFileSync(file, 'utf8'));
      if (!tree) throw new Error(`${file} did not parse`);
      return { file: relative(root, file), tree };
    }),
  );
  // As the scanner does: a language whose wrappers are scoped to a folder sees only its folder's.
  const scopeOf = (file: string) => (language.wrapperScope === 'folder' ? dirname(file) : '');
  const wrappers = new Map<string, Map<string, Wrapper>>();
  for (const { file, tree } of trees) {
    const scope = wrappers.get(scopeOf(file)) ?? new Map<string, Wrapper>();
    for (const w of language.wrappers(tree)) scope.set(w.name, w);
    wrappers.set(scopeOf(file), scope);
  }
  return trees.flatMap(({ file, tree }) =>
    language
      .reads(tree, wrappers.get(scopeOf(file)) ?? new Map())
      // A read by a name the scan cannot list (FoundRead.open) is no key read.
      .filter((r) => !r.open)
      .map((r) => ({ name: r.name, file, line: r.at.startPosition.row + 1, via: r.via, fallback: r.fallback })),
  );
}

/** The variable names compose.yaml sets for a service (`NAME` and `NAME=value` entries). */
export function composeVariables(service: string): string[] {
  const compose = parse(readFileSync(join(DEMO, 'compose.yaml'), 'utf8')) as { services: Record<string, { environment?: string[] }> };
  return (compose.services[service]?.environment ?? []).map((entry) => entry.split('=')[0] ?? entry);
}
