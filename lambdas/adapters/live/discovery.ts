import type { DiscoverScope, DiscoveredSource } from '../../core/init/discovered';
import type { TargetClients } from './aws-target';
import type { Limit } from './limit';

/**
 * How a live kind lists the sources a team could declare (`drift init --discover`), in its SDK part;
 * whether a scope asks it is the kind's own `discovers` (LiveKind), known without loading the SDK.
 */
export interface Discovery<Clients, Deps> {
  /**
   * Lists what is there with the caller's credentials; reads names and counts, never a value. Every
   * call goes through `limit` (unlimited when not given), which backs off and retries on throttling.
   */
  discover(scope: DiscoverScope, clients: Clients & TargetClients, deps: Deps, limit?: Limit): Promise<DiscoveredSource[]>;
}
