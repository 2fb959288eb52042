import { anyKeyGlob } from '../key-glob';

/**
 * Keys read by someone other than the application's code: a runtime, a library or the platform.
 * `provided`: the platform sets it itself (the code may read it without any configuration setting it:
 * never `unset`); otherwise configuration sets it for a runtime or library to read (never `unread`).
 */
export interface PlatformKeyGroup {
  readonly why: string;
  readonly globs: readonly string[];
  readonly provided: boolean;
}

/** The keys the platform or a library reads without the code naming them, as canonical key globs. */
export const PLATFORM_KEYS: readonly PlatformKeyGroup[] = [
  { why: 'the port or address a server binds, set by the platform or the runner', globs: ['port', 'host'], provided: false },
  {
    why: 'Node.js and its libuv read their options, mode and tuning',
    globs: [
      'node.options',
      'node.env',
      'node.extra.ca.certs',
      'node.tls.reject.unauthorized',
      'node.no.warnings',
      'node.path',
      'node.debug',
      'uv.threadpool.size',
    ],
    provided: false,
  },
  // OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_RESOURCE_ATTRIBUTES: read by every SDK.
  { why: 'OpenTelemetry SDKs read their configuration', globs: ['otel.*'], provided: false },
  // FLAGD_HOST, FLAGD_PORT: the OpenFeature flagd provider reads them when the code builds it without options.
  { why: 'the OpenFeature flagd provider reads its address', globs: ['flagd.*'], provided: false },
  { why: 'AWS SDKs read their region, profile and credentials', globs: ['aws.*'], provided: false },
  {
    why: 'the JVM reads its options',
    globs: ['java.tool.options', 'jdk.java.options', 'java.opts', 'java.options'],
    provided: false,
  },
  // SPRING_PROFILES_ACTIVE, SPRING_DATASOURCE_URL, LOGGING_LEVEL_ROOT: relaxed binding onto Spring Boot's own properties.
  {
    why: 'Spring Boot binds its properties from the environment',
    globs: ['spring.*', 'management.*', 'logging.level.*', 'server.port'],
    provided: false,
  },
  // QUARKUS_DATASOURCE_JDBC_URL, MP_MESSAGING_INCOMING_FIGHTS_TOPIC, MICRONAUT_ENVIRONMENTS: SmallRye Config and Micronaut bind their own properties so.
  {
    why: 'Quarkus, Micronaut and MicroProfile bind their properties from the environment',
    // MicroProfile's specifications by their namespaces only: an application's own MP_ACCESS_TOKEN (Mercado Pago's) stays the code's.
    globs: [
      'quarkus.*',
      'micronaut.*',
      'mp.messaging.*',
      'mp.jwt.*',
      'mp.openapi.*',
      'mp.config.*',
      'mp.health.*',
      'mp.metrics.*',
      'mp.graphql.*',
      'mp.fault.tolerance.*',
    ],
    provided: false,
  },
  {
    why: 'Rails, Mix, Elixir releases, Gin and gunicorn read their mode, key and workers themselves',
    globs: [
      'rails.env',
      'rails.master.key',
      // Rails.application.secret_key_base reads SECRET_KEY_BASE (SECRET_KEY_BASE_DUMMY: a throwaway one, for assets:precompile).
      'secret.key.base',
      'secret.key.base.dummy',
      'mix.env',
      'release.cookie',
      'release.node',
      'release.distribution',
      'gin.mode',
      'web.concurrency',
    ],
    provided: false,
  },
  { why: '.NET and ASP.NET Core read their runtime settings', globs: ['dotnet.*', 'aspnetcore.*', 'asp.net.core.*'], provided: false },
  // PYTHONPATH, PYTHONUNBUFFERED: one word each once canonical.
  {
    why: 'the Python interpreter, IPython, gunicorn, uvicorn and protobuf read their settings',
    globs: ['python*', 'ipythondir', 'gunicorn.cmd.args', 'uvicorn.*', 'forwarded.allow.ips', 'protocol.buffers.python.implementation'],
    provided: false,
  },
  { why: "the C library's allocator reads its tuning", globs: ['malloc.arena.max', 'glibc.tunables'], provided: false },
  { why: 'the Go runtime reads its tuning', globs: ['gomaxprocs', 'gogc', 'godebug', 'gomemlimit', 'gotraceback'], provided: false },
  { why: 'Rust logging and backtraces', globs: ['rust.log', 'rust.backtrace'], provided: false },
  { why: 'Ruby, Bundler and Rack read their settings', globs: ['ruby.*', 'bundle.*', 'rack.env', 'app.env'], provided: false },
  { why: 'PHP reads its settings', globs: ['php.*'], provided: false },
  { why: 'k6 reads its options (K6_BROWSER_ARGS, K6_OTEL_*)', globs: ['k6.*'], provided: false },
  {
    why: 'HTTP clients read their proxies, and TLS stacks their certificate authorities',
    globs: ['http.proxy', 'https.proxy', 'all.proxy', 'no.proxy', 'ssl.cert.file', 'ssl.cert.dir', 'requests.ca.bundle', 'curl.ca.bundle'],
    provided: false,
  },
  {
    why: 'libpq and the PostgreSQL drivers built on it (psycopg, node-postgres) read their connection settings',
    globs: [
      'pghost',
      'pghostaddr',
      'pgport',
      'pguser',
      'pgpassword',
      'pgpassfile',
      'pgdatabase',
      'pgsslmode',
      'pgsslrootcert',
      'pgappname',
      'pgconnect.timeout',
      'pgoptions',
    ],
    provided: false,
  },
  {
    why: 'error-tracking and APM agents read their configuration (Sentry, Datadog, New Relic, Elastic APM)',
    globs: ['sentry.*', 'dd.*', 'new.relic.*', 'elastic.apm.*'],
    provided: false,
  },
  {
    why: 'Google Cloud client libraries find their credentials and project',
    globs: ['google.application.credentials', 'google.cloud.project'],
    provided: false,
  },
  { why: 'gRPC reads its logging and tracing', globs: ['grpc.verbosity', 'grpc.trace', 'grpc.dns.resolver'], provided: false },
  {
    why: 'the process environment every OS sets',
    globs: ['lang', 'lc.*', 'tz', 'path', 'home', 'user', 'hostname', 'ld.*'],
    provided: true,
  },
  { why: 'Kubernetes sets service addresses in every pod', globs: ['kubernetes.*'], provided: true },
  { why: 'ECS sets the task metadata endpoint', globs: ['ecs.*'], provided: true },
];

/** What the code checks leave alone: `platform(key)` (never `unread`), `provided(key)` (never `unset` either). */
export interface CodeKeyFilter {
  platform(key: string): boolean;
  provided(key: string): boolean;
}

/** The platform's keys, extended by `code.ignore` globs (which are neither `unset` nor `unread`). */
export function codeKeyFilter(ignore: readonly string[]): CodeKeyFilter {
  const library = anyKeyGlob(PLATFORM_KEYS.filter((g) => !g.provided).flatMap((g) => g.globs));
  const provided = anyKeyGlob([...PLATFORM_KEYS.filter((g) => g.provided).flatMap((g) => g.globs), ...ignore]);
  return { platform: (key) => library(key) || provided(key), provided };
}
