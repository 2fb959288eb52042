// A simulated day of change events: 200 SSM parameter changes over 24 h (10 of them in one incident
// minute, 20 to parameters no estate declares) through the real route-events use case, with the
// buffer's batching (a batch closes 60 s after its first message, or at 100 messages) on a virtual
// clock. Reports the targeted runs started, their SSM calls (the real collector, AWS simulated) next
// to a nightly full run's, and the time from a change to its run's start and to its notification.
import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { changeTouches } from '../lambdas/adapters/live/change-touches';
import { LiveSourceCollector } from '../lambdas/adapters/live/live-collector';
import { LIVE, loadLive, type LiveClients } from '../lambdas/adapters/live/live-kinds';
import { MemoryTaskDefinitionCache } from '../lambdas/adapters/live/ecs/task-definition-cache';
import { DEFAULT_LIMITS, LimiterRegistry } from '../lambdas/adapters/live/rate-limiter';
import type { TargetedRunInput } from '../lambdas/core/events/targeted-run';
import type { Estate } from '../lambdas/core/estate/model';
import { assembleEstate, parseEstateDocument } from '../lambdas/core/estate/parse-estate';
import { sourceLabel } from '../lambdas/core/estate/source-label';
import { makeFingerprinter } from '../lambdas/core/fingerprint';
import type { Observation } from '../lambdas/core/model';
import { secretPolicy } from '../lambdas/core/sources/context';
import type { EstateSource } from '../lambdas/ports/estate-source';
import { routeEvents, type EventMessage } from '../lambdas/use-cases/route-events';
import { VirtualClock, withLatency } from './virtual-clock';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const ESTATES = 10;
const ENVS = ['staging', 'production-us', 'production-eu'];
const PARAMS_PER_PATH = 40;
const DAY_MS = 24 * 3600_000;
const INCIDENT = 2 * 3600_000 + 17 * 60_000; // 02:17
const WINDOW_MS = 60_000;
const BATCH_SIZE = 100;
const LATENCY_MS = 30;
// Assumed latencies (not measured here): SSM → EventBridge → SQS, one route-events invocation, and
// the Lambda invocations of a run other than its SSM reads (plan, snapshot, audit, notify).
const DELIVERY_MS = 5_000;
const ROUTE_MS = 1_000;
const STAGES_MS = 4 * 1_500;

const path = (e: number, env: string) => `/${env}/app${e}/`;
const estateText = (e: number) =>
  `version: 1\nname: app${e}\nenvironments:\n${ENVS.map((env) => `  ${env}:\n    sources:\n      - ssm: { path: ${path(e, env)} }\n`).join('')}`;
function estate(e: number): Estate {
  const doc = parseEstateDocument(estateText(e), `app${e}/drift.yaml`);
  const r = doc.ok ? assembleEstate(doc, `app${e}`) : undefined;
  if (!r?.ok) throw new Error(`bench estate app${e} does not validate`);
  return r.estate;
}
const estates = Array.from({ length: ESTATES }, (_, e) => estate(e));
const estateSource: EstateSource = {
  listKeys: async () => estates.map((e) => `estates/${e.name}/drift.yaml`),
  load: async (ref) => {
    const e = estates.find((x) => ref.key === `estates/${x.name}/drift.yaml`)!;
    return { ref, estate: e, baseline: { file: ref.key, sha256: '' } as never };
  },
};

/** A small seeded generator, so the day is the same on every run. */
const random = (() => {
  let s = 14;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
})();

interface Change {
  at: number;
  name: string;
}
function day(): Change[] {
  const changes: Change[] = [];
  for (let i = 0; i < 10; i++) changes.push({ at: INCIDENT + i * 5_000, name: `${path(3, 'production-us')}setting_${i}` });
  for (let i = 0; i < 170; i++) {
    const e = Math.floor(random() * ESTATES);
    const env = ENVS[Math.floor(random() * ENVS.length)]!;
    changes.push({ at: Math.floor(random() * DAY_MS), name: `${path(e, env)}setting_${Math.floor(random() * PARAMS_PER_PATH)}` });
  }
  for (let i = 0; i < 20; i++) changes.push({ at: Math.floor(random() * DAY_MS), name: `/sandbox/scratch/key_${i}` });
  return changes.sort((a, b) => a.at - b.at);
}

// ---- SSM, simulated: every declared parameter, its version bumped by each change ----
const creds = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const ssm = new SSMClient({ region: REGION, credentials: creds });
const params = new Map<string, { Name: string; Type: string; Value: string; Version: number; LastModifiedDate: Date }>();
for (let e = 0; e < ESTATES; e++)
  for (const env of ENVS)
    for (let i = 0; i < PARAMS_PER_PATH; i++) {
      const Name = `${path(e, env)}setting_${i}`;
      params.set(Name, { Name, Type: 'String', Value: `${i}`, Version: 1, LastModifiedDate: new Date('2026-11-01T00:00:00Z') });
    }
mockClient(ssm)
  .on(DescribeParametersCommand)
  .callsFake((input: { NextToken?: string; ParameterFilters?: Array<{ Key?: string; Values?: string[] }> }) => {
    const filter = input.ParameterFilters?.[0];
    // By path (a full read) or by name (a targeted run's named parameters), as Parameter Store filters.
    const match = (name: string) =>
      filter?.Key === 'Name' ? (filter.Values ?? []).includes(name) : name.startsWith(filter?.Values?.[0] ?? '/');
    const all = [...params.values()].filter((p) => match(p.Name));
    const start = Number(input.NextToken ?? 0);
    const page = all.slice(start, start + 50).map(({ Value: _v, ...m }) => ({ ...m, LastModifiedUser: `arn:aws:iam::${ACCOUNT}:user/ci` }));
    return { Parameters: page, NextToken: start + 50 < all.length ? String(start + 50) : undefined };
  })
  .on(GetParametersCommand)
  .callsFake((input: { Names: string[] }) => ({ Parameters: input.Names.map((n) => params.get(n)), InvalidParameters: [] }));
// Each kind's SDK part loaded as a run loads it; the kinds this benchmark does not mock get clients never called.
const kindClients: Promise<LiveClients> = Promise.all(
  LIVE.map(async ({ type }) => (await loadLive(type)).clients({ region: REGION, credentials: async () => creds })),
).then((made) => Object.assign({}, ...made) as LiveClients);

const previous = new Map<string, Observation[]>();
/**
 * Reads the environments of the given estates (steady state: what did not move is not read again),
 * or a targeted run's: the environments it names, and of those only the parameters it names; its calls and wall time.
 */
async function read(which: readonly Estate[], run?: TargetedRunInput): Promise<{ calls: number; ms: number }> {
  const clock = new VirtualClock();
  const limiters = new LimiterRegistry(DEFAULT_LIMITS, clock);
  let calls = 0;
  const others = await kindClients;
  const collector = new LiveSourceCollector(
    { collect: async () => Promise.reject(new Error('no recorded sources')) },
    {
      clients: () => ({ ...others, region: REGION, credentials: async () => creds, ssm }),
      limiters: withLatency(limiters, clock, LATENCY_MS),
      previous: async (env, label) => previous.get(`${env}|${label}`),
      taskDefinitions: new MemoryTaskDefinitionCache(),
      kube: () => ({ getObject: async () => ({ status: 404 }) }),
      now: () => new Date('2026-12-04T02:00:00Z'),
      onCalls: (_l, c) => {
        for (const n of Object.values(c)) calls += n;
      },
    },
  );
  const fp = makeFingerprinter(Buffer.alloc(32, 5));
  await Promise.all(
    which.flatMap((e) =>
      e.environments
        .filter((env) => !run || (run.targeted.estates[e.name] ?? []).includes(env.name))
        .flatMap((env) =>
          env.sources.map(async (spec) => {
            const label = sourceLabel(spec);
            const snap = await collector.collect(
              spec,
              label,
              { source: label, fp, isSecretKey: secretPolicy(new Set()) },
              { ...env, account: ACCOUNT, region: REGION },
              run?.targeted.parameters.length ? { only: run.targeted.parameters } : undefined,
            );
            previous.set(`${env.name}|${label.label}`, snap.observations);
          }),
        ),
    ),
  );
  return { calls, ms: clock.t };
}

async function main(): Promise<void> {
  await read(estates); // last night's run: the steady state the day starts from
  const nightly = await read(estates);
  const changes = day();
  // The buffer: a batch opens with its first message and closes WINDOW_MS later or at BATCH_SIZE.
  const batches: Array<{ closes: number; changes: Change[] }> = [];
  for (const c of changes) {
    const arrives = c.at + DELIVERY_MS;
    const open = batches.at(-1);
    if (open && arrives <= open.closes && open.changes.length < BATCH_SIZE) open.changes.push(c);
    else batches.push({ closes: arrives + WINDOW_MS, changes: [c] });
  }
  let runs = 0;
  let incidentRuns = 0;
  let targetedCalls = 0;
  const toStart: number[] = [];
  const toNotify: number[] = [];
  for (const [b, batch] of batches.entries()) {
    const started: Array<{ name: string; input: TargetedRunInput }> = [];
    const messages: EventMessage[] = batch.changes.map((c, i) => ({
      id: `m${b}-${i}`,
      sentAt: new Date(Date.UTC(2026, 11, 4) + c.at + DELIVERY_MS),
      body: JSON.stringify({
        'detail-type': 'Parameter Store Change',
        source: 'aws.ssm',
        account: ACCOUNT,
        region: REGION,
        time: new Date(Date.UTC(2026, 11, 4) + c.at).toISOString(),
        detail: { name: c.name, operation: 'Update', type: 'String' },
      }),
    }));
    for (const c of batch.changes) {
      const p = params.get(c.name);
      if (p)
        params.set(c.name, {
          ...p,
          Version: p.Version + 1,
          Value: `${p.Value}'`,
          LastModifiedDate: new Date(Date.UTC(2026, 11, 4) + c.at),
        });
    }
    await routeEvents(messages, {
      estates: estateSource,
      touches: changeTouches({ account: ACCOUNT, region: REGION }),
      runs: { start: async (name, input) => (started.push({ name, input }), 'started') },
    });
    const startAt = batch.closes + ROUTE_MS;
    for (const run of started) {
      runs++;
      if (batch.changes.some((c) => c.name.startsWith(path(3, 'production-us')) && c.at >= INCIDENT && c.at < INCIDENT + 60_000))
        incidentRuns++;
      const cost = await read(
        estates.filter((e) => Object.hasOwn(run.input.targeted.estates, e.name)),
        run.input,
      );
      targetedCalls += cost.calls;
      const estate = Object.keys(run.input.targeted.estates)[0];
      const paths = estates
        .find((e) => e.name === estate)!
        .environments.flatMap((env) => env.sources.flatMap((x) => (x.type === 'ssm' ? [x.path] : [])));
      for (const c of batch.changes.filter((c) => paths.some((p) => c.name.startsWith(p)))) {
        toStart.push(startAt - c.at);
        toNotify.push(startAt + cost.ms + STAGES_MS - c.at);
      }
    }
  }
  const s = (xs: number[]) => {
    const v = [...xs].sort((a, b) => a - b);
    const q = (p: number) => (v[Math.min(v.length - 1, Math.floor(p * v.length))]! / 1000).toFixed(0);
    return `median ${q(0.5)} s, p95 ${q(0.95)} s, max ${q(1)} s`;
  };
  const declared = changes.filter((c) => params.has(c.name)).length;
  process.stdout.write(
    [
      `## Change events: a simulated day (${changes.length} parameter changes, 10 in one incident minute, ${changes.length - declared} undeclared)`,
      '',
      `${ESTATES} estates × ${ENVS.length} environments × ${PARAMS_PER_PATH} SSM parameters; buffer window ${WINDOW_MS / 1000} s, batches of up to ${BATCH_SIZE}; virtual clock, ${LATENCY_MS} ms per SSM call at the default limits.`,
      `Assumed, not measured: ${DELIVERY_MS / 1000} s from a change to its message in the buffer, ${ROUTE_MS / 1000} s per route-events invocation, ${STAGES_MS / 1000} s for a run's four Lambda stages besides its SSM reads.`,
      '',
      '| measure | value |',
      '|---|---|',
      `| batches (route-events invocations) | ${batches.length} |`,
      `| targeted runs started | ${runs} (one per estate touched per batch; ${changes.length - declared} undeclared changes dropped) |`,
      `| the incident minute (10 changes to one environment) | ${incidentRuns} targeted run(s) |`,
      `| SSM calls, all targeted runs of the day | ${targetedCalls} (${(targetedCalls / Math.max(runs, 1)).toFixed(1)} a run: the environments it names, and of those only the parameters it names) |`,
      `| SSM calls, one nightly full run (steady state) | ${nightly.calls} |`,
      `| change → its targeted run starts | ${s(toStart)} |`,
      `| change → its run notifies (modelled) | ${s(toNotify)} (target: under 180 s) |`,
      '',
    ].join('\n'),
  );
}

void main();
