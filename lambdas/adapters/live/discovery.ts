import type { DiscoverScope, DiscoveredSource } from '../../core/init/discovered';
import type { TargetClients } from './aws-target';

/** How a live kind lists the sources a team could declare (`drift init --discover`). */
export interface Discovery<Clients, Deps> {
  /** Whether the scope names a place this kind looks in (`--ssm-path`, `--ecs-cluster`, …). */
  wanted(scope: DiscoverScope): boolean;
  /** Lists what is there with the caller's credentials; reads names and counts, never a value. */
  discover(scope: DiscoverScope, clients: Clients & TargetClients, deps: Deps): Promise<DiscoveredSource[]>;
}
