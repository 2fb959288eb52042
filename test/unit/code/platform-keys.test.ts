import { codeKeyFilter, PLATFORM_KEYS } from '../../../lambdas/core/code/platform-keys';
import { canonicalKey } from '../../../lambdas/core/keys';

describe('the platform keys, as data', () => {
  test.each(PLATFORM_KEYS.flatMap((g) => g.globs))('%s is written as canonicalKey spells keys (else it would match nothing)', (glob) => {
    const sample = glob.replace(/\*/g, 'x');
    expect(canonicalKey(sample)).toBe(sample);
  });

  test.each([
    ['NODE_OPTIONS', true, false],
    ['OTEL_SERVICE_NAME', true, false],
    ['JAVA_TOOL_OPTIONS', true, false],
    ['PYTHONPATH', true, false],
    // IPython's profile folder (cookiecutter-django's local env file sets IPYTHONDIR for `manage.py shell`).
    ['IPYTHONDIR', true, false],
    ['GOMAXPROCS', true, false],
    // Runtimes and servers tuned from the environment: libuv's pool, Node's TLS switch, uvicorn's options, glibc's arenas.
    ['UV_THREADPOOL_SIZE', true, false],
    ['NODE_TLS_REJECT_UNAUTHORIZED', true, false],
    ['UVICORN_PORT', true, false],
    ['FORWARDED_ALLOW_IPS', true, false],
    ['MALLOC_ARENA_MAX', true, false],
    ['NODE_ROLE', false, false],
    ['HOME', true, true],
    ['KUBERNETES_SERVICE_HOST', true, true],
    ['LEGACY_FLAG', true, true],
    // Spring Boot binds its own properties from the environment (relaxed binding): the code never names them.
    ['SPRING_PROFILES_ACTIVE', true, false],
    ['SPRING_AI_OPENAI_CHAT_OPTIONS_TEMPERATURE', true, false],
    ['SERVER_PORT', true, false],
    ['LOGGING_LEVEL_ROOT', true, false],
    ['LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB', true, false],
    ['MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE', true, false],
    // HTTP clients, TLS stacks, libpq and the error-tracking and APM agents read theirs without the code naming them.
    ['HTTPS_PROXY', true, false],
    ['NO_PROXY', true, false],
    ['SSL_CERT_FILE', true, false],
    ['REQUESTS_CA_BUNDLE', true, false],
    ['PGPASSWORD', true, false],
    ['PGSSLMODE', true, false],
    ['SENTRY_DSN', true, false],
    ['DD_AGENT_HOST', true, false],
    ['NEW_RELIC_LICENSE_KEY', true, false],
    ['ELASTIC_APM_SERVER_URL', true, false],
    ['GOOGLE_APPLICATION_CREDENTIALS', true, false],
    ['GRPC_VERBOSITY', true, false],
    // Quarkus and Micronaut bind their own properties (and MicroProfile's mp.*) from the environment, as Spring Boot does.
    ['QUARKUS_DATASOURCE_JDBC_URL', true, false],
    ['QUARKUS_OTEL_K8S_RESOURCE_POD_NAME', true, false],
    ['MP_MESSAGING_INCOMING_FIGHTS_TOPIC', true, false],
    ['MICRONAUT_ENVIRONMENTS', true, false],
    // Frameworks and runtimes that read their mode or secret themselves: Rails, Mix and Elixir releases, Gin, gunicorn.
    ['RAILS_ENV', true, false],
    ['RAILS_MASTER_KEY', true, false],
    // Rails reads its secret itself (Rails.application.secret_key_base): once-campfire's self-hosting guide sets it, no code names it.
    ['SECRET_KEY_BASE', true, false],
    ['SECRET_KEY_BASE_DUMMY', true, false],
    ['MIX_ENV', true, false],
    ['RELEASE_COOKIE', true, false],
    ['RELEASE_DISTRIBUTION', true, false],
    ['GIN_MODE', true, false],
    ['WEB_CONCURRENCY', true, false],
    ['MP_JWT_VERIFY_PUBLICKEY_LOCATION', true, false],
    ['MP_ACCESS_TOKEN', false, false],
    ['RELEASE_VERSION', false, false],
    ['RAILS_MAX_THREADS', false, false],
    ['PAGE_SIZE', false, false],
    ['LOG_LEVEL', false, false],
    ['SERVER_TIMEOUT', false, false],
    ['GOOGLE_API_URL', false, false],
    ['CART_SERVICE_ADDR', false, false],
  ])('%s: never unread %s, never unset %s', (name, platform, provided) => {
    const filter = codeKeyFilter(['LEGACY_*']);
    expect([filter.platform(canonicalKey(name)), filter.provided(canonicalKey(name))]).toEqual([platform, provided]);
  });
});
