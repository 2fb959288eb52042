import * as path from 'node:path';
import { loadEstate } from '../../lambdas/adapters/estate-file';
import type { AuditResult } from '../../lambdas/core/engine/audit';
import { UsageError } from '../../lambdas/cli/io';
import type { NotificationKind } from '../../lambdas/ports/sink';
import type { AnyChannel } from '../../lambdas/wiring/channels/channel';
import { CHANNEL_NAMES, CHANNELS, channelsTaking, type ChannelName } from '../../lambdas/wiring/notify-channels';
import type { OpenStore } from '../../lambdas/wiring/open-store';
import { EXAMPLES } from '../helpers/cli';

const KINDS: NotificationKind[] = ['digest', 'immediate', 'events'];
const channels: Record<ChannelName, AnyChannel> = CHANNELS;

// What configures each channel for `drift audit --notify`: a channel without a line here does not compile.
const CONFIGURED: Record<ChannelName, NodeJS.ProcessEnv> = {
  slack: { DRIFT_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X' },
  sns: { DRIFT_SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:1:t' },
};

const LAMBDA_ENV = {
  DRIFT_TABLE: 't',
  DRIFT_BUCKET: 'b',
  DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:1:t',
  DRIFT_FINGERPRINT_SECRET_ARN: 'arn:f',
  DRIFT_SLACK_SECRET_ARN: 'arn:s',
  AWS_REGION: 'us-east-1',
};

/** A port that says whose it is and throws when used: the test sees which channel's port a driver took. */
const fakePort = (name: ChannelName, kind: NotificationKind) =>
  Object.assign(
    async () => {
      throw new Error(`${name} ${kind} used`);
    },
    { owner: `${name}:${kind}`, send: () => Promise.reject(new Error('send')), publish: () => Promise.reject(new Error('publish')) },
  );
const fakePorts = (name: ChannelName) => Object.fromEntries(channels[name].takes.map((kind) => [kind, fakePort(name, kind)]));

describe('the notification channels are one registry, which both drivers wire', () => {
  test('each kind of notification goes to the channels that take it, in the registry order', () => {
    expect(Object.fromEntries(KINDS.map((kind) => [kind, channelsTaking(kind)]))).toEqual({
      digest: ['slack'],
      immediate: ['slack'],
      events: ['sns'],
    });
  });

  test.each(CHANNEL_NAMES)('%s opens, in the CLI and in the Lambda, a port for each kind it takes and no other', (name) => {
    const channel = channels[name];
    const cli = channel.cli.open(CONFIGURED[name]);
    try {
      expect(KINDS.filter((kind) => cli[kind] !== undefined)).toEqual(KINDS.filter((kind) => channel.takes.includes(kind)));
    } finally {
      cli.close?.();
    }
    const lambda = channel.lambda({
      env: LAMBDA_ENV,
      config: () => ({ table: 't', bucket: 'b', topicArn: LAMBDA_ENV.DRIFT_TOPIC_ARN, fingerprintSecretArn: 'arn:f', region: 'us-east-1' }),
      http: () => ({}) as never,
      secret: () => async () => undefined as never,
    })();
    expect(KINDS.filter((kind) => lambda[kind] !== undefined)).toEqual(KINDS.filter((kind) => channel.takes.includes(kind)));
  });

  test('drift audit --notify asks for any of the channels, and takes each one alone', async () => {
    const { checkNotify } = await import('../../lambdas/cli/notify');
    const asked = `--notify: set ${CHANNEL_NAMES.map((name) => channels[name].cli.asks).join(' or ')}`;
    expect(() => checkNotify(true, {})).toThrow(new UsageError(asked));
    for (const name of CHANNEL_NAMES) expect(() => checkNotify(true, CONFIGURED[name])).not.toThrow();
  });

  test('drift audit --notify opens every configured channel, in the registry order', async () => {
    const { notifyNow } = await import('../../lambdas/cli/notify');
    const opened: ChannelName[] = [];
    const spies = CHANNEL_NAMES.map((name) =>
      jest.spyOn(channels[name].cli, 'open').mockImplementation(() => {
        opened.push(name);
        return fakePorts(name);
      }),
    );
    try {
      const loaded = await loadEstate(path.join(EXAMPLES, 'drift.yaml'));
      if (!loaded.ok) throw new Error('examples/drift.yaml does not load');
      // A store that fails every call: each delivery fails (or throws), after its channel was opened.
      const failing = new Proxy({}, { get: () => () => Promise.reject(new Error('store down')) });
      const store = { kind: 'dynamodb', store: failing, ledger: failing, table: 't', close: async () => undefined } as unknown as OpenStore;
      const stderr: string[] = [];
      const io = {
        stdout: { write: () => true },
        stderr: { write: (s: string) => stderr.push(s) },
        env: Object.assign({}, ...Object.values(CONFIGURED)),
        cwd: EXAMPLES,
      };
      const result = { findings: [], suppressed: [] } as unknown as AuditResult;
      await notifyNow({ estate: loaded.estate, result, store, runId: 'r', at: new Date('2026-01-01T00:00:00Z'), io }).catch(
        () => undefined,
      );
      expect(opened).toEqual(CHANNEL_NAMES);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  test("the notify Lambda opens every channel and gives each kind's ports from the channels that take it, named", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, LAMBDA_ENV);
    try {
      await jest.isolateModulesAsync(async () => {
        const registry = await import('../../lambdas/wiring/notify-channels');
        const isolated: Record<ChannelName, AnyChannel> = registry.CHANNELS;
        const opened: ChannelName[] = [];
        for (const name of registry.CHANNEL_NAMES)
          jest.spyOn(isolated[name], 'lambda').mockImplementation(() => () => {
            opened.push(name);
            return Object.fromEntries(isolated[name].takes.map((kind) => [kind, fakePort(name, kind)]));
          });
        const { notifyRunDeps } = await import('../../lambdas/wiring/lambda-notify');
        const deps = notifyRunDeps();
        expect(opened).toEqual(registry.CHANNEL_NAMES);
        const owners = (ports: ReadonlyArray<{ name: string; label: string; port: unknown }> = []) =>
          ports.map(({ name, label, port }) => `${name} (${label}): ${(port as { owner: string }).owner}`);
        const expected = (kind: NotificationKind) =>
          registry.channelsTaking(kind).map((name) => `${name} (${isolated[name].label}): ${name}:${kind}`);
        expect([owners(deps.digests), owners(deps.immediates), owners(deps.events)]).toEqual([
          expected('digest'),
          expected('immediate'),
          expected('events'),
        ]);
      });
    } finally {
      process.env = saved;
    }
  });
});
