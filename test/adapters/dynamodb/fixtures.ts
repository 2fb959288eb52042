import type { Finding, Observation, SourceLabel } from '../../../lambdas/core/model';
import type { ChangeRecord, FindingState, LifecycleEvent, RunRecord, StoredSnapshot } from '../../../lambdas/ports/audit-store';

export const ESTATE = 'checkout-api';
export const T1 = '2026-11-24T02:00:00.000Z';
export const T2 = '2026-11-25T02:00:00.000Z';
export const T3 = '2026-11-26T02:00:00.000Z';

export const finding = (id = 'f-1', over: Partial<Finding> = {}): Finding => ({
  id,
  kind: 'mismatch',
  severity: 'high',
  estate: ESTATE,
  environment: 'production-us',
  key: 'db.timeout',
  expected: '10s',
  actual: '60s',
  source: { type: 'ssm', location: '/production/api/db_timeout', version: 7 },
  message: 'db.timeout is 60s, the baseline expects 10s',
  ...over,
});

export const state = (over: Partial<FindingState> = {}): FindingState => ({
  id: 'f-1',
  estate: ESTATE,
  episode: 1,
  status: 'open',
  firstSeen: T1,
  openedRun: 'run-1',
  severity: 'high',
  contentHash: 'c1',
  finding: finding(over.id ?? 'f-1'),
  lastChangedAt: T1,
  version: 1,
  ...over,
});

export const event = (eventId: string, at: string, over: Partial<LifecycleEvent> = {}): LifecycleEvent => ({
  eventId,
  event: 'opened',
  runId: `run-${at}`,
  at,
  finding: finding(),
  episode: 1,
  ...over,
});

export const run = (runId: string, startedAt: string, over: Partial<RunRecord> = {}): RunRecord => ({
  estate: ESTATE,
  runId,
  startedAt,
  status: 'complete',
  finishedAt: startedAt,
  environments: ['staging', 'production-us'],
  failedEnvironments: [],
  baseline: { file: 'drift.yaml', sha256: 'ab'.repeat(32) },
  counts: { findings: 3, suppressed: 0, opened: 1, resolved: 0, changed: 0 },
  ...over,
});

export const SSM: SourceLabel = { index: 0, type: 'ssm', label: 'ssm /production/api/' };

export const observation = (key: string, value: Observation['value'], over: Partial<Observation> = {}): Observation => ({
  key,
  rawKey: `/production/api/${key}`,
  value,
  origin: {
    source: SSM,
    location: `/production/api/${key}`,
    version: 3,
    modifiedAt: T1,
    modifiedBy: 'arn:aws:iam::111111111111:user/alice',
  },
  ...over,
});

export const snapshot = (hash: string, observations: Observation[], over: Partial<StoredSnapshot> = {}): StoredSnapshot => ({
  environment: 'production-us',
  sourceKey: 'src-ssm-1',
  label: SSM.label,
  hash,
  runId: `run-${hash}`,
  observedAt: T1,
  keyId: 'key-1',
  observations,
  ...over,
});

export const change = (key: string, at: string, runId: string, over: Partial<ChangeRecord> = {}): ChangeRecord => ({
  environment: 'production-us',
  key,
  at,
  runId,
  before: '10s',
  after: '60s',
  source: { type: 'ssm', location: `/production/api/${key}`, modifiedBy: 'alice' },
  ...over,
});

/** A deterministic pseudo-random hex string (xorshift), so large snapshots do not compress away. */
export function noise(length: number, seed: number): string {
  let x = seed || 1;
  let out = '';
  while (out.length < length) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += (x >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
