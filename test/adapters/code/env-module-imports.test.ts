import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

// outline's server/utils/environment.ts and server/env.ts, cut down: a module whose default export is process.env (through a
// Proxy that resolves Docker's _FILE secrets), and a class-validator class reading it.
const ENVIRONMENT = `export function withFileSecrets(env: Record<string, string | undefined>) {
  return new Proxy(env, {});
}

export default withFileSecrets(process.env);
`;
const ENV = `import { IsNotEmpty, IsOptional, IsIn, validate } from "class-validator";
import environment from "./utils/environment";

export class Environment {
  constructor() {
    void validate(this);
  }

  @IsNotEmpty()
  public REDIS_URL = environment.REDIS_URL;

  @IsOptional()
  public DATABASE_PORT = this.toOptionalNumber(environment.DATABASE_PORT);

  @IsIn(["local", "s3"])
  public FILE_STORAGE = this.toOptionalString(environment.FILE_STORAGE) ?? "s3";

  public UPLOAD_MAX_SIZE =
    this.toOptionalNumber(environment.FILE_STORAGE_UPLOAD_MAX_SIZE) ??
    this.toOptionalNumber(environment.AWS_S3_UPLOAD_MAX_SIZE) ??
    1000000;

  protected toOptionalString(value: string | undefined) {
    return value ? value : undefined;
  }

  protected toOptionalNumber(value: string | undefined) {
    return value ? parseInt(value, 10) : undefined;
  }
}
`;

describe("a module of the tree whose default export is the environment object (outline's utils/environment.ts)", () => {
  it('its default import reads as process.env, with the fallbacks written around the reads', async () => {
    const dir = scratch({ 'server/utils/environment.ts': ENVIRONMENT, 'server/env.ts': ENV });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.filter((r) => r.file === 'server/env.ts').map((r) => [r.name, r.line, r.via, r.fallback])).toEqual([
      // `@IsOptional()`: the class runs without it; `this.toOptionalX(read) ?? d`: the method's nothing becomes d.
      ['AWS_S3_UPLOAD_MAX_SIZE', 20, 'process.env', { kind: 'default', value: '1000000' }],
      ['DATABASE_PORT', 13, 'process.env', { kind: 'default' }],
      ['FILE_STORAGE', 16, 'process.env', { kind: 'default', value: '"s3"' }],
      ['FILE_STORAGE_UPLOAD_MAX_SIZE', 19, 'process.env', { kind: 'default', value: '1000000' }],
      // `@IsNotEmpty()` and no fallback: required.
      ['REDIS_URL', 10, 'process.env', { kind: 'none' }],
    ]);
  });

  it('a default import of a module that exports something else, or of a module outside the tree, reads nothing', async () => {
    const other = 'export default withFileSecrets({ A: "1" });\n';
    const dir = scratch({
      'server/utils/environment.ts': other,
      'server/env.ts': ENV,
      'server/b.ts': 'import env from "dotenv";\nenv.X;\n',
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads).toEqual([]);
  });
});
