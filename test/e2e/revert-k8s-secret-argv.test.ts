import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// drift revert of a Kubernetes secret put the value among kubectl's words: `-p '{"data":{"api":"'"$(base64 <
// file)"'"}}'` (base64 is no encryption) and `set env -- API_TOKEN="$(cat file)"`, where `ps` and
// /proc/PID/cmdline show them to every user of the machine while kubectl runs.
const TYPED = 'n3w-s3cret #1 "q" \\ $HOME';
const manifests = (api: string, token: string): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'app',
                  env: [
                    { name: 'API_TOKEN', value: token },
                    { name: 'API_SECRET_KEY', valueFrom: { secretKeyRef: { name: 'web-secrets', key: 'api' } } },
                  ],
                },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'web-secrets', namespace: 'shop' },
        data: { api: Buffer.from(api).toString('base64') },
      },
    ],
  });

const hasJq = spawnSync('jq', ['--version']).status === 0;

describe('drift revert of Kubernetes secrets', () => {
  (hasJq ? it : it.skip).each(['sh', 'bash'])(
    '%s: the value reaches kubectl through a private patch file, never as a word',
    async (shell) => {
      const dir = scratch({
        'drift.yaml': [
          'version: 1',
          'name: web',
          'environments:',
          '  prod: { sources: [ { k8s: { from: k8s.json, workload: web, container: app } } ] }',
          'baseline:',
          '  keys: {}',
          '',
        ].join('\n'),
        'k8s.json': manifests('baseline-api', 'baseline-token'),
      });
      expect((await drift(['adopt', 'prod', 'api.secret.key', 'api.token'], { cwd: dir })).code).toBe(0);
      writeFileSync(path.join(dir, 'k8s.json'), manifests('drifted-api', 'drifted-token'));
      const r = await drift(['revert', 'prod', 'api.secret.key', 'api.token'], { cwd: dir });
      expect(r.code).toBe(0);
      // kubectl that prints its words and the patch file it was given, one JSON line a call.
      const stub = path.join(dir, 'kubectl');
      writeFileSync(
        stub,
        `#!${process.execPath}\nconst a = process.argv.slice(2); const f = a[a.indexOf('--patch-file') + 1];\n` +
          `console.log(JSON.stringify({ words: a, patch: a.includes('--patch-file') ? JSON.parse(require('fs').readFileSync(f, 'utf8')) : null }));\n`,
      );
      chmodSync(stub, 0o755);
      // Each prompt reads one typed line.
      const ran = spawnSync(shell, ['-c', r.stdout], {
        cwd: dir,
        encoding: 'utf8',
        input: `${TYPED}\n${TYPED}\n`,
        env: { PATH: `${dir}:${process.env.PATH ?? ''}`, HOME: '/home/nobody' },
      });
      expect(ran.status).toBe(0);
      const calls = ran.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { words: string[]; patch: unknown });
      const encoded = Buffer.from(TYPED).toString('base64');
      for (const c of calls) expect(c.words.join(' ')).not.toMatch(new RegExp(`s3cret|${encoded.slice(0, 12)}`));
      expect(calls).toContainEqual({
        words: ['patch', 'secret/web-secrets', '-n', 'shop', '--type', 'merge', '--patch-file', 'revert-prod-api.secret.key.patch.json'],
        patch: { data: { api: encoded } },
      });
      expect(calls).toContainEqual({
        words: ['patch', 'deployment/web', '-n', 'shop', '--patch-file', 'revert-prod-api.token.patch.json'],
        patch: { spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'API_TOKEN', value: TYPED }] }] } } } },
      });
      expect(readdirSync(dir).filter((f) => f.startsWith('revert-'))).toEqual([]);
      expect(existsSync(path.join(dir, 'revert-prod-api.token.value'))).toBe(false);
    },
  );
});
