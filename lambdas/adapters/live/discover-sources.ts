import type { DiscoverScope, DiscoveredSource } from '../../core/init/discovered';
import { unlimited, type Limit } from './limit';
import { LIVE, loadLive, type LiveClients, type LiveKindDeps } from './live-kinds';
import { EndlessPagingError } from './paging';

/** The live kinds the scope asks to list what they find, in registry order (their SDK parts are not loaded). */
export const discoveringKinds = (scope: DiscoverScope) => LIVE.filter(({ live }) => live.discovers?.(scope) !== undefined);

/** Where the scope asks discovery to look, for people: `SSM path /app/ or ECS cluster apps`. */
export const discoveryPlaces = (scope: DiscoverScope): string => LIVE.flatMap(({ live }) => live.discovers?.(scope) ?? []).join(' or ');

/**
 * Every live kind's discovery the scope asks for, in registry order: each kind's SDK part is loaded,
 * then `clients` gives the target's clients (the wiring's AwsClientFactory.for); every call goes through `limit`.
 */
export async function discoverSources(
  scope: DiscoverScope,
  clients: () => LiveClients,
  deps: LiveKindDeps,
  limit: Limit = unlimited,
): Promise<DiscoveredSource[]> {
  const kinds = discoveringKinds(scope);
  const sdks = await Promise.all(kinds.map(({ type }) => loadLive(type)));
  const found: DiscoveredSource[] = [];
  for (const [i, sdk] of sdks.entries()) {
    if (!sdk.discover) throw new Error(`live kind ${kinds[i]?.type}: discovers a scope but its SDK part has no discover`);
    try {
      found.push(...(await sdk.discover.discover(scope, clients() as never, deps as never, limit)));
    } catch (err) {
      // The listing names no call of its own: say whose it was.
      if (err instanceof EndlessPagingError) throw new EndlessPagingError(`${kinds[i]?.type} discovery: ${err.message}`);
      throw err;
    }
  }
  return found;
}
