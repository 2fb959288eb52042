import type { EffectiveConfig } from '../engine/effective-config';
import type { CodeRead } from './code-read';

// DJANGO_SETTINGS_MODULE, as the environment sets it.
const SETTINGS_MODULE_KEY = 'django.settings.module';

/** The settings module an environment's Django runs (`config.settings.production`); undefined where it sets none, or not as text. */
export function settingsModule(config: EffectiveConfig): string | undefined {
  const value = config.entries.get(SETTINGS_MODULE_KEY)?.value;
  if (value?.kind !== 'text') return undefined;
  const module = value.text.trim();
  return module === '' ? undefined : module;
}

/**
 * Whether two dotted module names are one module seen from two folders: the scan names modules from the folder it reads
 * (`src.config.settings.local`), the environment from Python's path (`config.settings.local`).
 */
export const sameModule = (a: string, b: string): boolean => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

/**
 * Whether a read happens under the settings module `module`: a read in a settings package's module only where that
 * module is one that loads it (CodeRead.djangoSettings). Where the environment names none, or a module the package does
 * not hold, every read counts: which one Django runs is not known.
 */
export function readUnderSettings(read: CodeRead, module: string | undefined): boolean {
  const scope = read.djangoSettings;
  if (scope === undefined || module === undefined) return true;
  return scope.loadedBy.some((m) => sameModule(m, module)) || !scope.others.some((m) => sameModule(m, module));
}
