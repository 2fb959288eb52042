import type { AuditResult } from '../core/engine/audit';
import type { AuditStore } from '../ports/audit-store';
import type { Estate } from '../core/estate/model';
import type { NotificationKind } from '../ports/sink';
import { publishEvents } from '../use-cases/publish-events';
import { sendDigest } from '../use-cases/send-digest';
import { sendImmediate } from '../use-cases/send-immediate';
import { shownFindingStates } from '../use-cases/shown-records';
import type { AnyChannel, Port } from '../wiring/channels/channel';
import { CHANNEL_NAMES, CHANNELS, type ChannelName } from '../wiring/notify-channels';
import type { OpenStore } from '../wiring/open-store';
import { UsageError, type CliIo } from './io';

const channels: Readonly<Record<ChannelName, AnyChannel>> = CHANNELS;

/** `--notify` needs somewhere to send, and each channel configured as it allows (a digest only to an allowed https host): checked before anything is collected. */
export function checkNotify(notify: boolean | undefined, env: NodeJS.ProcessEnv, asOf?: string): void {
  if (!notify) return;
  // A what-if judged on another day: its digest would tell the team that day's expiries and retirements as today's.
  if (asOf !== undefined)
    throw new UsageError(`--notify: an audit --as-of ${asOf} is a what-if; it notifies no one, as it writes no history`);
  const configured = CHANNEL_NAMES.filter((name) => channels[name].cli.configured(env));
  if (!configured.length) throw new UsageError(`--notify: set ${CHANNEL_NAMES.map((name) => channels[name].cli.asks).join(' or ')}`);
  for (const name of configured) {
    const refused = channels[name].cli.problem?.(env);
    if (refused) throw new UsageError(`--notify: ${refused}`);
  }
}

interface NotifyNowInput {
  estate: Estate;
  result: AuditResult;
  store?: OpenStore;
  runId: string;
  at: Date;
  io: CliIo;
}

/**
 * What the digest lists as open: the estate's, not only this run's. A run of some environments
 * (`--env`) reports theirs, while the store still holds the others' open findings: without them the
 * digest told an estate with open drift elsewhere "All clear".
 */
async function openAcrossEstate(
  result: AuditResult,
  store: AuditStore | undefined,
  estate: Estate,
): Promise<Pick<AuditResult, 'findings' | 'suppressed'>> {
  if (!store) return result;
  const reported = new Set(result.findings.map((f) => f.id));
  // Stored under an earlier baseline, a key declared secret since may still hold its value in plain text.
  const leftOut = (await shownFindingStates(store, estate))
    .filter((st) => st.status === 'open' && !reported.has(st.id))
    .map((st) => ({ ...st.finding, status: 'open' as const, firstSeen: st.firstSeen }));
  return leftOut.length ? { findings: [...result.findings, ...leftOut], suppressed: result.suppressed } : result;
}

/** A channel as a delivery sees it: its name keeps its window and sent marks in the store, its label names it on stderr. */
interface Named {
  name: ChannelName;
  label: string;
}

/** How `drift audit --notify` sends one kind of notification to a channel that takes it. */
interface CliDelivery<K extends NotificationKind> {
  /** Whether it can be sent from this store; when not, it is skipped (and said why, where the user should know). */
  usable(input: NotifyNowInput, label: string): boolean;
  /** Sends it; how many deliveries failed, each reported on stderr (it goes next time). */
  deliver(port: Port<K>, input: NotifyNowInput, channel: Named): Promise<number>;
}

const DELIVERIES: { readonly [K in NotificationKind]: CliDelivery<K> } = {
  // Owed by a store only (`notify.slack.immediate`, each once): without one, none.
  immediate: {
    usable: ({ store }) => store !== undefined,
    deliver: async (sink, { store, estate, at, runId, io }, { name, label }) => {
      if (!store) return 0;
      try {
        await sendImmediate({ store: store.store, estate, sink: async () => sink, channel: name, now: at, runId });
        return 0;
      } catch (err) {
        io.stderr.write(`drift: an immediate ${label} message was not sent (it goes next time): ${(err as Error).message}\n`);
        return 1;
      }
    },
  },
  // Now, whatever the window.
  digest: {
    usable: () => true,
    deliver: async (sink, { store, estate, result, at, runId, io }, { name, label }) => {
      try {
        const open = await openAcrossEstate(result, store?.store, estate);
        await sendDigest({ estate, result: open, sink, channel: name, now: at, store: store?.store, runId });
        return 0;
      } catch (err) {
        io.stderr.write(`drift: the ${label} digest was not sent: ${(err as Error).message}\n`);
        return 1;
      }
    },
  },
  // Only with an installation's table, so a laptop or a CI job with a throwaway store never opens duplicate tickets.
  events: {
    usable: ({ store, io }, label) => {
      if (store?.kind === 'dynamodb') return true;
      io.stderr.write(
        `drift: ${label} events are published only with --store dynamodb:TABLE (an installation's table), not from this store\n`,
      );
      return false;
    },
    deliver: async (publisher, { store, estate, at, runId, io }, { name, label }) => {
      if (!store) return 0;
      const out = await publishEvents({ store: store.store, estate, publisher, channel: name, now: at, runId });
      if (out.failed) io.stderr.write(`drift: ${out.failed} ${label} message(s) failed and will be sent on the next run\n`);
      return out.failed;
    },
  },
};

/** Sends one kind to an opened channel; a port it did not open is a programming error. */
function deliver<K extends NotificationKind>(kind: K, port: Port<K> | undefined, input: NotifyNowInput, channel: Named): Promise<number> {
  if (port === undefined) throw new TypeError(`the ${channel.label} channel opened no ${kind} port`);
  return DELIVERIES[kind].deliver(port, input, channel);
}

/**
 * Sends to each channel the environment configures (CHANNELS, in order) the kinds it takes, in its
 * order: Slack's immediate messages a store says are owed, then its digest now, whatever the window;
 * SNS lifecycle events only with an installation's table. A failed delivery is reported and retried
 * next time; it never hides the audit. Returns how many deliveries failed, for the exit code.
 */
export async function notifyNow(input: NotifyNowInput): Promise<number> {
  let failed = 0;
  for (const name of CHANNEL_NAMES) {
    const channel = channels[name];
    if (!channel.cli.configured(input.io.env)) continue;
    const kinds = channel.takes.filter((kind) => DELIVERIES[kind].usable(input, channel.label));
    if (!kinds.length) continue;
    const ports = channel.cli.open(input.io.env);
    try {
      for (const kind of kinds) failed += await deliver(kind, ports[kind], input, { name, label: channel.label });
    } finally {
      ports.close?.();
    }
  }
  return failed;
}
