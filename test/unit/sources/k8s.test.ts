import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandVars } from '../../../lambdas/core/sources/k8s-expand';
import { parseK8s, parseManifestText } from '../../../lambdas/core/sources/k8s';
import { objectMeta } from '../../../lambdas/core/sources/k8s-objects';
import { k8sObjectAsRead } from '../../../lambdas/core/sources/k8s-read-fields';
import { SourceInputError } from '../../../lambdas/core/sources/errors';
import { contentValue } from '../../../lambdas/core/values/value';
import { MAX_MANIFEST_DOCUMENTS } from '../../../lambdas/core/sources/k8s-manifest';
import { MAX_YAML_PACKAGE_NODES } from '../../../lambdas/core/sources/yaml-budget';
import { indexObjects } from '../../../lambdas/core/sources/k8s-objects';
import { testFingerprinter } from '../../helpers/context';
import { CANARY, b64, ctx, deployment, k8s, obs, text, value } from '../../helpers/k8s-manifests';

const REALWORLD = path.join(__dirname, '../../fixtures/realworld');
const DEMO_FILE = path.join(REALWORLD, 'microservices-demo/kubernetes-manifests.yaml');

describe('real-world manifests: microservices-demo, read as they are', () => {
  const objects = parseManifestText(fs.readFileSync(DEMO_FILE, 'utf8'), DEMO_FILE).map((object) => ({ file: DEMO_FILE, object }));

  it('reads every document as an object with a kind', () => {
    expect(objects.length).toBeGreaterThan(30);
    for (const { object } of objects) expect(typeof (object as { kind?: unknown }).kind).toBe('string');
  });

  it.each([
    [
      'frontend',
      {
        port: '8080',
        'ad.service.addr': 'adservice:9555',
        'enable.profiler': '0',
        'runtime.cpu': '100m',
        'runtime.memory': '64Mi',
        'runtime.cpu.limit': '200m',
        'runtime.memory.limit': '128Mi',
      },
    ],
    ['adservice', { port: '9555', 'runtime.cpu': '200m', 'runtime.memory': '180Mi', 'runtime.memory.limit': '300Mi' }],
    ['currencyservice', { port: '7000', 'disable.profiler': '1' }],
    ['redis-cart', { 'runtime.cpu': '70m', 'runtime.memory': '200Mi', 'runtime.cpu.limit': '125m', 'runtime.memory.limit': '256Mi' }],
    // The init container `frontend-check` is never chosen: `main` is the only container.
    ['loadgenerator', { 'frontend.addr': 'frontend:80', users: '10', rate: '1', 'runtime.cpu': '300m' }],
  ])('%s', (workload, expected) => {
    const r = parseK8s(objects, { workload }, ctx);
    expect(r.errors).toEqual([]);
    expect(r.dangling).toEqual([]);
    for (const [key, want] of Object.entries(expected)) expect([key, text(r, key)]).toEqual([key, want]);
    expect(text(r, 'runtime.replicas')).toBe('1');
    expect(text(r, 'runtime.autoscaling.enabled')).toBe('false');
    expect(value(r, 'runtime.autoscaling.min')).toBeUndefined();
  });

  it('says where each value comes from', () => {
    const r = parseK8s(objects, { workload: 'frontend' }, ctx);
    expect(obs(r, 'port')).toMatchObject({
      rawKey: 'PORT',
      origin: { source: ctx.source, location: 'Deployment default/frontend container server env PORT' },
    });
    expect(obs(r, 'runtime.cpu')?.origin.location).toBe('Deployment default/frontend container server resources.requests.cpu');
    expect(obs(r, 'runtime.replicas')?.origin.location).toBe('Deployment default/frontend spec.replicas');
  });

  it('names the workloads it found when the one asked for is missing', () => {
    const r = parseK8s(objects, { workload: 'frontendd' }, ctx);
    expect(r.observations).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(
      /^Deployment\|StatefulSet\|DaemonSet\|CronJob\|Job\|Rollout "frontendd" not found in namespace default \(found: frontend, adservice, /,
    );
  });
});

describe('parseManifestText', () => {
  it('skips empty documents and expands lists (typed list items get the list kind)', () => {
    const docs = parseManifestText(
      `# only a comment
---
---
null
---
apiVersion: v1
kind: List
items:
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a } }
  - null
  - apiVersion: v1
    kind: SecretList
    items: [ { metadata: { name: s } } ]
---
apiVersion: v1
kind: ConfigMapList
items:
  - metadata: { name: b }
`,
      'm.yaml',
    );
    expect(docs).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
      { kind: 'Secret', apiVersion: 'v1', metadata: { name: 's' } },
      { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'b' } },
    ]);
  });

  it('reads JSON files, including kubectl -o json lists', () => {
    const list = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ kind: 'ConfigMap', metadata: { name: 'a' }, data: { A: '1' } }],
    });
    expect(parseManifestText(list, 'export.json')).toEqual([{ kind: 'ConfigMap', metadata: { name: 'a' }, data: { A: '1' } }]);
  });

  it('accepts duplicate keys (the last wins) and bounded aliases', () => {
    expect(parseManifestText('kind: ConfigMap\nkind: Secret\n', 'd.yaml')).toEqual([{ kind: 'Secret' }]);
    expect(parseManifestText('a: &x [1]\nb: *x\n', 'a.yaml')).toEqual([{ a: [1], b: [1] }]);
  });

  it.each([
    ['YAML', 'f.yaml', `kind: Secret\nstringData:\n  password: "${CANARY}\n`, /^f\.yaml:\d+:\d+: invalid YAML: [A-Z][^:()]+ \([A-Z_]+\)$/],
    [
      'YAML, a plain scalar the package would quote',
      'p.yaml',
      `kind: Secret\ndata: { a: b }\n${CANARY} x\n`,
      /^p\.yaml:\d+:\d+: invalid YAML: [A-Z][^:()]+ \([A-Z_]+\)$/,
    ],
    [
      'YAML, bad indentation',
      'g.yml',
      `kind: Secret\nstringData:\n  password: ${CANARY}\n bad: [\n`,
      /^g\.yml:\d+:\d+: invalid YAML: [A-Z][^:()]+ \([A-Z_]+\)$/,
    ],
    ['JSON', 'h.json', `{\n  "kind": "Secret",\n  "stringData": { "password": "${CANARY}" ,, }\n}`, /^h\.json:3:\d+: invalid JSON$/],
  ])('a %s syntax error is a SourceInputError with file:line:column and no excerpt', (_name, file, src, message) => {
    let err: unknown;
    try {
      parseManifestText(src, file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SourceInputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain(CANARY);
    expect((err as Error).message).not.toContain('\n');
  });

  it('says what is wrong with a manifest, in the words of the YAML parser, where it is', () => {
    // The Sock Shop's manifests with one env entry's value indented under the wrong item.
    const file = path.join(__dirname, '../../fixtures/realworld/sock-shop/complete-demo.yaml');
    const good = fs.readFileSync(file, 'utf8');
    const entry = '         - name: JAVA_OPTS\n           value: ';
    const at = good.indexOf(entry);
    const broken = `${good.slice(0, at)}${entry.replace('           value', '          value')}${good.slice(at + entry.length)}`;
    const line = good.slice(0, at).split('\n').length + 1;
    expect(() => parseManifestText(broken, 'complete-demo.yaml')).toThrow(
      `complete-demo.yaml:${line}:1: invalid YAML: Sequence item without - indicator (MISSING_CHAR)`,
    );
  });

  it('refuses a List that is one page of a listing: the objects past it are missing, not absent', () => {
    // What the API returns for ?limit=N (kubectl get --raw, a client's page): metadata.continue names the next page.
    const page = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      metadata: { continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIzfQ', remainingItemCount: 40 },
      items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { X: '1' } }],
    });
    expect(() => parseManifestText(page, 'dump.json')).toThrow(
      new SourceInputError(
        'dump.json: a List that is one page of a listing (its metadata.continue is set): the objects of the later pages are missing; record the listing whole (kubectl get -o yaml reads every page)',
      ),
    );
    const typed = `apiVersion: v1\nkind: ConfigMapList\nmetadata:\n  continue: abc\nitems: []\n`;
    expect(() => parseManifestText(typed, 'maps.yaml')).toThrow(/^maps\.yaml: a List that is one page of a listing/);
    // The last page, and what kubectl prints, have none (or an empty one).
    const whole = `apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: ""\n  continue: ""\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: { name: a }\n`;
    expect(parseManifestText(whole, 'all.yaml')).toHaveLength(1);
  });

  it('refuses a manifest of more documents than any cluster holds before parsing it', () => {
    // A million tiny documents (7 MB, under the recorded-input limit) took the yaml package 40 s and
    // 2 GB: each document is a Document with its own schema, all held at once.
    expect(() => parseManifestText('---\n{}\n'.repeat(1_000_000), 'many.yaml')).toThrow(
      new SourceInputError('many.yaml: more than 100000 YAML documents; a manifest this large is not read'),
    );
    expect(() => parseManifestText('{}\n...\n'.repeat(100_001), 'ended.yaml')).toThrow(/^ended\.yaml: more than 100000 YAML documents/);
    // The fewest characters that many markers take: each, and the line break before the next.
    expect(() => parseManifestText('---\n'.repeat(MAX_MANIFEST_DOCUMENTS + 1), 'bare.yaml')).toThrow(
      /^bare\.yaml: more than 100000 YAML documents/,
    );
    expect(parseManifestText('---\nkind: ConfigMap\n'.repeat(MAX_MANIFEST_DOCUMENTS), 'most.yaml')).toHaveLength(MAX_MANIFEST_DOCUMENTS);
  });

  it('refuses one document too big for the full YAML reader (a List of flow items), before reading it', () => {
    const list = `apiVersion: v1\nkind: List\nitems: [${'{},'.repeat(MAX_YAML_PACKAGE_NODES / 2 + 1)}{}]\n`;
    expect(() => parseManifestText(list, 'list.yaml')).toThrow(
      new RegExp(`^list\\.yaml: over ${MAX_YAML_PACKAGE_NODES} lines and flow items, too many for the full YAML reader`),
    );
  });

  it('says once per file how many documents are not objects it can read, however many there are', () => {
    // A List of 20 million {} (60 MB of JSON) made one error string each, gigabytes before they were cut to 20.
    const errors: string[] = [];
    const inputs = [
      ...Array.from({ length: 1_000_000 }, () => ({ file: 'list.json', object: {} })),
      { file: 'one.yaml', object: 'text' },
      ...Array.from({ length: 3 }, () => ({ file: 'list.json', object: { kind: 'ConfigMap', metadata: {} } })),
      { file: 'one.yaml', object: { kind: 'Secret' } },
    ];
    expect(indexObjects(inputs, errors)).toEqual([]);
    expect(errors).toEqual([
      'list.json: 1000000 documents are not Kubernetes objects (no kind)',
      'one.yaml: a document is not a Kubernetes object (no kind)',
      'list.json: 3 ConfigMaps have no metadata.name',
      'one.yaml: a Secret has no metadata.name',
    ]);
  });

  it('refuses a JSON manifest of more values than a real one holds, before parsing it', () => {
    // A List of 20 million {} (60 MB) took 37 s and 3.3 GB to parse and index.
    const list = `{"kind": "List", "items": [${'{},'.repeat(4_000_001)}{}]}`;
    expect(() => parseManifestText(list, 'list.json')).toThrow(
      new SourceInputError('list.json: over 4000000 JSON values (objects, lists and items), too many to read'),
    );
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(() => parseManifestText(bomb.join('\n'), 'bomb.yaml')).toThrow(/^bomb\.yaml:1:1: too many YAML aliases/);
  });
});

describe('kubelet $(VAR) expansion', () => {
  const vars: Record<string, { text: string; secret: boolean }> = {
    A: { text: 'aa', secret: false },
    S: { text: 'pw', secret: true },
    E: { text: '', secret: false },
  };
  it.each([
    ['plain', 'plain', false],
    ['$(A)', 'aa', false],
    ['x-$(A)-$(A)', 'x-aa-aa', false],
    ['$$(A)', '$(A)', false],
    ['$$$(A)', '$aa', false],
    ['$$', '$', false],
    ['$', '$', false],
    ['a$b', 'a$b', false],
    ['$(MISSING)', '$(MISSING)', false],
    ['$()', '$()', false],
    ['$(A', '$(A', false],
    ['$(E)x', 'x', false],
    ['u:$(S)@h', 'u:pw@h', true],
    ['$$(S)', '$(S)', false],
  ])('%s → %s', (input, want, secret) => {
    expect(expandVars(input, (n) => vars[n])).toMatchObject({ text: want, secret });
  });

  it('says where in the result each secret landed', () => {
    expect(expandVars('u:$(S)@h/$(A)?p=$(S)', (n) => vars[n])?.secretSpans).toEqual([
      { start: 2, end: 4 },
      { start: 12, end: 14 },
    ]);
  });
});

describe('env precedence, as the kubelet builds it', () => {
  const objects = `
apiVersion: v1
kind: ConfigMap
metadata: { name: api-config }
data:
  LOG_LEVEL: INFO
  DB_TIMEOUT: "10s"
  "BAD=KEY": x
  API_TOKEN: looks-secret
---
apiVersion: v1
kind: Secret
metadata: { name: api-secrets, namespace: api }
data:
  DB_PASSWORD: ${b64(CANARY)}
  SHARED: ${b64('from-data')}
stringData:
  SHARED: from-stringData
  PLAIN_IN_SECRET: visible?
---
`;
  const r = k8s(
    objects +
      deployment(`          envFrom:
            - configMapRef: { name: api-config }
            - secretRef: { name: api-secrets }
            - configMapRef: { name: api-config }
              prefix: APP_
          env:
            - { name: LOG_LEVEL, value: DEBUG }
            - { name: DB_TIMEOUT, value: 30s }
            - { name: DB_TIMEOUT, value: 45s }
            - { name: EMPTY }
            - { name: GREETING, value: "hi $(LOG_LEVEL) $(LATER) $$(LOG_LEVEL) $(APP_DB_TIMEOUT)" }
            - { name: LATER, value: later }
            - { name: DSN, value: "postgres://app:$(DB_PASSWORD)@db/app" }
            - { name: DSN_ARG, value: "--dsn=$(DSN)" }
`),
    { workload: 'api-server' },
  );

  it('reads without errors', () => {
    expect(r.errors).toEqual([]);
    expect(r.dangling).toEqual([]);
  });

  it('env wins over envFrom, later env entries over earlier ones', () => {
    expect(text(r, 'log.level')).toBe('DEBUG');
    expect(text(r, 'db.timeout')).toBe('45s');
    expect(obs(r, 'db.timeout')?.origin.location).toBe('Deployment api/api-server container server env DB_TIMEOUT');
  });

  it('applies envFrom prefixes before canonicalising, and records the object as the origin', () => {
    expect(text(r, 'app.log.level')).toBe('INFO');
    expect(obs(r, 'app.log.level')).toMatchObject({
      rawKey: 'APP_LOG_LEVEL',
      origin: { location: 'ConfigMap api/api-config LOG_LEVEL (envFrom prefix APP_)' },
    });
    expect(obs(r, 'api.token')?.origin.location).toBe('ConfigMap api/api-config API_TOKEN (envFrom)');
  });

  it('skips keys that are not valid variable names, as the kubelet does', () => {
    expect(r.observations.some((o) => o.rawKey.includes('='))).toBe(false);
  });

  it('an env entry without value is set, empty', () => {
    expect(text(r, 'empty')).toBe('');
  });

  it('expands only earlier variables; $$ escapes; unknown references stay', () => {
    expect(text(r, 'greeting')).toBe('hi DEBUG $(LATER) $(LOG_LEVEL) 10s');
  });

  it('Secret data is decoded and fingerprinted; stringData overrides data', () => {
    const fp = testFingerprinter();
    expect(value(r, 'db.password')).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId });
    expect(value(r, 'shared')).toEqual({ kind: 'secret', fingerprint: fp.fingerprint('from-stringData'), keyId: fp.keyId });
    expect(value(r, 'plain.in.secret')?.kind).toBe('secret');
  });

  it('a ConfigMap value under a secret-looking name is fingerprinted', () => {
    expect(value(r, 'api.token')?.kind).toBe('secret');
    expect(value(r, 'app.log.level')?.kind).toBe('text');
  });

  it("an expansion that puts a Secret's value in a URL's password hides the password in place, as the URL written with it", () => {
    const fp = testFingerprinter();
    const dsn = value(r, 'dsn');
    expect(dsn).toEqual(contentValue(`postgres://app:${CANARY}@db/app`, fp));
    expect(dsn).toMatchObject({ kind: 'masked', text: `postgres://app:<secret:${fp.fingerprint(CANARY)}>@db/app` });
  });

  it('a variable that expands such a URL in turn takes a secret in, whole', () => {
    const fp = testFingerprinter();
    expect(value(r, 'dsn.arg')).toEqual({
      kind: 'secret',
      fingerprint: fp.fingerprint(`--dsn=postgres://app:${CANARY}@db/app`),
      keyId: fp.keyId,
    });
  });

  it('never shows the canary', () => {
    expect(JSON.stringify(r)).not.toContain(CANARY);
    expect(JSON.stringify(r)).not.toContain(b64(CANARY));
  });
});

describe('an expansion bomb (each variable ten copies of the one before)', () => {
  const levels = Array.from({ length: 10 }, (_, i) =>
    i === 0 ? '            - { name: A0, value: xxxxxxxxxx }' : `            - { name: A${i}, value: "${`$(A${i - 1})`.repeat(10)}" }`,
  );
  const r = k8s(deployment(`          env:\n${levels.join('\n')}\n            - { name: AFTER, value: ok }\n`), { workload: 'api-server' });

  it('stops where one value passes what a container could be started with: an error for that variable, the others read', () => {
    expect(value(r, 'a5')).toMatchObject({ kind: 'large', length: 1_000_000 });
    expect(obs(r, 'a6')).toBeUndefined();
    expect(obs(r, 'a7')).toBeUndefined();
    expect(r.errors).toContain('Deployment api/api-server container server env A6: $(VAR) expansion gives more than 1,048,576 characters');
    expect(text(r, 'after')).toBe('ok');
  });
});

describe('valueFrom and envFrom references', () => {
  const objects = `
kind: ConfigMap
apiVersion: v1
metadata: { name: api-config, namespace: api, resourceVersion: "812" }
data: { LOG_LEVEL: WARN }
binaryData: { BLOB: AAEC }
---
kind: Secret
apiVersion: v1
metadata: { name: db, namespace: api }
data: { password: ${b64(CANARY)} }
---
kind: ConfigMap
apiVersion: v1
metadata: { name: elsewhere, namespace: other }
data: { X: "1" }
---
`;
  const r = k8s(
    objects +
      deployment(`          envFrom:
            - configMapRef: { name: missing-config }
            - secretRef: { name: missing-optional, optional: true }
            - configMapRef: { name: elsewhere }
            - secretRef: { name: missing-secret }
          env:
            - name: LOG_LEVEL
              valueFrom: { configMapKeyRef: { name: api-config, key: LOG_LEVEL } }
            - name: DB_PASS
              valueFrom: { secretKeyRef: { name: db, key: password } }
            - name: NO_KEY
              valueFrom: { configMapKeyRef: { name: api-config, key: NOPE } }
            - name: NO_OBJECT
              valueFrom: { secretKeyRef: { name: gone, key: k } }
            - name: OPTIONAL_GONE
              valueFrom: { configMapKeyRef: { name: gone, key: k, optional: true } }
            - name: BINARY
              valueFrom: { configMapKeyRef: { name: api-config, key: BLOB } }
            - name: POD_NAME
              valueFrom: { fieldRef: { fieldPath: metadata.name } }
            - name: MEM_LIMIT
              valueFrom: { resourceFieldRef: { resource: limits.memory, divisor: 1Mi } }
            - name: GREETING
              value: "pod $(POD_NAME) pw $(DB_PASS)"
`),
    { workload: 'api-server' },
  );

  it('resolves keys of objects in the same namespace, with the object as origin', () => {
    expect(text(r, 'log.level')).toBe('WARN');
    expect(obs(r, 'log.level')?.origin).toMatchObject({
      location: 'Deployment api/api-server container server env LOG_LEVEL (ConfigMap api/api-config key LOG_LEVEL)',
      version: '812',
    });
    expect(value(r, 'db.pass')?.kind).toBe('secret');
  });

  it('reports missing objects and keys as dangling, unless optional', () => {
    const byKey = Object.fromEntries(r.dangling.map((d) => [d.key, d]));
    expect(Object.keys(byKey).sort()).toEqual([
      'binary',
      'envFrom ConfigMap api/elsewhere',
      'envFrom ConfigMap api/missing-config',
      'envFrom Secret api/missing-secret',
      'no.key',
      'no.object',
    ]);
    // A missing Secret is a secret's reference however it is named, as a secretKeyRef's and a volume's are.
    expect(byKey['envFrom Secret api/missing-secret']).toMatchObject({
      detail: 'Secret api/missing-secret not found (envFrom)',
      secret: true,
    });
    expect(byKey['envFrom ConfigMap api/missing-config']?.secret).toBeUndefined();
    expect(byKey['no.key']).toMatchObject({
      target: 'ConfigMap api/api-config key NOPE',
      detail: 'key NOPE not found in ConfigMap api/api-config',
    });
    expect(byKey['no.object']).toMatchObject({ target: 'Secret api/gone key k', detail: 'Secret api/gone not found' });
    expect(byKey.binary?.detail).toMatch(/binaryData/);
    expect(byKey['no.object']?.origin.location).toBe('Deployment api/api-server container server');
    for (const key of ['no.key', 'no.object', 'optional.gone', 'binary', 'x']) expect(value(r, key)).toBeUndefined();
    expect(r.errors).toEqual([]);
  });

  it('fieldRef and resourceFieldRef are references; expansions leave them as written', () => {
    expect(value(r, 'pod.name')).toEqual({ kind: 'ref', target: 'fieldRef:metadata.name' });
    expect(value(r, 'mem.limit')).toEqual({ kind: 'ref', target: 'resourceFieldRef:limits.memory/1Mi' });
    const fp = testFingerprinter();
    expect(value(r, 'greeting')).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(`pod $(POD_NAME) pw ${CANARY}`), keyId: fp.keyId });
  });

  // They were all `<ref:fieldRef:…>`, equal everywhere: a pod label `version: v2` in one environment and `v1` in another read alike.
  it('fieldRef takes what the manifest decides: a pod label or annotation, the service account', () => {
    const r2 = k8s(
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: api-server, namespace: api }
spec:
  template:
    metadata:
      labels: { app: api, app.kubernetes.io/version: "2.4.1" }
      annotations: { team: payments }
    spec:
      serviceAccountName: api-runner
      containers:
        - name: server
          image: example/api:1
          env:
            - { name: NS, valueFrom: { fieldRef: { fieldPath: metadata.namespace } } }
            - { name: VERSION, valueFrom: { fieldRef: { fieldPath: "metadata.labels['app.kubernetes.io/version']" } } }
            - { name: TEAM, valueFrom: { fieldRef: { apiVersion: v1, fieldPath: "metadata.annotations['team']" } } }
            - { name: SA, valueFrom: { fieldRef: { fieldPath: spec.serviceAccountName } } }
            - { name: ADDED, valueFrom: { fieldRef: { fieldPath: "metadata.labels['pod-template-hash']" } } }
            - { name: POD_IP, valueFrom: { fieldRef: { fieldPath: status.podIP } } }
            - { name: URL, value: "http://$(NS).svc/$(VERSION)" }
`,
      { workload: 'api-server' },
    );
    expect(r2.errors).toEqual([]);
    expect([text(r2, 'version'), text(r2, 'team'), text(r2, 'sa'), text(r2, 'url')]).toEqual([
      '2.4.1',
      'payments',
      'api-runner',
      'http://$(NS).svc/2.4.1',
    ]);
    expect(obs(r2, 'version')?.origin.location).toBe(
      "Deployment api/api-server container server env VERSION (fieldRef metadata.labels['app.kubernetes.io/version'])",
    );
    // What a controller adds, or only the running pod knows, stays the reference.
    expect(value(r2, 'added')).toEqual({ kind: 'ref', target: "fieldRef:metadata.labels['pod-template-hash']" });
    expect(value(r2, 'pod.ip')).toEqual({ kind: 'ref', target: 'fieldRef:status.podIP' });
    // The namespace is where the environment lives (as an SSM source's path): the reference, alike everywhere.
    expect(value(r2, 'ns')).toEqual({ kind: 'ref', target: 'fieldRef:metadata.namespace' });
  });

  // They were all `<ref:resourceFieldRef:…>`, equal everywhere: a 2Gi and a 4Gi limit read as the same MEM_LIMIT.
  it('resourceFieldRef takes the value the kubelet computes from the resources the manifest writes', () => {
    const r2 = k8s(
      deployment(`          resources:
            requests: { cpu: 250m }
            limits: { cpu: "2", memory: 1536Mi }
          env:
            - { name: MEM_MB, valueFrom: { resourceFieldRef: { resource: limits.memory, divisor: 1Mi } } }
            - { name: MEM_BYTES, valueFrom: { resourceFieldRef: { resource: limits.memory } } }
            - { name: MEM_GI, valueFrom: { resourceFieldRef: { containerName: server, resource: requests.memory, divisor: 1Gi } } }
            - { name: CPU_REQ, valueFrom: { resourceFieldRef: { resource: requests.cpu } } }
            - { name: CPU_MILLI, valueFrom: { resourceFieldRef: { resource: requests.cpu, divisor: 1m } } }
            - { name: CPU_LIMIT, valueFrom: { resourceFieldRef: { resource: limits.cpu } } }
            - { name: SIDE_MEM, valueFrom: { resourceFieldRef: { containerName: proxy, resource: limits.memory, divisor: 1Mi } } }
            - { name: SIDE_CPU, valueFrom: { resourceFieldRef: { containerName: proxy, resource: limits.cpu } } }
            - { name: DISK, valueFrom: { resourceFieldRef: { resource: limits.ephemeral-storage } } }
            - { name: HEAP, value: "-Xmx$(MEM_MB)m" }
        - name: proxy
          image: example/proxy:1
          resources: { limits: { memory: 64Mi } }
`),
      { workload: 'api-server', container: 'server' },
    );
    expect(r2.errors).toEqual([]);
    expect(text(r2, 'mem.mb')).toBe('1536');
    expect(text(r2, 'mem.bytes')).toBe(String(1536 * 1024 * 1024));
    // No memory request: the API server makes it the limit; 1.5Gi in Gi rounds up.
    expect(text(r2, 'mem.gi')).toBe('2');
    expect(text(r2, 'cpu.req')).toBe('1');
    expect(text(r2, 'cpu.milli')).toBe('250');
    expect(text(r2, 'cpu.limit')).toBe('2');
    expect(text(r2, 'side.mem')).toBe('64');
    expect(text(r2, 'heap')).toBe('-Xmx1536m');
    expect(obs(r2, 'mem.gi')?.origin.location).toBe(
      'Deployment api/api-server container server env MEM_GI (resourceFieldRef requests.memory of server)',
    );
    // A limit the manifest does not write is the node's allocatable (or a LimitRange's default): still the reference.
    expect(value(r2, 'side.cpu')).toEqual({ kind: 'ref', target: 'resourceFieldRef:proxy/limits.cpu' });
    expect(value(r2, 'disk')).toEqual({ kind: 'ref', target: 'resourceFieldRef:limits.ephemeral-storage' });
  });

  it('an optional reference to nothing leaves an envFrom value in place', () => {
    const r2 = k8s(
      objects +
        deployment(`          envFrom: [ { configMapRef: { name: api-config } } ]
          env:
            - name: LOG_LEVEL
              valueFrom: { configMapKeyRef: { name: gone, key: k, optional: true } }
`),
      { workload: 'api-server' },
    );
    expect(text(r2, 'log.level')).toBe('WARN');
    expect(r2.dangling).toEqual([]);
  });

  it('a value that expands a variable from an object not read is unknown: not the text `$(VAR)`, and not an earlier envFrom value', () => {
    const r3 = k8s(
      objects +
        deployment(`          envFrom: [ { configMapRef: { name: api-config } } ]
          env:
            - name: DB_PASS
              valueFrom: { secretKeyRef: { name: unreadable, key: password } }
            - name: DSN
              value: "postgres://app:$(DB_PASS)@db:5432/x"
            - name: LOG_LEVEL
              valueFrom: { secretKeyRef: { name: unreadable, key: level } }
            - name: AFTER
              value: "level $(LOG_LEVEL)"
            - name: PLAIN
              value: "$(DB_USER) stays as written"
`),
      { workload: 'api-server' },
    );
    for (const key of ['db.pass', 'dsn', 'log.level', 'after']) expect(value(r3, key)).toBeUndefined();
    expect(text(r3, 'plain')).toBe('$(DB_USER) stays as written');
    expect(r3.dangling.map((d) => d.key).sort()).toEqual(['db.pass', 'log.level']);
  });

  it('never shows the canary', () => {
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });
});

describe('Secret encodings', () => {
  it('reports invalid base64 by key, never by value, and keeps the rest', () => {
    const r = k8s(
      `kind: Secret
metadata: { name: s }
data:
  BROKEN: "${CANARY}!"
  GOOD: ${b64('ok')}
  MULTILINE: |
    ${b64('wrapped over two lines').slice(0, 16)}
    ${b64('wrapped over two lines').slice(16)}
---
${deployment('          envFrom: [ { secretRef: { name: s } } ]\n')}`,
      { workload: 'api-server', namespace: 'api' },
    );
    expect(r.errors).toEqual(['manifests/app.yaml: Secret api/s data.BROKEN is not valid base64']);
    expect(value(r, 'good')?.kind).toBe('secret');
    const fp = testFingerprinter();
    expect(value(r, 'multiline')).toEqual({ kind: 'secret', fingerprint: fp.fingerprint('wrapped over two lines'), keyId: fp.keyId });
    expect(value(r, 'broken')).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });
});

describe('a secretKeyRef to a key whose value cannot be read', () => {
  it('is the source error it is, not a dangling reference to a key that is there', () => {
    const r = k8s(
      `kind: Secret
metadata: { name: s }
data:
  BROKEN: "${CANARY}!"
---
${deployment('          env:\n            - { name: DB_PASS, valueFrom: { secretKeyRef: { name: s, key: BROKEN } } }\n')}`,
      { workload: 'api-server', namespace: 'api' },
    );
    expect(r.errors).toEqual(['manifests/app.yaml: Secret api/s data.BROKEN is not valid base64']);
    expect(r.dangling).toEqual([]);
    expect(value(r, 'db.pass')).toBeUndefined();
  });
});

describe('workload kinds beyond Deployment, StatefulSet and DaemonSet', () => {
  const manifests = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: cfg }
    data: { LOG_LEVEL: info }
  - apiVersion: batch/v1
    kind: CronJob
    metadata: { name: nightly }
    spec:
      schedule: "0 2 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              containers:
                - name: job
                  env: [ { name: BATCH_SIZE, value: "500" } ]
                  envFrom: [ { prefix: APP_, configMapRef: { name: cfg } } ]
---
apiVersion: batch/v1
kind: Job
metadata: { name: migrate }
spec:
  template:
    spec:
      containers: [ { name: migrate, env: [ { name: DRY_RUN, value: "false" } ] } ]
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    spec:
      containers: [ { name: web, env: [ { name: FEATURE_X, value: "true" } ] } ]
`;
  it.each([
    ['nightly', 'CronJob', { 'app.log.level': 'info', 'batch.size': '500' }],
    ['cronjob/nightly', 'CronJob', { 'app.log.level': 'info', 'batch.size': '500' }],
    ['job/migrate', 'Job', { 'dry.run': 'false' }],
    ['rollout/web', 'Rollout', { 'feature.x': 'true' }],
  ])(
    '%s is read as a %s: its pod template’s variables (replicas and autoscaling only where it runs copies)',
    (workload, kind, expected) => {
      const r = k8s(manifests, { workload });
      expect(r.errors).toEqual([]);
      expect(r.observations.filter((o) => o.key.startsWith('runtime.')).map((o) => o.key)).toEqual(
        kind === 'Rollout' ? ['runtime.replicas', 'runtime.autoscaling.enabled'] : [],
      );
      const keys = r.observations.filter((o) => !o.key.startsWith('runtime.')).map((o) => o.key);
      const values = Object.fromEntries(keys.map((key) => [key, text(r, key)]));
      expect(values).toEqual(expected);
      expect(
        r.observations.find((o) => !o.key.startsWith('runtime.') && !o.origin.location.startsWith('ConfigMap'))?.origin.location,
      ).toContain(kind);
    },
  );

  it('a CronJob without containers names where they were expected', () => {
    const r = k8s(
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: empty }\nspec: { jobTemplate: { spec: { template: { spec: {} } } } }\n',
      {
        workload: 'empty',
      },
    );
    expect(r.errors).toEqual(['CronJob default/empty has no containers (spec.jobTemplate.spec.template.spec.containers)']);
  });
});

describe('workload and container choice', () => {
  const two = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api-server, namespace: api }
spec:
  template:
    spec:
      initContainers: [ { name: migrate, env: [ { name: ONLY_INIT, value: "1" } ] } ]
      containers:
        - { name: server, env: [ { name: ROLE, value: server } ] }
        - { name: envoy, env: [ { name: ROLE, value: proxy } ] }
`;
  it.each([
    [{ workload: 'api-server' }, 'Deployment api/api-server has several containers (server, envoy): set container'],
    [
      { workload: 'api-server', container: 'migrate' },
      'container "migrate" not found in Deployment api/api-server (containers: server, envoy)',
    ],
    [
      { workload: 'api-server', namespace: 'prod' },
      'Deployment|StatefulSet|DaemonSet|CronJob|Job|Rollout "api-server" not found in namespace prod (found: none)',
    ],
    [{ workload: 'statefulset/api-server' }, 'StatefulSet "api-server" not found in namespace default (found: api/api-server)'],
  ])('%j → error', (opts, error) => {
    const r = k8s(two, opts);
    expect(r.errors).toEqual([error]);
    expect(r.observations.filter((o) => !o.key.startsWith('runtime.'))).toEqual([]);
  });

  it('picks the named container', () => {
    const r = k8s(two, { workload: 'deployment/api-server', container: 'envoy' });
    expect(r.errors).toEqual([]);
    expect(text(r, 'role')).toBe('proxy');
    expect(value(r, 'only.init')).toBeUndefined();
  });

  it('a workload name in two namespaces needs a namespace', () => {
    const other = two.replace('namespace: api', 'namespace: web');
    expect(k8s({ 'a.yaml': two, 'b.yaml': other }, { workload: 'api-server', container: 'server' }).errors[0]).toMatch(
      /ambiguous \(Deployment api\/api-server, Deployment web\/api-server\)/,
    );
    expect(k8s({ 'a.yaml': two, 'b.yaml': other }, { workload: 'api-server', container: 'server', namespace: 'web' }).errors).toEqual([]);
  });

  it('objects without a namespace belong to the workload namespace; objects of another namespace do not', () => {
    const r = k8s(
      `kind: ConfigMap
metadata: { name: cfg }
data: { A: "1" }
---
kind: ConfigMap
metadata: { name: cfg, namespace: other }
data: { A: "2" }
---
${deployment('          envFrom: [ { configMapRef: { name: cfg } } ]\n')}`,
      { workload: 'api-server' },
    );
    expect(text(r, 'a')).toBe('1');
  });

  it('a workload without containers is an error, not a throw', () => {
    const r = k8s('kind: Deployment\nmetadata: { name: api-server }\nspec: {}\n', { workload: 'api-server' });
    expect(r.errors).toEqual(['Deployment default/api-server has no containers (spec.template.spec.containers)']);
    expect(text(r, 'runtime.replicas')).toBe('1');
  });
});

describe('runtime keys', () => {
  it.each([
    ['StatefulSet replicas', 'StatefulSet', 'replicas: 3\n  ', { 'runtime.replicas': '3' }],
    ['DaemonSet has no replicas', 'DaemonSet', '', { 'runtime.replicas': undefined }],
    ['Deployment replicas default to 1', 'Deployment', '', { 'runtime.replicas': '1' }],
  ])('%s', (_name, kind, specExtra, expected) => {
    const r = k8s(`kind: ${kind}\nmetadata: { name: w }\nspec:\n  ${specExtra}template: { spec: { containers: [ { name: c } ] } }\n`, {
      workload: 'w',
    });
    for (const [key, want] of Object.entries(expected)) expect(text(r, key)).toBe(want);
  });

  it('requests fall back to limits; values are kept as written', () => {
    const r = k8s(deployment('          resources: { limits: { cpu: 1, memory: 2Gi }, requests: { memory: 512Mi } }\n'), {
      workload: 'api-server',
    });
    expect([text(r, 'runtime.cpu'), text(r, 'runtime.cpu.limit'), text(r, 'runtime.memory'), text(r, 'runtime.memory.limit')]).toEqual([
      '1',
      '1',
      '512Mi',
      '2Gi',
    ]);
    expect(obs(r, 'runtime.cpu')?.origin.location).toMatch(/resources\.limits\.cpu \(no request/);
  });

  it('no resources: no resource keys', () => {
    const r = k8s(deployment(''), { workload: 'api-server' });
    expect(r.observations.map((o) => o.key).filter((k) => /cpu|memory/.test(k))).toEqual([]);
  });

  const hpa = (apiVersion: string, body: string, ns = 'api') => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: { name: api-hpa, namespace: ${ns} }
spec:
${body}
---
`;
  it.each([
    [
      'v2',
      hpa(
        'autoscaling/v2',
        '  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api-server }\n  minReplicas: 2\n  maxReplicas: 10\n  metrics: []',
      ),
      ['true', '2', '10'],
    ],
    [
      'v1, minReplicas defaults to 1',
      hpa(
        'autoscaling/v1',
        '  scaleTargetRef: { kind: Deployment, name: api-server }\n  maxReplicas: 4\n  targetCPUUtilizationPercentage: 80',
      ),
      ['true', '1', '4'],
    ],
    [
      'targeting another workload',
      hpa('autoscaling/v2', '  scaleTargetRef: { kind: Deployment, name: other }\n  maxReplicas: 4'),
      ['false', undefined, undefined],
    ],
    [
      'targeting another kind',
      hpa('autoscaling/v2', '  scaleTargetRef: { kind: StatefulSet, name: api-server }\n  maxReplicas: 4'),
      ['false', undefined, undefined],
    ],
    [
      'in another namespace',
      hpa('autoscaling/v2', '  scaleTargetRef: { kind: Deployment, name: api-server }\n  maxReplicas: 4', 'web'),
      ['false', undefined, undefined],
    ],
    [
      'KEDA ScaledObject',
      'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: { name: so }\nspec: { scaleTargetRef: { name: api-server }, maxReplicaCount: 7 }\n---\n',
      ['true', '0', '7'],
    ],
  ])('HPA %s', (_name, hpaText, [enabled, min, max]) => {
    const r = k8s(hpaText + deployment(''), { workload: 'api-server' });
    expect(r.errors).toEqual([]);
    expect([text(r, 'runtime.autoscaling.enabled'), text(r, 'runtime.autoscaling.min'), text(r, 'runtime.autoscaling.max')]).toEqual([
      enabled,
      min,
      max,
    ]);
  });
});

describe('origins', () => {
  it('version from the rollout revision, else resourceVersion; who/when from annotations, never change-cause', () => {
    const r = k8s(
      deployment(
        '          env: [ { name: A, value: "1" } ]\n',
        `  resourceVersion: "99"
  annotations:
    deployment.kubernetes.io/revision: "7"
    drift.dev/modified-at: "2026-11-20T10:00:00Z"
    drift.dev/modified-by: alice
    kubernetes.io/change-cause: kubectl set env deployment/api-server DB_PASSWORD=${CANARY}
`,
      ),
      { workload: 'api-server' },
    );
    expect(obs(r, 'a')?.origin).toMatchObject({ version: 7, modifiedAt: '2026-11-20T10:00:00Z', modifiedBy: 'alice' });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  it("without a rollout revision, the object's generation, which only its spec moves: not resourceVersion, which every status write moves (an HPA's each night)", () => {
    const hpa = {
      file: 'x.yaml',
      kind: 'HorizontalPodAutoscaler',
      name: 'api',
      body: { metadata: { generation: 3, resourceVersion: '912345' } },
    };
    const later = { ...hpa, body: { metadata: { generation: 3, resourceVersion: '912399' } } };
    expect(objectMeta(hpa).version).toBe(3);
    expect(objectMeta(later).version).toBe(objectMeta(hpa).version);
    // A recording keeps it, so a recorded object reads back at the same version.
    const recorded = k8sObjectAsRead({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', ...hpa.body }) as {
      metadata: unknown;
    };
    expect(objectMeta({ ...hpa, body: recorded as never }).version).toBe(3);
    // A ConfigMap has no generation: its resourceVersion moves only when it is written.
    expect(objectMeta({ file: 'x.yaml', kind: 'ConfigMap', name: 'c', body: { metadata: { resourceVersion: '77' } } }).version).toBe('77');
  });

  it('falls back to the newest managedFields entry that is not status', () => {
    const r = k8s(
      deployment(
        '          env: [ { name: A, value: "1" } ]\n',
        `  resourceVersion: "99"
  managedFields:
    - { manager: kubectl-client-side-apply, operation: Update, time: "2026-11-01T00:00:00Z" }
    - { manager: argocd-controller, operation: Apply, time: "2026-11-19T00:00:00Z" }
    - { manager: kube-controller-manager, operation: Update, subresource: status, time: "2026-11-23T00:00:00Z" }
`,
      ),
      { workload: 'api-server' },
    );
    expect(obs(r, 'a')?.origin).toMatchObject({ version: '99', modifiedAt: '2026-11-19T00:00:00Z', modifiedBy: 'argocd-controller' });
  });

  it("a variable's who and when are its own field's last writer's, as managedFields say, not the object's last write", () => {
    // argocd applied the Deployment and the ConfigMap; at 2 AM `kubectl set env deployment/api-server DB_TIMEOUT=60s`;
    // later `kubectl rollout restart` wrote the template's restartedAt annotation, the object's newest write.
    const env = (names: string[]) => `{ ${names.map((n) => `'k:{"name":"${n}"}': { '.': {}, 'f:name': {}, 'f:value': {} }`).join(', ')} }`;
    const template = (inner: string) => `{ 'f:spec': { 'f:template': ${inner} } }`;
    const container = (names: string[]) => `{ 'f:spec': { 'f:containers': { 'k:{"name":"server"}': { 'f:env': ${env(names)} } } } }`;
    const r = k8s(
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
  namespace: api
  managedFields:
    - { manager: argocd-controller, operation: Apply, time: "2026-11-01T00:00:00Z", fieldsV1: { 'f:data': { 'f:LOG_LEVEL': {} } } }
    - { manager: kubectl-edit, operation: Update, time: "2026-11-21T03:00:00Z", fieldsV1: { 'f:data': { 'f:CACHE_TTL': {} } } }
data: { LOG_LEVEL: INFO, CACHE_TTL: 10m }
---
${deployment(
  `          envFrom: [ { configMapRef: { name: api-config } } ]
          env:
            - { name: A, value: "1" }
            - { name: DB_TIMEOUT, value: 60s }
            - { name: POD_NAME, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
            - { name: UNCLAIMED, value: x }
`,
  `  annotations: { deployment.kubernetes.io/revision: "12" }
  managedFields:
    - manager: argocd-controller
      operation: Apply
      time: "2026-11-01T00:00:00Z"
      fieldsV1: ${template(container(['A', 'POD_NAME', 'DB_TIMEOUT']))}
    - { manager: kubectl-set, operation: Update, time: "2026-11-20T02:13:00Z", fieldsV1: ${template(container(['DB_TIMEOUT']))} }
    - manager: kubectl-rollout
      operation: Update
      time: "2026-11-20T02:20:00Z"
      fieldsV1: ${template("{ 'f:metadata': { 'f:annotations': { 'f:kubectl.kubernetes.io/restartedAt': {} } } }")}
`,
)}`,
      { workload: 'api-server' },
    );
    expect(r.errors).toEqual([]);
    // Both claim DB_TIMEOUT (an Apply keeps its claim on a field another manager changed): the newer writer set the value.
    expect(obs(r, 'db.timeout')?.origin).toMatchObject({ version: 12, modifiedAt: '2026-11-20T02:13:00Z', modifiedBy: 'kubectl-set' });
    expect(obs(r, 'a')?.origin).toMatchObject({ version: 12, modifiedAt: '2026-11-01T00:00:00Z', modifiedBy: 'argocd-controller' });
    expect(obs(r, 'pod.name')?.origin).toMatchObject({ modifiedAt: '2026-11-01T00:00:00Z', modifiedBy: 'argocd-controller' });
    // A variable no entry claims keeps the object's last write.
    expect(obs(r, 'unclaimed')?.origin).toMatchObject({ modifiedAt: '2026-11-20T02:20:00Z', modifiedBy: 'kubectl-rollout' });
    // A ConfigMap's keys too.
    expect(obs(r, 'log.level')?.origin).toMatchObject({ modifiedAt: '2026-11-01T00:00:00Z', modifiedBy: 'argocd-controller' });
    expect(obs(r, 'cache.ttl')?.origin).toMatchObject({ modifiedAt: '2026-11-21T03:00:00Z', modifiedBy: 'kubectl-edit' });
  });
});

describe('broken input: errors returned, never thrown', () => {
  it.each([
    ['a scalar document', [{ file: 'x.yaml', object: 'just text' }]],
    ['null', [{ file: 'x.yaml', object: null }]],
    ['an object without kind', [{ file: 'x.yaml', object: { metadata: { name: 'api-server' } } }]],
    ['a ConfigMap without a name', [{ file: 'x.yaml', object: { kind: 'ConfigMap', data: { A: CANARY } } }]],
    [
      'a Deployment whose spec is a string',
      [{ file: 'x.yaml', object: { kind: 'Deployment', metadata: { name: 'api-server' }, spec: CANARY } }],
    ],
    [
      'containers that are not a list',
      [
        {
          file: 'x.yaml',
          object: { kind: 'Deployment', metadata: { name: 'api-server' }, spec: { template: { spec: { containers: CANARY } } } },
        },
      ],
    ],
    [
      'env and envFrom of wrong shapes',
      [
        {
          file: 'x.yaml',
          object: {
            kind: 'Deployment',
            metadata: { name: 'api-server' },
            spec: {
              template: {
                spec: {
                  containers: [
                    { name: 'c', env: [CANARY, { value: CANARY }, { name: 'OK', valueFrom: CANARY }], envFrom: [{ prefix: CANARY }] },
                  ],
                },
              },
            },
          },
        },
      ],
    ],
    [
      'ConfigMap data of wrong shapes',
      [
        { file: 'x.yaml', object: { kind: 'ConfigMap', metadata: { name: 'c' }, data: { A: { nested: CANARY } } } },
        { file: 'x.yaml', object: { kind: 'Secret', metadata: { name: 's' }, data: CANARY } },
        {
          file: 'x.yaml',
          object: {
            kind: 'Deployment',
            metadata: { name: 'api-server' },
            spec: {
              template: { spec: { containers: [{ name: 'c', envFrom: [{ configMapRef: { name: 'c' } }, { secretRef: { name: 's' } }] }] } },
            },
          },
        },
      ],
    ],
  ])('%s', (_name, objects) => {
    const r = parseK8s(objects, { workload: 'api-server' }, ctx);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });
});

describe('an env value that is a mapping or a list (a broken recording: the API server refuses it)', () => {
  const r = k8s(
    deployment(
      `          env:\n            - { name: SHAPE, value: { a: 1 } }\n            - { name: USES, value: "$(SHAPE)/x" }\n            - { name: PORT, value: 8080 }\n`,
    ),
    { workload: 'api-server' },
  );

  it('is an error naming the variable, and its value is unknown, not the empty text; the others are read', () => {
    expect(r.errors).toEqual(['Deployment api/api-server container server env SHAPE: value is not text (a mapping or a list)']);
    expect(obs(r, 'shape')).toBeUndefined();
    expect(obs(r, 'uses')).toBeUndefined();
    expect(text(r, 'port')).toBe('8080');
  });
});

describe('replicas and resources that are a mapping or a list (a broken recording)', () => {
  const manifest = deployment(
    '          resources:\n            requests: { cpu: { a: 1 }, memory: 256Mi }\n            limits: { cpu: "1", memory: [1] }\n',
  ).replace('spec:\n  template:', 'spec:\n  replicas: { count: 3 }\n  template:');
  const r = k8s(manifest, { workload: 'api-server' });

  it('are errors naming the field, and the keys unknown: never the default of 1 replica, nor the limit for the request', () => {
    expect(r.errors).toEqual([
      'Deployment api/api-server container server resources.requests.cpu is not a number or a quantity (a mapping or a list)',
      'Deployment api/api-server container server resources.limits.memory is not a number or a quantity (a mapping or a list)',
      'Deployment api/api-server spec.replicas is not a number or a quantity (a mapping or a list)',
    ]);
    expect(obs(r, 'runtime.replicas')).toBeUndefined();
    expect(obs(r, 'runtime.cpu')).toBeUndefined();
    expect(text(r, 'runtime.cpu.limit')).toBe('1');
    expect(text(r, 'runtime.memory')).toBe('256Mi');
    expect(obs(r, 'runtime.memory.limit')).toBeUndefined();
  });
});
