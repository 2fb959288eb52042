import type * as z from '../zod';
import { GITHUB_TRACKER } from './trackers/github';
import { JIRA_TRACKER } from './trackers/jira';

/**
 * Every tracker drift keeps tickets in: its configuration, its short form and its credentials. A new
 * tracker is a file in trackers/, a line here, its adapter, its client in wiring/tracker-clients/ and a
 * line in wiring/ticket-tracker.ts.
 */
export const TRACKER_KINDS = { github: GITHUB_TRACKER, jira: JIRA_TRACKER } as const;

export type TrackerName = keyof typeof TRACKER_KINDS;
export const TRACKERS = Object.keys(TRACKER_KINDS) as TrackerName[];

/** One tracker's configuration, as parsed (defaults filled in). */
export type TrackerConfigOf<K extends TrackerName> = z.output<(typeof TRACKER_KINDS)[K]['config']>;
/** One tracker's credentials. */
export type TrackerCredentialsOf<K extends TrackerName> = NonNullable<ReturnType<(typeof TRACKER_KINDS)[K]['credentials']['parse']>>;

export type TrackerConfig = { [K in TrackerName]: TrackerConfigOf<K> }[TrackerName];
export type TrackerCredentials = { [K in TrackerName]: TrackerCredentialsOf<K> }[TrackerName];
