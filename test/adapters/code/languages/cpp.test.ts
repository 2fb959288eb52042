import { cpp } from '../../../../lambdas/adapters/code/languages/cpp';
import { fallback, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';
import { composeVariables, serviceReads } from '../../../helpers/service-reads';

const main = (body: string) => `int main() {\n${body}\n}\n`;

describe('the C++ reader', () => {
  it.each<[string, string, SnippetRead[]]>([
    [
      'std::getenv whose value only picks a branch with no else: the code goes past it without the key',
      main('  const char* v = std::getenv("IPV6_ENABLED");\n  if (v != nullptr && std::string(v) == "true") {\n    ip = "[::]";\n  }'),
      [read('IPV6_ENABLED', 2, 'std::getenv', fallback())],
    ],
    [
      'a ternary on the variable',
      main('  const char* v = getenv("VERSION");\n  std::string version = v != nullptr ? v : "unknown";'),
      [read('VERSION', 2, 'getenv', fallback('"unknown"'))],
    ],
    [
      'a ternary on the read',
      main('  std::string p = getenv("P") ? getenv("P") : "8080";'),
      [read('P', 2, 'getenv', fallback('"8080"')), read('P', 2, 'getenv', fallback('"8080"'))],
    ],
    [
      'an if (!v) that assigns',
      main('  const char* v = std::getenv("V");\n  if (!v) {\n    v = "d";\n  }'),
      [read('V', 2, 'std::getenv', fallback('"d"'))],
    ],
    [
      'an if (v == NULL) that exits',
      main('  const char* v = std::getenv("V");\n  if (v == NULL) {\n    std::exit(1);\n  }'),
      [read('V', 2, 'std::getenv')],
    ],
    [
      'an if (!v) that throws',
      main('  char* v = secure_getenv("V");\n  if (!v) throw std::runtime_error("V");'),
      [read('V', 2, 'secure_getenv')],
    ],
    [
      'a declaration in the if that assigns when set',
      main('  if (const char* v = std::getenv("X")) {\n    port = v;\n  }'),
      [read('X', 2, 'std::getenv', fallback())],
    ],
    [
      "a declaration in the if that only tests (as Rust's if let Ok(v)): a default",
      main('  if (auto* v = std::getenv("X")) {\n    enable();\n  }'),
      [read('X', 2, 'std::getenv', fallback())],
    ],
    ['a variable key is not reported', main('  const char* v = getenv(name);\n  const char* w = getenv(name.c_str());'), []],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(cpp, '.cpp', source)).toEqual(expected);
  });

  describe('wrappers, one level', () => {
    const wrappers = [
      'std::string Config::env(const std::string& key, const std::string& fallback) {\n  const char* v = std::getenv(key.c_str());\n  return v ? v : fallback;\n}\n',
      'const char* required(const char* key) {\n  const char* v = std::getenv(key);\n  if (!v) {\n    std::abort();\n  }\n  return v;\n}\n',
      'static int port(const char* key) {\n  const char* v = getenv(key);\n  if (v == nullptr) return 50051;\n  return atoi(v);\n}\n',
    ];
    it.each<[string, string, SnippetRead[]]>([
      [
        'a wrapper whose default is an argument',
        main('  auto p = config.env("PORT", "8080");'),
        [read('PORT', 2, 'env (wrapper of std::getenv)', fallback('"8080"'))],
      ],
      [
        'a wrapper that aborts reads without default',
        main('  auto d = required("DB_URL");'),
        [read('DB_URL', 2, 'required (wrapper of std::getenv)')],
      ],
      [
        'a wrapper with a default of its own',
        main('  int p = port("CURRENCY_PORT");'),
        [read('CURRENCY_PORT', 2, 'port (wrapper of getenv)', fallback('50051'))],
      ],
    ])('%s', async (_name, source, expected) => {
      expect(await readsOf(cpp, '.cpp', source, wrappers)).toEqual(expected);
    });
  });
});

describe('the currency service of the opentelemetry-demo copy', () => {
  // Not read by the service's code: main() takes its port from argv[1] (the image's command line passes
  // $CURRENCY_PORT; the Dockerfile is not in the copy), and OTEL_* are read by the OpenTelemetry C++ SDK's
  // exporters and resource detector.
  const notInCode = (name: string) => name.startsWith('OTEL_') || name === 'CURRENCY_PORT';

  it('reads every variable compose.yaml sets for it, with the fallbacks the code takes', async () => {
    const reads = await serviceReads(cpp, 'currency');
    expect(composeVariables('currency').filter((name) => !notInCode(name))).toEqual(['IPV6_ENABLED', 'VERSION']);
    expect(reads).toEqual([
      { name: 'VERSION', file: 'src/server.cpp', line: 94, via: 'std::getenv', fallback: { kind: 'default', value: '"unknown"' } },
      // Only picks [::] over 0.0.0.0.
      { name: 'IPV6_ENABLED', file: 'src/server.cpp', line: 257, via: 'std::getenv', fallback: { kind: 'default' } },
    ]);
  });
});
