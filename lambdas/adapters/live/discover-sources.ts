import type { DiscoverScope, DiscoveredSource } from '../../core/init/discovered';
import { LIVE, type LiveClients, type LiveKindDeps } from './live-kinds';

/** The live kinds that list what they find, and whether the scope asks any of them. */
export const discoveringKinds = (scope: DiscoverScope) => LIVE.filter(({ live }) => live.discover?.wanted(scope));

/** Every live kind's discovery the scope asks for, in registry order. */
export async function discoverSources(scope: DiscoverScope, clients: LiveClients, deps: LiveKindDeps): Promise<DiscoveredSource[]> {
  const found: DiscoveredSource[] = [];
  for (const { live } of discoveringKinds(scope)) found.push(...(await live.discover!.discover(scope, clients as never, deps as never)));
  return found;
}
