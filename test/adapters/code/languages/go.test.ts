import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { go } from '../../../../lambdas/adapters/code/languages/go';
import { envTag } from '../../../../lambdas/adapters/code/languages/go-tags';
import { TreeSitterCodeReader } from '../../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../../helpers/cli';
import { fallback, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';
import { composeVariables, serviceReads } from '../../../helpers/service-reads';

const main = (body: string) => `package main\n\nfunc main() {\n${body}\n}\n`;

describe('the Go reader', () => {
  it.each<[string, string, SnippetRead[]]>([
    ['os.Getenv without fallback', main('\taddr := os.Getenv("KAFKA_ADDR")'), [read('KAFKA_ADDR', 4, 'os.Getenv')]],
    [
      'an if that assigns a default',
      main('\tport := os.Getenv("PORT")\n\tif port == "" {\n\t\tport = "8080"\n\t}'),
      [read('PORT', 4, 'os.Getenv', fallback('"8080"'))],
    ],
    [
      'a len test that assigns a default',
      main('\tvar port = os.Getenv("PORT")\n\tif len(port) == 0 {\n\t\tport = "80"\n\t}'),
      [read('PORT', 4, 'os.Getenv', fallback('"80"'))],
    ],
    [
      'a trimmed read with an if that assigns',
      main('\tmode := strings.ToLower(strings.TrimSpace(os.Getenv("MODE")))\n\tif mode == "" {\n\t\tmode = "fast"\n\t}'),
      [read('MODE', 4, 'os.Getenv', fallback('"fast"'))],
    ],
    ['an if that panics', main('\tv := os.Getenv("DB")\n\tif v == "" {\n\t\tpanic("DB")\n\t}'), [read('DB', 4, 'os.Getenv')]],
    [
      'an if that returns an error',
      main('\tv := os.Getenv("DB")\n\tif v == "" {\n\t\treturn fmt.Errorf("unset")\n\t}'),
      [read('DB', 4, 'os.Getenv')],
    ],
    [
      'an if that is no fallback',
      main('\tsvc.addr = os.Getenv("KAFKA_ADDR")\n\tif svc.addr != "" {\n\t\tconnect(svc.addr)\n\t}'),
      [read('KAFKA_ADDR', 4, 'os.Getenv')],
    ],
    [
      'a flag whose default is the read: unset, the flag given on the command line or its empty default (a zap field is no flag)',
      main(
        '\tflag.StringVar(&addr, "addr", os.Getenv("LISTEN_ADDR"), "listen address")\n' +
          '\tlevel := flag.String("level", os.Getenv("LOG_LEVEL"), "log level")\n' +
          '\tcmd.Flags().StringVarP(&token, "token", "t", os.Getenv("API_TOKEN"), "token")\n' +
          '\tfs := flag.NewFlagSet("app", flag.ExitOnError)\n\tfs.String("region", os.Getenv("REGION"), "region")\n' +
          '\tlog.Info("start", zap.String("host", os.Getenv("HOST")))',
      ),
      [
        read('LISTEN_ADDR', 4, 'os.Getenv', fallback()),
        read('LOG_LEVEL', 5, 'os.Getenv', fallback()),
        read('API_TOKEN', 6, 'os.Getenv', fallback()),
        read('REGION', 8, 'os.Getenv', fallback()),
        read('HOST', 9, 'os.Getenv'),
      ],
    ],
    [
      'os.LookupEnv with !ok',
      main('\tv, ok := os.LookupEnv("MODE")\n\tif !ok {\n\t\tv = "fast"\n\t}'),
      [read('MODE', 4, 'os.LookupEnv', fallback('"fast"'))],
    ],
    [
      'os.LookupEnv with a fatal',
      main('\tv, ok := os.LookupEnv("MODE")\n\tif !ok {\n\t\tlog.Fatalf("no mode")\n\t}'),
      [read('MODE', 4, 'os.LookupEnv')],
    ],
    [
      'an if-initializer that returns, then a default',
      'package kafka\n\nfunc getTopic() string {\n\tif topic := os.Getenv("KAFKA_TOPIC"); topic != "" {\n\t\treturn topic\n\t}\n\treturn "orders"\n}\n',
      [read('KAFKA_TOPIC', 4, 'os.Getenv', fallback('"orders"'))],
    ],
    [
      'an if that uses the read only when set keeps what the target held',
      main('\tsrvPort := port\n\tif os.Getenv("PORT") != "" {\n\t\tsrvPort = os.Getenv("PORT")\n\t}'),
      [read('PORT', 5, 'os.Getenv', fallback()), read('PORT', 6, 'os.Getenv', fallback())],
    ],
    [
      'an if-initializer that assigns only when set',
      main('\tif v := os.Getenv("PORT"); v != "" {\n\t\tport = v\n\t}'),
      [read('PORT', 4, 'os.Getenv', fallback())],
    ],
    [
      'LookupEnv whose value is dropped: a presence test, the code runs without the key',
      main('\t_, traced := os.LookupEnv("OTEL_SERVICE_NAME")\n\tif traced {\n\t\tinitTracer()\n\t}'),
      [read('OTEL_SERVICE_NAME', 4, 'os.LookupEnv', fallback())],
    ],
    [
      'LookupEnv whose value is dropped, in the if it opens',
      main('\tif _, ok := os.LookupEnv("DEBUG_PPROF"); ok {\n\t\tgo serve()\n\t}'),
      [read('DEBUG_PPROF', 4, 'os.LookupEnv', fallback())],
    ],
    [
      'LookupEnv whose value is dropped, never tested',
      main('\t_, present = os.LookupEnv("FEATURE_X")'),
      [read('FEATURE_X', 4, 'os.LookupEnv', fallback())],
    ],
    [
      'LookupEnv whose value is dropped, failing when absent: required',
      main('\tif _, ok := os.LookupEnv("LICENSE_ACCEPTED"); !ok {\n\t\tlog.Fatal("accept the licence")\n\t}'),
      [read('LICENSE_ACCEPTED', 4, 'os.LookupEnv')],
    ],
    [
      'LookupEnv in an if that assigns only when present',
      main('\tport := defaultPort\n\tif value, ok := os.LookupEnv("PORT"); ok {\n\t\tport = value\n\t}'),
      [read('PORT', 5, 'os.LookupEnv', fallback())],
    ],
    [
      'an if that only tests the read runs without it',
      main('\tif os.Getenv("DEBUG") != "" {\n\t\tenableDebug()\n\t}'),
      [read('DEBUG', 4, 'os.Getenv', fallback())],
    ],
    [
      'an if that fails when the read is empty makes it required',
      main('\tif os.Getenv("DB_URL") == "" {\n\t\tpanic("DB_URL is required")\n\t}'),
      [read('DB_URL', 4, 'os.Getenv')],
    ],
    [
      'a second variable tried when the first is empty, then a default: both fall back, the second to the default',
      main('\tv := os.Getenv("A")\n\tif v == "" {\n\t\tv = os.Getenv("B")\n\t}\n\tif v == "" {\n\t\tv = "x"\n\t}'),
      [read('A', 4, 'os.Getenv', fallback()), read('B', 6, 'os.Getenv', fallback('"x"'))],
    ],
    [
      'a second variable tried when the first is empty, then a failure: the second is required',
      main('\tv := os.Getenv("A")\n\tif v == "" {\n\t\tv = os.Getenv("B")\n\t}\n\tif v == "" {\n\t\tpanic("A or B")\n\t}'),
      [read('A', 4, 'os.Getenv', fallback()), read('B', 6, 'os.Getenv')],
    ],
    [
      'a variable declared in an if block is its own: an if after the block is not its fallback',
      main('\tv := "a"\n\tif on {\n\t\tv := os.Getenv("B")\n\t\tuse(v)\n\t}\n\tif v == "" {\n\t\tv = "x"\n\t}'),
      [read('B', 6, 'os.Getenv')],
    ],
    ['cmp.Or', main('\tlevel := cmp.Or(os.Getenv("LOG_LEVEL"), "info")'), [read('LOG_LEVEL', 4, 'os.Getenv', fallback('"info"'))]],
    [
      'cmp.Or with an expression',
      main('\tlevel := cmp.Or(os.Getenv("LOG_LEVEL"), defaultLevel())'),
      [read('LOG_LEVEL', 4, 'os.Getenv', fallback())],
    ],
    ['a variable key is not reported', main('\tv := os.Getenv(name)\n\tw := os.Getenv("A_" + name)'), []],
    [
      'viper getters, with SetDefault in the file',
      main('\tviper.SetDefault("server.port", 8080)\n\tp := viper.GetInt("server.port")\n\th := viper.GetString("server.host")'),
      [read('server.port', 5, 'viper.GetInt', fallback('8080')), read('server.host', 6, 'viper.GetString')],
    ],
    [
      'viper getters of flags bound in the file take the flag’s default (SetDefault first; a zap field is no flag)',
      main(
        '\tfs := pflag.NewFlagSet("app", pflag.ContinueOnError)\n\tfs.Int("port", 9898, "HTTP port")\n\tfs.StringP("level", "l", "info", "log level")\n' +
          '\tfs.String("ui-color", "#34577c", "UI color")\n\tviper.BindPFlags(fs)\n\tviper.SetDefault("ui-color", "blue")\n' +
          '\tcmd.PersistentFlags().StringVar(&cfg, "config-file", "app.yaml", "config")\n\tviper.BindPFlag("config", cmd.PersistentFlags().Lookup("config-file"))\n' +
          '\tp := viper.GetInt("port")\n\tl := viper.GetString("level")\n\tc := viper.GetString("ui-color")\n\tf := viper.GetString("config")\n' +
          '\tlogger.Info("start", zap.String("version", viper.GetString("version")))',
      ),
      [
        read('port', 12, 'viper.GetInt', fallback('9898')),
        read('level', 13, 'viper.GetString', fallback('"info"')),
        read('ui-color', 14, 'viper.GetString', fallback('"blue"')),
        read('config', 15, 'viper.GetString', fallback('"app.yaml"')),
        read('version', 16, 'viper.GetString'),
      ],
    ],
    [
      'viper.BindEnv names the variables of a key (with its SetDefault); os.ExpandEnv reads each $NAME and ${NAME} of a literal',
      main(
        '\tviper.SetDefault("db.host", "localhost")\n\tviper.BindEnv("db.host", "DB_HOST", "DATABASE_HOST")\n\turl := os.ExpandEnv("postgres://${DB_USER}@$DB_HOST/x")',
      ),
      [
        read('DB_HOST', 5, 'viper.BindEnv', fallback('"localhost"')),
        read('DATABASE_HOST', 5, 'viper.BindEnv', fallback('"localhost"')),
        read('DB_USER', 6, 'os.ExpandEnv'),
        read('DB_HOST', 6, 'os.ExpandEnv'),
      ],
    ],
    [
      'env struct tags (caarlos0/env, sethvargo/go-envconfig)',
      'package main\n\ntype Config struct {\n\tPort string `env:"PORT" envDefault:"8080"`\n\tDB   string `env:"DB_URL,required"`\n\tMode string `env:"MODE, default=fast"`\n\tName string `json:"name"`\n}\n',
      [
        read('PORT', 4, 'env struct tag', fallback('8080')),
        read('DB_URL', 5, 'env struct tag'),
        read('MODE', 6, 'env struct tag', fallback('fast')),
      ],
    ],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(go, '.go', source)).toEqual(expected);
  });

  describe('wrappers, one level, across the package', () => {
    const wrappers = [
      'package main\n\nfunc mustMapEnv(target *string, envKey string) {\n\tv := os.Getenv(envKey)\n\tif v == "" {\n\t\tpanic(fmt.Sprintf("%q not set", envKey))\n\t}\n\t*target = v\n}\n',
      'package main\n\nfunc getEnv(key, fallback string) string {\n\tif v, ok := os.LookupEnv(key); ok {\n\t\treturn v\n\t}\n\treturn fallback\n}\n',
      'package main\n\nfunc portOr(key string) string {\n\tv := os.Getenv(key)\n\tif v == "" {\n\t\tv = "9090"\n\t}\n\treturn v\n}\n',
      'package main\n\nfunc envOr(key, fallback string) string {\n\tif v := os.Getenv(key); v != "" {\n\t\treturn v\n\t}\n\treturn fallback\n}\n',
      'package main\n\nfunc twice(key string) string {\n\treturn getEnv(key, "x")\n}\n',
      'package main\n\nfunc logEnv(target *string, key string) {\n\tvalue, present := os.LookupEnv(key)\n\tif !present {\n\t\tlogger.Error(key)\n\t}\n\t*target = value\n}\n',
    ];

    it.each<[string, string, SnippetRead[]]>([
      [
        'a wrapper that panics reads without default',
        main('\tmustMapEnv(&svc.cartAddr, "CART_ADDR")'),
        [read('CART_ADDR', 4, 'mustMapEnv (wrapper of os.Getenv)')],
      ],
      [
        'a wrapper whose default is an argument',
        main('\tp := getEnv("PORT", "8080")'),
        [read('PORT', 4, 'getEnv (wrapper of os.LookupEnv)', fallback('"8080"'))],
      ],
      [
        "the brief's getEnv(key, fallback)",
        main('\tp := envOr("LISTEN_ADDR", ":8080")'),
        [read('LISTEN_ADDR', 4, 'envOr (wrapper of os.Getenv)', fallback('":8080"'))],
      ],
      [
        'a wrapper whose default is an expression argument',
        main('\tp := getEnv("PORT", def)'),
        [read('PORT', 4, 'getEnv (wrapper of os.LookupEnv)', fallback())],
      ],
      [
        'a wrapper with a default of its own',
        main('\tp := cfg.portOr("METRICS_PORT")'),
        [read('METRICS_PORT', 4, 'portOr (wrapper of os.Getenv)', fallback('"9090"'))],
      ],
      [
        'a wrapper that only logs when unset: the parameter it writes through is no default',
        main('\tlogEnv(&svc.port, "PRODUCT_CATALOG_PORT")'),
        [read('PRODUCT_CATALOG_PORT', 4, 'logEnv (wrapper of os.LookupEnv)')],
      ],
      [
        'a wrapper of a wrapper is followed, with the default it passes',
        main('\tp := twice("TWICE")'),
        [read('TWICE', 4, 'twice (wrapper of os.LookupEnv)', fallback('"x"'))],
      ],
      ['a wrapper called with a variable is no read', main('\tmustMapEnv(&a, name)'), []],
    ])('%s', async (_name, source, expected) => {
      expect(await readsOf(go, '.go', source, wrappers)).toEqual(expected);
    });
  });
});

describe('the Go services of the opentelemetry-demo copy', () => {
  // Read by libraries, not by the services' code: FLAGD_* by the OpenFeature flagd provider (flagd.NewProvider()),
  // OTEL_* by the OpenTelemetry SDK's exporters and resource detectors, GOMEMLIMIT by the Go runtime.
  const byLibraries = (name: string) => name.startsWith('OTEL_') || name.startsWith('FLAGD_') || name === 'GOMEMLIMIT';

  it.each(['checkout', 'product-catalog'])('%s reads every variable compose.yaml sets for it', async (service) => {
    const names = new Set((await serviceReads(go, service)).map((r) => r.name));
    const expected = composeVariables(service).filter((name) => !byLibraries(name));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.filter((name) => !names.has(name))).toEqual([]);
  });

  it('finds checkout reads through mustMapEnv, across files and with their fallbacks', async () => {
    const reads = await serviceReads(go, 'checkout');
    expect(reads).toContainEqual({
      name: 'CART_ADDR',
      file: 'main.go',
      line: 226,
      via: 'mustMapEnv (wrapper of os.Getenv)',
      fallback: { kind: 'none' },
    });
    expect(reads).toContainEqual({
      name: 'KAFKA_TOPIC',
      file: 'kafka/producer.go',
      line: 19,
      via: 'os.Getenv',
      fallback: { kind: 'default', value: '"orders"' },
    });
    expect(reads).toContainEqual({ name: 'KAFKA_ADDR', file: 'main.go', line: 246, via: 'os.Getenv', fallback: { kind: 'none' } });
  });

  it('finds product-catalog reads through its LookupEnv wrapper and the connection string without default', async () => {
    const reads = await serviceReads(go, 'product-catalog');
    expect(reads).toContainEqual({
      name: 'PRODUCT_CATALOG_PORT',
      file: 'main.go',
      line: 165,
      via: 'mustMapEnv (wrapper of os.LookupEnv)',
      fallback: { kind: 'none' },
    });
    expect(reads).toContainEqual({ name: 'DB_CONNECTION_STRING', file: 'main.go', line: 67, via: 'os.Getenv', fallback: { kind: 'none' } });
  });
});

describe('Go env struct tags', () => {
  it.each<[string, ReturnType<typeof envTag>]>([
    ['env:"PORT"', { key: 'PORT', fallback: { kind: 'none' } }],
    ['json:"port" env:"PORT" envDefault:"8080"', { key: 'PORT', fallback: { kind: 'default', value: '8080' } }],
    ['env:"MODE, default=fast"', { key: 'MODE', fallback: { kind: 'default', value: 'fast' } }],
    ['env:"-"', undefined],
    ['envconfig:"PORT" default:"8080"', { key: 'PORT', fallback: { kind: 'default', value: '8080' } }],
    ['envconfig:"DATABASE_URL" required:"true"', { key: 'DATABASE_URL', fallback: { kind: 'none' } }],
    ['json:"x" envconfig:"-"', undefined],
    ['json:"port"', undefined],
    [
      'long:"backup" env:"BACKUP_PATH" default:"./var/backup"',
      { key: 'BACKUP_PATH', fallback: { kind: 'default', value: './var/backup' } },
    ],
    ['env:"PORT" env-default:"8080"', { key: 'PORT', fallback: { kind: 'default', value: '8080' } }],
  ])('%s', (tag, expected) => {
    expect(envTag(tag)).toEqual(expected);
  });

  it.each<[string, string, ReturnType<typeof envTag>]>([
    ['a bool is false when unset', 'long:"votes-ip" env:"VOTES_IP"', { key: 'VOTES_IP', fallback: { kind: 'default', value: 'false' } }],
    ['a required bool (go-flags) is required', 'env:"TLS" required:"true"', { key: 'TLS', fallback: { kind: 'none' } }],
    ['a required bool (caarlos0/env) is required', 'env:"TLS,required"', { key: 'TLS', fallback: { kind: 'none' } }],
    ['a required bool (cleanenv) is required', 'env:"TLS" env-required:"true"', { key: 'TLS', fallback: { kind: 'none' } }],
  ])('%s', (_what, tag, expected) => {
    expect(envTag(tag, 'bool')).toEqual(expected);
  });

  test('go-flags env-namespace: the fields of a namespaced struct, named or inline and nested, read PREFIX_X', async () => {
    const source = [
      'package main',
      '',
      'type Opts struct {',
      '\tPort   int         `long:"port" env:"PORT" default:"8080"`',
      '\tNotify NotifyGroup `group:"notify" namespace:"notify" env-namespace:"NOTIFY"`',
      '}',
      '',
      'type NotifyGroup struct {',
      '\tQueue    int `long:"queue" env:"QUEUE" default:"100"`',
      '\tTelegram struct {',
      '\t\tChannel string `long:"chan" env:"CHAN"`',
      '\t} `group:"telegram" namespace:"telegram" env-namespace:"TELEGRAM"`',
      '}',
    ].join('\n');
    expect(await readsOf(go, '.go', source)).toEqual([
      read('PORT', 4, 'env struct tag', fallback('8080')),
      read('NOTIFY_QUEUE', 9, 'env struct tag', fallback('100')),
      read('NOTIFY_TELEGRAM_CHAN', 11, 'env struct tag'),
    ]);
  });

  test('caarlos0/env envPrefix: the fields of the struct it tags read PREFIX_X', async () => {
    const source = [
      'package main',
      '',
      'type Config struct {',
      '\tDB Database `envPrefix:"DB_"`',
      '}',
      '',
      'type Database struct {',
      '\tHost string `env:"HOST" envDefault:"localhost"`',
      '}',
    ].join('\n');
    expect(await readsOf(go, '.go', source)).toEqual([read('DB_HOST', 8, 'env struct tag', fallback('localhost'))]);
  });
});

describe("microservices-demo's productcatalogservice (test/fixtures/realworld/microservices-demo)", () => {
  const server = readFileSync(
    path.join(__dirname, '../../../fixtures/realworld/microservices-demo/src/productcatalogservice/server.go'),
    'utf8',
  );

  test('EXTRA_LATENCY, converted in the if its read opens and assigned in its else: the code runs without it', async () => {
    // if s := os.Getenv("EXTRA_LATENCY"); s != "" { v, err := time.ParseDuration(s); …; extraLatency = v } else { extraLatency = time.Duration(0) }
    const reads = (await readsOf(go, '.go', server)).filter((r) => r.name === 'EXTRA_LATENCY');
    expect(reads).toEqual([read('EXTRA_LATENCY', 88, 'os.Getenv', fallback())]);
  });
});

describe('viper across a program (the shape of stefanprodan/podinfo)', () => {
  test('SetEnvPrefix names the variable AutomaticEnv reads, the defaults main binds hold in every package, and a key it Sets is no read', async () => {
    const dir = scratch({
      'cmd/app/main.go':
        'package main\n\nfunc main() {\n\tfs := pflag.NewFlagSet("app", pflag.ContinueOnError)\n\tfs.Int("port", 9898, "HTTP port")\n' +
        '\tfs.String("level", "info", "log level")\n\tviper.BindPFlags(fs)\n\tviper.SetDefault("ui-color", "blue")\n' +
        '\tviper.SetEnvPrefix("PODINFO")\n\tviper.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))\n\tviper.AutomaticEnv()\n' +
        '\tviper.Set("revision", version.REVISION)\n\tp := viper.GetString("port")\n\tr := viper.GetString("revision")\n}\n',
      'pkg/signals/shutdown.go':
        'package signals\n\nfunc wait() {\n\tif viper.GetString("level") != "debug" {\n\t}\n\tc := viper.GetString("ui-color")\n\tt := viper.GetString("token")\n}\n',
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => [r.name, r.file, r.fallback])).toEqual([
      ['PODINFO_LEVEL', 'pkg/signals/shutdown.go', { kind: 'default', value: '"info"' }],
      ['PODINFO_PORT', 'cmd/app/main.go', { kind: 'default', value: '9898' }],
      ['PODINFO_TOKEN', 'pkg/signals/shutdown.go', { kind: 'none' }],
      ['PODINFO_UI_COLOR', 'pkg/signals/shutdown.go', { kind: 'default', value: '"blue"' }],
    ]);
  });
});

describe('viper.Unmarshal (podinfo: its deployments set PODINFO_UI_COLOR, which main unmarshals into api.Config)', () => {
  test('each mapstructure-tagged field of the program is a key viper reads, as its getters do; without Unmarshal, none is', async () => {
    const files = (unmarshal: string) => ({
      'cmd/app/main.go':
        'package main\n\nfunc main() {\n\tfs := pflag.NewFlagSet("app", pflag.ContinueOnError)\n\tfs.String("ui-color", "#34577c", "UI color")\n' +
        `\tviper.BindPFlags(fs)\n\tviper.SetEnvPrefix("PODINFO")\n\tviper.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))\n\tviper.AutomaticEnv()\n${unmarshal}}\n`,
      'pkg/api/config.go':
        'package api\n\ntype Config struct {\n\tUIColor string `mapstructure:"ui-color"`\n\tUIMessage string `json:"message" mapstructure:"ui-message"`\n\tSkipped string `mapstructure:",squash"`\n}\n',
    });
    const scan = async (unmarshal: string) =>
      (await new TreeSitterCodeReader().scan({ path: scratch(files(unmarshal)), exclude: [] })).reads.map((r) => [
        r.name,
        r.file,
        r.line,
        r.fallback,
      ]);
    expect(await scan('\tvar cfg api.Config\n\tviper.Unmarshal(&cfg)\n')).toEqual([
      ['PODINFO_UI_COLOR', 'pkg/api/config.go', 4, { kind: 'default', value: '"#34577c"' }],
      ['PODINFO_UI_MESSAGE', 'pkg/api/config.go', 5, { kind: 'none' }],
    ]);
    expect(await scan('')).toEqual([]);
  });
});

describe("traefik/whoami's app.go (test/fixtures/realworld/traefik-whoami)", () => {
  test('a flag whose default is an environment read: unset, the flag’s value from the command line', async () => {
    const source = readFileSync(path.join(__dirname, '../../../fixtures/realworld/traefik-whoami/app.go'), 'utf8');
    const reads = (await readsOf(go, '.go', source)).map((r) => [r.name, r.via, r.fallback]);
    expect(reads).toEqual([
      // flag.StringVar(&name, "name", os.Getenv("WHOAMI_NAME"), "give me a name")
      ['WHOAMI_NAME', 'os.Getenv', fallback()],
      // flag.StringVar(&port, "port", getEnv("WHOAMI_PORT_NUMBER", "80"), "give me a port number")
      ['WHOAMI_PORT_NUMBER', 'getEnv (wrapper of os.Getenv)', fallback('"80"')],
    ]);
  });
});

describe("kelseyhightower/envconfig's Process (its README's Specification)", () => {
  test('each field of the struct processed is PREFIX_FIELD, its tags giving the name, the default or the requirement', async () => {
    const source =
      'package main\n\ntype Specification struct {\n\tDebug bool\n\tPort int `default:"8080"`\n\tUser string `required:"true"`\n' +
      '\tRate float32\n\tManualOverride1 string `envconfig:"manual_override_1"`\n\tMultiWordVar string `split_words:"true"`\n' +
      '\tSkipped string `ignored:"true"`\n}\n\nfunc main() {\n\tvar s Specification\n\terr := envconfig.Process("myapp", &s)\n}\n';
    expect((await readsOf(go, '.go', source)).map((r) => [r.name, r.line, r.fallback])).toEqual([
      ['manual_override_1', 8, { kind: 'none' }],
      ['MYAPP_DEBUG', 4, { kind: 'default', value: 'false' }],
      ['MYAPP_PORT', 5, { kind: 'default', value: '8080' }],
      ['MYAPP_USER', 6, { kind: 'none' }],
      ['MYAPP_RATE', 7, { kind: 'none' }],
      ['MYAPP_MANUAL_OVERRIDE_1', 8, { kind: 'default' }],
      ['MYAPP_MULTI_WORD_VAR', 9, { kind: 'none' }],
    ]);
  });

  test("a tagged field's prefixed variable falls back to the tag's own (envconfig looks up MYAPP_X, then X)", async () => {
    const source =
      'package main\n\ntype Spec struct {\n\tOverride string `envconfig:"manual_override_1"`\n\tPort int `envconfig:"port" default:"8080"`\n}\n\n' +
      'func main() {\n\tvar s Spec\n\tenvconfig.MustProcess("myapp", &s)\n}\n';
    expect((await readsOf(go, '.go', source)).map((r) => [r.name, r.line, r.fallback])).toEqual([
      // The unprefixed reads, as the tag reader finds them, with the field's default or requirement.
      ['manual_override_1', 4, { kind: 'none' }],
      ['port', 5, { kind: 'default', value: '8080' }],
      ['MYAPP_MANUAL_OVERRIDE_1', 4, { kind: 'default' }],
      ['MYAPP_PORT', 5, { kind: 'default' }],
    ]);
  });
});

describe("screego/server's configuration (test/fixtures/realworld/screego-server)", () => {
  test('envconfig.Process(prefix, &config) with the prefix a package variable (`var ( prefix = "screego" … )`) reads each field', async () => {
    const dir = path.join(__dirname, '../../../fixtures/realworld/screego-server');
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    const processed = reads.filter((r) => r.via === 'envconfig.Process');
    // The 20 fields of Config not `ignored:"true"`, split_words making TLSCertFile TLS_CERT_FILE.
    expect(processed).toHaveLength(20);
    expect(
      processed
        .filter((r) => /^SCREEGO_(TLS_CERT_FILE|SERVER_ADDRESS|TURN_DENY_PEERS|SERVER_TLS)$/.test(r.name))
        .map((r) => [r.name, r.line, r.fallback]),
    ).toEqual([
      ['SCREEGO_SERVER_ADDRESS', 45, { kind: 'default', value: ':5050' }],
      ['SCREEGO_SERVER_TLS', 44, { kind: 'default', value: 'false' }],
      ['SCREEGO_TLS_CERT_FILE', 41, { kind: 'none' }],
      ['SCREEGO_TURN_DENY_PEERS', 67, { kind: 'default', value: '0.0.0.0/8,127.0.0.1/8,::/128,::1/128,fe80::/10' }],
    ]);
  });

  test('a package variable the file changes names no prefix; a constant of the package does', async () => {
    const spec = 'type Spec struct {\n\tPort int `default:"8080"`\n}\n';
    const changed = `package main\n\nvar prefix = "app"\n\n${spec}\nfunc main() {\n\tflag.StringVar(&prefix, "prefix", prefix, "")\n\tvar s Spec\n\tenvconfig.Process(prefix, &s)\n}\n`;
    expect(await readsOf(go, '.go', changed)).toEqual([]);
    const constant = `package main\n\nconst prefix = "app"\n\n${spec}\nfunc main() {\n\tvar s Spec\n\tenvconfig.Process(prefix, &s)\n}\n`;
    expect((await readsOf(go, '.go', constant)).map((r) => [r.name, r.fallback])).toEqual([
      ['APP_PORT', { kind: 'default', value: '8080' }],
    ]);
  });
});

describe("urfave/cli flags read the variables they name (EnvVars, v1's EnvVar, v3's Sources: cli.EnvVars(…))", () => {
  test("with the flag's Value as the default; Required none; a BoolFlag's false", async () => {
    const source = [
      'package main',
      'import "github.com/urfave/cli/v2"',
      'var flags = []cli.Flag{',
      '\t&cli.StringFlag{Name: "addr", Value: ":8080", EnvVars: []string{"LISTEN_ADDR", "ADDR"}},',
      '\t&cli.StringFlag{Name: "db", EnvVars: []string{"DATABASE_URL"}, Required: true},',
      '\t&cli.BoolFlag{Name: "debug", EnvVars: []string{"DEBUG"}},',
      '\tcli.IntFlag{Name: "workers", Value: 4, EnvVar: "WORKERS,APP_WORKERS"},',
      '\t&cli.DurationFlag{Name: "timeout", Sources: cli.EnvVars("TIMEOUT")},',
      '\t&cli.StringFlag{Name: "name", Value: "x"},',
      '}',
    ].join('\n');
    const via = 'urfave/cli flag';
    expect(await readsOf(go, '.go', source)).toEqual([
      read('LISTEN_ADDR', 4, via, fallback('":8080"')),
      read('ADDR', 4, via, fallback('":8080"')),
      read('DATABASE_URL', 5, via),
      read('DEBUG', 6, via, fallback('false')),
      read('WORKERS', 7, via, fallback('4')),
      read('APP_WORKERS', 7, via, fallback('4')),
      read('TIMEOUT', 8, via),
    ]);
  });
});

describe("gotify/server's configuration (test/fixtures/realworld/gotify-server)", () => {
  test('a key named by a string constant of the package (keys.go\'s EnvServerPort = "GOTIFY_SERVER_PORT") is read at each call', async () => {
    const dir = path.join(__dirname, '../../../fixtures/realworld/gotify-server');
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    const names = new Set(reads.map((r) => r.name));
    // config.go: add(parseInt(&c.Server.Port, EnvServerPort)), parseInt wrapping lookupEnv (os.LookupEnv of env, then env + "_FILE").
    expect(reads.filter((r) => r.name === 'GOTIFY_SERVER_PORT').map((r) => [r.file, r.line, r.via])).toEqual([
      ['config/config.go', 133, 'parseInt (wrapper of os.LookupEnv)'],
    ]);
    for (const name of [
      'GOTIFY_DATABASE_CONNECTION',
      'GOTIFY_DEFAULTUSER_PASS',
      'GOTIFY_OIDC_SCOPES',
      'GOTIFY_SERVER_SSL_LETSENCRYPT_HOSTS',
    ])
      expect([name, names.has(name), names.has(`${name}_FILE`)]).toEqual([name, true, true]);
  });

  test("parseInt(&c.Server.Port, …) sets the target only when the variable is set: unset, the struct's value stays, a default", async () => {
    const dir = path.join(__dirname, '../../../fixtures/realworld/gotify-server');
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    // parse.go: raw, ok, err := lookupEnv(env); if err != nil { return err }; if ok { *target = raw }; return nil
    expect(reads.filter((r) => /^GOTIFY_SERVER_(PORT|LISTENADDR)$/.test(r.name)).map((r) => [r.name, r.fallback.kind])).toEqual([
      ['GOTIFY_SERVER_LISTENADDR', 'default'],
      ['GOTIFY_SERVER_PORT', 'default'],
    ]);
    const source = [
      'package main',
      'func must(target *string, env string) error {',
      '  raw, ok := os.LookupEnv(env)',
      '  if ok {',
      '    *target = raw',
      '    return nil',
      '  }',
      '  return errors.New(env + " is not set")',
      '}',
      'func get(env string) (string, error) {',
      '  v, err := check(os.Getenv(env))',
      '  if err != nil {',
      '    return "", err',
      '  }',
      '  return v, nil',
      '}',
      'func main() {',
      '  must(&a, "MUST")',
      '}',
    ].join('\n');
    expect((await readsOf(go, '.go', source)).map((r) => [r.name, r.fallback.kind])).toEqual([['MUST', 'none']]);
  });

  test('a constant of another package, or a variable, names no key', async () => {
    const source = [
      'package main',
      'const Port = "PORT"',
      'const (',
      '  Host, Mode = "HOST", "MODE"',
      '  Retries = 3',
      ')',
      'var Name = "NAME"',
      'func main() {',
      '  a := os.Getenv(Port)',
      '  b := os.Getenv(Host)',
      '  c := os.Getenv(Name)',
      '  d := os.Getenv(keys.Other)',
      '}',
    ].join('\n');
    expect((await readsOf(go, '.go', source)).map((r) => [r.name, r.line])).toEqual([
      ['PORT', 9],
      ['HOST', 10],
    ]);
  });
});

describe("go-shiori/shiori's configuration (test/fixtures/realworld/shiori)", () => {
  test('go-envconfig with a PrefixLookuper("SHIORI_", …) reads each tagged field under the prefix; its map answers HOSTNAME', async () => {
    const dir = path.join(__dirname, '../../../fixtures/realworld/shiori');
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    const tagged = reads.filter((r) => r.via === 'env struct tag');
    // config.go:180: ProcessWith(ctx, &envconfig.Config{Target: &cfg, Lookuper: MultiLookuper(MapLookuper({"HOSTNAME": …}), …,
    // PrefixLookuper("SHIORI_", OsLookuper()))}): Config's fields and those of the structs it points at (Http *HttpConfig).
    expect(tagged).toHaveLength(22);
    expect(tagged.every((r) => r.name.startsWith('SHIORI_'))).toBe(true);
    expect(tagged.map((r) => r.name)).not.toContain('SHIORI_HOSTNAME');
    expect(
      tagged.filter((r) => /^SHIORI_(HTTP_PORT|DIR|SSO_PROXY_AUTH_TRUSTED)$/.test(r.name)).map((r) => [r.name, r.line, r.fallback]),
    ).toEqual([
      ['SHIORI_DIR', 106, { kind: 'none' }],
      ['SHIORI_HTTP_PORT', 53, { kind: 'default', value: '8080' }],
      // go-envconfig's default= runs to the end of the tag, commas and all.
      ['SHIORI_SSO_PROXY_AUTH_TRUSTED', 71, { kind: 'default', value: '10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7' }],
    ]);
  });

  test('a chain of lookuper variables, each a lookuper of the one before, is read through to its end, and prefixes that double at each link stop growing', async () => {
    // Each link was a search back through the function and one more frame on the stack: 3,000 links took
    // 115 s and ended the scan with a RangeError. A MultiLookuper of a lookuper and its prefixed self,
    // again and again, doubled its prefixes at each link (2^40 here).
    const head = ['package main', 'import (', '\t"context"', '\t"github.com/sethvargo/go-envconfig"', ')'];
    const struct = ['type Config struct {', '\tPort string `env:"PORT"`', '}'];
    const chained = (links: string[], last: string) => [
      ...head,
      ...struct,
      'func load(ctx context.Context) error {',
      '\tvar cfg Config',
      '\tl0 := envconfig.PrefixLookuper("APP_", envconfig.OsLookuper())',
      ...links,
      `\treturn envconfig.ProcessWith(ctx, &envconfig.Config{Target: &cfg, Lookuper: ${last}})`,
      '}',
    ];
    const links = Array.from({ length: 3000 }, (_, i) => `\tl${i + 1} := envconfig.MultiLookuper(l${i})`);
    expect((await readsOf(go, '.go', chained(links, 'l3000').join('\n'))).map((r) => r.name)).toEqual(['APP_PORT']);
    const doubling = Array.from(
      { length: 40 },
      (_, i) => `\tl${i + 1} := envconfig.MultiLookuper(l${i}, envconfig.PrefixLookuper("X${i}_", l${i}))`,
    );
    const names = (await readsOf(go, '.go', chained(doubling, 'l40').join('\n'))).map((r) => r.name);
    expect(names).toContain('APP_PORT');
    expect(names).toContain('X0_APP_PORT');
    // The first 64 (the first lookuper's before the next's, as they are asked), not 2^40.
    expect(names).toHaveLength(64);
  });

  test('a lookuper variable given a lookuper of itself is followed back to where it was set, not without end', async () => {
    // `l = envconfig.PrefixLookuper("APP_", l)`: it ended the scan with a RangeError (the stack overflowed).
    const source = [
      'package main',
      'import (',
      '\t"context"',
      '\t"github.com/sethvargo/go-envconfig"',
      ')',
      'type Config struct {',
      '\tPort string `env:"PORT, default=8080"`',
      '}',
      'func load(ctx context.Context) (*Config, error) {',
      '\tvar cfg Config',
      '\tl := envconfig.OsLookuper()',
      '\tl = envconfig.PrefixLookuper("APP_", l)',
      '\terr := envconfig.ProcessWith(ctx, &envconfig.Config{Target: &cfg, Lookuper: l})',
      '\treturn &cfg, err',
      '}',
    ].join('\n');
    expect((await readsOf(go, '.go', source)).map((r) => [r.name, r.fallback])).toEqual([['APP_PORT', { kind: 'default', value: '8080' }]]);
  });

  test("go-envconfig's `prefix=` option of a struct field puts its prefix before the inner struct's variables", async () => {
    const source = [
      'package main',
      'type DB struct {',
      '\tHost string `env:"HOST, default=localhost"`',
      '}',
      'type Config struct {',
      '\tDatabase *DB `env:", prefix=DB_"`',
      '}',
    ].join('\n');
    expect((await readsOf(go, '.go', source)).map((r) => [r.name, r.fallback])).toEqual([
      ['DB_HOST', { kind: 'default', value: 'localhost' }],
    ]);
  });
});
