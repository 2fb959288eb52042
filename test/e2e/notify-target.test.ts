import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyOfExamples, drift } from '../helpers/cli';

// The findings and the webhook's secret path go only where the installation chose, over https:
// a changed environment variable must not send them in the clear or to another host.
describe('drift audit --notify posts a digest only to an allowed https host', () => {
  let server: Server;
  let hits = 0;
  let port = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each([
    ['plain http to a host', 'http://hooks.slack.com/services/T0/B0/CANARYpath', {}, /uses plain http: a digest is sent over https only/],
    ['plain http to loopback not listed', () => `http://127.0.0.1:${port}/services/T0/B0/CANARYpath`, {}, /uses plain http/],
    [
      'https to another host',
      'https://collector.example.com/services/T0/B0/CANARYpath',
      {},
      /points at collector\.example\.com, which is not among the allowed hosts \(hooks\.slack\.com; set DRIFT_SLACK_WEBHOOK_HOSTS/,
    ],
    [
      'https to a host not in the list',
      'https://hooks.slack.com/services/T0/B0/CANARYpath',
      { DRIFT_SLACK_WEBHOOK_HOSTS: 'chat.example.com' },
      /points at hooks\.slack\.com/,
    ],
    [
      'plain http to a listed host that is not loopback',
      'http://chat.example.com/hook/CANARYpath',
      { DRIFT_SLACK_WEBHOOK_HOSTS: 'chat.example.com' },
      /uses plain http/,
    ],
  ])('refuses %s before collecting anything, never quoting the URL', async (_name, url, env, message) => {
    const r = await drift(['audit', '--notify'], {
      cwd: copyOfExamples(),
      env: { DRIFT_SLACK_WEBHOOK_URL: typeof url === 'function' ? url() : url, ...env },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout + r.stderr).not.toContain('CANARYpath');
    expect(hits).toBe(0);
  });

  it('sends to a loopback address listed explicitly (a test or a local relay)', async () => {
    const r = await drift(['audit', '--notify'], {
      cwd: copyOfExamples(),
      env: { DRIFT_SLACK_WEBHOOK_URL: `http://127.0.0.1:${port}/services/T0/B0/x`, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' },
    });
    expect(r.stderr).toBe('');
    expect(hits).toBe(1);
  });
});
