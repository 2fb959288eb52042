import { kotlin } from '../../../../lambdas/adapters/code/languages/kotlin';
import { fallback, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';
import { serviceReads } from '../../../helpers/service-reads';

const fun = (body: string) => `fun f() {\n${body}\n}\n`;

describe('the Kotlin reader', () => {
  it.each<[string, string, SnippetRead[]]>([
    ['System.getenv without fallback', fun('  val a = System.getenv("KAFKA_ADDR")'), [read('KAFKA_ADDR', 2, 'System.getenv')]],
    [
      '?: with a default',
      'val topic: String = System.getenv("KAFKA_TOPIC") ?: "orders"\n',
      [read('KAFKA_TOPIC', 1, 'System.getenv', fallback('"orders"'))],
    ],
    ['?: through a safe call', fun('  val n = System.getenv("N")?.toInt() ?: 80'), [read('N', 2, 'System.getenv', fallback('80'))]],
    ['?: error(...) has no default', fun('  val n = System.getenv("N") ?: error("N is not set")'), [read('N', 2, 'System.getenv')]],
    ['?: throw has no default', fun('  val n = System.getenv("N") ?: throw IllegalStateException("N")'), [read('N', 2, 'System.getenv')]],
    ['?: return has no default', fun('  val n = System.getenv("N") ?: return'), [read('N', 2, 'System.getenv')]],
    ['System.getenv()[...]', fun('  val n = System.getenv()["N"]'), [read('N', 2, 'System.getenv()[]')]],
    ['System.getenv()[...] ?: d', fun('  val n = System.getenv()["N"] ?: "x"'), [read('N', 2, 'System.getenv()[]', fallback('"x"'))]],
    [
      'getOrDefault',
      fun('  val p = System.getenv().getOrDefault("P", "1")'),
      [read('P', 2, 'System.getenv().getOrDefault', fallback('"1"'))],
    ],
    [
      'an if (v == null) that assigns',
      fun('  var v = System.getenv("V")\n  if (v == null) {\n    v = "d"\n  }'),
      [read('V', 2, 'System.getenv', fallback('"d"'))],
    ],
    [
      'an if (v == null) that exits',
      fun('  val v = System.getenv("V")\n  if (v == null) {\n    println("V")\n    exitProcess(1)\n  }'),
      [read('V', 2, 'System.getenv')],
    ],
    [
      'an if-expression on the variable',
      fun('  val v = System.getenv("V")\n  val w = if (v != null) v else "e"'),
      [read('V', 2, 'System.getenv', fallback('"e"'))],
    ],
    [
      'Spring @Value, its $ escaped',
      'class C(@Value("\\${server.port:8080}") val port: Int) {\n  @Value("\\${app.name}")\n  lateinit var name: String\n}\n',
      [read('server.port', 1, '@Value', fallback('8080')), read('app.name', 2, '@Value')],
    ],
    [
      'MicroProfile @ConfigProperty (Quarkus): a default, a nullable that runs empty, a required constructor parameter',
      'class G {\n  @ConfigProperty(name = "greeting.message", defaultValue = "hello")\n  lateinit var message: String\n' +
        '  @field:ConfigProperty(name = "app.tracing")\n  var tracing: String? = null\n}\n' +
        'class H(@ConfigProperty(name = "db.url") val url: String)\n',
      [
        read('greeting.message', 2, '@ConfigProperty', fallback('hello')),
        read('app.tracing', 4, '@ConfigProperty', fallback()),
        read('db.url', 7, '@ConfigProperty'),
      ],
    ],
    [
      'MicroProfile @ConfigProperty: defaultValue = "" is no default (MicroProfile Config 2: an empty value is a missing one)',
      'class G(@ConfigProperty(name = "setup.model", defaultValue = "") val model: String)\n',
      [read('setup.model', 1, '@ConfigProperty')],
    ],
    [
      'placeholders in the attributes of other Spring annotations',
      'class Jobs {\n  @Scheduled(fixedDelayString = "\\${jobs.delay:PT5M}")\n  fun run() {}\n}\n',
      [read('jobs.delay', 2, '@Scheduled', fallback('PT5M'))],
    ],
    ['template and variable keys are not reported', fun('  val a = System.getenv("${p}_X")\n  val b = System.getenv(name)'), []],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(kotlin, '.kt', source)).toEqual(expected);
  });

  describe('wrappers, one level', () => {
    const wrappers = [
      'fun env(key: String, d: String = "x"): String = System.getenv(key) ?: d\n',
      'object Config {\n  fun required(key: String): String = System.getenv(key) ?: error("$key is not set")\n}\n',
    ];
    it.each<[string, string, SnippetRead[]]>([
      [
        'a wrapper whose default is an argument',
        fun('  val p = env("PORT", "8080")'),
        [read('PORT', 2, 'env (wrapper of System.getenv)', fallback('"8080"'))],
      ],
      [
        'a wrapper whose default argument is left out: its own default',
        fun('  val p = env("PORT")'),
        [read('PORT', 2, 'env (wrapper of System.getenv)', fallback('"x"'))],
      ],
      [
        'a wrapper that errors reads without default',
        fun('  val p = Config.required("DB_URL")'),
        [read('DB_URL', 2, 'required (wrapper of System.getenv)')],
      ],
    ])('%s', async (_name, source, expected) => {
      expect(await readsOf(kotlin, '.kt', source, wrappers)).toEqual(expected);
    });
  });
});

describe('the fraud-detection service of the opentelemetry-demo copy', () => {
  // compose.yaml (the core demo) has no fraud-detection entry: it comes with compose.full.yaml, which the copy
  // lacks. Its Kafka variables are the ones the full demo sets; FLAGD_* and OTEL_* are read by the flagd provider and the agent.
  it('reads the Kafka topic with its default and the broker address without one', async () => {
    const reads = await serviceReads(kotlin, 'fraud-detection');
    const file = 'src/main/kotlin/frauddetection/main.kt';
    expect(reads).toEqual([
      { name: 'KAFKA_TOPIC', file, line: 26, via: 'System.getenv', fallback: { kind: 'default', value: '"orders"' } },
      { name: 'KAFKA_ADDR', file, line: 48, via: 'System.getenv', fallback: { kind: 'none' } },
    ]);
  });
});
