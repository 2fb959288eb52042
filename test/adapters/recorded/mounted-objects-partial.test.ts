import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RecordedSourceCollector } from '../../../lambdas/adapters/recorded/recorded-collector';
import { RECORDING_MANIFEST, recordingManifest } from '../../../lambdas/adapters/recording-manifest';
import type { SourceSpec } from '../../../lambdas/core/estate/model';
import { eksFiles } from '../../../lambdas/core/source-kinds/file-forms/eks';
import { k8sFiles } from '../../../lambdas/core/source-kinds/file-forms/k8s';
import type { SpecOf } from '../../../lambdas/core/source-kinds/registry';
import { testContext, testLabel } from '../../helpers/context';

// Recordings made before drift fetched the objects a container only mounts, and what a team captures with
// kubectl for an `eks` source (the workload and the objects its env names), may lack those objects: one
// absent there is unknown, not a pod that cannot start. What they do hold is judged all the same.
const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: api
          envFrom: [{ configMapRef: { name: env } }]
          volumeMounts:
            - { name: tls, mountPath: /etc/tls }
            - { name: files, mountPath: /etc/app }
            - { name: files, mountPath: /etc/app.conf, subPath: app.conf }
      volumes:
        - { name: tls, secret: { secretName: api-tls } }
        - { name: files, configMap: { name: files, items: [{ key: app.properties, path: app.properties }, { key: gone, path: gone }] } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: env, namespace: shop }
data: { LOG_LEVEL: info }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: files, namespace: shop }
data: { app.properties: "a=1" }
`;

/** A format-1 manifest, as the builds before format 2 wrote it. */
const FORMAT_1 = `${JSON.stringify({ recordedBy: 'drift snapshot --record', format: 1, fingerprintKeyId: 'k1' }, null, 2)}\n`;

let base: string;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'drift-mounts-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const write = (rel: string, text: string): void => {
  mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
  writeFileSync(path.join(base, rel), text);
};

/** The dangling targets of the source, and its errors (none expected). */
async function dangling(type: 'k8s' | 'eks', from: string): Promise<string[]> {
  const fields = { workload: 'api', container: 'api', namespace: 'shop', from: [from] };
  const spec = (type === 'k8s' ? { type, index: 0, ...fields } : { type, index: 0, cluster: 'c', ...fields }) as SourceSpec;
  const s = await new RecordedSourceCollector({ baseDir: base }).collect(spec, testLabel(type), testContext(testLabel(type)));
  expect(s.errors).toEqual([]);
  return s.dangling.map((d) => d.target).sort();
}

const FILES_KEY = 'ConfigMap shop/files key gone';
const SUBPATH = 'volume files path app.conf';

describe('objects only mounted, where what was read may not hold them', () => {
  test('an older recording (format 1): the absent mounted Secret is unknown; the keys and files of the ConfigMap it holds are judged', async () => {
    write(RECORDING_MANIFEST, FORMAT_1);
    write('prod/01-k8s/manifest.yaml', MANIFEST);
    expect(await dangling('k8s', 'prod/01-k8s/manifest.yaml')).toEqual([FILES_KEY, SUBPATH]);
  });

  test('a recording that holds the mounted objects (this build writes it so): the absent Secret dangles', async () => {
    write(RECORDING_MANIFEST, recordingManifest('k1'));
    write('prod/01-k8s/manifest.yaml', MANIFEST);
    expect(await dangling('k8s', 'prod/01-k8s/manifest.yaml')).toEqual([FILES_KEY, 'Secret shop/api-tls', SUBPATH]);
  });

  test('a source folder the recording says was read partially (a kubectl capture recorded) stays partial; the others do not', async () => {
    write(RECORDING_MANIFEST, recordingManifest('k1', ['prod/01-k8s']));
    write('prod/01-k8s/manifest.yaml', MANIFEST);
    write('prod/01-k8s-other/manifest.yaml', MANIFEST);
    expect(await dangling('k8s', 'prod/01-k8s/manifest.yaml')).toEqual([FILES_KEY, SUBPATH]);
    expect(await dangling('k8s', 'prod/01-k8s-other/manifest.yaml')).toEqual([FILES_KEY, 'Secret shop/api-tls', SUBPATH]);
  });

  test('an eks capture (`from:`) without the mounted Secret: unknown; a k8s folder outside any recording judges it', async () => {
    write('capture/prod.yaml', MANIFEST);
    expect(await dangling('eks', 'capture/prod.yaml')).toEqual([FILES_KEY, SUBPATH]);
    expect(await dangling('k8s', 'capture/prod.yaml')).toEqual([FILES_KEY, 'Secret shop/api-tls', SUBPATH]);
  });

  test('an object the env names too was captured if it is there: absent, it dangles as a volume too', async () => {
    write('capture/prod.yaml', MANIFEST.replace('configMapRef: { name: env }', 'secretRef: { name: api-tls }'));
    expect(await dangling('eks', 'capture/prod.yaml')).toEqual([FILES_KEY, 'Secret shop/api-tls', 'Secret shop/api-tls', SUBPATH]);
  });
});

describe('what a live read could not see (the Role would not show it), recorded', () => {
  const WITHOUT_ENV = MANIFEST.replace(
    /---\napiVersion: v1\nkind: ConfigMap\nmetadata: \{ name: env, namespace: shop \}\ndata: \{ LOG_LEVEL: info \}\n/,
    '',
  );

  async function read(from: string): Promise<{ dangling: string[]; errors: string[] }> {
    const spec = { type: 'k8s', index: 0, workload: 'api', container: 'api', namespace: 'shop', from: [from] } as SourceSpec;
    const s = await new RecordedSourceCollector({ baseDir: base }).collect(spec, testLabel('k8s'), testContext(testLabel('k8s')));
    return { dangling: s.dangling.map((d) => d.target).sort(), errors: s.errors };
  }

  test('is unknown when read back, with an error saying so, in the source folder the manifest names only', async () => {
    expect(WITHOUT_ENV).not.toContain('name: env,');
    write(RECORDING_MANIFEST, recordingManifest('k1', [], { 'prod/01-k8s': { objects: ['ConfigMap shop/env'], autoscaling: 'unread' } }));
    write('prod/01-k8s/manifest.yaml', WITHOUT_ENV);
    write('prod/02-k8s/manifest.yaml', WITHOUT_ENV);
    expect(await read('prod/01-k8s/manifest.yaml')).toEqual({
      dangling: [FILES_KEY, 'Secret shop/api-tls', SUBPATH],
      errors: [
        'ConfigMap shop/env: not readable when this was recorded (the Role did not allow get on it): what the workload takes from it is unknown',
        'the HorizontalPodAutoscaler of shop/api: not readable when this was recorded (the Role did not allow reading it): whether the workload autoscales is unknown',
      ],
    });
    expect(await read('prod/02-k8s/manifest.yaml')).toEqual({
      dangling: ['ConfigMap shop/env', FILES_KEY, 'Secret shop/api-tls', SUBPATH],
      errors: [],
    });
  });

  test('an entry the manifest does not spell as drift writes it is not read', async () => {
    write(
      RECORDING_MANIFEST,
      recordingManifest('k1').replace('"format": 2', '"format": 2, "unread": {"prod/01-k8s": {"objects": "ConfigMap shop/env"}}'),
    );
    write('prod/01-k8s/manifest.yaml', WITHOUT_ENV);
    expect((await read('prod/01-k8s/manifest.yaml')).dangling).toContain('ConfigMap shop/env');
  });

  test('is kept when the recording is recorded again', () => {
    const ctx = testContext(testLabel('k8s'));
    const k8s = { type: 'k8s', index: 0, workload: 'api', container: 'api', namespace: 'shop', from: ['prod.yaml'] } as SpecOf<'k8s'>;
    const unread = { objects: ['ConfigMap shop/env'], autoscaling: 'unknown' as const };
    const prepared = k8sFiles.recording.prepare(k8s, ctx, {
      files: [{ file: 'prod.yaml', text: WITHOUT_ENV }],
      recording: { mountedObjects: true, unread },
    });
    expect(prepared({ source: ctx.source, observations: [], dangling: [], errors: [] })?.recording.unread).toEqual(unread);
  });
});

describe('recorded again by drift snapshot --record, a partial read stays partial', () => {
  const ctx = testContext(testLabel('k8s'));
  const files = [{ file: 'prod.yaml', text: MANIFEST }];
  const fields = { index: 0, workload: 'api', container: 'api', namespace: 'shop', from: ['prod.yaml'] };
  const final = { source: ctx.source, observations: [], dangling: [], errors: [] };
  const partial = (r: ReturnType<ReturnType<typeof k8sFiles.recording.prepare>>) => r?.recording.mountedMayBeAbsent;

  test('an eks capture, and a k8s source of a recording that lacked them, are written as lacking the mounted objects', () => {
    const eks = { type: 'eks', cluster: 'c', ...fields } as SpecOf<'eks'>;
    expect(partial(eksFiles.recording.prepare(eks, ctx, { files })(final))).toBe(true);
    const k8s = { type: 'k8s', ...fields } as SpecOf<'k8s'>;
    expect(partial(k8sFiles.recording.prepare(k8s, ctx, { files, recording: { mountedObjects: false } })(final))).toBe(true);
    expect(partial(k8sFiles.recording.prepare(k8s, ctx, { files, recording: { mountedObjects: true } })(final))).toBeUndefined();
    expect(partial(k8sFiles.recording.prepare(k8s, ctx, { files })(final))).toBeUndefined();
  });
});
