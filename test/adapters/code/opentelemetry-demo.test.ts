import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import type { CodeScan } from '../../../lambdas/core/code/code-read';

const DEMO = path.resolve(__dirname, '../../fixtures/opentelemetry-demo');

/** The variables compose.yaml gives a service (`- NAME` or `- NAME=value`). */
function composeVariables(service: string): string[] {
  const compose = parse(readFileSync(path.join(DEMO, 'compose.yaml'), 'utf8')) as { services: Record<string, { environment?: string[] }> };
  return (compose.services[service]?.environment ?? []).map((entry) => entry.split('=')[0] as string);
}

// Read by what runs the code, not by the service's own source: the OpenTelemetry SDKs (every OTEL_*),
// the runtime (NODE_OPTIONS; Next.js's standalone server reads PORT), libraries (OpenFeature's
// FlagdProvider() without options reads FLAGD_HOST and FLAGD_PORT; protobuf reads its implementation
// variable) and k6 itself (its browser module reads K6_BROWSER_ARGS, its OpenTelemetry output K6_OTEL_*).
const PLATFORM = /^(OTEL_|K6_OTEL_)|^(NODE_OPTIONS|PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION|K6_BROWSER_ARGS)$/;
// Set by compose.yaml but read by no code of the service at this commit (the browser reaches flagd
// through the envoy proxy; no frontend code reads FRONTEND_ADDR; the k6 script reads FLAGD_OFREP_PORT, not FLAGD_PORT).
const NOT_READ: Readonly<Record<string, readonly string[]>> = {
  frontend: ['PORT', 'FRONTEND_ADDR', 'FLAGD_HOST', 'FLAGD_PORT'],
  payment: ['FLAGD_HOST', 'FLAGD_PORT'],
  'load-generator': ['FLAGD_PORT'],
};
// Exceptions to the platform rule: the frontend's own code reads these OTEL_ names (next.config.js, _document.tsx).
const READ_ANYWAY: Readonly<Record<string, readonly string[]>> = { frontend: ['OTEL_SERVICE_NAME', 'OTEL_COLLECTOR_HOST'] };

describe('the opentelemetry-demo services in JavaScript, TypeScript and Python', () => {
  let scan: CodeScan;
  beforeAll(async () => {
    scan = await new TreeSitterCodeReader().scan({ path: path.join(DEMO, 'src'), exclude: [] });
  });

  test.each(['frontend', 'payment', 'recommendation', 'load-generator'])(
    'every variable compose.yaml gives %s is read by its code',
    (service) => {
      const expected = composeVariables(service).filter(
        (v) => (!PLATFORM.test(v) || READ_ANYWAY[service]?.includes(v)) && !NOT_READ[service]?.includes(v),
      );
      const read = new Set(scan.reads.filter((r) => r.file.startsWith(`${service}/`)).map((r) => r.name));
      expect(expected).not.toEqual([]);
      expect(expected.filter((v) => !read.has(v))).toEqual([]);
    },
  );

  test('the variables left out are indeed not read by the service', () => {
    for (const [service, names] of Object.entries(NOT_READ)) {
      const read = scan.reads.filter((r) => r.file.startsWith(`${service}/`) && names.includes(r.name));
      expect(read).toEqual([]);
    }
  });

  test.each([
    ['recommendation/recommendation_server.py', 152, 'PRODUCT_CATALOG_ADDR', 'must_map_env (wrapper of os.environ.get)', { kind: 'none' }],
    ['recommendation/recommendation_server.py', 131, 'FLAGD_PORT', 'os.environ.get', { kind: 'default', value: '8013' }],
    ['frontend/gateways/rpc/Cart.gateway.ts', 7, 'CART_ADDR', 'process.env', { kind: 'default', value: "''" }],
    ['frontend/pages/_document.tsx', 8, 'WEB_OTEL_SERVICE_NAME', 'process.env', { kind: 'none' }],
    ['payment/index.js', 58, 'PAYMENT_PORT', 'process.env', { kind: 'none' }],
    ['load-generator/script.js', 25, 'LOAD_GENERATOR_VUS', '__ENV (k6)', { kind: 'default', value: "'10'" }],
  ])('%s:%d reads %s through %s', (file, line, name, via, fallback) => {
    expect(scan.reads).toContainEqual(expect.objectContaining({ file, line, name, via, fallback }));
  });

  test('reads are sorted by key, file, line and column, with canonical keys', () => {
    const order = scan.reads.map((r) => [r.key, r.file, r.line, r.column] as const);
    const sorted = [...order].sort((a, b) =>
      a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2] || a[3] - b[3],
    );
    expect(order).toEqual(sorted);
    expect(scan.reads.find((r) => r.name === 'PRODUCT_CATALOG_ADDR')?.key).toBe('product.catalog.addr');
  });

  test('parsing every file twice (no tree kept between the passes) reads the same', async () => {
    const again = await new TreeSitterCodeReader(undefined, 0).scan({ path: path.join(DEMO, 'src'), exclude: [] });
    expect(again).toEqual(scan);
  });

  test('files are counted per language and nothing in the tree is skipped', () => {
    expect(scan.files).toMatchObject({ javascript: 8, typescript: 100, python: 14 });
    expect(scan.skipped).toEqual([]);
  });
});
