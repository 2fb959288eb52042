import { parserFor } from '../../lambdas/adapters/code/grammars';
import { followChains } from '../../lambdas/adapters/code/wrapper-chains';
import { DeclaredTypeIndex } from '../../lambdas/adapters/code/declared-types';
import type { FoundRead, LanguageModule, Wrapper } from '../../lambdas/adapters/code/language';

/** What a test compares: a read's key as written, 1-based line, via and fallback. */
export interface SnippetRead {
  name: string;
  line: number;
  via: string;
  fallback: FoundRead['fallback'];
  /** Where the read is declared when not in the snippet: `others[i]` is `other${i}`. */
  file?: string;
}

/** The reads a language finds in one snippet of source (its own wrappers, and those of `others`, apply). */
export async function readsOf(language: LanguageModule, extension: string, source: string, others: string[] = []): Promise<SnippetRead[]> {
  const parser = await parserFor(language.grammar(extension));
  // The code the scanner would parse: Ruby's ERB files hold it in tags.
  const texts = [source, ...others].map((text) => (language.code ? (language.code(text, `snippet${extension}`) ?? '') : text));
  const trees = texts.map((text) => parser.parse(text));
  const wrappers = new Map<string, Wrapper>();
  for (const tree of trees) for (const w of tree ? language.wrappers(tree) : []) wrappers.set(w.name, w);
  const sources = trees.map((tree, i) => ({ text: texts[i] ?? '', tree }));
  await followChains(language, wrappers, sources, async (s, use) => (s.tree ? use(s.tree) : []));
  const declared = new DeclaredTypeIndex();
  trees.forEach((t, i) => t && language.declared && declared.add(i === 0 ? 'snippet' : `other${i - 1}`, language.declared(t)));
  const tree = trees[0];
  if (!tree) throw new Error('the snippet did not parse');
  // A read by a name the scan cannot list (FoundRead.open) is no key read: test/adapters/code/open-reads.test.ts has them.
  const keyReads = language.reads(tree, wrappers, declared.visibleFrom('snippet')).filter((r) => !r.open);
  return keyReads.map((r) => ({
    name: r.name,
    line: r.at.startPosition.row + 1,
    via: r.via,
    fallback: r.fallback,
    ...(r.file !== undefined && r.file !== 'snippet' && { file: r.file }),
  }));
}

/** The fallback of a read with none. */
export const none = { kind: 'none' } as const;

/** A read's default, with its literal's text when the code writes one. */
export const fallback = (value?: string): SnippetRead['fallback'] =>
  value === undefined ? { kind: 'default' } : { kind: 'default', value };

/** A read as `readsOf` gives it, without a fallback unless one is given. */
export const read = (name: string, line: number, via: string, f: SnippetRead['fallback'] = none): SnippetRead => ({
  name,
  line,
  via,
  fallback: f,
});
