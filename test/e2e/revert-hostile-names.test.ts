import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift } from '../helpers/cli';

// Whoever writes the manifests drift reads names the objects, the workloads and the variables; the
// revert plan puts those names into kubectl command lines someone runs with their own credentials.
// A name read as an option (`--server=…`, `--kubeconfig=…`) would send that person's token, and the
// change, to a server the name chose.
const SERVER = '--server=http://127.0.0.1:9/';
const KUBECONFIG = '--kubeconfig=/tmp/elsewhere';

const deployment = (kind: string, name: string, env: object[], envFrom: object[] = []) => ({
  apiVersion: kind === 'Rollout' ? 'argoproj.io/v1alpha1' : 'apps/v1',
  kind,
  metadata: { name, namespace: 'orders' },
  spec: {
    selector: { matchLabels: { app: 'orders' } },
    template: { spec: { containers: [{ name: 'api', image: 'orders:1', env, envFrom }] } },
  },
});

function estate(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-revert-names-'));
  mkdirSync(path.join(dir, 'manifests'));
  const items = [
    deployment(
      'Deployment',
      'orders-api',
      // Kubernetes 1.30 takes any printable ASCII but = as a variable's name.
      [
        { name: '--as', value: 'someone' },
        { name: 'MODE', valueFrom: { secretKeyRef: { name: KUBECONFIG, key: 'MODE' } } },
      ],
      [{ configMapRef: { name: SERVER } }],
    ),
    deployment('Rollout', SERVER, [], [{ configMapRef: { name: 'shared' } }]),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: SERVER, namespace: 'orders' }, data: { LOG_LEVEL: 'debug' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', namespace: 'orders' }, data: { COLOUR: 'red' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: KUBECONFIG, namespace: 'orders' }, data: { MODE: 'YWJj' } },
  ];
  writeFileSync(path.join(dir, 'manifests/all.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  writeFileSync(
    path.join(dir, 'drift.yaml'),
    [
      'version: 1',
      'name: orders',
      'environments:',
      '  prod:',
      '    sources:',
      '      - k8s: { from: manifests/, workload: orders-api, container: api }',
      '  canary:',
      '    sources:',
      `      - k8s: { from: manifests/, workload: ${JSON.stringify(`rollout/${SERVER}`)}, container: api }`,
      'baseline:',
      '  keys:',
      '    log.level: { value: info }',
      '    mode: { value: strict }',
      '    as: { value: admin }',
      '    colour: { value: blue }',
      '',
    ].join('\n'),
  );
  mkdirSync(path.join(dir, 'bin'));
  const stub = path.join(dir, 'bin', 'kubectl');
  writeFileSync(stub, `#!${process.execPath}\nconsole.log(JSON.stringify(process.argv.slice(2)));\n`);
  chmodSync(stub, 0o755);
  return dir;
}

// The options drift's kubectl commands give, and whether each takes the next word (pflag's reading).
const OPTIONS: Record<string, boolean> = { '-n': true, '-c': true, '--type': true, '-p': true, '--patch-file': true };

/** The options kubectl reads in `args`, as pflag does: up to `--`, a word starting with `-` is one. */
function optionsRead(args: string[]): string[] {
  const read: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') continue;
    read.push(a);
    if (OPTIONS[a]) i++;
  }
  return read;
}

describe('drift revert with hostile Kubernetes names', () => {
  const dir = estate();

  it.each([
    ['prod', ['log.level', 'mode', 'as']],
    ['canary', ['colour']],
  ])('no name from the manifests is read by kubectl as an option (%s)', async (env, keys) => {
    const r = await drift(['revert', env, ...keys], { cwd: dir });
    expect(r.code).toBe(0);
    const ran = spawnSync('sh', ['-c', r.stdout], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: '/home/nobody' },
    });
    expect(ran.stderr).toBe('');
    const calls = ran.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[]);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) for (const option of optionsRead(call)) expect(Object.keys(OPTIONS)).toContain(option);
    const words = calls.flat();
    expect(words.some((w) => w.includes('127.0.0.1:9') || w.includes('/tmp/elsewhere') || w.startsWith('--as'))).toBe(true);
  });
});

describe('drift revert of a Secret whose key the manifests name', () => {
  // A right-to-left override, a C1 CSI and a history expansion an interactive bash or zsh would act on.
  const KEY = 'MO\u202eDE!rm\u009b2J';

  function secretEstate(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-revert-secret-key-'));
    mkdirSync(path.join(dir, 'manifests'));
    const items = [
      deployment('Deployment', 'orders-api', [{ name: 'MODE', valueFrom: { secretKeyRef: { name: 'orders', key: KEY } } }]),
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'orders', namespace: 'orders' }, data: { [KEY]: 'YWJj' } },
    ];
    writeFileSync(path.join(dir, 'manifests/all.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
    writeFileSync(
      path.join(dir, 'drift.yaml'),
      [
        'version: 1',
        'name: orders',
        'environments:',
        '  prod:',
        '    sources:',
        '      - k8s: { from: manifests/, workload: orders-api, container: api }',
        'baseline:',
        '  keys:',
        '    mode: { value: strict }',
        '',
      ].join('\n'),
    );
    mkdirSync(path.join(dir, 'bin'));
    // kubectl that prints its words, and after them the patch file it was given (removed once the plan ran).
    const stub = path.join(dir, 'bin', 'kubectl');
    writeFileSync(
      stub,
      `#!${process.execPath}\nconst a = process.argv.slice(2); const f = a.indexOf('--patch-file');\n` +
        `console.log(JSON.stringify(f < 0 ? a : [...a, require('fs').readFileSync(a[f + 1], 'utf8')]));\n`,
    );
    chmodSync(stub, 0o755);
    return dir;
  }

  it.each([
    ['sh', ['-c']],
    ['an interactive bash', ['--norc', '--noprofile', '-i']],
  ])('the patch names the key as written, raw in no character, under %s', async (_shell, args) => {
    const dir = secretEstate();
    const r = await drift(['revert', 'prod', 'mode'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0080-\u009f\p{Cf}]/u);
    const bash = args[0] !== '-c';
    const ran = spawnSync(bash ? 'bash' : 'sh', bash ? args : [...args, r.stdout], {
      cwd: dir,
      encoding: 'utf8',
      input: bash ? r.stdout : undefined,
      env: { PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: '/home/nobody', HISTFILE: '/dev/null' },
    });
    const patch = ran.stdout
      .split('\n')
      .filter((l) => l.startsWith('["patch"'))
      .map((l) => JSON.parse(l) as string[]);
    expect(patch).toHaveLength(1);
    const body = JSON.parse(patch[0]!.at(-1)!) as { data: Record<string, string> };
    expect(body.data).toEqual({ [KEY]: Buffer.from('strict').toString('base64') });
  });
});
