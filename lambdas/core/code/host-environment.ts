import type { EffectiveConfig } from '../engine/effective-config';
import type { CodeRead } from './code-read';

/**
 * The variables a .NET host takes its environment's name from, a web host's ASPNETCORE_ENVIRONMENT over
 * DOTNET_ENVIRONMENT: those of a read whose CodeRead.hostEnvironments names none (a scan published before others).
 */
const DOTNET_KEYS = ['aspnetcore.environment', 'dotnet.environment'];

/** The environment name an environment's processes run as, by the first of `variables` it sets; undefined where it sets none, or not as text. */
export function hostEnvironment(config: EffectiveConfig, variables: readonly string[] = DOTNET_KEYS): string | undefined {
  for (const key of variables) {
    const value = config.entries.get(key)?.value;
    if (value !== undefined) return value.kind === 'text' ? value.text.trim() : undefined;
  }
  return undefined;
}

/**
 * The read as it runs in `config`: falling back to what the file of the environment name it runs as gives
 * (appsettings.Staging.json, node-config's config/production.json; CodeRead.hostEnvironments).
 */
export function readAsHost(read: CodeRead, config: EffectiveConfig): CodeRead {
  const hosts = read.hostEnvironments;
  if (hosts === undefined) return read;
  const host = hostEnvironment(config, hosts.variables);
  if (host === undefined) return read;
  const { byName, other } = hosts;
  return { ...read, fallback: Object.hasOwn(byName, host) ? (byName[host] ?? other) : other };
}
