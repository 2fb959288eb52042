import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const readsOf = async (files: Record<string, string>) =>
  (await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] })).reads.map((r) => [
    r.name,
    `${r.file}:${r.line}:${r.column}`,
    r.via,
    r.fallback,
  ]);

const SCHEMA = `// the application's database
datasource db {
  provider  = "postgresql"
  url       = env("DATABASE_URL")
  directUrl = env("DIRECT_URL")
}

generator client {
  provider = "prisma-client-js"
  // output = env("NOT_READ")
}
`;

describe("Prisma's schema reads the variables its env() names", () => {
  test('each env("X") of a schema.prisma is a read without a default (Prisma fails without it), at its place; a comment is none', async () => {
    expect(await readsOf({ 'prisma/schema.prisma': SCHEMA, 'src/index.ts': 'export const x = 1;\n' })).toEqual([
      ['DATABASE_URL', 'prisma/schema.prisma:4:19', 'env() (Prisma schema)', { kind: 'none' }],
      ['DIRECT_URL', 'prisma/schema.prisma:5:19', 'env() (Prisma schema)', { kind: 'none' }],
    ]);
  });
});
