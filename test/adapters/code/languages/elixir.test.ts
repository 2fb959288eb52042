import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { elixir } from '../../../../lambdas/adapters/code/languages/elixir';
import { TreeSitterCodeReader } from '../../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../../helpers/cli';
import { fallback, none, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';
import { composeVariables, serviceReads } from '../../../helpers/service-reads';

describe('the Elixir reader', () => {
  it.each<[string, string, SnippetRead[]]>([
    ['System.get_env/1: nil when unset', 'url = System.get_env("DATABASE_URL")', [read('DATABASE_URL', 1, 'System.get_env')]],
    [
      'System.get_env/2 with a default',
      'p = System.get_env("POOL_SIZE", "10")',
      [read('POOL_SIZE', 1, 'System.get_env', fallback('"10"'))],
    ],
    ['System.get_env/2 with nil', 'p = System.get_env("POOL_SIZE", nil)', [read('POOL_SIZE', 1, 'System.get_env')]],
    ['|| "d"', 'host = System.get_env("PHX_HOST") || "example.com"', [read('PHX_HOST', 1, 'System.get_env', fallback('"example.com"'))]],
    [
      '|| raise, across lines',
      'key =\n  System.get_env("SECRET_KEY_BASE") ||\n    raise """\n    missing\n    """',
      [read('SECRET_KEY_BASE', 2, 'System.get_env')],
    ],
    [
      'A || B || "d": B falls back to "d", A to B',
      'h = System.get_env("PRIMARY") || System.get_env("SECONDARY") || "x"',
      [read('PRIMARY', 1, 'System.get_env', fallback()), read('SECONDARY', 1, 'System.get_env', fallback('"x"'))],
    ],
    [
      'inside a conversion',
      'port = String.to_integer(System.get_env("PORT") || "4000")',
      [read('PORT', 1, 'System.get_env', fallback('"4000"'))],
    ],
    ['System.fetch_env! raises', 'k = System.fetch_env!("KAFKA_ADDR")', [read('KAFKA_ADDR', 1, 'System.fetch_env!')]],
    [
      'System.fetch_env: the code matches :error',
      'case System.fetch_env("TOPIC") do\n  {:ok, t} -> t\n  :error -> "orders"\nend',
      [read('TOPIC', 1, 'System.fetch_env', fallback())],
    ],
    [
      'a later if … else raise',
      'v = System.get_env("LEVEL")\nif v do\n  v\nelse\n  raise "no level"\nend',
      [read('LEVEL', 1, 'System.get_env')],
    ],
    [
      'a guard: the code runs only when it is set',
      'if System.get_env("PHX_SERVER") do\n  config :app, server: true\nend',
      [read('PHX_SERVER', 1, 'System.get_env', fallback())],
    ],
    [
      'bound in the condition of an if (hexpm): the branch runs only when it is set',
      'if url = System.get_env("DATABASE_URL") do\n  config :app, Repo, url: url\nend\n' +
        'unless port = System.get_env("METRICS_PORT"), do: raise "METRICS_PORT is missing"\n' +
        'if token = System.get_env("TOKEN"), do: token, else: raise "TOKEN is missing"',
      [
        read('DATABASE_URL', 1, 'System.get_env', fallback()),
        read('METRICS_PORT', 4, 'System.get_env'),
        read('TOKEN', 5, 'System.get_env'),
      ],
    ],
    [
      'a variable an if expression tests (hexpm): unset, its value is the else',
      'p = System.get_env("POOL_SIZE")\nsize = if p, do: String.to_integer(p), else: 10\n' +
        'r = System.get_env("REGION")\nregion = if r do\n  r\nelse\n  raise "REGION is missing"\nend',
      [read('POOL_SIZE', 1, 'System.get_env', fallback('10')), read('REGION', 3, 'System.get_env')],
    ],
    [
      "piped: the key is the pipe's left, the argument the default",
      't = "TIMEOUT_MS" |> System.get_env("5000") |> String.to_integer()\nr = "REGION" |> System.get_env() || "eu"',
      [read('TIMEOUT_MS', 1, 'System.get_env', fallback('"5000"')), read('REGION', 2, 'System.get_env', fallback('"eu"'))],
    ],
    [
      'compared with a literal: decides a branch, runs without the key',
      'ipv6 = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []\ndebug = System.get_env("DEBUG") == "1"',
      [read('ECTO_IPV6', 1, 'System.get_env', fallback()), read('DEBUG', 2, 'System.get_env', fallback())],
    ],
    [
      'compared, and the branch taken when unset raises',
      'unless System.get_env("MODE") in ~w(a b), do: raise "MODE must be a or b"\nif System.get_env("TLS") != "on", do: raise "TLS must be on"',
      [read('MODE', 1, 'System.get_env'), read('TLS', 2, 'System.get_env')],
    ],
    [
      'case with a nil clause: what that clause gives is the default',
      'level = case System.get_env("LOG_LEVEL") do\n  nil -> :info\n  v -> String.to_existing_atom(v)\nend',
      [read('LOG_LEVEL', 1, 'System.get_env', fallback(':info'))],
    ],
    [
      'case with a catch-all: unset takes it',
      'ssl = case System.get_env("DB_SSL") do\n  "true" -> true\n  _ -> false\nend',
      [read('DB_SSL', 1, 'System.get_env', fallback('false'))],
    ],
    [
      'case whose clause taken unset raises, or with none that takes nil: required',
      'a = case System.get_env("MODE") do\n  nil -> raise "MODE is missing"\n  m -> m\nend\n' +
        'b = case System.get_env("ROLE") do\n  r when is_binary(r) -> r\nend',
      [read('MODE', 1, 'System.get_env'), read('ROLE', 5, 'System.get_env')],
    ],
    [
      'case whose guarded clause takes nil (hexpm): what that clause gives is the default',
      'mode = case System.get_env("MODE") do\n  value when value in [nil, "", "web"] -> :web\n  "worker" -> :worker\nend\n' +
        'tier = case System.get_env("TIER") do\n  t when is_nil(t) or t == "" -> :free\n  t -> t\nend\n' +
        'role = case System.get_env("ROLE") do\n  r when r in ["a", "b"] -> r\nend\n' +
        'zone = case System.get_env("ZONE") do\n  "a" -> :a\n  z when z not in ["a", "b"] -> :c\nend',
      [
        read('MODE', 1, 'System.get_env', fallback(':web')),
        read('TIER', 5, 'System.get_env', fallback(':free')),
        read('ROLE', 9, 'System.get_env'),
        read('ZONE', 12, 'System.get_env', fallback(':c')),
      ],
    ],
    [
      'cond: an unset condition is false, a later clause runs',
      'm = cond do\n  System.get_env("READ_ONLY") -> :ro\n  true -> :rw\nend\n' +
        'n = cond do\n  System.get_env("MUST") -> :ok\n  true -> raise "MUST is missing"\nend',
      [read('READ_ONLY', 2, 'System.get_env', fallback()), read('MUST', 6, 'System.get_env')],
    ],
    [
      'a module attribute is evaluated when the module compiles: the build reads it, not the running service',
      'defmodule Build do\n  @sha System.get_env("GIT_SHA") || "dev"\n  @token System.fetch_env!("HEX_TOKEN")\n  def sha, do: @sha\n  def region, do: System.get_env("AWS_REGION", "eu-west-1")\n  def env(k), do: System.get_env(k)\n  @built env("BUILD_ID")\nend',
      [read('AWS_REGION', 5, 'System.get_env', fallback('"eu-west-1"'))],
    ],
    ['an interpolated key is no key', 'v = System.get_env("APP_#{name}")', []],
    ['Application.get_env reads the app config, not the environment', 'v = Application.get_env(:app, :key)', []],
    ['all of the environment', 'all = System.get_env()', []],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(elixir, '.ex', source)).toEqual(expected);
  });

  describe('wrappers', () => {
    it.each<[string, string, SnippetRead[]]>([
      [
        'def env(key, default \\\\ nil), do: System.get_env(key) || default',
        'defmodule Cfg do\n  def env(key, default \\\\ nil), do: System.get_env(key) || default\nend\nx = Cfg.env("PORT", "4000")\ny = Cfg.env("HOST")',
        [read('PORT', 4, 'env (wrapper of System.get_env)', fallback('"4000"')), read('HOST', 5, 'env (wrapper of System.get_env)')],
      ],
      [
        'defp with a do block around fetch_env!',
        'defp must(key) do\n  System.fetch_env!(key)\nend\nk = must("REDIS_URL")',
        [read('REDIS_URL', 4, 'must (wrapper of System.fetch_env!)')],
      ],
      [
        'one that compares the value answers false when unset: a default, wherever its call stands',
        'defmodule Flags do\n  def enabled?(key), do: System.get_env(key) in ["1", "true"]\nend\ndef run, do: Flags.enabled?("DARK_MODE")\nx = Flags.enabled?("BETA")',
        [
          read('DARK_MODE', 4, 'enabled? (wrapper of System.get_env)', fallback()),
          read('BETA', 5, 'enabled? (wrapper of System.get_env)', fallback()),
        ],
      ],
      [
        'what is written around the call still decides for one that gives nil',
        'def env(key), do: System.get_env(key)\na = env("PLAIN")\nb = env("OR_RAISE") || raise "OR_RAISE is missing"\nc = env("OR_D") || "d"',
        [
          read('PLAIN', 2, 'env (wrapper of System.get_env)'),
          read('OR_RAISE', 3, 'env (wrapper of System.get_env)'),
          read('OR_D', 4, 'env (wrapper of System.get_env)', fallback('"d"')),
        ],
      ],
      [
        'a guard does not hide the definition',
        'def flag(key) when is_binary(key), do: System.get_env(key, "false")\nf = flag("DARK_MODE")',
        [read('DARK_MODE', 2, 'flag (wrapper of System.get_env)', fallback('"false"'))],
      ],
    ])('%s', async (_name, source, expected) => {
      expect(await readsOf(elixir, '.ex', source)).toEqual(expected);
    });
  });

  it('flagd-ui (opentelemetry-demo): every variable compose.yaml sets is read, except those the OpenTelemetry SDK reads', async () => {
    const reads = await serviceReads(elixir, 'flagd-ui');
    const read = new Set(reads.map((r) => r.name));
    const expected = composeVariables('flagd-ui').filter((name) => !name.startsWith('OTEL_') || name === 'OTEL_EXPORTER_OTLP_ENDPOINT');
    expect(expected).toEqual(['FLAGD_UI_PORT', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'SECRET_KEY_BASE', 'PHX_HOST']);
    for (const name of expected) expect(read).toContain(name);
    expect(reads.filter((r) => r.file === 'config/runtime.exs')).toEqual([
      { name: 'PHX_SERVER', file: 'config/runtime.exs', line: 22, via: 'System.get_env', fallback: fallback() },
      { name: 'SECRET_KEY_BASE', file: 'config/runtime.exs', line: 33, via: 'System.get_env', fallback: none },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', file: 'config/runtime.exs', line: 40, via: 'System.get_env', fallback: none },
      { name: 'PHX_HOST', file: 'config/runtime.exs', line: 45, via: 'System.get_env', fallback: fallback('"example.com"') },
      { name: 'FLAGD_UI_PORT', file: 'config/runtime.exs', line: 46, via: 'System.get_env', fallback: fallback('"4000"') },
      { name: 'DNS_CLUSTER_QUERY', file: 'config/runtime.exs', line: 48, via: 'System.get_env', fallback: none },
    ]);
  });

  it("Mix's dev and test configuration (config/dev.exs, config/test.exs) is not read; a read its own if guards falls back", async () => {
    // papercups' config/test.exs reads MIX_TEST_PARTITION, which only `mix test` sets; Mix imports config/ENV.exs only under MIX_ENV=ENV.
    const dir = scratch({
      'config/test.exs': 'config :app, App.Repo, database: "app_test#{System.get_env("MIX_TEST_PARTITION")}"\n',
      'config/dev.exs': 'config :app, App.Repo, url: System.get_env("DEV_DATABASE_URL")\n',
      'config/prod.exs': 'config :app, App.Repo, url: System.get_env("DATABASE_URL")\n',
      'config/runtime.exs':
        'if System.get_env("APPSIGNAL_API_KEY") do\n  config :appsignal, :config, push_api_key: System.get_env("APPSIGNAL_API_KEY")\nend\n',
    });
    const { reads, files } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => [r.name, r.file, r.line, r.fallback])).toEqual([
      ['APPSIGNAL_API_KEY', 'config/runtime.exs', 1, { kind: 'default' }],
      ['APPSIGNAL_API_KEY', 'config/runtime.exs', 2, { kind: 'default' }],
      ['DATABASE_URL', 'config/prod.exs', 1, none],
    ]);
    expect(files).toEqual({ elixir: 2 });
  });

  it('.ex and .exs files are Elixir', async () => {
    const dir = scratch({ 'config/runtime.exs': 'p = System.get_env("PORT")\n', 'lib/app.ex': 'k = System.fetch_env!("KEY")\n' });
    const { reads, files } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => [r.name, r.file, r.line, r.language])).toEqual([
      ['KEY', 'lib/app.ex', 1, 'elixir'],
      ['PORT', 'config/runtime.exs', 1, 'elixir'],
    ]);
    expect(files).toEqual({ elixir: 2 });
  });
});

describe("fly-apps/live_beats' SongsCleaner (test/fixtures/realworld/live-beats)", () => {
  test('a read bound to a variable that a case then matches falls back as the clause that takes nil', async () => {
    const source = readFileSync(path.join(__dirname, '../../../fixtures/realworld/live-beats/lib/live_beats/songs_cleaner.ex'), 'utf8');
    // songs_cleaner.ex:17: region = System.get_env("FLY_REGION"), then `case region do region when region in [nil, primary_region] -> …`.
    const reads = await readsOf(elixir, '.ex', source);
    expect(reads.filter((r) => r.name === 'FLY_REGION').map((r) => [r.line, r.fallback])).toEqual([[17, { kind: 'default' }]]);
  });

  test('a case whose clauses all refuse nil, or a variable used before the case, keeps the read required', async () => {
    const wrap = (body: string) => `defmodule M do\n  def f do\n${body}\n  end\nend\n`;
    const refuses = wrap('    v = System.get_env("A")\n    case v do\n      "x" -> 1\n      v when is_binary(v) -> 2\n    end');
    expect((await readsOf(elixir, '.ex', refuses)).map((r) => [r.name, r.fallback])).toEqual([['A', { kind: 'none' }]]);
    const usedFirst = wrap('    v = System.get_env("B")\n    IO.puts(v)\n    case v do\n      nil -> 1\n      _ -> 2\n    end');
    expect((await readsOf(elixir, '.ex', usedFirst)).map((r) => [r.name, r.fallback.kind])).toEqual([['B', 'none']]);
    const takes = wrap('    v = System.get_env("C")\n    case v do\n      nil -> "d"\n      v -> v\n    end');
    expect((await readsOf(elixir, '.ex', takes)).map((r) => [r.name, r.fallback])).toEqual([['C', { kind: 'default', value: '"d"' }]]);
  });
});
