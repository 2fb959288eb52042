import type { CodeRead } from '../../../lambdas/core/code/code-read';
import { readUnderSettings } from '../../../lambdas/core/code/django-settings';

const read = (djangoSettings?: CodeRead['djangoSettings']): CodeRead => ({
  name: 'DJANGO_ADMIN_URL',
  key: 'django.admin.url',
  file: 'src/config/settings/production.py',
  line: 3,
  column: 17,
  language: 'python',
  via: 'env (django-environ)',
  fallback: { kind: 'none' },
  ...(djangoSettings && { djangoSettings }),
});

const PRODUCTION = read({
  loadedBy: ['src.config.settings.production', 'src.config.settings.staging'],
  others: ['src.config.settings.base', 'src.config.settings.local'],
});

describe('whether a read in a Django settings module runs under the environment’s DJANGO_SETTINGS_MODULE', () => {
  test.each<[string, CodeRead, string | undefined, boolean]>([
    ['a module that loads it, named from Python’s path', PRODUCTION, 'config.settings.production', true],
    ['a module importing it', PRODUCTION, 'config.settings.staging', true],
    ['another module of the package', PRODUCTION, 'config.settings.local', false],
    ['a module the package does not hold: not known, so it counts', PRODUCTION, 'other.settings', true],
    ['no DJANGO_SETTINGS_MODULE: which module runs is not known', PRODUCTION, undefined, true],
    ['a read outside any settings package', read(), 'config.settings.local', true],
    ['the module named from a folder above the scanned one', PRODUCTION, 'app.src.config.settings.local', false],
  ])('%s', (_what, r, module, runs) => {
    expect(readUnderSettings(r, module)).toBe(runs);
  });
});
