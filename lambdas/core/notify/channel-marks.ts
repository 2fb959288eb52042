/**
 * What a notification channel's deliveries are kept under in the store, named by the channel (its
 * name in the wiring's CHANNELS registry): two channels that take one kind (Slack and Teams
 * digests) each keep their own window, lease and sent marks, so one that failed is tried again
 * without the other sending twice. The names are those drift always stored for Slack and SNS
 * (`slack-digest`, `slack`, `slack-immediate`, `sns`, `sns-first-run-until`, …), so an installation's
 * items are read where they are. A channel's name has no `-` (`a`'s `a-immediate` is then no other
 * channel's), and no channel takes both digests and events, whose sent marks are both its name.
 */

/** A digest channel's: where its last window ended, the lease held while sending, and the events' sent mark. */
export const digestMarks = (channel: string) => ({
  window: `${channel}-digest`,
  lease: `${channel}-digest-sending`,
  sent: channel,
});

/** An immediate channel's: each event's sent mark, and the lease held while sending. */
export const immediateMarks = (channel: string) => ({
  sent: `${channel}-immediate`,
  lease: `${channel}-immediate-sending`,
});

/**
 * A lifecycle-event channel's: each event's sent and skipped marks, its first-run boundary (and
 * the start of the targeted runs notified before it), and the lease held while publishing.
 */
export const eventMarks = (channel: string) => ({
  sent: channel,
  skipped: `${channel}-skipped`,
  firstRunUntil: `${channel}-first-run-until`,
  partialFirstRunSince: `${channel}-first-run-partial-since`,
  lease: `${channel}-publishing`,
});
