import fc from 'fast-check';

// The YAML real estates are written in, which the fast path must read without giving up: nested
// configuration files (as the benchmark's `yaml` shape writes them) and Kubernetes manifests.

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,20}$/);
const word = fc.constantFrom(
  'info',
  'debug',
  'v1.0.0',
  '250m',
  '512Mi',
  'eu-west-1',
  'https://api.example.com/v2?x=1&y=2',
  'a b c',
  'é',
  'x:y',
);
const longValue = fc.nat(300).map((n) => `https://svc.internal.example.com/api/items/${n}?${'k=v&'.repeat(n % 40)}`);

/** A scalar as a configuration file writes it: JSON-style double quotes, single quotes, or plain. */
const scalar = fc.oneof(
  fc
    .oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.string(), longValue)
    .map((v) => JSON.stringify(v)),
  fc.string().map((s) => `'${s.replace(/'/g, "''")}'`),
  word,
  fc.constantFrom('null', '~', 'true', '0x1F', '1e3', '.inf', '007'),
);
const comment = fc.constantFrom('', '', '', '  # why', ' #');

interface Tree {
  [key: string]: Tree | string;
}
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), fc.oneof({ depthSize: 'small' }, scalar, tie('tree')), {
    minKeys: 1,
    maxKeys: 6,
  }),
})).tree;

/** The benchmark's toYaml: nested mappings in block style, one scalar per line. */
function toYaml(obj: Tree, indent = ''): string {
  let out = '';
  for (const [k, v] of Object.entries(obj)) {
    out += typeof v === 'object' ? `${indent}${k}:\n${toYaml(v, `${indent}  `)}` : `${indent}${k}: ${v}\n`;
  }
  return out;
}

/** Nested configuration files, sometimes with a comment line and a document start. */
export const nestedConfig = fc.tuple(tree, fc.constantFrom('', '---\n', '# settings\n')).map(([t, head]) => head + toYaml(t));

const pairs = (key: fc.Arbitrary<string>) => fc.uniqueArray(fc.tuple(key, scalar, comment), { maxLength: 12, selector: ([k]) => k });

/** A ConfigMap and a Deployment reading it, as manifests are written by hand and by `kubectl`. */
export const k8sManifest = fc
  .record({
    name,
    data: pairs(envName),
    env: pairs(envName),
    compact: fc.boolean(),
    script: fc.boolean(),
    head: fc.constantFrom('', '---\n', '# app\n'),
  })
  .map(({ name: n, data, env, compact, script, head }) => {
    const list = compact ? '      ' : '        ';
    const configMap = [
      `apiVersion: v1`,
      `kind: ConfigMap`,
      `metadata:`,
      `  name: ${n}-config`,
      `data:`,
      ...data.map(([k, v, c]) => `  ${k}: ${v}${c}`),
    ];
    if (script) configMap.push('  run.sh: |', '    #!/bin/sh', '', '    echo "start: $1"  # quoted', '  banner: >-', '    one', '    two');
    const deployment = [
      `apiVersion: apps/v1`,
      `kind: Deployment`,
      `metadata:`,
      `  name: ${n}`,
      `  labels: {}`,
      `spec:`,
      `  replicas: 3`,
      `  template:`,
      `    spec:`,
      `      containers:`,
      `${list}- name: app`,
      `${list}  image: 111111111111.dkr.ecr.us-east-1.amazonaws.com/${n}:v1.0.0`,
      `${list}  command: ["/bin/sh", "-c"]`,
      `${list}  args: [--port=8080, "--name", '${n}', 3]`,
      `${list}  envFrom:`,
      `${list}  - configMapRef:`,
      `${list}      name: ${n}-config`,
      `${list}  env:`,
      ...env.flatMap(([k, v, c]) => [`${list}  - name: ${k}${c}`, `${list}    value: ${v}`]),
      `${list}  resources:`,
      `${list}    requests: {}`,
      `      volumes:`,
      `      - name: tmp`,
      `        emptyDir: {}`,
    ];
    return `${head}${configMap.join('\n')}\n---\n${deployment.join('\n')}\n`;
  });
