import type { SecretDecoder } from '../../adapters/secrets-manager';
import type { EventPublisher } from '../../ports/event-publisher';
import type { NotificationKind, Sink } from '../../ports/sink';
import type { LambdaConfig } from '../lambda-config';
import type { sdkHttp } from '../timeouts';

/** What a channel takes notifications of kind `K` through: a `Sink`, or for lifecycle events an `EventPublisher`. */
export type Port<K extends NotificationKind> = K extends 'events' ? EventPublisher : Sink<K>;

/**
 * The same in the Lambda, per invocation: a sink is opened when first needed (undefined when the
 * installation configured none: nothing is sent, and nothing failed); events go to their publisher.
 */
export type LambdaPort<K extends NotificationKind> = K extends 'events' ? EventPublisher : () => Promise<Sink<K> | undefined>;

/** What the notify Lambda's wiring lends a channel: its configuration and the clients it makes once per cold start. */
export interface LambdaChannelContext {
  env: NodeJS.ProcessEnv;
  config(): LambdaConfig;
  http(): ReturnType<typeof sdkHttp>;
  /** A secret, read with the installation's Secrets Manager client when the returned function is first called. */
  secret<T>(secretId: string, decoder: SecretDecoder<T>): () => Promise<T>;
}

/**
 * A notification channel, for both drivers: what it takes, how `drift audit --notify` configures,
 * checks and opens it from the environment, and how the notify Lambda opens it. A port missing for
 * a kind it takes does not compile.
 */
export interface ChannelEntry<K extends NotificationKind> {
  /** How drift's messages name it ('the Slack digest was not sent', '2 SNS message(s) failed'). */
  label: string;
  /** The kinds it takes, in the order `drift audit --notify` sends them. */
  takes: readonly K[];
  cli: {
    /** What `--notify` asks for when no channel is configured. */
    asks: string;
    /** Whether the environment configures it; `--notify` uses the channels it does. */
    configured(env: NodeJS.ProcessEnv): boolean;
    /** Why its configuration is refused, checked before anything is collected; undefined when it is not. */
    problem?(env: NodeJS.ProcessEnv): string | undefined;
    /** Opened once it is configured and has something to send; `close` is called when the audit is notified. */
    open(env: NodeJS.ProcessEnv): { [P in K]: Port<P> } & { close?(): void };
  };
  /** Called once per cold start; what it returns opens the channel's ports once per invocation. */
  lambda(context: LambdaChannelContext): () => { [P in K]: LambdaPort<P> };
}

/** Any channel, whatever it takes, as the drivers iterate them: every `ChannelEntry<K>` is one. */
export interface AnyChannel {
  label: string;
  takes: readonly NotificationKind[];
  cli: {
    asks: string;
    configured(env: NodeJS.ProcessEnv): boolean;
    problem?(env: NodeJS.ProcessEnv): string | undefined;
    open(env: NodeJS.ProcessEnv): { [P in NotificationKind]?: Port<P> } & { close?(): void };
  };
  lambda(context: LambdaChannelContext): () => { [P in NotificationKind]?: LambdaPort<P> };
}
