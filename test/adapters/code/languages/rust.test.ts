import * as path from 'node:path';
import { Tree } from 'web-tree-sitter';
import { rust } from '../../../../lambdas/adapters/code/languages/rust';
import { TreeSitterCodeReader } from '../../../../lambdas/adapters/code/tree-sitter-code-reader';
import { fallback, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';
import { composeVariables, serviceReads } from '../../../helpers/service-reads';

const fn = (body: string) => `fn f() -> Result<(), Error> {\n${body}\n    Ok(())\n}\n`;

describe('the Rust reader', () => {
  it.each<[string, string, SnippetRead[]]>([
    [
      'env::var with unwrap_or',
      fn('    let p = env::var("PORT").unwrap_or("8080".to_string());'),
      [read('PORT', 2, 'env::var', fallback('"8080"'))],
    ],
    [
      'std::env::var with unwrap_or_else',
      fn('    let p = std::env::var("PORT").unwrap_or_else(|_| String::from("80"));'),
      [read('PORT', 2, 'std::env::var', fallback('"80"'))],
    ],
    [
      'unwrap_or_else with an expression',
      fn('    let p = env::var("PORT").unwrap_or_else(|_| default_port());'),
      [read('PORT', 2, 'env::var', fallback())],
    ],
    ['unwrap_or_default', fn('    let p = env::var_os("P").unwrap_or_default();'), [read('P', 2, 'env::var_os', fallback())]],
    [
      'through ok and parse to unwrap_or',
      fn('    let p: u16 = env::var("P").ok().and_then(|v| v.parse().ok()).unwrap_or(8080);'),
      [read('P', 2, 'env::var', fallback('8080'))],
    ],
    ['expect has no default', fn('    let p = env::var("P").expect("P is not set");'), [read('P', 2, 'env::var')]],
    ['unwrap has no default', fn('    let p = env::var("P").unwrap();'), [read('P', 2, 'env::var')]],
    ['? has no default', fn('    let p = env::var("P")?;'), [read('P', 2, 'env::var')]],
    [
      'if let Ok / Some tests it: the code runs on without it (a default of no shown value)',
      fn(
        '    if let Ok(v) = env::var("IPV6_ENABLED") {\n        on(v);\n    }\n    while let Some(p) = std::env::var_os("NEXT") {\n        go(p);\n    }',
      ),
      [read('IPV6_ENABLED', 2, 'env::var', fallback()), read('NEXT', 5, 'std::env::var_os', fallback())],
    ],
    [
      'is_ok, is_err, is_some and is_ok_and test it: a default of no shown value',
      fn(
        '    let tls = env::var("TLS").is_ok();\n    if env::var("DEV").is_err() { prod(); }\n    let d = env::var_os("DEBUG").is_some();\n    let v = env::var("VERBOSE").is_ok_and(|v| v == "1");',
      ),
      [
        read('TLS', 2, 'env::var', fallback()),
        read('DEV', 3, 'env::var', fallback()),
        read('DEBUG', 4, 'env::var_os', fallback()),
        read('VERBOSE', 5, 'env::var', fallback()),
      ],
    ],
    [
      'let-else that returns or panics, and an if let Err, still need it',
      fn('    let Ok(url) = env::var("DB_URL") else { panic!("DB_URL") };\n    if let Err(e) = env::var("KEY") { return Err(e.into()); }'),
      [read('DB_URL', 2, 'env::var'), read('KEY', 3, 'env::var')],
    ],
    [
      'a match with an Err arm',
      fn('    let a = match env::var("A") {\n        Ok(v) => v,\n        Err(_) => "x".into(),\n    };'),
      [read('A', 2, 'env::var', fallback('"x"'))],
    ],
    [
      'a match whose Err arm panics',
      fn('    let a = match env::var("A") {\n        Ok(v) => v,\n        Err(e) => panic!("{e}"),\n    };'),
      [read('A', 2, 'env::var')],
    ],
    ['dotenvy::var', fn('    let a = dotenvy::var("A")?;'), [read('A', 2, 'dotenvy::var')]],
    [
      'inside macro arguments, lines kept',
      '\n\nfn f() {\n    info!(\n        "port {}",\n        env::var("PORT").unwrap_or("80".into())\n    );\n    let q = format!("{}/x", env::var("Q").expect("Q"));\n}\n',
      [read('PORT', 6, 'env::var', fallback('"80"')), read('Q', 8, 'env::var')],
    ],
    ['a variable key is not reported', fn('    let a = env::var(name);\n    let b = env::var(format!("{}_X", p));'), []],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(rust, '.rs', source)).toEqual(expected);
  });

  test('the trees parsed again from macro arguments are freed once the reads are made, and the reads keep their lines', async () => {
    const freed = jest.spyOn(Tree.prototype, 'delete');
    try {
      const source =
        'fn f() {\n    info!("{}", env::var("A").unwrap_or("1".into()));\n    debug!("{}", format!("{}", env::var("B")?));\n}\n';
      const reads = await readsOf(rust, '.rs', source);
      expect(reads).toEqual([read('A', 2, 'env::var', fallback('"1"')), read('B', 3, 'env::var')]);
      // info!'s arguments, debug!'s, and format!'s inside them.
      expect(freed).toHaveBeenCalledTimes(3);
    } finally {
      freed.mockRestore();
    }
  });

  describe('wrappers, one level', () => {
    const wrappers = [
      'pub fn env_or(key: &str, default: &str) -> String {\n    env::var(key).unwrap_or_else(|_| default.to_string())\n}\n',
      'impl Config {\n    fn required(&self, key: &str) -> String {\n        env::var(key.as_str()).expect("missing")\n    }\n}\n',
    ];
    it.each<[string, string, SnippetRead[]]>([
      [
        'a wrapper whose default is an argument',
        fn('    let p = env_or("PORT", "8080");'),
        [read('PORT', 2, 'env_or (wrapper of env::var)', fallback('"8080"'))],
      ],
      [
        'a method wrapper that panics reads without default',
        fn('    let p = self.required("DB_URL");'),
        [read('DB_URL', 2, 'required (wrapper of env::var)')],
      ],
      [
        'a path-qualified call',
        fn('    let p = config::env_or("MODE", "fast");'),
        [read('MODE', 2, 'env_or (wrapper of env::var)', fallback('"fast"'))],
      ],
    ])('%s', async (_name, source, expected) => {
      expect(await readsOf(rust, '.rs', source, wrappers)).toEqual(expected);
    });
  });
});

describe('the shipping service of the opentelemetry-demo copy', () => {
  // Read by libraries, not by the service's code: FLAGD_* by the OpenFeature flagd provider, OTEL_* by the
  // OpenTelemetry SDK's OTLP exporter and resource detector.
  const byLibraries = (name: string) => name.startsWith('OTEL_') || name.startsWith('FLAGD_');

  it('reads every variable compose.yaml sets for it, with the fallbacks the code takes', async () => {
    const reads = await serviceReads(rust, 'shipping');
    expect(composeVariables('shipping').filter((name) => !byLibraries(name))).toEqual(['IPV6_ENABLED', 'SHIPPING_PORT', 'QUOTE_ADDR']);
    expect(reads).toEqual(
      expect.arrayContaining([
        // `if let Ok(ipv6_enabled) = env::var("IPV6_ENABLED") { … }`: 0.0.0.0 without it.
        { name: 'IPV6_ENABLED', file: 'src/main.rs', line: 36, via: 'env::var', fallback: { kind: 'default' } },
        { name: 'SHIPPING_PORT', file: 'src/main.rs', line: 29, via: 'env::var', fallback: { kind: 'none' } },
        { name: 'SHIPPING_PORT', file: 'src/healthcheck.rs', line: 9, via: 'env::var', fallback: { kind: 'default', value: '"50050"' } },
        {
          name: 'QUOTE_ADDR',
          file: 'src/shipping_service/quote.rs',
          line: 52,
          via: 'env::var',
          fallback: { kind: 'default', value: '"http://quote:8090"' },
        },
      ]),
    );
  });
});

describe("clap's derive arguments filled from the environment", () => {
  const struct = (fields: string) => `#[derive(Parser)]\nstruct Config {\n${fields}\n}\n`;
  const clap = 'clap #[arg(env)]';
  it.each<[string, string, SnippetRead[]]>([
    [
      'a bare `env` names the field in capitals; a String without a default is required',
      struct('    #[arg(long, env)]\n    database_url: String,\n    #[clap(long, env)]\n    r#type: String,'),
      [read('DATABASE_URL', 4, clap), read('TYPE', 6, 'clap #[clap(env)]')],
    ],
    [
      "default_value_t with a literal, and without a value (the type's Default)",
      struct(
        '    #[arg(long, env = "PORT", default_value_t = 8080)]\n    port: u16,\n    #[arg(long, env = "RETRIES", default_value_t)]\n    retries: u8,',
      ),
      [read('PORT', 3, clap, fallback('8080')), read('RETRIES', 5, clap, fallback())],
    ],
    [
      'required = true on an Option is required; a Vec and a bool run without the variable',
      struct(
        '    #[arg(long, env = "TOKEN", required = true)]\n    token: Option<String>,\n    #[arg(long, env = "PEERS", value_delimiter = \',\')]\n    peers: Vec<String>,\n    #[arg(long, env = "DEBUG")]\n    debug: bool,',
      ),
      [read('TOKEN', 3, clap), read('PEERS', 5, clap, fallback()), read('DEBUG', 7, clap, fallback('false'))],
    ],
    [
      // lldap's `send_test_email` subcommand: its required LLDAP_TEST_EMAIL_TO is read only where that subcommand runs, not by `run`.
      'a required argument of one subcommand among several runs without the variable where another subcommand runs',
      [
        '#[derive(Parser)]',
        'enum Command {',
        '    Run(RunOpts),',
        '    SendTestEmail(TestEmailOpts),',
        '}',
        '#[derive(Parser)]',
        'struct TestEmailOpts {',
        '    #[clap(long, env = "TEST_EMAIL_TO")]',
        '    to: String,',
        '}',
        '#[derive(Parser)]',
        'enum Only {',
        '    Serve(ServeOpts),',
        '}',
        'struct ServeOpts {',
        '    #[arg(long, env = "DATABASE_URL")]',
        '    database_url: String,',
        '}',
      ].join('\n'),
      [read('TEST_EMAIL_TO', 8, 'clap #[clap(env)]', fallback()), read('DATABASE_URL', 16, clap)],
    ],
    [
      'a counted flag is 0; structopt reads alike',
      struct(
        '    #[arg(short, env = "VERBOSE", action = ArgAction::Count)]\n    verbose: u8,\n    #[structopt(long, env = "HOST", default_value = "::")]\n    host: String,',
      ),
      [read('VERBOSE', 3, clap, fallback('0')), read('HOST', 5, 'structopt #[structopt(env)]', fallback('"::"'))],
    ],
    [
      'a constant of the file names the variable',
      `const MEILI_DB_PATH: &str = "MEILI_DB_PATH";\n${struct('    #[clap(long, env = MEILI_DB_PATH, default_value_os_t = default_db_path())]\n    db_path: PathBuf,')}`,
      [read('MEILI_DB_PATH', 4, 'clap #[clap(env)]', fallback())],
    ],
    [
      'no `env`, `default_missing_value` alone, and `env!` at compile time read nothing',
      struct(
        '    #[arg(long, default_value = "x")]\n    a: String,\n    #[serde(rename = "env")]\n    b: String,\n    #[doc = env!("CARGO_PKG_NAME")]\n    c: String,',
      ),
      [],
    ],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(rust, '.rs', source)).toEqual(expected);
  });
});

describe('structs envy deserialises from the environment', () => {
  const lines = (...l: string[]): string => l.join('\n');
  const config = lines(
    '#[derive(Deserialize)]',
    'pub struct Config {',
    '    #[serde(default = "defaults::port")]',
    '    pub port: u16,',
    '    #[serde(default, rename = "log")]',
    '    pub log_level: String,',
    '    pub database_url: String,',
    '    pub sentry_dsn: Option<String>,',
    '    #[serde(skip)]',
    '    pub started: bool,',
    '    #[serde(flatten)]',
    '    pub cache: CacheConfig,',
    '}',
    '#[derive(Deserialize)]',
    '#[serde(default)]',
    'pub struct CacheConfig {',
    '    pub cache_ttl: u64,',
    '}',
    'mod defaults {',
    '    pub const fn port() -> u16 {',
    '        8083',
    '    }',
    '}',
  );

  it('a field is its name in capitals after the prefix; serde defaults, Option and a defaulted struct fall back; flatten reads the inner struct', async () => {
    const loader = lines(
      'impl Config {',
      '    pub fn new() -> Result<Self, envy::Error> {',
      '        envy::prefixed("APP_").from_env::<Self>()',
      '    }',
      '}',
    );
    const via = 'envy::prefixed("APP_")';
    expect(await readsOf(rust, '.rs', config, [loader])).toEqual([
      read('APP_PORT', 4, via, fallback('8083')),
      read('APP_LOG', 6, via, fallback()),
      read('APP_DATABASE_URL', 7, via),
      read('APP_SENTRY_DSN', 8, via, fallback()),
      read('APP_CACHE_TTL', 17, via, fallback()),
    ]);
  });

  it('from_env by a let type or a return type; a load replaced by Default on failure leaves every field a default', async () => {
    const bound = lines('fn main() {', '    let config: Config = envy::from_env().unwrap();', '}');
    expect((await readsOf(rust, '.rs', config, [bound])).filter((r) => r.name === 'DATABASE_URL')).toEqual([
      read('DATABASE_URL', 7, 'envy::from_env'),
    ]);
    const returned = lines('pub fn load() -> Result<Config, envy::Error> {', '    envy::from_env()', '}');
    expect((await readsOf(rust, '.rs', config, [returned])).map((r) => r.name)).toEqual([
      'PORT',
      'LOG',
      'DATABASE_URL',
      'SENTRY_DSN',
      'CACHE_TTL',
    ]);
    const lenient = lines('fn main() {', '    let c = envy::from_env::<config::Config>().unwrap_or_default();', '}');
    expect((await readsOf(rust, '.rs', config, [lenient])).filter((r) => r.name === 'DATABASE_URL')).toEqual([
      read('DATABASE_URL', 7, 'envy::from_env', fallback()),
    ]);
  });

  it('a struct no envy call loads is no read', async () => {
    expect(await readsOf(rust, '.rs', config, ['fn main() { let c: Config = toml::from_str(&text).unwrap(); }'])).toEqual([]);
  });
});

describe('structs the config crate fills from the environment (zero-to-production, test/fixtures/realworld/zero-to-production)', () => {
  it('each field is the prefix and its path joined by the separator, in capitals; nested structs are groups; a builder with files falls back to them', async () => {
    const dir = path.join(__dirname, '../../../fixtures/realworld/zero-to-production');
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    const via = 'config::Environment::with_prefix("APP")';
    // get_configuration() layers configuration/base.yaml and the environment's file under APP_* (separator "__").
    expect(reads.filter((r) => r.via === via).map((r) => [r.name, r.line, r.fallback])).toEqual([
      ['APP_APPLICATION__BASE_URL', 21, { kind: 'default' }],
      ['APP_APPLICATION__HMAC_SECRET', 22, { kind: 'default' }],
      ['APP_APPLICATION__HOST', 20, { kind: 'default' }],
      ['APP_APPLICATION__PORT', 19, { kind: 'default' }],
      ['APP_DATABASE__DATABASE_NAME', 32, { kind: 'default' }],
      ['APP_DATABASE__HOST', 31, { kind: 'default' }],
      ['APP_DATABASE__PASSWORD', 28, { kind: 'default' }],
      ['APP_DATABASE__PORT', 30, { kind: 'default' }],
      ['APP_DATABASE__REQUIRE_SSL', 33, { kind: 'default' }],
      ['APP_DATABASE__USERNAME', 27, { kind: 'default' }],
      ['APP_EMAIL_CLIENT__AUTHORIZATION_TOKEN', 57, { kind: 'default' }],
      ['APP_EMAIL_CLIENT__BASE_URL', 55, { kind: 'default' }],
      ['APP_EMAIL_CLIENT__SENDER_EMAIL', 56, { kind: 'default' }],
      ['APP_EMAIL_CLIENT__TIMEOUT_MILLISECONDS', 59, { kind: 'default' }],
      ['APP_REDIS_URI', 13, { kind: 'default' }],
    ]);
  });

  it('without files a field is required unless Option or serde-defaulted; without a separator nested fields cannot be set', async () => {
    const source = [
      '#[derive(Deserialize)]',
      'struct Settings {',
      '    port: u16,',
      '    log: Option<String>,',
      '    #[serde(default, rename = "workers")]',
      '    threads: usize,',
      '    db: Db,',
      '}',
      '#[derive(Deserialize)]',
      'struct Db { url: String }',
      'fn load() -> Result<Settings, ConfigError> {',
      '    Config::builder().add_source(Environment::with_prefix("SVC")).build()?.try_deserialize()',
      '}',
    ].join('\n');
    const via = 'config::Environment::with_prefix("SVC")';
    expect(await readsOf(rust, '.rs', source)).toEqual([
      read('SVC_PORT', 3, via),
      read('SVC_LOG', 4, via, fallback()),
      read('SVC_WORKERS', 6, via, fallback()),
    ]);
  });
});

describe("structs figment extracts from the environment (lldap's server/src/configuration.rs, test/fixtures/realworld/lldap)", () => {
  it('each field is the prefix and its path joined by split("__"), in capitals; FileAdapter makes NAME_FILE set the read too; Serialized defaults and a file give every field a default', async () => {
    const dir = path.join(__dirname, '../../../fixtures/realworld/lldap');
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    const via = 'figment::providers::Env::prefixed("LLDAP_")';
    const found = reads.filter((r) => r.via === via);
    // init() merges Serialized::defaults(…), the TOML file and FileAdapter::wrap(Env::prefixed("LLDAP_").split("__")).
    expect(found.map((r) => [r.name, r.line])).toEqual([
      ['LLDAP_ASSETS_PATH', 145],
      ['LLDAP_DATABASE_URL', 131],
      ['LLDAP_FORCE_LDAP_USER_PASS_RESET', 127],
      ['LLDAP_FORCE_UPDATE_PRIVATE_KEY', 129],
      ['LLDAP_HEALTHCHECK_OPTIONS__HTTP_HOST', 90],
      ['LLDAP_HEALTHCHECK_OPTIONS__LDAP_HOST', 92],
      ['LLDAP_HTTP_HOST', 113],
      ['LLDAP_HTTP_PORT', 115],
      // `pub struct HttpUrl(pub Url)`: a tuple struct is the value it wraps, not a group of keys.
      ['LLDAP_HTTP_URL', 151],
      ['LLDAP_IGNORED_GROUP_ATTRIBUTES', 135],
      ['LLDAP_IGNORED_USER_ATTRIBUTES', 133],
      ['LLDAP_JWT_SECRET', 117],
      ['LLDAP_KEY_FILE', 139],
      ['LLDAP_KEY_SEED', 143],
      ['LLDAP_LDAP_BASE_DN', 119],
      ['LLDAP_LDAP_HOST', 109],
      ['LLDAP_LDAP_PORT', 111],
      ['LLDAP_LDAP_USER_DN', 121],
      ['LLDAP_LDAP_USER_EMAIL', 123],
      ['LLDAP_LDAP_USER_PASS', 125],
      ['LLDAP_LDAPS_OPTIONS__CERT_FILE', 75],
      ['LLDAP_LDAPS_OPTIONS__ENABLED', 71],
      ['LLDAP_LDAPS_OPTIONS__KEY_FILE', 77],
      ['LLDAP_LDAPS_OPTIONS__PORT', 73],
      ['LLDAP_SMTP_OPTIONS__ENABLE_PASSWORD_RESET', 39],
      ['LLDAP_SMTP_OPTIONS__FROM', 41],
      ['LLDAP_SMTP_OPTIONS__PASSWORD', 51],
      ['LLDAP_SMTP_OPTIONS__PORT', 47],
      ['LLDAP_SMTP_OPTIONS__REPLY_TO', 43],
      ['LLDAP_SMTP_OPTIONS__SERVER', 45],
      ['LLDAP_SMTP_OPTIONS__SMTP_ENCRYPTION', 53],
      ['LLDAP_SMTP_OPTIONS__USER', 49],
      ['LLDAP_VERBOSE', 137],
    ]);
    expect(found.every((r) => r.fallback.kind === 'default')).toBe(true);
    // FileAdapter: NAME_FILE names a file holding the value, so it sets what the read gets (the docs' LLDAP_JWT_SECRET_FILE).
    expect(found.every((r) => r.also?.length === 1 && r.also[0] === `${r.key}.file`)).toBe(true);
    expect(found.find((r) => r.name === 'LLDAP_JWT_SECRET')?.also).toEqual(['lldap.jwt.secret.file']);
  });

  it('without defaults or files a field is required unless Option or serde-defaulted; Env::raw() has no prefix', async () => {
    const source = [
      '#[derive(Deserialize)]',
      'struct Config {',
      '    port: u16,',
      '    log: Option<String>,',
      '    db: Db,',
      '}',
      '#[derive(Deserialize)]',
      'struct Db { url: String }',
      'fn load() -> Result<Config, figment::Error> {',
      '    Figment::new().merge(Env::raw().split("_")).extract()',
      '}',
    ].join('\n');
    const via = 'figment::providers::Env::raw()';
    expect(await readsOf(rust, '.rs', source)).toEqual([read('PORT', 3, via), read('LOG', 4, via, fallback()), read('DB_URL', 8, via)]);
  });
});
