import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { csharp } from '../../../../lambdas/adapters/code/languages/csharp';
import { TreeSitterCodeReader } from '../../../../lambdas/adapters/code/tree-sitter-code-reader';
import { canonicalKey } from '../../../../lambdas/core/keys';
import { scratch } from '../../../helpers/cli';
import { fallback, none, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';
import { composeVariables, serviceReads } from '../../../helpers/service-reads';

const env = 'Environment.GetEnvironmentVariable';

describe('the C# reader', () => {
  it.each<[string, string, SnippetRead[]]>([
    ['GetEnvironmentVariable without fallback', 'var a = Environment.GetEnvironmentVariable("KAFKA_ADDR");', [read('KAFKA_ADDR', 1, env)]],
    [
      'System.Environment, ?? a literal',
      'var t =\n  System.Environment.GetEnvironmentVariable("KAFKA_TOPIC") ?? "orders";',
      [read('KAFKA_TOPIC', 2, env, fallback('"orders"'))],
    ],
    [
      '?? an expression, in parentheses',
      'var p = (Environment.GetEnvironmentVariable("PORT")) ?? DefaultPort();',
      [read('PORT', 1, env, fallback())],
    ],
    [
      '?? throw',
      'var s = Environment.GetEnvironmentVariable("KAFKA_ADDR")\n  ?? throw new InvalidOperationException("unset");',
      [read('KAFKA_ADDR', 1, env)],
    ],
    [
      'an if that assigns a default',
      'var v = Environment.GetEnvironmentVariable("MODE");\nif (string.IsNullOrEmpty(v))\n{\n  v = "fast";\n}',
      [read('MODE', 1, env, fallback('"fast"'))],
    ],
    [
      'a later choice',
      'var v = Environment.GetEnvironmentVariable("PORT");\nvar port = string.IsNullOrEmpty(v) ? "8080" : v;',
      [read('PORT', 1, env, fallback('"8080"'))],
    ],
    [
      'a later ??',
      'var v = Environment.GetEnvironmentVariable("PORT");\nvar port = int.Parse(v ?? "8080");',
      [read('PORT', 1, env, fallback('"8080"'))],
    ],
    [
      'an if that returns a default',
      'string Host()\n{\n  var h = Environment.GetEnvironmentVariable("HOST");\n  if (h == null) return "localhost";\n  return h;\n}',
      [read('HOST', 3, env, fallback('"localhost"'))],
    ],
    ['a later ??=', 'var v = Environment.GetEnvironmentVariable("MODE");\nv ??= "fast";', [read('MODE', 1, env, fallback('"fast"'))]],
    [
      'the else of a test that it is set',
      'var v = Environment.GetEnvironmentVariable("MODE");\nif (v is not null) { Use(v); } else { v = "fast"; }',
      [read('MODE', 1, env, fallback('"fast"'))],
    ],
    [
      'a test that it is set is no fallback',
      'bool Tracing()\n{\n  var v = Environment.GetEnvironmentVariable("TRACING");\n  if (!string.IsNullOrEmpty(v)) return true;\n  return v == "on";\n}',
      [read('TRACING', 3, env)],
    ],
    [
      'an if that throws',
      'var v = Environment.GetEnvironmentVariable("DB");\nif (string.IsNullOrEmpty(v)) throw new Exception("DB");',
      [read('DB', 1, env)],
    ],
    [
      'an if that transforms is no fallback',
      'string v;\nv = Environment.GetEnvironmentVariable("DB");\nif (v != null) v = v.Trim();',
      [read('DB', 2, env)],
    ],
    ['IConfiguration[] by name', 'string a = builder.Configuration["VALKEY_ADDR"];', [read('VALKEY_ADDR', 1, 'IConfiguration[]')]],
    [
      'IConfiguration[] with a section path, ?? a default',
      'var l = _configuration["Logging:LogLevel:Default"] ?? "Information";',
      [read('Logging:LogLevel:Default', 1, 'IConfiguration[]', fallback('"Information"'))],
    ],
    [
      'IConfiguration[] by declared type',
      'class C {\n  C(IConfiguration settings) { var q = settings["QUEUE"]; }\n}',
      [read('QUEUE', 2, 'IConfiguration[]')],
    ],
    ['a dictionary is no configuration', 'var x = headers["X-Request-Id"];\nvar y = Environment.GetEnvironmentVariables()["Z"];', []],
    [
      'GetValue<T> without default',
      'var b = builder.Configuration.GetValue<string>("OPAMP_SERVER_ENDPOINT");',
      [read('OPAMP_SERVER_ENDPOINT', 1, 'IConfiguration.GetValue')],
    ],
    [
      'GetValue<T> of a value type without default gives its zero, as .NET does for a missing key',
      'var b = builder.Configuration.GetValue<bool>("OPAMP_SERVER_TLS_INSECURE_SKIP_VERIFY");\nvar n = config.GetValue<int>("Retries");\nvar t = config.GetValue<int?>("Timeout");',
      [
        read('OPAMP_SERVER_TLS_INSECURE_SKIP_VERIFY', 1, 'IConfiguration.GetValue', fallback('false')),
        read('Retries', 2, 'IConfiguration.GetValue', fallback('0')),
        read('Timeout', 3, 'IConfiguration.GetValue'),
      ],
    ],
    [
      'GetValue<T> with a default',
      'var p = config.GetValue<int>("Port", 8080);',
      [read('Port', 1, 'IConfiguration.GetValue', fallback('8080'))],
    ],
    [
      'GetValue(Type, key) and GetValue(Type, key, default), the overloads without a type argument',
      'var u = builder.Configuration.GetValue(typeof(string), "CatalogBaseUrl") as string;\n' +
        'var n = (int)config.GetValue(typeof(int), "Retries", 3);',
      [read('CatalogBaseUrl', 1, 'IConfiguration.GetValue'), read('Retries', 2, 'IConfiguration.GetValue', fallback('3'))],
    ],
    [
      'GetConnectionString',
      'var c = configuration.GetConnectionString("Orders");',
      [read('ConnectionStrings:Orders', 1, 'IConfiguration.GetConnectionString')],
    ],
    [
      'GetSection, then a read',
      'var h = config.GetSection("Kafka").GetValue<string>("Host", "localhost");\nvar t = config.GetSection("Kafka").GetSection("Topics")["Orders"];',
      [read('Kafka:Host', 1, 'IConfiguration.GetValue', fallback('"localhost"')), read('Kafka:Topics:Orders', 2, 'IConfiguration[]')],
    ],
    [
      'a section’s own Value, and a receiver whose type is written in full',
      'var l = config.GetSection("Logging:Level").Value;\nvar k = config.GetSection("Kafka").GetSection("Acks").Value;\n' +
        'void F(Microsoft.Extensions.Configuration.IConfiguration q) { var x = q["QualifiedKey"]; }',
      [
        read('Logging:Level', 1, 'IConfigurationSection.Value'),
        read('Kafka:Acks', 2, 'IConfigurationSection.Value'),
        read('QualifiedKey', 3, 'IConfiguration[]'),
      ],
    ],
    [
      'a section held in a variable reads under its path',
      'var kafkaConfig = config.GetSection("Kafka");\nvar h = kafkaConfig["Host"];\n' +
        'IConfigurationSection acks = kafkaConfig.GetSection("Acks");\nvar a = acks.GetValue<int>("Min", 1);',
      [read('Kafka:Host', 2, 'IConfiguration[]'), read('Kafka:Acks:Min', 4, 'IConfiguration.GetValue', fallback('1'))],
    ],
    [
      'a section variable is the one declared in its own method',
      'void A() { var section = config.GetSection("A"); var x = section["X"]; }\nvoid B() { var section = config.GetSection("B"); var y = section["Y"]; }',
      [read('A:X', 1, 'IConfiguration[]'), read('B:Y', 2, 'IConfiguration[]')],
    ],
    ['using static System.Environment', 'var h = GetEnvironmentVariable("HOST");', [read('HOST', 1, env)]],
    ['a verbatim literal is a key', 'var a = Environment.GetEnvironmentVariable(@"HOME_DIR");', [read('HOME_DIR', 1, env)]],
    [
      'variable and interpolated keys are not reported',
      'var a = Environment.GetEnvironmentVariable(name);\nvar b = config[$"{prefix}_URL"];\nvar c = config.GetSection(section)["X"];',
      [],
    ],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(csharp, '.cs', source)).toEqual(expected);
  });

  describe('wrappers, one level, across the files', () => {
    const helpers = [
      'static class Env\n{\n  public static string Get(string name, string fallback) => Environment.GetEnvironmentVariable(name) ?? fallback;\n' +
        '  public static string Required(string name) => Environment.GetEnvironmentVariable(name) ?? throw new ArgumentException(name);\n' +
        '  public static string Plain(string name) { var v = Environment.GetEnvironmentVariable(name); return v; }\n' +
        '  public static string Port(string name) { var v = Environment.GetEnvironmentVariable(name); return string.IsNullOrEmpty(v) ? "8080" : v; }\n' +
        '  public static string Or(string name, string fallback) { var v = Environment.GetEnvironmentVariable(name); if (string.IsNullOrEmpty(v)) { return fallback; } return v; }\n' +
        '  public static string Setting(IConfiguration c, string key) => c[key] ?? "on";\n}\n',
      // eShop's ServiceDefaults: an extension method, called on the configuration or on a section of it.
      'public static class ConfigurationExtensions\n{\n  public static string GetRequiredValue(this IConfiguration configuration, string name) =>\n' +
        '    configuration[name] ?? throw new InvalidOperationException($"Configuration missing value for: {name}");\n}\n',
    ];
    it.each<[string, string, SnippetRead[]]>([
      [
        'a default argument',
        'var a = Env.Get("CURRENCY_ADDR", "localhost:7001");',
        [read('CURRENCY_ADDR', 1, 'Get (wrapper of Environment.GetEnvironmentVariable)', fallback('"localhost:7001"'))],
      ],
      [
        'a default expression',
        'var a = Env.Get("CURRENCY_ADDR", Defaults.Addr);',
        [read('CURRENCY_ADDR', 1, 'Get (wrapper of Environment.GetEnvironmentVariable)', fallback())],
      ],
      [
        'one that throws has no default',
        'var k = Env.Required("KAFKA_ADDR");',
        [read('KAFKA_ADDR', 1, 'Required (wrapper of Environment.GetEnvironmentVariable)')],
      ],
      [
        'one without a default of its own',
        'var p = Env.Plain("QUOTE_PORT");',
        [read('QUOTE_PORT', 1, 'Plain (wrapper of Environment.GetEnvironmentVariable)')],
      ],
      [
        'one with a default of its own',
        'var p = Env.Port("QUOTE_PORT");',
        [read('QUOTE_PORT', 1, 'Port (wrapper of Environment.GetEnvironmentVariable)', fallback('"8080"'))],
      ],
      [
        'one that returns its default argument',
        'var p = Env.Or("QUOTE_PORT", "80");',
        [read('QUOTE_PORT', 1, 'Or (wrapper of Environment.GetEnvironmentVariable)', fallback('"80"'))],
      ],
      [
        'one of IConfiguration with a default of its own',
        'var f = Env.Setting(cfg, "Feature");',
        [read('Feature', 1, 'Setting (wrapper of IConfiguration[])', fallback('"on"'))],
      ],
      [
        'an extension method of IConfiguration, called on the configuration',
        'var t = builder.Configuration.GetRequiredValue("OrderingDb");',
        [read('OrderingDb', 1, 'GetRequiredValue (wrapper of IConfiguration[])')],
      ],
      [
        'an extension method of IConfiguration, called on a section: the key is under the section',
        'var identitySection = configuration.GetSection("Identity");\nvar identityUrl = identitySection.GetRequiredValue("Url");',
        [read('Identity:Url', 2, 'GetRequiredValue (wrapper of IConfiguration[])')],
      ],
      ['a variable argument is not reported', 'var a = Env.Get(name, "x");', []],
    ])('%s', async (_name, source, expected) => {
      expect(await readsOf(csharp, '.cs', source, helpers)).toEqual(expected);
    });
  });

  describe('the opentelemetry-demo services', () => {
    it('accounting: its reads, with and without fallback (compose.yaml of this copy has no accounting: the full demo adds it)', async () => {
      expect(await serviceReads(csharp, 'accounting')).toEqual([
        { name: 'DB_CONNECTION_STRING', file: 'Consumer.cs', line: 22, via: env, fallback: none },
        { name: 'KAFKA_TOPIC', file: 'Consumer.cs', line: 31, via: env, fallback: fallback('"orders"') },
        { name: 'KAFKA_ADDR', file: 'Consumer.cs', line: 42, via: env, fallback: none },
        { name: 'DB_CONNECTION_STRING', file: 'Consumer.cs', line: 50, via: env, fallback: none },
      ]);
    });

    it('cart: every variable compose.yaml sets is read, except those the platform or a library reads', async () => {
      // Not read by cart's code: CART_PORT only feeds compose's own ASPNETCORE_URLS, which Kestrel reads; FLAGD_HOST
      // and FLAGD_PORT are read by OpenFeature's FlagdProvider (`new FlagdProvider()`); OTEL_* by the OpenTelemetry SDK.
      const platform = new Set(['CART_PORT', 'ASPNETCORE_URLS', 'FLAGD_HOST', 'FLAGD_PORT']);
      const reads = await serviceReads(csharp, 'cart');
      const read = new Set(reads.map((r) => r.name));
      const expected = composeVariables('cart').filter((name) => !name.startsWith('OTEL_') && !platform.has(name));
      expect(expected).toEqual(['VALKEY_ADDR']);
      for (const name of expected) expect(read).toContain(name);
      expect(reads).toEqual([
        { name: 'VALKEY_ADDR', file: 'src/Program.cs', line: 33, via: 'IConfiguration[]', fallback: none },
        // Used only inside `if (!string.IsNullOrEmpty(opampEndpoint))`: unset, cart runs without the OpAMP client.
        { name: 'OPAMP_SERVER_ENDPOINT', file: 'src/Program.cs', line: 103, via: 'IConfiguration[]', fallback: fallback() },
        {
          name: 'OPAMP_SERVER_TLS_INSECURE_SKIP_VERIFY',
          file: 'src/Program.cs',
          line: 105,
          via: 'IConfiguration.GetValue',
          // GetValue<bool> of a missing key is false.
          fallback: fallback('false'),
        },
      ]);
    });
  });

  it('a configuration path is one key with the variable that sets it (`:` and `__` are separators)', async () => {
    const root = scratch({
      'src/Startup.cs':
        'var level = configuration["Logging:LogLevel:Default"];\nvar orders = configuration.GetConnectionString("Orders");\n',
    });
    const scan = await new TreeSitterCodeReader([csharp]).scan({ path: root, exclude: [] });
    expect(scan.reads.map((r) => [r.name, r.key, r.file, r.line, r.column])).toEqual([
      ['ConnectionStrings:Orders', canonicalKey('ConnectionStrings__Orders'), 'src/Startup.cs', 2, 48],
      ['Logging:LogLevel:Default', canonicalKey('Logging__LogLevel__Default'), 'src/Startup.cs', 1, 27],
    ]);
  });
});

describe("microservices-demo's cartservice Startup (test/fixtures/realworld/microservices-demo)", () => {
  const startup = readFileSync(
    path.join(__dirname, '../../../fixtures/realworld/microservices-demo/src/cartservice/src/Startup.cs'),
    'utf8',
  );

  test('settings that only pick a branch of an if / else-if chain whose last else runs an in-memory store: each has a path without it', async () => {
    // if (!IsNullOrEmpty(redisAddress)) … else if (!IsNullOrEmpty(spannerProjectId) || !IsNullOrEmpty(spannerConnectionString)) …
    // else if (!IsNullOrEmpty(alloyDBConnectionString)) … else { in memory }
    const reads = await readsOf(csharp, '.cs', startup);
    expect(reads.map((r) => [r.name, r.fallback.kind])).toEqual([
      ['REDIS_ADDR', 'default'],
      ['SPANNER_PROJECT', 'default'],
      ['SPANNER_CONNECTION_STRING', 'default'],
      ['ALLOYDB_PRIMARY_IP', 'default'],
    ]);
  });
});
