import { imageEnvironment, isDockerfile } from '../../../lambdas/adapters/code/dockerfile-env';
import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const env = (text: string) => Object.fromEntries(imageEnvironment(text));

describe("a Dockerfile's image environment", () => {
  test.each([
    [
      'KEY=value pairs, quoted and escaped',
      'FROM node:20\nENV PORT=8080 MODE="two words" NAME=a\\ b\n',
      {
        port: { kind: 'default', value: '8080' },
        mode: { kind: 'default', value: 'two words' },
        name: { kind: 'default', value: 'a b' },
      },
    ],
    [
      'the legacy form: one variable, the rest of the line its value',
      'FROM x\nENV GREETING hello world\n',
      {
        greeting: { kind: 'default', value: 'hello world' },
      },
    ],
    [
      'continuation lines, with a comment between them',
      'FROM x\nENV A=1 \\\n# the second\n    B=2\n',
      {
        a: { kind: 'default', value: '1' },
        b: { kind: 'default', value: '2' },
      },
    ],
    [
      'a value that expands a variable is a default without a literal',
      'FROM x\nARG V=1\nENV PATH=$PATH:/app APP_VERSION=${V}\n',
      {
        path: { kind: 'default' },
        'app.version': { kind: 'default' },
      },
    ],
    [
      'only the final stage counts',
      'FROM golang AS build\nENV CGO_ENABLED=0\nFROM alpine\nENV PORT=80\n',
      {
        port: { kind: 'default', value: '80' },
      },
    ],
    [
      'a final stage built FROM an earlier one inherits its ENV',
      'FROM node AS base\nENV NODE_ENV=production\nFROM base AS run\nENV PORT=3000\n',
      {
        'node.env': { kind: 'default', value: 'production' },
        port: { kind: 'default', value: '3000' },
      },
    ],
    [
      'instructions are case-insensitive; a later ENV wins',
      'from x\nenv LEVEL=debug\nENV LEVEL=info\n',
      {
        level: { kind: 'default', value: 'info' },
      },
    ],
    [
      'a heredoc is the body of its RUN or COPY, not instructions (a Python `from` is no stage)',
      'FROM python:3.12\nENV PORT=8080\nCOPY <<EOF /app/main.py\nfrom flask import Flask\nEOF\nRUN <<-"SH" bash\n\tenv DEBUG=1 make\n\tSH\nENV MODE=prod\n',
      {
        port: { kind: 'default', value: '8080' },
        mode: { kind: 'default', value: 'prod' },
      },
    ],
    [
      'two heredocs on one line end in turn',
      'FROM x\nCOPY <<A <<B /etc/\nfrom a\nA\nenv B=1\nB\nENV C=3\n',
      {
        c: { kind: 'default', value: '3' },
      },
    ],
    [
      'the escape directive: a backtick continues and escapes, a backslash is a path',
      '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore\r\nENV APPDIR=C:\\app LOG=info `\r\n    MODE=prod\r\n',
      {
        appdir: { kind: 'default', value: 'C:\\app' },
        log: { kind: 'default', value: 'info' },
        mode: { kind: 'default', value: 'prod' },
      },
    ],
    [
      'an escape comment after the first instruction is only a comment',
      'FROM x\n# escape=`\nENV A=a\\ b\n',
      {
        a: { kind: 'default', value: 'a b' },
      },
    ],
    [
      'an empty line inside a continued instruction is skipped, as BuildKit does',
      'FROM x\nENV A=1 \\\n\n    B=2\n',
      {
        a: { kind: 'default', value: '1' },
        b: { kind: 'default', value: '2' },
      },
    ],
    [
      'ONBUILD ENV is for images built FROM this one, not this one',
      'FROM x\nONBUILD ENV Z=1\nENV A=1\n',
      {
        a: { kind: 'default', value: '1' },
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(env(text)).toEqual(expected);
  });

  test.each([
    ['Dockerfile', true],
    ['src/api/Dockerfile', true],
    ['Dockerfile.prod', true],
    ['api.Dockerfile', true],
    ['Containerfile', true],
    ['dockerfile-env.ts', false],
    ['Dockerfiles/readme.md', false],
    ['Dockerfile.prod.dockerignore', false],
    ['Dockerfile.dockerignore', false],
  ])('%s is a Dockerfile: %s', (file, expected) => {
    expect(isDockerfile(file)).toBe(expected);
  });
});

describe('code reads under a Dockerfile', () => {
  test("a read without a default takes the image's ENV as its default, for the code under the Dockerfile's folder only", async () => {
    const dir = scratch({
      'api/Dockerfile': 'FROM node:20\nENV PORT=8080 LOG_LEVEL=info\n',
      'api/server.js':
        "const port = process.env.PORT;\nconst level = process.env.LOG_LEVEL || 'debug';\nconst db = process.env.DATABASE_URL;\n",
      'worker/main.py': "import os\nport = os.environ['PORT']\n",
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => [r.name, r.file, r.fallback])).toEqual([
      ['DATABASE_URL', 'api/server.js', { kind: 'none' }],
      ['LOG_LEVEL', 'api/server.js', { kind: 'default', value: 'info' }],
      ['PORT', 'api/server.js', { kind: 'default', value: '8080' }],
      ['PORT', 'worker/main.py', { kind: 'none' }],
    ]);
  });

  test('a secret the image sets is a default whose value is not kept', async () => {
    const dir = scratch({
      Dockerfile: 'FROM python:3\nENV API_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n',
      'app.py': "import os\ntoken = os.environ['API_TOKEN']\n",
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => r.fallback)).toEqual([{ kind: 'default', secret: true }]);
    expect(JSON.stringify(reads)).not.toContain('ghp_');
  });

  test("a variant's own ignore file (Dockerfile.prod.dockerignore) is no second variant", async () => {
    const dir = scratch({
      'Dockerfile.prod': 'FROM x\nENV PORT=80\n',
      'Dockerfile.prod.dockerignore': 'node_modules\n',
      'app.js': 'const port = process.env.PORT;\n',
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => r.fallback)).toEqual([{ kind: 'default', value: '80' }]);
  });

  test('of several Dockerfile variants in one folder and no plain Dockerfile, none is taken', async () => {
    const dir = scratch({
      'Dockerfile.dev': 'FROM x\nENV PORT=3000\n',
      'Dockerfile.prod': 'FROM x\nENV PORT=80\n',
      'app.js': 'const port = process.env.PORT;\n',
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => r.fallback)).toEqual([{ kind: 'none' }]);
  });

  test("cookiecutter-django's entrypoint exports DATABASE_URL before exec \"$@\": the settings' env.db('DATABASE_URL') has it in both images, built from the repository", async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: `${__dirname}/../../fixtures/realworld/akarpov`, exclude: [] });
    const of = (name: string) => reads.filter((r) => r.name === name && r.file === 'config/settings/base.py').map((r) => r.fallback);
    expect(of('DATABASE_URL')).toEqual([{ kind: 'default' }]);
    // The entrypoint's `export CELERY_BROKER_URL="${REDIS_URL}"` too; REDIS_URL itself stays the environment's.
    expect(of('CELERY_BROKER_URL')).toEqual([{ kind: 'default' }]);
    expect(of('REDIS_URL').every((f) => f.kind === 'none')).toBe(true);
  });

  test("Rails' multi-stage Dockerfile (once-campfire): the final stage copies the build stage's /rails, which took the whole context, so its ENV is the code's", async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: `${__dirname}/../../fixtures/realworld/once-campfire`, exclude: [] });
    const of = (name: string, file: string) => reads.filter((r) => r.name === name && r.file === file).map((r) => r.fallback);
    // ENV RAILS_ENV="production" in the base stage, which the final stage is built FROM.
    expect(of('RAILS_ENV', 'config/puma.rb')).toEqual([
      { kind: 'default', value: 'production' },
      { kind: 'default', value: 'production' },
    ]);
    // ARG GIT_REVISION, then ENV GIT_REVISION=$GIT_REVISION: set by the build.
    expect(of('GIT_REVISION', 'config/initializers/version.rb')).toEqual([{ kind: 'default' }, { kind: 'default' }]);
  });

  test('a stage copied from holds what it copied from the context; an image copied from does not, nor a stage that copied nothing', async () => {
    const dir = scratch({
      'api/Dockerfile': [
        'FROM node:22 AS deps',
        'COPY package.json ./',
        'FROM node:22 AS build',
        'COPY src/ ./src/',
        'FROM node:22-slim',
        'ENV LOG_LEVEL=info',
        'COPY --from=deps /node_modules ./node_modules',
        'COPY --from=build /dist ./dist',
        'COPY --from=docker.io/library/busybox /bin/wget /bin/wget',
      ].join('\n'),
      'api/src/app.js': 'const level = process.env.LOG_LEVEL;\n',
      'api/scripts/seed.js': 'const level = process.env.LOG_LEVEL;\n',
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => [r.file, r.fallback])).toEqual([
      ['api/scripts/seed.js', { kind: 'none' }],
      ['api/src/app.js', { kind: 'default', value: 'info' }],
    ]);
  });

  test("a started script's exports count at its own level, before its exec, and where every image of the folder sets them", async () => {
    const dir = scratch({
      'docker/web/Dockerfile':
        'FROM python:3\nCOPY docker/web/entrypoint.sh /entrypoint.sh\nCOPY app.py /app/\nENV MODE=web\nENTRYPOINT ["/entrypoint.sh"]\n',
      'docker/worker/Dockerfile':
        'FROM python:3\nCOPY docker/worker/entrypoint.sh /entrypoint.sh\nCOPY app.py /app/\nENTRYPOINT ["/entrypoint.sh"]\n',
      'docker/web/entrypoint.sh': [
        '#!/bin/sh',
        "export DATABASE_URL='postgres://db/app' SHARED=1",
        'if [ -n "$X" ]; then',
        '  export CONDITIONAL=1',
        'fi',
        'exec "$@"',
        'export AFTER_EXEC=1',
      ].join('\n'),
      'docker/worker/entrypoint.sh': '#!/bin/sh\nexport DATABASE_URL="postgres://${DB_HOST}/app"\nexport SHARED=1\nexec "$@"\n',
      // Built from the same folder, but holding none of the application's code: its variables are not the application's.
      'docker/db/Dockerfile': 'FROM postgres:16\nCOPY ./docker/db/maintenance /usr/local/bin/maintenance\n',
      'docker/db/maintenance/backup.sh': '#!/bin/sh\npg_dump "$POSTGRES_DB"\n',
      'app.py':
        "import os\nfor k in ['DATABASE_URL', 'SHARED', 'CONDITIONAL', 'AFTER_EXEC', 'MODE']:\n    pass\na = os.environ['DATABASE_URL']\nb = os.environ['SHARED']\nc = os.environ['CONDITIONAL']\nd = os.environ['AFTER_EXEC']\ne = os.environ['MODE']\n",
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.filter((r) => r.file === 'app.py').map((r) => [r.name, r.fallback])).toEqual([
      ['AFTER_EXEC', { kind: 'none' }],
      ['CONDITIONAL', { kind: 'none' }],
      ['DATABASE_URL', { kind: 'default' }],
      ['MODE', { kind: 'none' }],
      ['SHARED', { kind: 'default', value: '1' }],
    ]);
  });
});
