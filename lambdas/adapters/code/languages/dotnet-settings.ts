import type { ReadFallback } from '../../../core/code/code-read';
import { canonicalKey } from '../../../core/keys';
import { jsonWithoutComments } from '../../../core/sources/json-comments';

// The file every .NET host loads (appsettings.json), and the one of the environment it runs as (ASPNETCORE_ENVIRONMENT or
// DOTNET_ENVIRONMENT; Production where neither is set): appsettings.Staging.json. The name is matched as written, as
// the file provider of a Linux container finds it.
const SETTINGS_FILE = /(?:^|\/)appsettings(?:\.[^/.]+)?\.json$/i;
const ENVIRONMENT_FILE = /(?:^|\/)appsettings\.([^/.]+)\.json$/i;

/** The leaves of a settings document as .NET names them: sections joined with `:`, array items by index; a null sets nothing. */
function leaves(value: unknown, path: string, out: Map<string, string>): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object') {
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) leaves(inner, path ? `${path}:${name}` : name, out);
    return;
  }
  out.set(path, typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * What an IConfiguration read falls back to when the environment lacks its key: the value the host's appsettings.json
 * sets for it, by canonical key (a variable `Identity__Audience` overrides `Identity:Audience` there). A file that does not
 * parse sets nothing, as the scan of its code goes on.
 */
function dotnetSettingsDefaults(text: string): ReadonlyMap<string, ReadFallback> {
  let doc: unknown;
  try {
    // As .NET's configuration reads it: comments and trailing commas allowed (JsonCommentHandling.Skip).
    doc = JSON.parse(jsonWithoutComments(text.replace(/^\uFEFF/, '')));
  } catch {
    return new Map();
  }
  const set = new Map<string, string>();
  leaves(doc, '', set);
  const defaults = new Map<string, ReadFallback>();
  for (const [name, value] of set) {
    const key = canonicalKey(name.replace(/:/g, '.'));
    if (key !== '') defaults.set(key, { kind: 'default', value });
  }
  return defaults;
}

/** .NET's settings files, what they set for IConfiguration reads, and which one wins over appsettings.json. */
export const DOTNET_SETTINGS_FILES = {
  framework: 'dotnet',
  names: SETTINGS_FILE,
  hostEnvironments: {
    of: (file: string) => ENVIRONMENT_FILE.exec(file)?.[1],
    unnamed: 'Production',
    // A web host's ASPNETCORE_ENVIRONMENT over DOTNET_ENVIRONMENT.
    variables: ['aspnetcore.environment', 'dotnet.environment'],
  },
  libraries: 'hosts',
  defaults: dotnetSettingsDefaults,
} as const;
