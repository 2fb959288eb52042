import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake API server answers for one path. */
export interface Route {
  status: number;
  /** Sent as JSON; `raw` is sent as it is. */
  body?: unknown;
  raw?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

/** A Kubernetes API server on 127.0.0.1 that serves named objects and records every request. */
export interface FakeKubeApi {
  url: string;
  requests: RecordedRequest[];
  /** Overrides what one path answers. */
  route(path: string, route: Route): void;
  /** Answers one path with each route in turn, the last one for every request after. */
  routeInTurn(path: string, routes: Route[]): void;
  close(): Promise<void>;
}

const RESOURCES: Record<string, string> = {
  Deployment: '/apis/apps/v1/namespaces/{ns}/deployments/{name}',
  StatefulSet: '/apis/apps/v1/namespaces/{ns}/statefulsets/{name}',
  DaemonSet: '/apis/apps/v1/namespaces/{ns}/daemonsets/{name}',
  CronJob: '/apis/batch/v1/namespaces/{ns}/cronjobs/{name}',
  ConfigMap: '/api/v1/namespaces/{ns}/configmaps/{name}',
  Secret: '/api/v1/namespaces/{ns}/secrets/{name}',
  HorizontalPodAutoscaler: '/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers/{name}',
};

/** The API path of an object, as a real API server would serve it. */
export function pathOf(o: { kind: string; metadata: { name: string; namespace?: string } }): string {
  const template = RESOURCES[o.kind];
  if (!template) throw new Error(`the fake API does not serve ${o.kind}`);
  return template.replace('{ns}', o.metadata.namespace ?? 'default').replace('{name}', o.metadata.name);
}

const notFound = (path: string): Route => ({
  status: 404,
  body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `${path} not found`, reason: 'NotFound', code: 404 },
});

/** Starts the fake server on an ephemeral port, serving `objects` at their API paths. */
export async function startFakeKubeApi(
  objects: Array<{ kind: string; metadata: { name: string; namespace?: string } }>,
): Promise<FakeKubeApi> {
  const routes = new Map<string, Route>();
  const turns = new Map<string, Route[]>();
  for (const o of objects) routes.set(pathOf(o), { status: 200, body: o });
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '';
    requests.push({ method: req.method ?? '', path, headers: req.headers });
    const turn = turns.get(path);
    const r = (turn && (turn.length > 1 ? turn.shift() : turn[0])) ?? routes.get(path) ?? notFound(path);
    res.writeHead(r.status, { 'content-type': 'application/json' });
    res.end(r.raw ?? JSON.stringify(r.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, route) => routes.set(path, route),
    routeInTurn: (path, list) => turns.set(path, [...list]),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
