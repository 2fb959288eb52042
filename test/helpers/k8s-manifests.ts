import { parseK8s, parseManifestText, type K8sOptions } from '../../lambdas/core/sources/k8s';
import type { SourceParseResult } from '../../lambdas/core/sources/result';
import type { Value } from '../../lambdas/core/values/value';
import { testContext, testLabel } from './context';

export const CANARY = 'CANARY-s3cr3t-7f1e';
export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
export const ctx = testContext(testLabel('k8s', 'k8s manifests/ api-server'));

/** Parses YAML manifests (one string per file) and reads the workload. */
export function k8s(files: string | Record<string, string>, opts: K8sOptions): SourceParseResult {
  const all = typeof files === 'string' ? { 'manifests/app.yaml': files } : files;
  const objects = Object.entries(all).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
  return parseK8s(objects, opts, ctx);
}

/** The observation of a key that applies: the last of it (an env list's repeated name is listed earlier too). */
export const obs = (r: SourceParseResult, key: string) => r.observations.filter((o) => o.key === key).at(-1);
export const value = (r: SourceParseResult, key: string): Value | undefined => obs(r, key)?.value;
/** The plain text of a key, `undefined` when absent, or the value's kind when it is not text. */
export function text(r: SourceParseResult, key: string): string | undefined {
  const v = value(r, key);
  if (!v) return undefined;
  return v.kind === 'text' ? v.text : `<${v.kind}>`;
}

/** A Deployment `api-server` in namespace `api` with one container `server`. */
export function deployment(container: string, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-server
  namespace: api
${extra}spec:
  template:
    spec:
      containers:
        - name: server
          image: example/api:1
${container}`;
}

/**
 * A Deployment `api` in namespace `shop` whose container `api` mounts `mounts` from the pod's `volumes`
 * (each a YAML flow list); `moreContainers` is listed after it, as YAML list items.
 */
export const mountingDeployment = (mounts: string, volumes: string, moreContainers = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    spec:
      containers:
        - name: api
          volumeMounts: ${mounts}
${moreContainers}      volumes: ${volumes}
`;
