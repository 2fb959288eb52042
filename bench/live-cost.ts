// API calls of the live collectors on a synthetic estate — 10,000 SSM parameters, 200 ECS services,
// 2,000 Kubernetes objects — for a first run and a steady-state run, next to the floor, with the
// busiest second per API family and the wall time at the default rate limits. AWS is simulated with
// aws-sdk-client-mock, the Kubernetes API by an in-memory client, time by a virtual clock (each call
// takes 30 ms of simulated latency), so the figures are the schedule the limiter enforces.
import { Readable } from 'node:stream';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { StoreTaskDefinitionCache } from '../lambdas/adapters/live/ecs/store-task-definition-cache';
import type { TaskDefinitionCache } from '../lambdas/adapters/live/ecs/task-definition-cache';
import type { AuditStore } from '../lambdas/ports/audit-store';
import type { KubeClient } from '../lambdas/adapters/live/eks/kube-client';
import { LiveSourceCollector } from '../lambdas/adapters/live/live-collector';
import { DEFAULT_LIMITS, LimiterRegistry } from '../lambdas/adapters/live/rate-limiter';
import { VirtualClock, withLatency } from './virtual-clock';
import { LIVE, loadLive, type LiveClients } from '../lambdas/adapters/live/live-kinds';
import type { EnvironmentSpec, SourceSpec } from '../lambdas/core/estate/model';
import { sourceLabel } from '../lambdas/core/estate/source-label';
import { makeFingerprinter } from '../lambdas/core/fingerprint';
import type { Observation, SourceSnapshot } from '../lambdas/core/model';
import { secretPolicy } from '../lambdas/core/sources/context';
import type { SourceCollector } from '../lambdas/ports/source-collector';

const PARAMETERS = 10_000;
const SERVICES = 200;
const WORKLOADS = 500; // each: the workload, a ConfigMap, a Secret and an HPA = 2,000 objects
const LATENCY_MS = 30;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const creds = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const region = 'us-east-1';
const ssm = new SSMClient({ region, credentials: creds });
const ecs = new ECSClient({ region, credentials: creds });
const autoscaling = new ApplicationAutoScalingClient({ region, credentials: creds });
const s3 = new S3Client({ region, credentials: creds });
const eks = new EKSClient({ region, credentials: creds });
// Each kind's SDK part loaded as a run loads it; the kinds this benchmark does not mock get clients never called.
const kindClients: Promise<LiveClients> = Promise.all(
  LIVE.map(async ({ type }) => (await loadLive(type)).clients({ region: region, credentials: async () => creds })),
).then((made) => Object.assign({}, ...made) as LiveClients);

function mockAws(): void {
  const params = Array.from({ length: PARAMETERS }, (_, i) => ({
    Name: `/bench/app/service${i % 50}/setting_${i}`,
    Type: i % 40 === 0 ? 'SecureString' : 'String',
    Value: `${i}s`,
    Version: 1,
    LastModifiedDate: new Date('2026-11-01T00:00:00Z'),
  }));
  const byName = new Map(params.map((p) => [p.Name, p]));
  mockClient(ssm)
    .on(DescribeParametersCommand)
    .callsFake((input: { NextToken?: string }) => {
      const start = Number(input.NextToken ?? 0);
      const page = params
        .slice(start, start + 50)
        .map(({ Value: _v, ...m }) => ({ ...m, LastModifiedUser: 'arn:aws:iam::111111111111:user/ci' }));
      return { Parameters: page, NextToken: start + 50 < params.length ? String(start + 50) : undefined };
    })
    .on(GetParametersCommand)
    .callsFake((input: { Names: string[] }) => ({ Parameters: input.Names.map((n) => byName.get(n)), InvalidParameters: [] }));
  mockClient(ecs)
    .on(DescribeServicesCommand)
    .callsFake((input: { services: string[] }) => ({
      services: [
        {
          serviceName: input.services[0],
          status: 'ACTIVE',
          desiredCount: 3,
          taskDefinition: `arn:aws:ecs:us-east-1:111111111111:task-definition/${input.services[0]}:7`,
          clusterArn: 'arn:aws:ecs:us-east-1:111111111111:cluster/bench',
        },
      ],
      failures: [],
    }))
    .on(DescribeTaskDefinitionCommand)
    .callsFake((input: { taskDefinition: string }) => ({
      taskDefinition: {
        taskDefinitionArn: input.taskDefinition,
        family: (/task-definition\/([^:]+):/.exec(input.taskDefinition) ?? [])[1],
        revision: 7,
        cpu: '512',
        memory: '1024',
        registeredAt: new Date('2026-10-01T00:00:00Z'),
        containerDefinitions: [
          {
            name: 'api',
            cpu: 512,
            memory: 1024,
            environment: Array.from({ length: 20 }, (_, i) => ({ name: `SETTING_${i}`, value: `${i}` })),
            environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::bench-config/app.env' }],
            secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:111111111111:parameter/bench/app/db_password' }],
          },
        ],
      },
    }));
  mockClient(s3)
    .on(GetObjectCommand)
    .callsFake(() => ({ Body: Readable.from([Buffer.from('FEATURE_X=on\nCACHE_TTL=60s\n')]), ContentLength: 26 }));
  mockClient(autoscaling).on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
  mockClient(eks)
    .on(DescribeClusterCommand)
    .resolves({
      cluster: { name: 'bench', endpoint: 'https://bench.eks.local', certificateAuthority: { data: 'Y2E=' }, status: 'ACTIVE' },
    });
}

/** The Kubernetes API, in memory: each workload with its ConfigMap, Secret and HPA. */
function kubeApi(): KubeClient {
  return {
    getObject: async (path: string) => {
      // The namespace's HPAs, as a list: each workload's is found by its scaleTargetRef.
      if (path.endsWith('/namespaces/bench/horizontalpodautoscalers'))
        return {
          status: 200,
          body: {
            kind: 'HorizontalPodAutoscalerList',
            items: Array.from({ length: WORKLOADS }, (_, i) => ({
              apiVersion: 'autoscaling/v2',
              kind: 'HorizontalPodAutoscaler',
              metadata: { name: `w${i}-hpa`, namespace: 'bench' },
              spec: { scaleTargetRef: { kind: 'Deployment', name: `w${i}` }, minReplicas: 3, maxReplicas: 10 },
            })),
          },
        };
      const m = /\/namespaces\/bench\/([a-z]+)\/(w\d+)(-config|-secret)?$/.exec(path);
      if (!m) return { status: 404 };
      const [, kind, name] = m as unknown as [string, string, string];
      const meta = { name: path.split('/').pop(), namespace: 'bench' };
      if (kind === 'deployments')
        return {
          status: 200,
          body: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: meta,
            spec: {
              replicas: 3,
              template: {
                spec: {
                  containers: [
                    {
                      name: 'app',
                      env: [
                        { name: 'MODE', value: 'prod' },
                        { name: 'TOKEN', valueFrom: { secretKeyRef: { name: `${name}-secret`, key: 'token' } } },
                      ],
                      envFrom: [{ configMapRef: { name: `${name}-config` } }],
                      resources: { requests: { cpu: '250m', memory: '512Mi' } },
                    },
                  ],
                },
              },
            },
          },
        };
      if (kind === 'configmaps')
        return {
          status: 200,
          body: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: meta,
            data: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`KEY_${i}`, `${i}`])),
          },
        };
      if (kind === 'secrets')
        return {
          status: 200,
          body: { apiVersion: 'v1', kind: 'Secret', metadata: meta, data: { token: Buffer.from('t0ken').toString('base64') } },
        };
      if (kind === 'horizontalpodautoscalers')
        return {
          status: 200,
          body: {
            apiVersion: 'autoscaling/v2',
            kind: 'HorizontalPodAutoscaler',
            metadata: meta,
            spec: { scaleTargetRef: { kind: 'Deployment', name }, minReplicas: 3, maxReplicas: 10 },
          },
        };
      return { status: 404 };
    },
  };
}

function sources(): SourceSpec[] {
  const out: SourceSpec[] = [{ type: 'ssm', index: 0, path: '/bench/app/' }];
  for (let i = 0; i < SERVICES; i++) out.push({ type: 'ecs', index: out.length, cluster: 'bench', service: `svc-${i}`, container: 'api' });
  for (let i = 0; i < WORKLOADS; i++) out.push({ type: 'eks', index: out.length, cluster: 'bench', namespace: 'bench', workload: `w${i}` });
  return out;
}

async function pass(name: string, previous: Map<string, Observation[]>, taskDefinitions: TaskDefinitionCache): Promise<string[]> {
  const clock = new VirtualClock();
  const limiters = new LimiterRegistry(DEFAULT_LIMITS, clock);
  const calls: Record<string, number> = {};
  const recorded: SourceCollector = { collect: async () => Promise.reject(new Error('no recorded sources here')) };
  const others = await kindClients;
  const collector = new LiveSourceCollector(recorded, {
    clients: () => ({ ...others, region, credentials: async () => creds, ssm, ecs, eks, autoscaling, s3 }),
    limiters: withLatency(limiters, clock, LATENCY_MS),
    previous: async (_env, spec) => previous.get(sourceLabel(spec).label),
    taskDefinitions,
    kube: kubeApi,
    now: () => new Date('2026-11-24T02:00:00Z'),
    onCalls: (_label, c) => {
      for (const [op, n] of Object.entries(c)) calls[op] = (calls[op] ?? 0) + n;
    },
  });
  const env: EnvironmentSpec = { name: 'bench', region, account: '111111111111', sources: sources() };
  const fp = makeFingerprinter(Buffer.alloc(32, 5));
  const snaps: SourceSnapshot[] = await Promise.all(
    env.sources.map((spec) => {
      const label = sourceLabel(spec);
      return collector.collect(spec, label, { source: label, fp, isSecretKey: secretPolicy(new Set()) }, env);
    }),
  );
  for (const s of snaps) previous.set(s.source.label, s.observations);
  const errors = snaps.filter((s) => s.errors.length).length;
  if (process.env.BENCH_DEBUG)
    for (const s of snaps.filter((x) => x.errors.length).slice(0, 3)) process.stderr.write(`${s.source.label}: ${s.errors.join('; ')}\n`);
  const stats = limiters.stats()[`111111111111/${region}`] ?? {};
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  const busiest = Object.entries(stats)
    .map(([f, s]) => `${f} ${s.busiestSecond}/s`)
    .join(', ');
  return [
    `| ${name} | ${Object.entries(calls)
      .filter(([, n]) => n)
      .map(([op, n]) => `${op} ${n}`)
      .join(', ')} | ${total} | ${busiest} | ${(clock.t / 1000).toFixed(1)} s | ${errors} |`,
  ];
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  mockAws();
  const previous = new Map<string, Observation[]>();
  // The store's cache of sealed revisions (values as fingerprints, found again in the previous
  // snapshots), over a map: each run (each pass) opens its own, as each Lambda invocation does.
  const items = new Map<string, unknown>();
  const store = {
    getCached: async (_kind: string, key: string) => items.get(key),
    putCached: async (_kind: string, key: string, value: unknown) => void items.set(key, value),
  } as unknown as AuditStore;
  const sealedBy = async () => makeFingerprinter(Buffer.alloc(32, 5));
  const rows = [
    ...(await pass('first run', previous, new StoreTaskDefinitionCache(store, sealedBy))),
    ...(await pass('steady state', previous, new StoreTaskDefinitionCache(store, sealedBy))),
  ];
  // Each workload's Deployment, ConfigMap and Secret by name; the namespace's HPAs in one list.
  const floor = Math.ceil(PARAMETERS / 10) + SERVICES * 2 + WORKLOADS * 3 + 1;
  process.stdout.write(
    [
      `## Live collection: ${PARAMETERS.toLocaleString('en')} SSM parameters, ${SERVICES} ECS services, ${(WORKLOADS * 4).toLocaleString('en')} Kubernetes objects`,
      '',
      `Default limits: ${Object.entries(DEFAULT_LIMITS)
        .map(([f, l]) => `${f} ${l.rate}/s`)
        .join(', ')}; ${LATENCY_MS} ms per call, virtual clock.`,
      `Floor of a run that reads every value once: ${floor.toLocaleString('en')} calls (ceil(n/10) GetParametersByPath pages, DescribeServices + DescribeTaskDefinition per service, one GET per workload, ConfigMap and Secret, one list of the namespace's HPAs).`,
      '',
      '| run | calls by operation | total | busiest second per family | wall time | failed sources |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
}

void main();
