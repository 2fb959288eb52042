import type { CodeRead } from '../../core/code/code-read';
import { canonicalKey } from '../../core/keys';

/** A Prisma schema (`prisma/schema.prisma`, or a folder of `.prisma` files). */
export const PRISMA_SCHEMA = /\.prisma$/;

/**
 * The variables a Prisma schema reads: each `env("DATABASE_URL")` (a datasource's `url`, `directUrl`,
 * `shadowDatabaseUrl`), which the client needs when it connects: no default, Prisma fails without it.
 * Each at the place of its quoted name; a `//` comment reads nothing.
 */
export function prismaReads(text: string, file: string): CodeRead[] {
  const reads: CodeRead[] = [];
  text.split('\n').forEach((line, i) => {
    const comment = line.indexOf('//');
    const code = comment < 0 ? line : line.slice(0, comment);
    for (const m of code.matchAll(/\benv\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)/g)) {
      const name = m[1] as string;
      const key = canonicalKey(name);
      if (key === '') continue;
      const column = (m.index ?? 0) + m[0].indexOf('"') + 1;
      reads.push({
        name,
        key,
        file,
        line: i + 1,
        column,
        language: 'typescript',
        via: 'env() (Prisma schema)',
        fallback: { kind: 'none' },
      });
    }
  });
  return reads;
}
