import type { DiscoverScope, DiscoveredSource } from '../../core/init/discovered';
import type { TargetClients } from './aws-target';

/**
 * How a live kind lists the sources a team could declare (`drift init --discover`), in its SDK part;
 * whether a scope asks it is the kind's own `discovers` (LiveKind), known without loading the SDK.
 */
export interface Discovery<Clients, Deps> {
  /** Lists what is there with the caller's credentials; reads names and counts, never a value. */
  discover(scope: DiscoverScope, clients: Clients & TargetClients, deps: Deps): Promise<DiscoveredSource[]>;
}
