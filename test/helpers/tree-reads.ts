import { TreeSitterCodeReader } from '../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from './cli';

const readsIn = async (files: Record<string, string>) =>
  (await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] })).reads;

/** The reads a scan of a scratch tree of `files` finds: each its name, `file:line`, via and fallback. */
export const treeReads = async (files: Record<string, string>) =>
  (await readsIn(files)).map((r) => [r.name, `${r.file}:${r.line}`, r.via, r.fallback]);

/** Each read's name and fallback, as a scan of a scratch tree of `files` finds them. */
export const treeFallbacks = async (files: Record<string, string>) => (await readsIn(files)).map((r) => [r.name, r.fallback]);
