import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { java } from '../../../../lambdas/adapters/code/languages/java';
import { placeholders } from '../../../../lambdas/adapters/code/languages/java-spring';
import { TreeSitterCodeReader } from '../../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../../helpers/cli';
import { fallback, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';
import { composeVariables, serviceReads } from '../../../helpers/service-reads';
import { audit } from '../../../../lambdas/core/engine/audit';
import { activeProfiles, readIn } from '../../../../lambdas/core/code/spring-profiles';
import { estateFrom, estateYaml, NOW, snapshot } from '../../../helpers/estate';

/** The effective configuration of one environment whose only source sets `values` (canonical keys). */
const configWith = (values: Record<string, string>) =>
  audit(estateFrom(estateYaml(['prod'], '')), [snapshot('prod', { type: 'dotenv', values })], NOW).configs[0]!;

const method = (body: string) => `class A {\n  void f() {\n${body}\n  }\n}\n`;

describe('the Java reader', () => {
  it.each<[string, string, SnippetRead[]]>([
    ['System.getenv without fallback', method('    String a = System.getenv("KAFKA_ADDR");'), [read('KAFKA_ADDR', 3, 'System.getenv')]],
    [
      'getOrDefault',
      method('    String p = System.getenv().getOrDefault("PORT", "8080");'),
      [read('PORT', 3, 'System.getenv().getOrDefault', fallback('"8080"'))],
    ],
    ['System.getenv().get', method('    String p = System.getenv().get("PORT");'), [read('PORT', 3, 'System.getenv().get')]],
    [
      'Optional.orElse',
      method('    int p = Integer.parseInt(Optional.ofNullable(System.getenv("P")).orElse("9465"));'),
      [read('P', 3, 'System.getenv', fallback('"9465"'))],
    ],
    [
      'Optional.map then orElse',
      method('    int p = Optional.ofNullable(System.getenv("P")).map(Integer::parseInt).orElse(80);'),
      [read('P', 3, 'System.getenv', fallback('80'))],
    ],
    [
      'Optional.orElseThrow',
      method('    String p = Optional.ofNullable(System.getenv("P"))\n        .orElseThrow(() -> new IllegalStateException("P"));'),
      [read('P', 3, 'System.getenv')],
    ],
    [
      'Optional.orElseGet',
      method('    String p = Optional.ofNullable(System.getenv("P")).orElseGet(() -> compute());'),
      [read('P', 3, 'System.getenv', fallback())],
    ],
    [
      'Objects.requireNonNullElse',
      method('    String p = Objects.requireNonNullElse(System.getenv("P"), "x");'),
      [read('P', 3, 'System.getenv', fallback('"x"'))],
    ],
    [
      'a ternary on the read',
      method('    String p = System.getenv("P") != null ? System.getenv("P") : "d";'),
      [read('P', 3, 'System.getenv', fallback('"d"')), read('P', 3, 'System.getenv', fallback('"d"'))],
    ],
    [
      'an if (v == null) that assigns',
      method('    String v = System.getenv("V");\n    if (v == null || v.isEmpty()) {\n      v = "fallback";\n    }'),
      [read('V', 3, 'System.getenv', fallback('"fallback"'))],
    ],
    [
      'an if (v == null) that throws',
      method('    String v = System.getenv("V");\n    if (v == null) throw new IllegalStateException("V");'),
      [read('V', 3, 'System.getenv')],
    ],
    [
      'a ternary on the variable',
      method('    String v = System.getenv("V");\n    String w = v == null ? "x" : v;'),
      [read('V', 3, 'System.getenv', fallback('"x"'))],
    ],
    [
      'an if that uses the read only when set',
      method(
        '    int port = 8080;\n    if (System.getenv("PORT") != null) {\n      port = Integer.parseInt(System.getenv("PORT"));\n    }',
      ),
      [read('PORT', 4, 'System.getenv', fallback()), read('PORT', 5, 'System.getenv', fallback())],
    ],
    [
      'a null guard around a use of the read: the code runs without it',
      method('    if (System.getenv("OTEL_URL") != null) {\n      exporter.endpoint(System.getenv("OTEL_URL"));\n    }'),
      [read('OTEL_URL', 3, 'System.getenv', fallback()), read('OTEL_URL', 4, 'System.getenv', fallback())],
    ],
    [
      'a containsKey guard around the read',
      method('    if (System.getenv().containsKey("OTEL_URL")) {\n      exporter.endpoint(System.getenv("OTEL_URL"));\n    }'),
      [read('OTEL_URL', 4, 'System.getenv', fallback())],
    ],
    [
      'a guard that fails when unset keeps the read required',
      method('    if (System.getenv("DB_URL") == null) {\n      throw new IllegalStateException("DB_URL");\n    }'),
      [read('DB_URL', 3, 'System.getenv')],
    ],
    [
      'an early return when unset before a read: the read runs only when set',
      method(
        '    if (System.getenv("OTEL_URL") == null) return;\n    exporter.endpoint(System.getenv("OTEL_URL"));\n    if (System.getenv("B") == null || System.getenv("B").isEmpty()) {\n      return;\n    }\n    b(System.getenv("B"));\n    if (!System.getenv().containsKey("C")) return;\n    c(System.getenv().get("C"));',
      ),
      [
        read('OTEL_URL', 3, 'System.getenv', fallback()),
        read('OTEL_URL', 4, 'System.getenv', fallback()),
        read('B', 5, 'System.getenv', fallback()),
        read('B', 5, 'System.getenv', fallback()),
        read('B', 8, 'System.getenv', fallback()),
        read('C', 10, 'System.getenv().get', fallback()),
      ],
    ],
    [
      'an early return on a variable holding the read, before its use: the code runs without the key',
      method(
        '    String url = System.getenv("OTEL_URL");\n    if (url == null) return;\n    exporter.endpoint(url);\n    String b = System.getenv("B");\n    if (b == null || b.isBlank()) {\n      return;\n    }\n    use(b);',
      ),
      [read('OTEL_URL', 3, 'System.getenv', fallback()), read('B', 6, 'System.getenv', fallback())],
    ],
    [
      'a guard that throws when unset, then the read: required',
      method('    if (System.getenv("DB_URL") == null) throw new IllegalStateException("DB_URL");\n    connect(System.getenv("DB_URL"));'),
      [read('DB_URL', 3, 'System.getenv'), read('DB_URL', 4, 'System.getenv')],
    ],
    [
      'Optional.ifPresent, ifPresentOrElse and isPresent: a path for absence',
      method(
        '    Optional.ofNullable(System.getenv("A")).ifPresent(exporter::endpoint);\n    Optional.ofNullable(System.getenv("B")).map(Integer::parseInt).ifPresent(v -> port = v);\n    Optional.ofNullable(System.getenv("C")).ifPresentOrElse(v -> a(v), () -> b());\n    if (Optional.ofNullable(System.getenv("D")).isPresent()) { tracing = true; }',
      ),
      [
        read('A', 3, 'System.getenv', fallback()),
        read('B', 4, 'System.getenv', fallback()),
        read('C', 5, 'System.getenv', fallback()),
        read('D', 6, 'System.getenv', fallback()),
      ],
    ],
    [
      'Spring Environment.getProperty and getRequiredProperty',
      method(
        '    String a = env.getProperty("app.url");\n    String b = environment.getProperty("app.mode", "fast");\n    int c = env.getProperty("app.port", Integer.class, 8080);\n    Integer d = env.getProperty("app.max", Integer.class);\n    String e = this.env.getRequiredProperty("app.key");\n    String f = props.getProperty("not.spring");',
      ),
      [
        read('app.url', 3, 'Environment.getProperty'),
        read('app.mode', 4, 'Environment.getProperty', fallback('"fast"')),
        read('app.port', 5, 'Environment.getProperty', fallback('8080')),
        read('app.max', 6, 'Environment.getProperty'),
        read('app.key', 7, 'Environment.getRequiredProperty'),
      ],
    ],
    ['a variable key is not reported', method('    String v = System.getenv(name);\n    String w = System.getenv("A" + name);'), []],
    [
      "Spring @Value's SpEL: systemEnvironment['X'] (with ?: its default) and environment.getProperty('k', 'd')",
      "class C {\n  @Value(\"#{systemEnvironment['REGION'] ?: 'eu-west-1'}\")\n  String region;\n  @Value(\"#{systemEnvironment['TOKEN']}\") String token;\n  @Value(\"#{environment.getProperty('app.mode', 'dev')}\") String mode;\n  @Value(\"#{systemProperties['user.home']}\") String home;\n}\n",
      [
        read('REGION', 2, '@Value (SpEL systemEnvironment)', fallback("'eu-west-1'")),
        read('TOKEN', 4, '@Value (SpEL systemEnvironment)'),
        read('app.mode', 5, '@Value (SpEL environment.getProperty)', fallback("'dev'")),
      ],
    ],
    [
      'Spring @Value with and without default',
      'class C {\n  @Value("${server.port:8080}")\n  int port;\n  C(@Value("${app.name}") String name, @Value(value = "${a.b:${c.d:x}}") String n) {}\n}\n',
      [
        read('server.port', 2, '@Value', fallback('8080')),
        read('app.name', 4, '@Value'),
        read('a.b', 4, '@Value', fallback()),
        // Read when a.b is not set: a read of its own.
        read('c.d', 4, '@Value', fallback('x')),
      ],
    ],
    [
      'Spring @Value: a SpEL default (#{null}) is computed and closes where its braces do; a nested placeholder is read too',
      'class C {\n  @Value("${app.key:#{null}}") String key;\n  @Value("${APP_TIMEOUT:${app.timeout:30}}") int timeout;\n}\n',
      [
        read('app.key', 2, '@Value', fallback()),
        read('APP_TIMEOUT', 3, '@Value', fallback()),
        read('app.timeout', 3, '@Value', fallback('30')),
      ],
    ],
    [
      'a Spring @ConfigurationProperties class: each field is a key under its prefix, its initializer the default',
      '@ConfigurationProperties("carts.dynamodb")\n@Data\npublic class DynamoDBProperties {\n' +
        '  private String endpoint;\n  private boolean createTable;\n  private String tableName = "Items";\n' +
        '  private Duration timeout = Duration.ofSeconds(5);\n  private static final String IGNORED = "x";\n' +
        '  private final Retry retry = new Retry();\n  public String getEndpoint() { return endpoint; }\n}\n',
      [
        read('carts.dynamodb.endpoint', 4, '@ConfigurationProperties'),
        read('carts.dynamodb.create-table', 5, '@ConfigurationProperties', fallback('false')),
        read('carts.dynamodb.table-name', 6, '@ConfigurationProperties', fallback('"Items"')),
        read('carts.dynamodb.timeout', 7, '@ConfigurationProperties', fallback()),
      ],
    ],
    [
      '@ConfigurationProperties with prefix = a constant of the class, and a record with @DefaultValue',
      '@ConfigurationProperties(prefix = RabbitMQProperties.PREFIX)\npublic class RabbitMQProperties {\n' +
        '  public static final String PREFIX = "retail.orders.messaging.rabbitmq";\n  private String addresses;\n}\n' +
        '@ConfigurationProperties("mail")\nrecord MailProperties(String host, @DefaultValue("25") int port) {}\n',
      [
        read('retail.orders.messaging.rabbitmq.addresses', 4, '@ConfigurationProperties'),
        read('mail.host', 7, '@ConfigurationProperties'),
        read('mail.port', 7, '@ConfigurationProperties', fallback('25')),
      ],
    ],
    [
      'placeholders in the attributes of other Spring annotations (a MyBatis ${param} is no placeholder of the environment)',
      'class C {\n  @Scheduled(cron = "${backup.cron}", zone = "UTC")\n  void backup() {}\n' +
        '  @KafkaListener(topics = {"${topics.orders:orders}", "audit"}, groupId = "${KAFKA_GROUP}")\n  void on(String m) {}\n' +
        '  @Select("select * from ${table}")\n  List<Row> rows();\n}\n' +
        '@FeignClient(url = "${rates.url}", name = "rates-client")\ninterface Rates {}\n',
      [
        read('backup.cron', 2, '@Scheduled'),
        read('topics.orders', 4, '@KafkaListener', fallback('orders')),
        read('KAFKA_GROUP', 4, '@KafkaListener'),
        read('rates.url', 9, '@FeignClient'),
      ],
    ],
    [
      'MicroProfile @ConfigProperty (Quarkus): a default, an Optional that runs empty, a required one',
      'class G {\n  @ConfigProperty(name = "greeting.message", defaultValue = "hello") String message;\n' +
        '  @Inject @ConfigProperty(name = "app.tracing") Optional<String> tracing;\n' +
        '  G(@org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.jdbc.url") String url) {}\n}\n',
      [
        read('greeting.message', 2, '@ConfigProperty', fallback('hello')),
        read('app.tracing', 3, '@ConfigProperty', fallback()),
        read('quarkus.datasource.jdbc.url', 4, '@ConfigProperty'),
      ],
    ],
    [
      'MicroProfile @ConfigProperty: defaultValue = "" is no default (MicroProfile Config 2: an empty value is a missing one)',
      'class G {\n  @ConfigProperty(name = "setup.model", defaultValue = "") String model;\n' +
        '  @ConfigProperty(name = "setup.prefix", defaultValue = "") Optional<String> prefix;\n}\n',
      [read('setup.model', 2, '@ConfigProperty'), read('setup.prefix', 3, '@ConfigProperty', fallback())],
    ],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(java, '.java', source)).toEqual(expected);
  });

  describe('wrappers, one level', () => {
    const wrappers = [
      'class Env {\n  static String env(String key, String fallback) {\n    String v = System.getenv(key);\n    return v != null ? v : fallback;\n  }\n}\n',
      'class Env2 {\n  static String required(String key) {\n    return Optional.ofNullable(System.getenv(key)).orElseThrow();\n  }\n}\n',
      'class Env3 {\n  static String get(String key) {\n    return System.getenv(key);\n  }\n}\n',
    ];
    it('a wrapper with a common name is matched on its class, not on any receiver', async () => {
      const source = method('    String p = Env3.get("A");\n    String q = headers.get("Content-Type");\n    String r = get("B");');
      expect(await readsOf(java, '.java', source, wrappers)).toEqual([
        read('A', 3, 'get (wrapper of System.getenv)'),
        read('B', 5, 'get (wrapper of System.getenv)'),
      ]);
    });
    it.each<[string, string, SnippetRead[]]>([
      [
        'a wrapper whose default is an argument',
        method('    String p = Env.env("PORT", "8080");'),
        [read('PORT', 3, 'env (wrapper of System.getenv)', fallback('"8080"'))],
      ],
      [
        'a wrapper that throws reads without default',
        method('    String p = required("DB_URL");'),
        [read('DB_URL', 3, 'required (wrapper of System.getenv)')],
      ],
    ])('%s', async (_name, source, expected) => {
      expect(await readsOf(java, '.java', source, wrappers)).toEqual(expected);
    });
  });
});

describe('the ad service of the opentelemetry-demo copy', () => {
  // Read by libraries and the JVM, not by the service's code: FLAGD_* by the OpenFeature flagd provider,
  // OTEL_* by the OpenTelemetry Java agent and SDK autoconfiguration, _JAVA_OPTIONS by the JVM.
  const byLibraries = (name: string) => name.startsWith('OTEL_') || name.startsWith('FLAGD_') || name === '_JAVA_OPTIONS';

  it('reads every variable compose.yaml sets for it, with the fallbacks the code takes', async () => {
    const reads = await serviceReads(java, 'ad');
    const expected = composeVariables('ad').filter((name) => !byLibraries(name));
    expect(expected).toEqual(['AD_PORT', 'AD_PROMETHEUS_PORT']);
    const file = 'src/main/java/oteldemo/AdService.java';
    expect(reads).toContainEqual({ name: 'AD_PORT', file, line: 100, via: 'System.getenv', fallback: { kind: 'none' } });
    expect(reads).toContainEqual({
      name: 'AD_PROMETHEUS_PORT',
      file,
      line: 106,
      via: 'System.getenv',
      fallback: { kind: 'default', value: '"9465"' },
    });
  });
});

describe('Spring placeholders', () => {
  it.each<[string, { key: string; fallback: unknown }[]]>([
    ['${a.b}', [{ key: 'a.b', fallback: { kind: 'none' } }]],
    ['${a.b:}', [{ key: 'a.b', fallback: { kind: 'default', value: '' } }]],
    [
      'http://${host:localhost}:${port:8080}/x',
      [
        { key: 'host', fallback: { kind: 'default', value: 'localhost' } },
        { key: 'port', fallback: { kind: 'default', value: '8080' } },
      ],
    ],
    ['${a:${b:c}}', [{ key: 'a', fallback: { kind: 'default' } }]],
    ['#{systemProperties.x}', []],
    ['${unclosed', []],
  ])('%s', (text, expected) => {
    expect(placeholders(text)).toEqual(expected);
  });
});

describe("Spring Boot's configuration files", () => {
  test('application*.yml and .properties: each ${ENV:default} placeholder is a read at its line; comments, ${{ }} and other YAML files are not', async () => {
    const dir = scratch({
      'src/main/resources/application.yml': [
        'spring:',
        '  datasource:',
        '    url: ${DATABASE_URL:jdbc:postgresql://localhost/app}',
        '    password: ${DB_PASSWORD}',
        '# ${COMMENTED_OUT}',
        'ci: ${{ secrets.TOKEN }}',
      ].join('\n'),
      'src/main/resources/application-prod.properties': 'server.port=${PORT:8080}\n',
      '.github/workflows/ci.yml': 'env:\n  X: ${NOT_SPRING:1}\n',
      'deploy/values.yaml': 'url: ${NOT_SPRING_EITHER}\n',
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(scan.reads.map((r) => [r.name, r.file, r.line, r.via, r.fallback])).toEqual([
      [
        'DATABASE_URL',
        'src/main/resources/application.yml',
        3,
        'Spring configuration placeholder',
        { kind: 'default', value: 'jdbc:postgresql://localhost/app' },
      ],
      ['DB_PASSWORD', 'src/main/resources/application.yml', 4, 'Spring configuration placeholder', { kind: 'none' }],
      ['PORT', 'src/main/resources/application-prod.properties', 1, 'Spring configuration placeholder', { kind: 'default', value: '8080' }],
    ]);
    expect(scan.files).toEqual({ java: 2 });
  });

  test('a key application.yml sets (in a document every profile loads) is the default of @Value, getProperty and the placeholders that read it', async () => {
    const dir = scratch({
      'src/main/resources/application.yml': [
        'jwt:',
        '  expiration: 3600000',
        '  secret: ${JWT_SECRET}',
        'app:',
        '  host: localhost',
        '  url: http://${app.host}/api',
        '  port: ${PORT:8080}',
        '---',
        'spring.config.activate.on-profile: prod',
        'only:',
        '  in-prod: 1',
      ].join('\n'),
      'src/main/resources/application-dev.properties': 'dev.only=1\n',
      'src/main/java/demo/Jwt.java': [
        'class Jwt {',
        '  @Value("${jwt.expiration:60}") long expiration;',
        '  @Value("${jwt.secret}") String secret;',
        '  @Value("${app.port}") int port;',
        '  @Value("${only.in-prod}") int prod;',
        '  @Value("${dev.only}") int dev;',
        '  String url() { return env.getProperty("app.url"); }',
        '  String home() { return System.getenv("APP_HOST"); }',
        '}',
      ].join('\n'),
      'src/main/kotlin/demo/Ttl.kt': 'class Ttl(@Value("\\${jwt.expiration}") val ttl: Long)\n',
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(scan.reads.map((r) => [r.name, r.file.replace(/^.*\//, ''), r.line, r.fallback])).toEqual([
      // getenv does not look in application.yml.
      ['APP_HOST', 'Jwt.java', 8, { kind: 'none' }],
      ['app.host', 'application.yml', 6, { kind: 'default', value: 'localhost' }],
      ['app.port', 'Jwt.java', 4, { kind: 'default' }],
      ['app.url', 'Jwt.java', 7, { kind: 'default' }],
      ['dev.only', 'Jwt.java', 6, { kind: 'none' }],
      ['jwt.expiration', 'Jwt.java', 2, { kind: 'default', value: '3600000' }],
      ['jwt.expiration', 'Ttl.kt', 1, { kind: 'default', value: '3600000' }],
      ['jwt.secret', 'Jwt.java', 3, { kind: 'none' }],
      ['JWT_SECRET', 'application.yml', 3, { kind: 'none' }],
      ['only.in-prod', 'Jwt.java', 5, { kind: 'none' }],
      ['PORT', 'application.yml', 7, { kind: 'default', value: '8080' }],
    ]);
  });

  test("a module's application.properties is the default of its own module's reads only", async () => {
    const dir = scratch({
      'orders/src/main/resources/application.properties': 'orders.topic=orders\\\n  -v1\n',
      'orders/src/main/java/Orders.java': 'class Orders { @Value("${orders.topic}") String t; }\n',
      'billing/src/main/java/Billing.java': 'class Billing { @Value("${orders.topic}") String t; }\n',
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(scan.reads.map((r) => [r.file, r.fallback])).toEqual([
      ['billing/src/main/java/Billing.java', { kind: 'none' }],
      ['orders/src/main/java/Orders.java', { kind: 'default', value: 'orders-v1' }],
    ]);
  });

  test("MicroProfile's own file (Helidon, Open Liberty) gives @ConfigProperty defaults; of Quarkus's profiles only %prod, a container's", async () => {
    const dir = scratch({
      'greet/src/main/resources/META-INF/microprofile-config.properties': 'app.greeting=Hello\nserver.port=8080\n',
      'greet/src/main/java/Greet.java':
        'class Greet {\n  @ConfigProperty(name = "app.greeting") String greeting;\n  @ConfigProperty(name = "server.port") int port;\n}\n',
      'orders/src/main/resources/application.properties': '%prod.orders.topic=orders\n%dev.orders.debug=true\n',
      'orders/src/main/java/Orders.java':
        'class Orders {\n  @ConfigProperty(name = "orders.topic") String topic;\n  @ConfigProperty(name = "orders.debug") boolean debug;\n}\n',
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(scan.reads.map((r) => [r.name, r.fallback])).toEqual([
      ['app.greeting', { kind: 'default', value: 'Hello' }],
      ['orders.debug', { kind: 'none' }],
      ['orders.topic', { kind: 'default', value: 'orders' }],
      ['server.port', { kind: 'default', value: '8080' }],
    ]);
  });

  test("Quarkus's %dev and %test settings are not read, as a built application never runs those profiles (quarkus-super-heroes)", async () => {
    const dir = scratch({
      'fights/src/main/resources/application.properties': [
        'quarkus.grpc.clients.locations.host=${LOCATIONS_HOST:localhost}',
        '%dev.quarkus.grpc.clients.locations.host=${quarkus.microcks.default.grpc.host}',
        '%dev,test.api.base.url=http://${quarkus.microcks.default.http.host}:${MOCK_PORT}/rest',
        '%test.kafka.bootstrap.servers=${KAFKA_TEST_SERVERS}',
        '%dev,test,openai.quarkus.langchain4j.openai.api-key=${OPENAI_API_KEY}',
        '%prod.kafka.bootstrap.servers=${KAFKA_SERVERS}',
        '%knative.quarkus.knative.min-scale=${MIN_SCALE:1}',
      ].join('\n'),
      'heroes/src/main/resources/application.yml': [
        'quarkus:',
        '  http:',
        '    port: ${HEROES_PORT:8083}',
        '"%dev,test":',
        '  quarkus:',
        '    log:',
        '      level: ${DEV_LOG_LEVEL}',
        "'%test':",
        '  db: ${TEST_DB}',
        '"%prod":',
        '  db: ${DB_URL}',
      ].join('\n'),
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(scan.reads.map((r) => [r.name, r.line])).toEqual([
      ['DB_URL', 11],
      ['HEROES_PORT', 3],
      ['KAFKA_SERVERS', 6],
      ['LOCATIONS_HOST', 1],
      ['MIN_SCALE', 7],
      ['OPENAI_API_KEY', 5],
    ]);
  });

  // `%staging.db=${STAGING_DB}` was read in every environment (an `unset` where staging's variable is rightly absent),
  // and `%prod.` also where QUARKUS_PROFILE names another profile: each is its profiles' read, as a Spring document's is.
  test("a Quarkus %profile. setting's placeholder is read for its profiles only", async () => {
    const dir = scratch({
      'svc/src/main/resources/application.properties': [
        'db=${DB_URL:jdbc:h2:mem}',
        '%prod.kafka=${KAFKA_SERVERS}',
        '%staging,qa.feed=${FEED_URL}',
        '%dev.x=${DEV_ONLY}',
      ].join('\n'),
      'web/src/main/resources/application.yml': ['port: ${PORT:8080}', '"%staging":', '  db: ${STAGING_DB}'].join('\n'),
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(scan.reads.map((r) => [r.name, r.quarkusProfile, r.profile])).toEqual([
      ['DB_URL', undefined, undefined],
      ['FEED_URL', 'staging | qa', undefined],
      ['KAFKA_SERVERS', 'prod', undefined],
      ['PORT', undefined, undefined],
      ['STAGING_DB', 'staging', undefined],
    ]);
    const read = scan.reads.find((r) => r.name === 'KAFKA_SERVERS')!;
    expect(readIn(read, activeProfiles(configWith({ 'quarkus.profile': 'staging' })))).toBe(false);
    expect(readIn(read, activeProfiles(configWith({ 'quarkus.profile': 'prod' })))).toBe(true);
    expect(readIn(read, activeProfiles(configWith({})))).toBe(true);
  });

  // Without QUARKUS_PROFILE a built Quarkus application runs its file's `quarkus.profile` (application.properties' line,
  // application.yaml's `quarkus: profile:`), else `prod`, as the file reader takes it: `%staging.` is not read in an environment that sets none. Spring's variables name Spring's profiles: a
  // Spring service's SPRING_PROFILES_ACTIVE=staging beside a Quarkus service does not make the Quarkus service run staging.
  // QUARKUS_PROFILE still chooses a profile's file (application-staging.properties) and document, as Quarkus loads them.
  test("a Quarkus %profile. setting is read where QUARKUS_PROFILE, else the application's own profile, names it", async () => {
    const dir = scratch({
      'svc/src/main/resources/application.properties': ['%prod.kafka=${KAFKA_SERVERS}', '%staging,qa.feed=${FEED_URL}'].join('\n'),
      'svc/src/main/resources/application-staging.properties': 'mail.from=${MAIL_FROM}\n',
      'edge/src/main/resources/application.properties': [
        'quarkus.profile=staging',
        '%staging.edge=${EDGE_URL}',
        '%prod.p=${EDGE_PROD}',
      ].join('\n'),
      'boot/src/main/resources/application.yml': ['---', 'spring.config.activate.on-profile: staging', 'mail: ${MAIL_HOST}'].join('\n'),
      'hub/src/main/resources/application.yaml': [
        'quarkus:',
        '  profile: staging',
        '"%staging":',
        '  hub: ${HUB_URL}',
        '"%prod":',
        '  p: ${HUB_PROD}',
      ].join('\n'),
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    const named = (name: string) => scan.reads.find((r) => r.name === name)!;
    const readWhere = (values: Record<string, string>) =>
      ['EDGE_PROD', 'EDGE_URL', 'FEED_URL', 'HUB_PROD', 'HUB_URL', 'KAFKA_SERVERS', 'MAIL_FROM', 'MAIL_HOST'].filter((n) =>
        readIn(named(n), activeProfiles(configWith(values))),
      );
    expect(named('MAIL_HOST').profile).toBe('staging');
    expect(readWhere({})).toEqual(['EDGE_URL', 'HUB_URL', 'KAFKA_SERVERS', 'MAIL_FROM', 'MAIL_HOST']);
    expect(readWhere({ 'spring.profiles.active': 'staging' })).toEqual(['EDGE_URL', 'HUB_URL', 'KAFKA_SERVERS', 'MAIL_FROM', 'MAIL_HOST']);
    expect(readWhere({ 'spring.profiles.active': 'prod' })).toEqual(['EDGE_URL', 'HUB_URL', 'KAFKA_SERVERS']);
    expect(readWhere({ 'quarkus.profile': 'qa' })).toEqual(['FEED_URL']);
    expect(readWhere({ 'quarkus.profile': 'prod' })).toEqual(['EDGE_PROD', 'HUB_PROD', 'KAFKA_SERVERS']);
    expect(readWhere({ 'quarkus.profile': 'staging' })).toEqual(['EDGE_URL', 'FEED_URL', 'HUB_URL', 'MAIL_FROM', 'MAIL_HOST']);
  });

  test('a tree that is the src/ folder: main/resources configures main/java', async () => {
    const dir = scratch({
      'main/resources/application.yml': 'app:\n  name: demo\n',
      'main/java/demo/App.java': 'class App { @Value("${app.name}") String name; }\n',
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(scan.reads.map((r) => r.fallback)).toEqual([{ kind: 'default', value: 'demo' }]);
  });

  test("a YAML comment after a value holds no read; a quoted '#' and a .properties line's '#' are text", async () => {
    const dir = scratch({
      'src/main/resources/application.yml': [
        'url: ${DATABASE_URL:jdbc:h2:mem} # or ${LEGACY_DB_URL}',
        'color: "${BRAND_COLOR} #1"',
        "tag: '${TAG} # ${QUOTED_TOO}'",
      ].join('\n'),
      'src/main/resources/application.properties': 'a.b=${PROP_X} # ${NOT_A_COMMENT}\n',
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(scan.reads.map((r) => r.name).sort()).toEqual(['BRAND_COLOR', 'DATABASE_URL', 'NOT_A_COMMENT', 'PROP_X', 'QUOTED_TOO', 'TAG']);
  });
});

describe("spring-petclinic-microservices' VetsProperties (test/fixtures/realworld/spring-petclinic-microservices)", () => {
  test("a record's component whose type is a record declared inside it is a nested group, no key of its own", async () => {
    const file = path.join(
      __dirname,
      '../../../fixtures/realworld/spring-petclinic-microservices/spring-petclinic-vets-service/src/main/java/org/springframework/samples/petclinic/vets/system/VetsProperties.java',
    );
    // @ConfigurationProperties(prefix = "vets") public record VetsProperties(Cache cache) { public record Cache(int ttl, int heapSize) {} }
    expect((await readsOf(java, '.java', readFileSync(file, 'utf8'))).map((r) => r.name)).not.toContain('vets.cache');
  });
});

describe("quarkus-super-heroes' fights service (test/fixtures/realworld/quarkus-super-heroes)", () => {
  const dir = path.join(__dirname, '../../../fixtures/realworld/quarkus-super-heroes');

  test("a SmallRye @ConfigMapping interface reads each of its methods under the prefix, nested groups' too, with @WithDefault or application.properties' value", async () => {
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    const mapped = scan.reads.filter((r) => r.via === '@ConfigMapping').map((r) => [r.name, r.line, r.fallback]);
    expect(mapped).toEqual([
      ['fight.hero.adjust-bound', 89, { kind: 'default', value: '20' }],
      ['fight.hero.fallback.level', 100, { kind: 'default', value: '1' }],
      ['fight.hero.fallback.name', 95, { kind: 'default', value: 'Fallback hero' }],
      ['fight.hero.fallback.picture', 105, { kind: 'default', value: 'https://dummyimage.com/240x320/1e8fff/ffffff&text=Fallback+Hero' }],
      ['fight.hero.fallback.powers', 110, { kind: 'default', value: 'Fallback hero powers' }],
      ['fight.hero.team-name', 75, { kind: 'default', value: 'heroes' }],
      [
        'fight.location.fallback.description',
        181,
        { kind: 'default', value: "This is a fallback location. Not generally someplace you'd like to visit." },
      ],
      ['fight.location.fallback.name', 176, { kind: 'default', value: 'Fallback location' }],
      [
        'fight.location.fallback.picture',
        186,
        { kind: 'default', value: 'https://dummyimage.com/240x320/b22222/ffffff&text=Fallback+Location' },
      ],
      [
        'fight.narration.fallback-image-generation.image-url',
        63,
        { kind: 'default', value: 'https://dummyimage.com/240x320/1e8fff/ffffff&text=Fallback+Image' },
      ],
      // application.properties' value wins over @WithDefault's.
      ['fight.narration.fallback-narration', 52, { kind: 'default', value: expect.stringMatching(/^High above a bustling city/) }],
      ['fight.process.delay-millis', 44, { kind: 'default', value: '0' }],
      ['fight.villain.adjust-bound', 141, { kind: 'default', value: '20' }],
      ['fight.villain.client-base-url', 127, { kind: 'default', value: 'stork://villain-service' }],
      ['fight.villain.fallback.level', 152, { kind: 'default', value: '45' }],
      ['fight.villain.fallback.name', 147, { kind: 'default', value: 'Fallback villain' }],
      [
        'fight.villain.fallback.picture',
        157,
        { kind: 'default', value: 'https://dummyimage.com/240x320/b22222/ffffff&text=Fallback+Villain' },
      ],
      ['fight.villain.fallback.powers', 162, { kind: 'default', value: 'Fallback villain powers' }],
      ['fight.villain.team-name', 122, { kind: 'default', value: 'villains' }],
    ]);
  });

  test('a mapping method without a default, set by no file, is required; an Optional runs empty; @WithName renames it', async () => {
    const source = [
      '@ConfigMapping(prefix = "mail")',
      'public interface MailConfig {',
      '  String host();',
      '  Optional<String> replyTo();',
      '  @WithName("from") String sender();',
      '  Map<String, String> headers();',
      '  default String describe() { return host(); }',
      '  Tls tls();',
      '  interface Tls { @WithDefault("true") boolean enabled(); OptionalInt port(); }',
      '}',
    ].join('\n');
    expect(await readsOf(java, '.java', source)).toEqual([
      read('mail.host', 3, '@ConfigMapping'),
      read('mail.reply-to', 4, '@ConfigMapping', fallback()),
      read('mail.from', 5, '@ConfigMapping'),
      read('mail.tls.enabled', 9, '@ConfigMapping', fallback('true')),
      read('mail.tls.port', 9, '@ConfigMapping', fallback()),
    ]);
  });

  test('a group declared beside the mapping, not inside it, is a group; a list of groups holds keys no one can list', async () => {
    const source = [
      '@ConfigMapping(prefix = "app")',
      'public interface AppConfig {',
      '  Database database();',
      '  List<Server> servers();',
      '  List<String> names();',
      '}',
      'interface Database { String url(); @WithDefault("5") int pool(); }',
      'interface Server { String host(); }',
    ].join('\n');
    expect(await readsOf(java, '.java', source)).toEqual([
      read('app.database.url', 7, '@ConfigMapping'),
      read('app.database.pool', 7, '@ConfigMapping', fallback('5')),
      read('app.names', 5, '@ConfigMapping'),
    ]);
  });
});
