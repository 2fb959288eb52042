import type { DiscoverScope, DiscoveredSource } from '../../core/init/discovered';
import { LIVE, loadLive, type LiveClients, type LiveKindDeps } from './live-kinds';

/** The live kinds that list what they find and that the scope asks, each with its discovery (its SDK part is loaded). */
export async function discoveringKinds(scope: DiscoverScope) {
  const kinds = await Promise.all(LIVE.map(async ({ type }) => ({ type, discover: (await loadLive(type)).discover })));
  return kinds.flatMap(({ type, discover }) => (discover?.wanted(scope) ? [{ type, discover }] : []));
}

/**
 * Every live kind's discovery the scope asks for, in registry order. `clients` gives the target's
 * clients once the kinds are loaded (the wiring's AwsClientFactory.for).
 */
export async function discoverSources(scope: DiscoverScope, clients: () => LiveClients, deps: LiveKindDeps): Promise<DiscoveredSource[]> {
  const kinds = await discoveringKinds(scope);
  const found: DiscoveredSource[] = [];
  for (const { discover } of kinds) found.push(...(await discover.discover(scope, clients() as never, deps as never)));
  return found;
}
