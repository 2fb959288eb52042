import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadEstate } from '../../lambdas/adapters/estate-file';
import { copyOfExamples, EXAMPLES, scratch, TEST_KEY } from '../helpers/cli';

// Each module below notes when it is first loaded, then loads as usual: what a command loads is what
// its start-up costs, so a command must load only what it runs.
const mockLoaded: string[] = [];
function mockNoted(name: string, actual: string): unknown {
  mockLoaded.push(name);
  return jest.requireActual(actual);
}
jest.mock('../../lambdas/cli/commands/audit', () => mockNoted('audit command', '../../lambdas/cli/commands/audit'));
jest.mock('../../lambdas/cli/commands/validate', () => mockNoted('validate command', '../../lambdas/cli/commands/validate'));
jest.mock('../../lambdas/cli/commands/publish', () => mockNoted('publish command', '../../lambdas/cli/commands/publish'));
jest.mock('../../lambdas/cli/notify', () => mockNoted('notify', '../../lambdas/cli/notify'));
jest.mock('../../lambdas/adapters/live/live-collector', () => mockNoted('live collector', '../../lambdas/adapters/live/live-collector'));
jest.mock('../../lambdas/core/source-kinds/file-forms/file', () =>
  mockNoted('file form', '../../lambdas/core/source-kinds/file-forms/file'),
);
jest.mock('../../lambdas/core/source-kinds/file-forms/dotenv', () =>
  mockNoted('dotenv form', '../../lambdas/core/source-kinds/file-forms/dotenv'),
);
jest.mock('../../lambdas/core/source-kinds/file-forms/ssm', () => mockNoted('ssm form', '../../lambdas/core/source-kinds/file-forms/ssm'));
jest.mock('../../lambdas/core/source-kinds/file-forms/ecs', () => mockNoted('ecs form', '../../lambdas/core/source-kinds/file-forms/ecs'));
jest.mock('../../lambdas/core/source-kinds/file-forms/eks', () => mockNoted('eks form', '../../lambdas/core/source-kinds/file-forms/eks'));
jest.mock('../../lambdas/core/source-kinds/file-forms/k8s', () => mockNoted('k8s form', '../../lambdas/core/source-kinds/file-forms/k8s'));
jest.mock('../../lambdas/core/source-kinds/file-forms/secretsmanager', () =>
  mockNoted('secretsmanager form', '../../lambdas/core/source-kinds/file-forms/secretsmanager'),
);
jest.mock('../../lambdas/core/source-kinds/file-forms/appconfig', () =>
  mockNoted('appconfig form', '../../lambdas/core/source-kinds/file-forms/appconfig'),
);
jest.mock('@aws-sdk/client-ssm', () => mockNoted('SSM client', '@aws-sdk/client-ssm'));
jest.mock('@aws-sdk/client-dynamodb', () => mockNoted('DynamoDB client', '@aws-sdk/client-dynamodb'));

/** What `run` loads, in a module registry of its own (as a fresh `drift` process would start). */
async function loadedBy(run: (cli: typeof import('../helpers/cli')) => Promise<unknown>): Promise<string[]> {
  mockLoaded.length = 0;
  await jest.isolateModulesAsync(async () => {
    await run(await import('../helpers/cli'));
  });
  return [...mockLoaded].sort();
}

describe('the CLI loads what a command runs, and nothing else', () => {
  test('--version and --help load no command', async () => {
    expect(
      await loadedBy(async ({ drift }) => {
        expect((await drift(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
        expect((await drift(['--help'])).stdout).toContain('validate');
        expect((await drift(['audit', '--help'])).stdout).toContain('--format <format>');
      }),
    ).toEqual([]);
  });

  test('validate loads its command only: no store, no live collector, no AWS SDK', async () => {
    expect(await loadedBy(async ({ drift }) => expect((await drift(['validate', '-c', 'examples/drift.yaml'])).code).toBe(0))).toEqual([
      'validate command',
    ]);
  });

  test("audit --no-store of a recorded estate loads neither the store, the live collectors nor Slack and SNS; of the sources' file forms, its kinds' groups'", async () => {
    expect(
      await loadedBy(async ({ drift }) =>
        expect((await drift(['audit', '--no-store', '-c', 'examples/drift.yaml', '--format', 'json'])).code).toBe(1),
      ),
    ).toEqual([
      'appconfig form',
      'audit command',
      'dotenv form',
      'ecs form',
      'eks form',
      'file form',
      'k8s form',
      'secretsmanager form',
      'ssm form',
    ]);
  });

  test('an audit of config files, dotenv files and SSM exports loads no parser, recording or revert plan of the other kinds', async () => {
    const example = (file: string) => readFileSync(path.join(EXAMPLES, file), 'utf8');
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'name: files-only',
        'environments:',
        '  dev:',
        '    sources:',
        '      - file: { from: config/dev.yml }',
        '      - dotenv: { from: env/dev.env }',
        '  staging:',
        '    sources:',
        '      - file: { from: config/staging.yml }',
        '      - ssm: { path: /staging/checkout/, from: exports/staging-ssm.json }',
        '',
      ].join('\n'),
      'config/dev.yml': example('config/dev.yml'),
      'env/dev.env': example('env/dev.env'),
      'config/staging.yml': example('config/staging.yml'),
      'exports/staging-ssm.json': example('exports/staging-ssm.json'),
    });
    expect(
      await loadedBy(async ({ drift }) => {
        const { code, stdout } = await drift(['audit', '--no-store', '-c', path.join(dir, 'drift.yaml'), '--format', 'json']);
        expect([0, 1]).toContain(code);
        expect(JSON.parse(stdout).environments).toEqual(['dev', 'staging']);
      }),
    ).toEqual(['audit command', 'dotenv form', 'file form', 'ssm form']);
  });

  test('an audit that keeps its history loads the DynamoDB client for the store', async () => {
    const dir = copyOfExamples();
    expect(
      await loadedBy(async ({ drift }) =>
        expect((await drift(['audit', '-c', 'drift.yaml', '--format', 'json'], { cwd: dir })).code).toBe(1),
      ),
    ).toEqual([
      'DynamoDB client',
      'appconfig form',
      'audit command',
      'dotenv form',
      'ecs form',
      'eks form',
      'file form',
      'k8s form',
      'secretsmanager form',
      'ssm form',
    ]);
  });

  test("an estate with live sources loads the live collector, and a kind's SDK client only with the kind; a recorded one neither", async () => {
    const services = async (file: string) => {
      const loaded = await loadEstate(file);
      if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
      const { buildCliServices } = await import('../../lambdas/wiring/cli-services');
      (await buildCliServices(file, { DRIFT_FINGERPRINT_KEY: TEST_KEY }, loaded.estate)).close();
    };
    expect(await loadedBy(() => services(path.join(EXAMPLES, 'drift.yaml')))).toEqual([]);
    expect(await loadedBy(() => services(path.join(EXAMPLES, 'live/drift.yaml')))).toEqual(['live collector']);
    // What the collector does at the first source of a kind (LiveSourceCollector.reader).
    const firstSsmSource = async () => (await import('../../lambdas/adapters/live/live-kinds')).loadLive('ssm');
    expect(await loadedBy(firstSsmSource)).toEqual(['SSM client']);
  });
});
