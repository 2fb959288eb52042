import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { HttpKubeClient, httpKubeClientWithin, KubeApiError } from '../../../../lambdas/adapters/live/eks/kube-client';

// An API server that accepts the TCP connection and never says a word: not even the TLS handshake.

let server: Server;
let port: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer((s) => void sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

const PATH = '/api/v1/namespaces/api/configmaps/c';

async function failure(p: Promise<unknown>): Promise<KubeApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KubeApiError);
  return err as KubeApiError;
}

describe('the Kubernetes client against a server that accepts and never answers', () => {
  test.each([
    ['https', 'the TLS handshake never completes'],
    ['http', 'plain HTTP on loopback, no response'],
  ])('%s (%s): a timeout naming the path', async (protocol) => {
    const before = sockets.length;
    const client = new HttpKubeClient({ endpoint: `${protocol}://127.0.0.1:${port}`, token: 't', timeoutMs: 200 });
    const err = await failure(client.getObject(PATH));
    client.close();
    expect(err.failure).toBe('timeout');
    expect(err.message).toBe(`GET ${PATH}: no answer within 200 ms`);
    expect(sockets.length).toBeGreaterThan(before);
  });

  test('the wiring’s factory gives every client the configured deadline', async () => {
    const client = httpKubeClientWithin(150)(`https://127.0.0.1:${port}`, undefined, 't');
    const err = await failure(client.getObject(PATH));
    client.close?.();
    expect(err.message).toBe(`GET ${PATH}: no answer within 150 ms`);
  });
});
