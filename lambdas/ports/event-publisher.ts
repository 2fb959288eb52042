import type { SnsMessage } from '../core/notify/sns-message';

/** Publishes lifecycle-event messages and says, per message id, which went; never throws for the channel's errors. */
export interface EventPublisher {
  publish(messages: SnsMessage[]): Promise<{ sent: string[]; failed: Array<{ id: string; error: string }> }>;
}
