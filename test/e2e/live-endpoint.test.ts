import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, scratch, TEST_KEY } from '../helpers/cli';

// A stand-in for Parameter Store on 127.0.0.1, speaking the SSM JSON protocol the real SDK client uses.
function fakeSsm(parameters: Array<{ Name: string; Type: string; Value: string; Version: number }>) {
  const targets: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      targets.push(target.replace('AmazonSSM.', ''));
      const input = JSON.parse(body || '{}') as { Names?: string[] };
      const meta = parameters.map(({ Value: _v, ...m }) => ({
        ...m,
        LastModifiedDate: 1_793_000_000,
        LastModifiedUser: 'arn:aws:iam::111111111111:user/alice',
      }));
      const out = target.endsWith('DescribeParameters')
        ? { Parameters: meta }
        : {
            Parameters: parameters.filter((p) => input.Names?.includes(p.Name)).map((p) => ({ ...p, LastModifiedDate: 1_793_000_000 })),
            InvalidParameters: [],
          };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(out));
    });
  });
  return { server, targets };
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/drift.js'), ...args], {
      cwd,
      env: { PATH: process.env.PATH, TMPDIR: os.tmpdir(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('live sources through the CLI, pointed at a local endpoint', () => {
  let server: Server;
  let targets: string[];
  let endpoint: string;
  beforeAll(async () => {
    const fake = fakeSsm([
      { Name: '/prod/api/db_timeout', Type: 'String', Value: '60s', Version: 3 },
      { Name: '/prod/api/db_password', Type: 'SecureString', Value: 'CANARY-s3cr3t-7f1e', Version: 1 },
    ]);
    server = fake.server;
    targets = fake.targets;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('AWS_ENDPOINT_URL_SSM points the live SSM collector at any endpoint; the second run reads no values', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: api\nenvironments:\n  prod:\n    region: us-east-1\n    sources:\n      - ssm: { path: /prod/api/ }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s }\n',
    });
    const env = {
      AWS_ENDPOINT_URL_SSM: endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      DRIFT_FINGERPRINT_KEY: TEST_KEY,
      HOME: dir,
    };
    const first = await run(['audit', '--format', 'json'], dir, env);
    expect(first.stderr).toBe('');
    const doc = JSON.parse(first.stdout);
    expect(doc.findings).toEqual([
      expect.objectContaining({
        kind: 'mismatch',
        environment: 'prod',
        key: 'db.timeout',
        actual: '60s',
        source: expect.objectContaining({
          type: 'ssm',
          location: '/prod/api/db_timeout',
          version: 3,
          modifiedBy: 'arn:aws:iam::111111111111:user/alice',
        }),
      }),
    ]);
    expect(first.code).toBe(0); // a medium mismatch is below the default --fail-on high
    expect(targets).toEqual(['DescribeParameters', 'GetParameters']);

    targets.length = 0;
    const second = await run(['audit', '--format', 'json'], dir, env);
    expect(JSON.parse(second.stdout).findings[0].status).toBe('open');
    expect(targets).toEqual(['DescribeParameters']);
    expect(first.stdout + second.stdout).not.toContain('CANARY-s3cr3t-7f1e');
  });
});
