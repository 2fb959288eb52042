import * as path from 'node:path';
import { shell } from '../../../../lambdas/adapters/code/languages/shell';
import { copiedSources, runsFolder, runtimeShell } from '../../../../lambdas/adapters/code/dockerfile-commands';
import { TreeSitterCodeReader } from '../../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../../helpers/cli';
import { fallback, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';

const REALWORLD = path.join(__dirname, '../../../fixtures/realworld');

describe('the shell reader', () => {
  it.each<[string, string, SnippetRead[]]>([
    ['$NAME: empty when unset', 'exec app --db "$DATABASE_URL"', [read('DATABASE_URL', 1, 'sh $NAME')]],
    ['${NAME:-d}: a default', 'exec app --port ${PORT:-8080}', [read('PORT', 1, 'sh ${NAME:-…}', fallback('8080'))]],
    [
      '${NAME-d} with a quoted default',
      'echo "${GREETING-"hello there"}"',
      [read('GREETING', 1, 'sh ${NAME-…}', fallback('"hello there"'))],
    ],
    ['${NAME:?msg} stops the script', ': "${DB_NAME:?DB_NAME is required}"', [read('DB_NAME', 1, 'sh ${NAME:?…}')]],
    ['${NAME:+x} tests it', 'exec app ${DEBUG:+--debug}', [read('DEBUG', 1, 'sh ${NAME:+…}', fallback())]],
    [
      'a default that expands another variable is computed',
      'echo ${HOST:-$HOSTNAME}',
      [read('HOST', 1, 'sh ${NAME:-…}', fallback()), read('HOSTNAME', 1, 'sh $NAME')],
    ],
    [
      "${NAME:=d} sets it: later expansions read the script's value",
      ': "${WORKERS:=4}"\nexec app --workers "$WORKERS"',
      [read('WORKERS', 1, 'sh ${NAME:=…}', fallback('4'))],
    ],
    [
      "NAME=${NAME:-d}: its own default, then the script's value",
      'PORT=${PORT:-8080}\nexec app --port $PORT',
      [read('PORT', 1, 'sh ${NAME:-…}', fallback('8080'))],
    ],
    [
      'tested, then set when empty',
      'if [ -z "$DB_HOST" ]; then DB_HOST=localhost; fi\nexec app "$DB_HOST"',
      [read('DB_HOST', 1, 'sh $NAME', fallback())],
    ],
    [
      'used only where a test found it set',
      'if [ -n "$WALDIR" ]; then\n  mkdir -p "$WALDIR"\nfi\n[ -n "$CA_FILE" ] && cp "$CA_FILE" /etc/ssl/',
      [
        read('WALDIR', 1, 'sh $NAME', fallback()),
        read('WALDIR', 2, 'sh $NAME', fallback()),
        read('CA_FILE', 4, 'sh $NAME', fallback()),
        read('CA_FILE', 4, 'sh $NAME', fallback()),
      ],
    ],
    [
      "a virtualenv's activation script sets its own variables, no others",
      '. /venv/bin/activate\nsource "/opt/app/.venv/bin/activate"\nexec gunicorn --bind ":$PORT" --chdir "$VIRTUAL_ENV"',
      [read('PORT', 3, 'sh $NAME')],
    ],
    [
      'a PATH-like append has a path for its absence',
      'export EXTRA_OPTS="$EXTRA_OPTS -Xmx1g"',
      [read('EXTRA_OPTS', 1, 'sh $NAME', fallback())],
    ],
    [
      "the shell's own variables, positional and special parameters, and lower-case (the script's) names are no reads",
      'echo "$1" "$@" "$#" "$?" "$PWD" "$RANDOM" "$OPTARG" "$lowercase" "${name}"',
      [],
    ],
    [
      'variables the script sets (for, read, local, getopts) are no reads',
      'for F in a b; do echo "$F"; done\nread -r -p "name? " LINE\necho "$LINE"\nf() { local NAME=x; echo "$NAME"; }\ngetopts ab OPT; echo $OPT',
      [],
    ],
    ["`export NAME` hands on the environment's value", 'export TZ_NAME\necho "$TZ_NAME"', [read('TZ_NAME', 2, 'sh $NAME')]],
    [
      "a variable one function sets for the others (docker-library mysql's DATADIR and SOCKET) is the script's wherever the others are written",
      [
        'start() {',
        '  mysqld --socket="$SOCKET" --datadir="$DATADIR" --port "$MYSQL_PORT"',
        '}',
        'setup() {',
        '  declare -g DATADIR SOCKET',
        '  DATADIR="$(get_config datadir)"',
        '  SOCKET="$(get_config socket)"',
        '  : "${MYSQL_PORT:=3306}"',
        '}',
        'other() { local SOCKET=/tmp/s; echo "$SOCKET"; }',
        'setup; start',
      ].join('\n'),
      [read('MYSQL_PORT', 8, 'sh ${NAME:=…}', fallback('3306'))],
    ],
    [
      "a function's `local` variable is its own: another function reads the environment's",
      'a() { local REGION=eu; echo "$REGION"; }\nb() { echo "$REGION"; }',
      [read('REGION', 2, 'sh $NAME')],
    ],
    [
      "`NAME=x cmd` gives the command the value, not the script (postgres's `PGHOST= psql`)",
      'PGHOST= psql -c "select 1"\nexec app --db-host "$PGHOST"',
      [read('PGHOST', 2, 'sh $NAME')],
    ],
    [
      "a script that sets variables it names at run time (docker-library's file_env) may have set any it reads",
      'file_env() { local var="$1"; export "$var"="$2"; }\nfile_env POSTGRES_USER postgres\npsql --username "$POSTGRES_USER"',
      [read('POSTGRES_USER', 3, 'sh $NAME', fallback())],
    ],
    [
      "a function that reads the variable its argument names (docker-library's file_env: `${!var}`, `${!fileVar}` of `${var}_FILE`) reads it at each call",
      [
        'file_env() {',
        '  local var="$1"',
        '  local fileVar="${var}_FILE"',
        '  local def="${2:-}"',
        '  local val="$def"',
        '  if [ "${!var:-}" ]; then',
        '    val="${!var}"',
        '  elif [ "${!fileVar:-}" ]; then',
        '    val="$(< "${!fileVar}")"',
        '  fi',
        '  export "$var"="$val"',
        '}',
        "file_env 'DB_PASSWORD'",
        'file_env "$NAME_FROM_ELSEWHERE"',
        'file_env db_lower',
      ].join('\n'),
      [
        read('NAME_FROM_ELSEWHERE', 14, 'sh $NAME', fallback()),
        read('DB_PASSWORD', 13, 'sh ${!NAME}', fallback()),
        read('DB_PASSWORD_FILE', 13, 'sh ${!NAME}', fallback()),
      ],
    ],
    [
      'a file the script sources (`. /etc/os-release`, `source "$f"`) may set any variable it reads after',
      'echo "$BEFORE"\n. /etc/os-release\ncase "$ID" in debian) echo "$VERSION_ID";; esac\nlog() { echo "$LOG_PREFIX"; }',
      [
        read('BEFORE', 1, 'sh $NAME'),
        read('ID', 3, 'sh $NAME', fallback()),
        read('VERSION_ID', 3, 'sh $NAME', fallback()),
        read('LOG_PREFIX', 4, 'sh $NAME', fallback()),
      ],
    ],
    [
      '`${!PREFIX@}` and `${!PREFIX*}` list the names that start with PREFIX (docker-library mongo\'s `unset "${!MONGO_INITDB_@}"`): no read',
      'unset "${!MONGO_INITDB_@}"\necho ${!APP_*}\necho "${!REF}"',
      [read('REF', 3, 'sh ${!NAME}', fallback())],
    ],
    [
      '`java $JAVA_OPTS -jar app.jar`: a list of options, unquoted among the arguments, is none when unset (by convention)',
      'exec java $JAVA_OPTS ${CATALINA_OPTS} -jar app.jar\ngunicorn $GUNICORN_CMD_ARGS app:app',
      [
        read('JAVA_OPTS', 1, 'sh $NAME', fallback()),
        read('CATALINA_OPTS', 1, 'sh ${NAME}', fallback()),
        read('GUNICORN_CMD_ARGS', 2, 'sh $NAME', fallback()),
      ],
    ],
    [
      'quoted, an unset list of options is one empty argument; a setting named so but not passed as options is read as any',
      'exec java "$JAVA_OPTS" -jar app.jar\nexport JAVA_TOOL_OPTIONS=$EXTRA_OPTS\nexec app --db $DB_HOST',
      [read('JAVA_OPTS', 1, 'sh $NAME'), read('EXTRA_OPTS', 2, 'sh $NAME'), read('DB_HOST', 3, 'sh $NAME')],
    ],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(shell, '.sh', source)).toEqual(expected);
  });
});

describe("what a Dockerfile's container runs as it starts", () => {
  const shown = (text: string) =>
    runtimeShell(text)
      .split('\n')
      .map((line) => line.trimEnd());

  test("the final stage's shell-form CMD, ENTRYPOINT and HEALTHCHECK, each at its place; RUN, the build's, and earlier stages are not", () => {
    const text = [
      'FROM golang AS build',
      'CMD echo $BUILD_ONLY',
      'FROM python:3.12-slim',
      'RUN pip install --index-url $INDEX_URL app',
      'HEALTHCHECK --interval=30s CMD curl -f http://localhost:$PORT/ready || exit 1',
      'CMD gunicorn -b :$PORT \\',
      '    --log-level=$LOG_LEVEL "app:create()"',
    ].join('\n');
    expect(shown(text)).toEqual([
      '',
      '',
      '',
      '',
      '                               curl -f http://localhost:$PORT/ready || exit 1',
      '    gunicorn -b :$PORT \\',
      '    --log-level=$LOG_LEVEL "app:create()"',
    ]);
  });

  test('an exec form runs no shell unless it starts one (`sh -c`)', () => {
    const text = 'FROM x\nENTRYPOINT ["app", "--port", "$PORT"]\nCMD ["/bin/sh", "-ec", "exec app --level $LEVEL"]\n';
    expect(shown(text)).toEqual(['', '', '                        exec app --level $LEVEL', '']);
  });

  test.each([
    ['tini', '["/sbin/tini", "--", "sh", "-c", "exec app --port $PORT"]'],
    ['dumb-init', '["dumb-init", "/bin/bash", "-ec", "exec app --port $PORT"]'],
    ['gosu and its user', '["gosu", "app", "sh", "-c", "exec app --port $PORT"]'],
    ['env', '["/usr/bin/env", "sh", "-c", "exec app --port $PORT"]'],
  ])('an exec form whose init or privilege wrapper (%s) starts a shell runs its script, as ECS and Kubernetes read it', (_what, form) => {
    expect(shown(`FROM x\nENTRYPOINT ${form}\n`)[1]?.trim()).toBe('exec app --port $PORT');
  });

  test('an exec-form ENTRYPOINT that starts a shell runs the exec-form CMD as its script (Docker joins them)', () => {
    const lines = shown('FROM x\nENTRYPOINT ["/sbin/tini", "--", "/bin/sh", "-c"]\nCMD ["exec app --port $PORT"]\n');
    expect(lines[2]?.trim()).toBe('exec app --port $PORT');
  });

  test("a shell named as an argument of the exec form's program runs nothing", () => {
    expect(runtimeShell('FROM x\nENTRYPOINT ["app", "--shell", "sh", "-c", "echo $PORT"]\n').trim()).toBe('');
  });

  test('a final stage built FROM an earlier one runs its CMD, unless it sets an ENTRYPOINT of its own', () => {
    expect(shown('FROM node AS base\nCMD node server.js --port $PORT\nFROM base\nENV A=1\n')[1]).toBe('    node server.js --port $PORT');
    expect(shown('FROM node AS base\nCMD run $PORT\nFROM base\nENTRYPOINT exec app $MODE\n')).toEqual([
      '',
      '',
      '',
      '           exec app $MODE',
      '',
    ]);
  });

  test('a SHELL that is no POSIX shell runs the shell forms: they are not read; bash with options is', () => {
    expect(runtimeShell('FROM x\nSHELL ["pwsh", "-Command"]\nCMD Start-App -Port $env:PORT\n').trim()).toBe('');
    expect(shown('FROM x\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD app --port $PORT\n')[2]).toBe('    app --port $PORT');
  });

  test("a Dockerfile for Windows' shells (escape `) is not read", () => {
    expect(runtimeShell('# escape=`\nFROM x\nCMD app.exe $env:PORT\n').trim()).toBe('');
  });
});

describe('a script that runs every file of a folder', () => {
  it.each<[string, boolean]>([
    ['find "/docker-entrypoint.d/" -follow -type f -print | sort -V', true],
    ['run-parts --exit-on-error /docker-entrypoint.d', true],
    ['for f in /docker-entrypoint.d/*; do . "$f"; done', true],
    ['exec /docker-entrypoint.d.bak/app', false],
    ['cp /docker-entrypoint.d/one.conf /etc/', false],
  ])('%s: %s', (script, runs) => {
    expect(runsFolder(script, '/docker-entrypoint.d')).toBe(runs);
  });
});

describe('shell reads in a tree', () => {
  test("the image's commands and the scripts they start are read, with the image's ENV as their default; other scripts and Dockerfile variants are not", async () => {
    const dir = scratch({
      'svc/Dockerfile':
        'FROM python:3.12\nENV LOG_LEVEL=info\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD gunicorn -b :$PORT --log-level=$LOG_LEVEL app\n',
      'svc/Dockerfile.dev': 'FROM python:3.12\nCMD flask run --debug $DEV_ONLY\n',
      'svc/docker-entrypoint.sh': '#!/bin/sh\nset -e\n. /app/env.sh\nexec "$@" --workers "${WORKERS:-4}"\n',
      'svc/env.sh': 'export FEATURE_X="${FEATURE_X:-off}"\n',
      'scripts/deploy.sh': '#!/bin/sh\naws s3 cp build s3://$DEPLOY_BUCKET/\n',
    });
    const { reads, files } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => [r.name, r.file, r.line, r.fallback])).toEqual([
      ['FEATURE_X', 'svc/env.sh', 1, { kind: 'default', value: 'off' }],
      ['LOG_LEVEL', 'svc/Dockerfile', 4, { kind: 'default', value: 'info' }],
      ['PORT', 'svc/Dockerfile', 4, { kind: 'none' }],
      ['WORKERS', 'svc/docker-entrypoint.sh', 4, { kind: 'default', value: '4' }],
    ]);
    expect(files.shell).toBe(3);
  });

  test("bank-of-anthos's userservice: gunicorn reads PORT and LOG_LEVEL in the Dockerfile's CMD, LOG_LEVEL with the image's default", async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: path.join(REALWORLD, 'bank-of-anthos/src'), exclude: [] });
    const shellReads = reads.filter((r) => r.language === 'shell').map((r) => [r.name, r.file, r.fallback]);
    expect(shellReads).toEqual([
      ['LOG_LEVEL', 'accounts/userservice/Dockerfile', { kind: 'default', value: 'info' }],
      ['PORT', 'accounts/userservice/Dockerfile', { kind: 'none' }],
    ]);
    expect(reads.filter((r) => r.language === 'python').map((r) => r.name)).toEqual(
      expect.arrayContaining(['ACCOUNTS_DB_URI', 'ENABLE_TRACING', 'TOKEN_EXPIRY_SECONDS', 'VERSION']),
    );
  });

  test("bank-of-anthos's CI image (.github/workflows/ui-tests: a Dockerfile whose ENTRYPOINT runs run_for_env.sh) is the pipeline's, not a service's", async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: path.join(REALWORLD, 'bank-of-anthos'), exclude: [] });
    expect(reads.filter((r) => r.language === 'shell').map((r) => [r.name, r.file])).toEqual([
      ['LOG_LEVEL', 'src/accounts/userservice/Dockerfile'],
      ['PORT', 'src/accounts/userservice/Dockerfile'],
    ]);
  });

  test("nginx's entrypoint runs the scripts the Dockerfile copies into the folder it runs (docker-entrypoint.d): their reads are the container's", async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: path.join(REALWORLD, 'docker-nginx'), exclude: [] });
    const byName = new Map(reads.map((r) => [r.name, r]));
    expect(byName.get('NGINX_ENVSUBST_TEMPLATE_DIR')).toMatchObject({
      file: 'mainline/debian/20-envsubst-on-templates.sh',
      fallback: { kind: 'default', value: '/etc/nginx/templates' },
    });
    expect(byName.get('NGINX_ENVSUBST_OUTPUT_DIR')?.fallback).toEqual({ kind: 'default', value: '/etc/nginx/conf.d' });
    expect(byName.get('NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE')?.file).toBe('mainline/debian/30-tune-worker-processes.sh');
    // A `.envsh` there is sourced (`*.envsh) … . "$f"`): a shell script too.
    expect(byName.get('NGINX_ENTRYPOINT_LOCAL_RESOLVERS')?.file).toBe('mainline/debian/15-local-resolvers.envsh');
    // 10-listen-on-ipv6-by-default.sh's `case "$ID"` reads what `. /etc/os-release` set.
    expect(reads.filter((r) => r.fallback.kind === 'none').map((r) => r.name)).toEqual([]);
  });

  test('paperless-ngx\'s s6-overlay services (ENTRYPOINT ["/init"], COPY ./docker/rootfs /) are read, with what init-start puts in the container environment as set', async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: path.join(REALWORLD, 'paperless-ngx'), exclude: [] });
    const of = (name: string) => reads.filter((r) => r.name === name).map((r) => [r.file.split('/').at(-2), r.fallback]);
    // `#!/command/with-contenv /usr/bin/bash` scripts s6-rc runs: the variables docker-compose.env and the docs set.
    expect(of('USERMAP_UID')).toEqual([
      ['init-modify-user', { kind: 'default' }],
      ['init-modify-user', { kind: 'default' }],
    ]);
    expect(of('PAPERLESS_PORT')).toEqual([['svc-webserver', { kind: 'default', value: '8000' }]]);
    expect(of('PAPERLESS_WEBSERVER_WORKERS')).toEqual([['svc-webserver', { kind: 'default', value: '1' }]]);
    // init-start's `printf "/usr/src/paperless/src" > /var/run/s6/container_environment/PAPERLESS_SRC_DIR` sets it for the
    // services; EPOCHSECONDS is bash's own; `up`, an execline line, is no shell script.
    expect(of('PAPERLESS_SRC_DIR')).toEqual([['svc-webserver', { kind: 'default' }]]);
    expect(reads.filter((r) => r.fallback.kind === 'none').map((r) => r.name)).toEqual([]);
    expect(reads.some((r) => r.file.endsWith('/up'))).toBe(false);
  });

  test("cookiecutter-django's entrypoint, a script without an ending the Dockerfile copies to /entrypoint and starts, is read", async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: path.join(REALWORLD, 'akarpov'), exclude: [] });
    const entrypoint = reads.filter((r) => r.file === 'compose/production/django/entrypoint');
    expect([...new Set(entrypoint.map((r) => r.name))].sort()).toEqual([
      'POSTGRES_DB',
      'POSTGRES_HOST',
      'POSTGRES_PASSWORD',
      'POSTGRES_PORT',
      'POSTGRES_USER',
      'REDIS_URL',
    ]);
    // `if [ -z "${POSTGRES_USER}" ]; then … export POSTGRES_USER=…`: it falls back.
    expect(entrypoint.find((r) => r.name === 'POSTGRES_USER')?.fallback.kind).toBe('default');
  });

  test("cookiecutter-django's entrypoint activates its virtualenv (. /venv/bin/activate): what it reads after it is still its environment's", async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: path.join(REALWORLD, 'akarpov'), exclude: [] });
    const required = reads.filter((r) => r.file === 'compose/production/django/entrypoint' && r.fallback.kind === 'none');
    expect([...new Set(required.map((r) => r.name))].sort()).toEqual([
      'POSTGRES_DB',
      'POSTGRES_HOST',
      'POSTGRES_PASSWORD',
      'POSTGRES_PORT',
      'REDIS_URL',
    ]);
  });

  test("huginn's init, which the image starts, sources setup_env (no ending): its reads are the container's", async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: path.join(REALWORLD, 'huginn'), exclude: [] });
    const sourced = new Set(reads.filter((r) => r.file === 'docker/scripts/setup_env').map((r) => r.name));
    // docker/mysql.env and postgres.env set these for the web container; setup_env maps them to DATABASE_*.
    for (const name of [
      'DATABASE_URL',
      'MYSQL_PORT_3306_TCP_ADDR',
      'POSTGRES_PORT_5432_TCP_ADDR',
      'HUGINN_DATABASE_NAME',
      'HUGINN_DATABASE_USERNAME',
    ])
      expect(sourced).toContain(name);
    expect(reads.some((r) => r.file === 'docker/single-process/scripts/init')).toBe(true);
  });

  test('a script without an ending that a started script sources is read only if it is a shell script', async () => {
    const dir = scratch({
      Dockerfile: 'FROM alpine\nCOPY run setup_env notes /scripts/\nCMD ["/scripts/run"]\n',
      run: '#!/bin/bash\nsource /scripts/setup_env\n. /scripts/notes\nexec app --port "$PORT"\n',
      setup_env: '#!/bin/bash\nexport DB_HOST="${DB_HOST:-localhost}"\n. /scripts/more\n',
      more: '#!/bin/sh\necho "$MORE_SETTING"\n',
      notes: 'echo "$NOT_SHELL"\n',
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => [r.name, r.file])).toEqual([
      ['DB_HOST', 'setup_env'],
      ['MORE_SETTING', 'more'],
      ['PORT', 'run'],
    ]);
  });

  test('a script without an ending is read where an image starts it under the name it is copied to, and only if it is a shell script', async () => {
    const dir = scratch({
      'docker/Dockerfile': [
        'FROM python:3.12',
        'COPY ./docker/worker/start /start-worker',
        'COPY ./docker/web/start /start',
        'COPY ./docker/migrate /migrate',
        'ENTRYPOINT ["/migrate"]',
        'CMD ["/start-worker"]',
      ].join('\n'),
      'docker/worker/start': '#!/usr/bin/env bash\nexec celery --broker "$BROKER_URL" worker\n',
      'docker/web/start': '#!/bin/sh\nexec gunicorn --bind ":$WEB_PORT"\n',
      'docker/migrate': '#!/usr/bin/env python3\nimport os\nprint("$NOT_SHELL")\n',
      README: 'echo "$NOT_A_SCRIPT"\n',
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.filter((r) => r.language === 'shell').map((r) => [r.name, r.file])).toEqual([['BROKER_URL', 'docker/worker/start']]);
  });

  test('a script the Dockerfile copies into a folder no started script runs is not started', async () => {
    const dir = scratch({
      Dockerfile:
        'FROM alpine\nCOPY entrypoint.sh helper.sh /usr/local/bin/\nCOPY hooks/ /hooks/\nENTRYPOINT ["/usr/local/bin/entrypoint.sh"]\n',
      'entrypoint.sh': '#!/bin/sh\nexec /usr/local/bin/app --port "$PORT"\n',
      'helper.sh': '#!/bin/sh\necho "$HELPER_ONLY"\n',
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => r.name)).toEqual(['PORT']);
  });

  test('docker-library\'s mongo entrypoint: unset "${!MONGO_INITDB_@}" reads no variable; file_env reads each MONGO_INITDB_ROOT_* and its _FILE', async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: path.join(REALWORLD, 'docker-library-mongo'), exclude: [] });
    const keys = [...new Set(reads.map((r) => r.name))].sort();
    expect(keys).toEqual([
      'MONGO_INITDB_DATABASE',
      'MONGO_INITDB_ROOT_PASSWORD',
      'MONGO_INITDB_ROOT_PASSWORD_FILE',
      'MONGO_INITDB_ROOT_USERNAME',
      'MONGO_INITDB_ROOT_USERNAME_FILE',
      'TMPDIR',
    ]);
  });

  test("docker-library's postgres entrypoint: every read may be of a value file_env set, so none is without a default", async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: path.join(REALWORLD, 'docker-library-postgres'), exclude: [] });
    const keys = new Set(reads.map((r) => r.name));
    expect([...keys]).toEqual(
      expect.arrayContaining(['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB', 'PGDATA', 'POSTGRES_INITDB_ARGS']),
    );
    // file_env reads each variable and its _FILE twin, which names a file (a Docker secret) holding the value.
    expect([...keys]).toEqual(
      expect.arrayContaining(['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE']),
    );
    expect(reads.filter((r) => r.fallback.kind === 'none')).toEqual([]);
    expect(reads.find((r) => r.name === 'PGDATA')?.fallback).toEqual({ kind: 'default', value: '/var/lib/postgresql/data' });
  });
});

describe('what a Dockerfile copies from its build context', () => {
  test('a path that climbs out names nothing to look for, wherever its .. stands', () => {
    const text = 'FROM python:3.12\nCOPY ./app /app\nCOPY a/../../../etc/passwd /x\nCOPY ../outside /y\nCOPY requirements/ /r/\n';
    expect(copiedSources(text)).toEqual({ paths: ['app', 'requirements'], whole: false });
  });

  test('a stage copied from twice is read once: its paths are listed once', () => {
    const text = [
      'FROM node:22 AS build',
      'COPY package.json ./',
      'COPY src/ ./src/',
      'FROM node:22-slim',
      'COPY --from=build /app/dist ./dist',
      'COPY --from=build /app/node_modules ./node_modules',
      '',
    ].join('\n');
    expect(copiedSources(text)).toEqual({ paths: ['package.json', 'src'], whole: false });
  });
});
