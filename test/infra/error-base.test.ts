import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EmbeddedStoreLockedError, EmbeddedStoreUnreadableError } from '../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { ClusterLookupError } from '../../lambdas/adapters/live/eks/eks-clusters';
import { KubeApiError } from '../../lambdas/adapters/live/eks/kube-client';
import { RunArtifactError } from '../../lambdas/adapters/s3/s3-run-artifacts';
import { FingerprintKeyError } from '../../lambdas/adapters/secrets/fingerprint-key-secret';
import { SlackWebhookError } from '../../lambdas/adapters/slack/slack-webhook';
import { WebhookSecretError } from '../../lambdas/adapters/slack/webhook-secret-decoder';
import { UsageError } from '../../lambdas/cli/io';
import { DriftError } from '../../lambdas/core/errors';
import { SourceInputError } from '../../lambdas/core/sources/errors';
import { NotRead } from '../../lambdas/core/sources/json-bytes';
import { AuditRunError } from '../../lambdas/use-cases/audit-run';
import { NotifyRunError } from '../../lambdas/use-cases/notify-run';
import { EstateLoadError, RunIdError } from '../../lambdas/use-cases/plan-run';
import { LambdaConfigError } from '../../lambdas/wiring/lambda-config';
import { StoreOptionError } from '../../lambdas/wiring/open-store';
import { ContextError, EstateFileError } from '../../lib/app';
import { contextList } from '../../lib/context-values';

const REPO = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

describe('one error base', () => {
  test('no error class outside lambdas/core/errors.ts extends Error directly', () => {
    const files = ['bin', 'lib', 'lambdas'].flatMap(sourceFiles).filter((f) => f !== 'lambdas/core/errors.ts');
    const direct = files.filter((f) => /\bextends\s+Error\b/.test(readFileSync(path.join(REPO, f), 'utf8')));
    expect(direct).toEqual([]);
  });

  // Said with its message and the spec's exit code (2 for the CLI, 1 for synth) when true; a stack otherwise.
  test.each<[string, boolean, () => DriftError]>([
    ['UsageError', true, () => new UsageError('unknown environment "prod"')],
    ['StoreOptionError', true, () => new StoreOptionError('--store x: expected dynamodb:TABLE')],
    ['EmbeddedStoreLockedError', true, () => new EmbeddedStoreLockedError('/tmp/store')],
    ['EmbeddedStoreUnreadableError', true, () => new EmbeddedStoreUnreadableError('/tmp/store')],
    ['EstateFileError', true, () => new EstateFileError('drift.yaml:1:1: x')],
    ['ContextError', true, () => new ContextError('-c estates: x')],
    ['EstateLoadError', true, () => new EstateLoadError([{ file: 'drift.yaml', line: 1, column: 1, message: 'x' }])],
    ['SourceInputError', false, () => new SourceInputError('a.json:1:1: not JSON')],
    ['ClusterLookupError', false, () => new ClusterLookupError('EKS cluster "c" not found in us-east-1')],
    ['KubeApiError', false, () => new KubeApiError('GET /api/v1/x: 403', '/api/v1/x', 'forbidden', 403)],
    ['RunArtifactError', false, () => new RunArtifactError('missing')],
    ['FingerprintKeyError', false, () => new FingerprintKeyError('unreadable')],
    ['SlackWebhookError', false, () => new SlackWebhookError('refused', 500)],
    ['WebhookSecretError', false, () => new WebhookSecretError('empty')],
    ['LambdaConfigError', false, () => new LambdaConfigError('missing DRIFT_TABLE')],
    ['AuditRunError', false, () => new AuditRunError('1 estate failed')],
    ['NotifyRunError', false, () => new NotifyRunError('1 estate failed')],
    ['RunIdError', false, () => new RunIdError('bad run id')],
    ['NotRead', false, () => new NotRead()],
  ])('%s is a DriftError, user-facing: %s', (name, userFacing, make) => {
    const err = make();
    expect(err).toBeInstanceOf(DriftError);
    expect(err.name).toBe(name);
    expect(err.userFacing).toBe(userFacing);
  });

  test('context carries facts, never a value: a store folder, a Kubernetes path and status', () => {
    const cause = new Error('LOCK: Resource temporarily unavailable');
    const locked = new EmbeddedStoreLockedError('/srv/.drift/store', { cause });
    expect(locked.context).toEqual({ dir: '/srv/.drift/store' });
    expect(locked.cause).toBe(cause);
    const kube = new KubeApiError('GET /api/v1/namespaces/a/secrets/b: 403', '/api/v1/namespaces/a/secrets/b', 'forbidden', 403);
    expect(kube.context).toEqual({ path: '/api/v1/namespaces/a/secrets/b', failure: 'forbidden', status: 403 });
    expect(new SlackWebhookError('refused', 500).context).toEqual({ status: 500 });
  });

  test('an error made from another keeps it as its cause', () => {
    let err: unknown;
    try {
      contextList('estates', '["a.yaml",');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ContextError);
    expect((err as ContextError).cause).toBeInstanceOf(SyntaxError);
  });
});
