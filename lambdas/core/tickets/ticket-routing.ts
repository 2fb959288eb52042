import { wildcardTest } from '../wildcard';
import type { FindingKind } from '../kinds';
import type { Severity } from '../severity';

/** Where an owner's tickets go: labels added, Jira components, and who is assigned (a GitHub login or a Jira account id). */
export interface OwnerRoute {
  labels: string[];
  components: string[];
  assignee?: string;
}

/** `notify.tickets` in drift.yaml: which lifecycle events make tickets, and how each key's owner is routed. */
export interface TicketRouting {
  minSeverity: Severity;
  kinds: 'all' | FindingKind[];
  /** On every ticket of the estate. */
  labels: string[];
  /** By owner name, or a glob of owner names (`team-*`); `*` catches the rest. The first exact name wins, then the first glob. */
  owners: Record<string, OwnerRoute>;
}

export const TICKET_ROUTING_DEFAULT: TicketRouting = { minSeverity: 'high', kinds: 'all', labels: ['drift'], owners: {} };

/** The route of a finding's owner: its exact entry, else the first glob that matches, else none (and none for no owner). */
export function ownerRoute(routing: TicketRouting, owner: string | undefined): OwnerRoute | undefined {
  // A finding read back from the store carries null for no owner; `*` is for owners not listed, not for none.
  if (typeof owner !== 'string' || owner === '') return undefined;
  if (Object.hasOwn(routing.owners, owner)) return routing.owners[owner];
  const glob = Object.keys(routing.owners).find((g) => /[*?]/.test(g) && wildcardTest(g)(owner));
  return glob === undefined ? undefined : routing.owners[glob];
}
