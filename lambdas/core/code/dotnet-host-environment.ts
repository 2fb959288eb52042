import type { EffectiveConfig } from '../engine/effective-config';
import type { CodeRead } from './code-read';

// The variables a .NET host takes its environment's name from: a web host's ASPNETCORE_ENVIRONMENT over DOTNET_ENVIRONMENT.
const HOST_ENVIRONMENT_KEYS = ['aspnetcore.environment', 'dotnet.environment'];

/** The .NET environment an environment's hosts run as, as it sets it; undefined where it sets none (Production) or not as text. */
export function hostEnvironment(config: EffectiveConfig): string | undefined {
  for (const key of HOST_ENVIRONMENT_KEYS) {
    const value = config.entries.get(key)?.value;
    if (value !== undefined) return value.kind === 'text' ? value.text.trim() : undefined;
  }
  return undefined;
}

/** The read as a host run as `host` makes it: falling back to what its appsettings.{host}.json gives (CodeRead.hostEnvironments). */
export function readAsHost(read: CodeRead, host: string | undefined): CodeRead {
  if (host === undefined || read.hostEnvironments === undefined) return read;
  const { byName, other } = read.hostEnvironments;
  return { ...read, fallback: Object.hasOwn(byName, host) ? (byName[host] ?? other) : other };
}
