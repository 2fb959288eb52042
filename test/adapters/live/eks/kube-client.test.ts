import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpKubeClient, KubeApiError } from '../../../../lambdas/adapters/live/eks/kube-client';
import { CANARY } from '../../../helpers/k8s-manifests';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let server: http.Server;
let url: string;
let handler: Handler;
const seen: http.IncomingMessage[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

const client = (over: Partial<ConstructorParameters<typeof HttpKubeClient>[0]> = {}) =>
  new HttpKubeClient({ endpoint: url, token: 'k8s-aws-v1.abc', ...over });
const json =
  (status: number, body: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

/** The rejection of `p`, checked to be a KubeApiError that never quotes the body. */
async function failure(p: Promise<unknown>): Promise<KubeApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KubeApiError);
  expect(JSON.stringify(err) + String(err) + (err as Error).stack).not.toContain(CANARY);
  return err as KubeApiError;
}

const secretBody = { kind: 'Secret', metadata: { name: 's' }, data: { password: Buffer.from(CANARY).toString('base64') }, note: CANARY };
const PATH = '/api/v1/namespaces/api/secrets/s';

describe('HttpKubeClient', () => {
  test('GETs with the bearer token, JSON accept and its user agent, and returns the parsed body', async () => {
    handler = json(200, { kind: 'ConfigMap', metadata: { name: 'c' } });
    const c = client();
    await expect(c.getObject('/api/v1/namespaces/api/configmaps/c')).resolves.toEqual({
      status: 200,
      body: { kind: 'ConfigMap', metadata: { name: 'c' } },
    });
    c.close();
    const req = seen[0]!;
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/api/v1/namespaces/api/configmaps/c');
    expect(req.headers.authorization).toBe('Bearer k8s-aws-v1.abc');
    expect(req.headers.accept).toBe('application/json');
    expect(req.headers['user-agent']).toBe('drift');
  });

  test('404 is a status, not an error', async () => {
    handler = json(404, { kind: 'Status', reason: 'NotFound', code: 404 });
    await expect(client().getObject(PATH)).resolves.toEqual({ status: 404 });
  });

  test('401 says the token was refused; 403 that the Role does not allow get; both name the path, not the body', async () => {
    handler = json(401, { kind: 'Status', message: CANARY });
    const unauthorized = await failure(client().getObject(PATH));
    expect(unauthorized.failure).toBe('token-refused');
    expect(unauthorized.message).toContain(PATH);
    expect(unauthorized.message).toMatch(/refused the token/);

    handler = json(403, { kind: 'Status', message: `secrets "s" is forbidden ${CANARY}` });
    const forbidden = await failure(client().getObject(PATH));
    expect(forbidden.failure).toBe('forbidden');
    expect(forbidden.message).toContain(PATH);
    expect(forbidden.message).toMatch(/does not allow get/);
  });

  test('other statuses name the path and the status, never the body', async () => {
    handler = json(500, secretBody);
    const err = await failure(client().getObject(PATH));
    expect(err.message).toBe(`GET ${PATH}: HTTP 500`);
    expect(err.status).toBe(500);
  });

  test('a body that is not JSON fails without quoting it', async () => {
    handler = (_req, res) => res.end(`not json ${CANARY}`);
    expect((await failure(client().getObject(PATH))).failure).toBe('not-json');
  });

  test('caps the response size, whether declared or streamed', async () => {
    handler = json(200, secretBody);
    expect((await failure(client({ maxBytes: 64 }).getObject(PATH))).failure).toBe('too-large');
    handler = (_req, res) => {
      res.writeHead(200); // chunked: no content-length
      res.write(`{"a":"${'x'.repeat(100)}`);
      res.end(`${CANARY}"}`);
    };
    expect((await failure(client({ maxBytes: 64 }).getObject(PATH))).failure).toBe('too-large');
  });

  test('gives up after its timeout', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    const err = await failure(client({ timeoutMs: 200 }).getObject(PATH));
    expect(err.failure).toBe('timeout');
    expect(err.message).toContain(PATH);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('an unreachable server is an error naming the path and the cause', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(new HttpKubeClient({ endpoint: `http://127.0.0.1:${port}`, token: 't' }).getObject(PATH));
    expect(err.failure).toBe('network');
    expect(err.message).toBe(`GET ${PATH}: cannot reach the API server (ECONNREFUSED)`);
  });

  test('never sends the token over plain HTTP to anything but a loopback test server', () => {
    expect(() => new HttpKubeClient({ endpoint: 'http://api.example.com', token: 't' })).toThrow(KubeApiError);
    expect(
      () =>
        new HttpKubeClient({
          endpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
          token: 't',
          caData: Buffer.from('-----BEGIN CERTIFICATE-----\n').toString('base64'),
        }),
    ).not.toThrow();
  });
});
