import * as path from 'node:path';
import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const scanOf = (files: Record<string, string>) => new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] });
const openReadsOf = async (files: Record<string, string>) =>
  ((await scanOf(files)).openReads ?? []).map((o) => [`${o.file}:${o.line}`, o.whole ? 'whole' : (o.prefix ?? 'any'), o.via]);

describe('reads by names the scan cannot list', () => {
  test.each([
    ['Python, a copy', 'app.py', 'import os\nsettings = dict(os.environ)\n', [['app.py:2', 'whole', 'os.environ']]],
    ['Python, a loop', 'app.py', 'import os\nfor k, v in os.environ.items():\n    print(k)\n', [['app.py:2', 'whole', 'os.environ']]],
    [
      'Python, passed to a child',
      'app.py',
      'import os, subprocess\nsubprocess.run(["x"], env={**os.environ, "A": "1"})\n',
      [['app.py:2', 'whole', 'os.environ']],
    ],
    ['JavaScript, a spread', 'app.js', 'const cfg = { ...process.env };\n', [['app.js:1', 'whole', 'process.env']]],
    ['JavaScript, a child', 'app.js', "spawn('ls', [], { env: process.env });\n", [['app.js:1', 'whole', 'process.env']]],
    [
      'TypeScript, entries',
      'app.ts',
      'for (const [k] of Object.entries(process.env)) console.log(k);\n',
      [['app.ts:1', 'whole', 'process.env']],
    ],
    ['JavaScript, a rest', 'app.js', 'const { PORT, ...rest } = process.env;\n', [['app.js:1', 'whole', 'process.env']]],
    [
      'Go',
      'main.go',
      'package main\n\nimport "os"\n\nfunc main() {\n\tfor _, kv := range os.Environ() {\n\t\tprintln(kv)\n\t}\n}\n',
      [['main.go:6', 'whole', 'os.Environ()']],
    ],
    [
      'Java',
      'App.java',
      'class App {\n  void run() {\n    var env = System.getenv();\n  }\n}\n',
      [['App.java:3', 'whole', 'System.getenv()']],
    ],
    [
      'Ruby',
      'app.rb',
      'CONFIG = ENV.to_h\nENV.each { |k, v| puts k }\nport = ENV.fetch("PORT", "3000")\n',
      [
        ['app.rb:1', 'whole', 'ENV.to_h'],
        ['app.rb:2', 'whole', 'ENV.each'],
      ],
    ],
    [
      'Elixir',
      'config/runtime.exs',
      'import Config\nfor {k, v} <- System.get_env(), do: IO.puts(k)\nport = System.get_env("PORT", "4000")\n',
      [['config/runtime.exs:2', 'whole', 'System.get_env()']],
    ],
    ['PHP', 'app.php', '<?php\n$all = getenv();\n$p = getenv("PORT");\n', [['app.php:2', 'whole', 'getenv()']]],
    [
      'C#',
      'A.cs',
      'class A {\n  void M() {\n    var all = Environment.GetEnvironmentVariables();\n  }\n}\n',
      [['A.cs:3', 'whole', 'Environment.GetEnvironmentVariables()']],
    ],
    [
      'Rust',
      'main.rs',
      'fn main() {\n    for (k, _) in std::env::vars() {\n        println!("{k}");\n    }\n}\n',
      [['main.rs:2', 'whole', 'std::env::vars()']],
    ],
    [
      'JavaScript, a name made from a prefix',
      'app.js',
      'const on = process.env[`FEATURE_${flag}`];\n',
      [['app.js:1', 'feature.', 'process.env']],
    ],
    ['Python, a prefix joined', 'app.py', 'import os\non = os.getenv("FEATURE_" + flag)\n', [['app.py:2', 'feature.', 'os.getenv']]],
    [
      'C#, an interpolated key and a section made as the code runs',
      'A.cs',
      [
        'class A {',
        '  void M(IConfiguration configuration, string p) {',
        '    var on = configuration[$"Feature:{p}"];',
        '    var topic = configuration.GetSection("Kafka")[$"Topic{p}"];',
        '    var scheme = configuration.GetSection($"Auth:Schemes:{p}");',
        '  }',
        '  static string Get(this IConfiguration c, string name) => c.GetSection(name).Value;',
        '}',
      ].join('\n'),
      [
        ['A.cs:3', 'feature.', 'IConfiguration[]'],
        ['A.cs:4', 'kafka.topic', 'IConfiguration[]'],
        ['A.cs:5', 'auth.schemes.', 'IConfiguration.GetSection'],
      ],
    ],
    [
      'C#, a section bound to a class the tree does not declare, or handed to code it cannot see',
      'A.cs',
      [
        'class A {',
        '  void M(IConfiguration config, IServiceCollection services) {',
        '    services.Configure<JwtBearerOptions>(config.GetSection("Jwt"));',
        '    services.AddOptions<TokenBucketRateLimiterOptions>().BindConfiguration("RateLimiting");',
        '    services.AddReverseProxy().LoadFromConfig(config.GetSection("ReverseProxy"));',
        '    var hosts = config.GetSection("Hosts").Get<string[]>();',
        '    services.AddAuthentication().AddJwtBearer(o => config.GetSection("Bearer").Bind(o));',
        '    services.Configure<Mine>(config.GetSection("Mine"));',
        '  }',
        '}',
        'class Mine { public string Host { get; set; } = "h"; }',
      ].join('\n'),
      [
        ['A.cs:3', 'jwt.', 'Configure<JwtBearerOptions>'],
        ['A.cs:4', 'rate.limiting.', 'BindConfiguration<TokenBucketRateLimiterOptions>'],
        ['A.cs:5', 'reverse.proxy.', 'IConfiguration.GetSection'],
        ['A.cs:6', 'hosts.', 'Get'],
        ['A.cs:7', 'bearer.', 'Bind'],
      ],
    ],
    [
      'Python, a variable',
      'app.py',
      'import os\ndef load(names):\n    return [os.environ[n] for n in names]\n',
      [['app.py:3', 'any', 'os.environ']],
    ],
  ])('%s', async (_, file, code, expected) => {
    expect(await openReadsOf({ [file]: code })).toEqual(expected);
  });

  test.each([
    ['a name for the environment, whose reads are followed', 'app.py', 'import os\nenv = os.environ\nA = env["A"]\n'],
    ['changes to it', 'app.py', 'import os\nos.environ.update({"A": "1"})\nos.environ["B"] = "2"\nC = os.getenv("C")\n'],
    ['a wrapper, whose calls name their keys', 'app.py', 'import os\ndef env(name):\n    return os.environ[name]\nPORT = env("PORT")\n'],
    [
      'JavaScript, a name for it and a library given it',
      'app.js',
      "const env = process.env;\nconst a = env.A;\nconst e = cleanEnv(process.env, { B: str() });\nprocess.env.C = '1';\n",
    ],
    ['Java, a variable of it read by key', 'App.java', 'class App {\n  String p = System.getenv().get("PORT");\n}\n'],
  ])('none for %s', async (_, file, code) => {
    const scan = await scanOf({ [file]: code });
    expect(scan.openReads).toBeUndefined();
    expect(scan.reads.length).toBeGreaterThan(0);
  });

  test("davidfowl/TodoApi (test/fixtures/realworld/todoapi): the rate limiter's options and the external providers' sections", async () => {
    const dir = path.join(__dirname, '../../fixtures/realworld/todoapi');
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    // RateLimitExtensions.cs: AddOptions<TokenBucketRateLimiterOptions>()…BindConfiguration("RateLimiting"), a class of
    // System.Threading.RateLimiting; AuthenticationExtensions.cs: GetSection($"Authentication:Schemes:{providerName}"), bound
    // to each provider's options. RATELIMITING__TOKENLIMIT or AUTHENTICATION__SCHEMES__GITHUB__CLIENTID set is read.
    expect((scan.openReads ?? []).map((o) => [`${o.file}:${o.line}`, o.prefix, o.via])).toEqual([
      ['Todo.Api/Extensions/RateLimitExtensions.cs:28', 'rate.limiting.', 'BindConfiguration<TokenBucketRateLimiterOptions>'],
      ['Todo.Web/Server/Authentication/AuthenticationExtensions.cs:51', 'authentication.schemes.', 'IConfiguration.GetSection'],
    ]);
  });

  test('a start that holds a credential is not kept', async () => {
    const token = `ghp_${'a1B2c3D4e5'.repeat(3)}abcdef`;
    const scan = await scanOf({ 'app.js': `const v = process.env["${token}" + n];\n` });
    expect(scan.openReads?.map((o) => o.prefix ?? 'any')).toEqual(['any']);
    expect(JSON.stringify(scan).toLowerCase()).not.toContain(token.slice(4).toLowerCase());
  });

  test('a wrapper called with a name made as the code runs is such a read, at the call', async () => {
    const code = 'import os\ndef env(name):\n    return os.environ[name]\n\nFLAG = env("FEATURE_" + which)\n';
    expect(await openReadsOf({ 'app.py': code })).toEqual([['app.py:5', 'feature.', 'env (wrapper of os.environ)']]);
  });
});
