import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpKubeClient } from '../../../../lambdas/adapters/live/eks/kube-client';
import { RateLimiter } from '../../../../lambdas/adapters/live/rate-limiter';

// An API server under API Priority and Fairness: 429 with Retry-After until the wait it asked for has passed.
let server: http.Server;
let url: string;
let virtualNow = 0;
let notBefore = 0;
const answers: number[] = [];

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    if (virtualNow < notBefore || answers.length === 0) {
      if (answers.length === 0) notBefore = virtualNow + 5_000;
      answers.push(429);
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '5' });
      res.end(JSON.stringify({ kind: 'Status', code: 429, reason: 'TooManyRequests' }));
      return;
    }
    answers.push(200);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'ConfigMap', metadata: { name: 'c' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('a 429 from the Kubernetes API', () => {
  test('is retried after the Retry-After it gives, not sooner: the read succeeds', async () => {
    const clock = { now: () => virtualNow, sleep: async (ms: number) => void (virtualNow += ms) };
    // The backoff's jitter at its largest: still well under the 5 s the server asks for.
    const limiter = new RateLimiter({ kubernetes: { rate: 100, burst: 100, concurrency: 4 } }, clock, () => 1);
    const kube = new HttpKubeClient({ endpoint: url, token: 'k8s-aws-v1.abc' });
    try {
      const got = await limiter.limit('kubernetes', () => kube.getObject('/api/v1/namespaces/api/configmaps/c'));
      expect(got.status).toBe(200);
      expect(answers).toEqual([429, 200]);
      expect(virtualNow).toBeGreaterThanOrEqual(5_000);
    } finally {
      kube.close();
    }
  });
});
