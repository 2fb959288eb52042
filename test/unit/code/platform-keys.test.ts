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
    ['GOMAXPROCS', true, false],
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
