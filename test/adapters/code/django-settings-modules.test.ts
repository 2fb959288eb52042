import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const scopesOf = async (files: Record<string, string>) =>
  (await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] })).reads.map(
    (r) => [r.name, r.file, r.djangoSettings] as const,
  );

// cookiecutter-django's layout: one settings package, a module per way the application runs, each importing base.
const COOKIECUTTER = {
  'config/settings/__init__.py': '',
  'config/settings/base.py': 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", False)\n',
  'config/settings/local.py': 'from .base import *  # noqa\nfrom .base import env\nEMAIL_PORT = env.int("EMAIL_PORT", default=1025)\n',
  'config/settings/production.py': 'from .base import *  # noqa\nfrom .base import env\nADMIN_URL = env("DJANGO_ADMIN_URL")\n',
  'config/settings/staging.py': 'from config.settings.production import *  # noqa\nimport os\nSTAGE = os.environ["STAGE_NAME"]\n',
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'app/views.py': 'import os\nTIMEOUT = os.getenv("VIEW_TIMEOUT", "5")\n',
};

describe("Django's settings modules", () => {
  test('a read in a settings module is scoped by the modules that load it; one every module loads is not', async () => {
    expect(await scopesOf(COOKIECUTTER)).toEqual([
      [
        'DJANGO_ADMIN_URL',
        'config/settings/production.py',
        {
          loadedBy: ['config.settings.production', 'config.settings.staging'],
          others: ['config.settings', 'config.settings.base', 'config.settings.local'],
        },
      ],
      [
        'DJANGO_DEBUG',
        'config/settings/base.py',
        {
          loadedBy: ['config.settings.base', 'config.settings.local', 'config.settings.production', 'config.settings.staging'],
          others: ['config.settings'],
        },
      ],
      ['DJANGO_SETTINGS_MODULE', 'config/wsgi.py', undefined],
      [
        'EMAIL_PORT',
        'config/settings/local.py',
        { loadedBy: ['config.settings.local'], others: expect.arrayContaining(['config.settings.production']) },
      ],
      [
        'STAGE_NAME',
        'config/settings/staging.py',
        { loadedBy: ['config.settings.staging'], others: expect.arrayContaining(['config.settings.production']) },
      ],
      ['VIEW_TIMEOUT', 'app/views.py', undefined],
    ]);
  });

  test("the package's __init__.py runs under every settings module, and so does what it imports", async () => {
    const reads = await scopesOf({
      ...COOKIECUTTER,
      'config/settings/__init__.py': 'from .common import *\n',
      'config/settings/common.py': 'import os\nREGION = os.getenv("REGION", "eu")\n',
    });
    expect(reads.find(([name]) => name === 'REGION')?.[2]).toBeUndefined();
  });

  test('imports inside a try:, of several modules at once, and by the package name are followed', async () => {
    const reads = await scopesOf({
      'settings/__init__.py': '',
      'settings/base.py': 'import os\nA = os.getenv("BASE_ONLY_A")\n',
      'settings/extra.py': 'import os\nB = os.getenv("EXTRA_B")\n',
      'settings/overrides.py': 'import os\nC = os.getenv("OVERRIDES_C")\n',
      'settings/prod.py': 'from . import base, extra\ntry:\n    from .overrides import *\nexcept ImportError:\n    pass\n',
      'settings/dev.py': 'from settings import base\n',
    });
    const loaders = Object.fromEntries(reads.map(([name, , scope]) => [name, scope?.loadedBy]));
    expect(loaders).toEqual({
      BASE_ONLY_A: ['settings.base', 'settings.dev', 'settings.prod'],
      EXTRA_B: ['settings.extra', 'settings.prod'],
      OVERRIDES_C: ['settings.overrides', 'settings.prod'],
    });
  });

  test('settings_*.py modules beside the project code: those are scoped, the folder’s other modules are not', async () => {
    const reads = await scopesOf({
      'mysite/__init__.py': '',
      'mysite/settings.py': 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
      'mysite/settings_dev.py': 'import os\nfrom mysite.settings import *\nDEBUG_TOOLBAR = os.getenv("DEBUG_TOOLBAR", "1")\n',
      'mysite/urls.py': 'import os\nPREFIX = os.getenv("URL_PREFIX", "")\n',
    });
    expect(reads).toEqual([
      ['DEBUG_TOOLBAR', 'mysite/settings_dev.py', { loadedBy: ['mysite.settings_dev'], others: ['mysite.settings'] }],
      ['DJANGO_SECRET_KEY', 'mysite/settings.py', undefined],
      ['URL_PREFIX', 'mysite/urls.py', undefined],
    ]);
  });

  test('a settings folder of fragments another folder imports holds no settings module: its reads are not scoped', async () => {
    const reads = await scopesOf({
      'config/settings/sessions.py': 'import os\nSESSION_COOKIE_AGE = os.getenv("SESSION_COOKIE_AGE", "1209600")\n',
      'config/settings/files_and_storages.py': 'import os\nFILE_MAX_SIZE = os.getenv("FILE_MAX_SIZE", "10")\n',
      'config/django/base.py': 'from config.settings.sessions import *  # noqa\nfrom config.settings.files_and_storages import *  # noqa\n',
      'config/django/production.py': 'from .base import *  # noqa\nimport os\nHOSTS = os.environ["ALLOWED_HOSTS"]\n',
      'config/django/local.py': 'from .base import *  # noqa\n',
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")\n',
      'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.production")\n',
    });
    expect(reads.filter(([name]) => name !== 'DJANGO_SETTINGS_MODULE')).toEqual([
      ['ALLOWED_HOSTS', 'config/django/production.py', { loadedBy: ['config.django.production'], others: ['config.django.local'] }],
      ['FILE_MAX_SIZE', 'config/settings/files_and_storages.py', undefined],
      ['SESSION_COOKIE_AGE', 'config/settings/sessions.py', undefined],
    ]);
  });

  test('one settings module alone has nothing to choose between: its reads are not scoped', async () => {
    const reads = await scopesOf({
      'mysite/settings.py': 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
      'mysite/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    });
    expect(reads.every(([, , scope]) => scope === undefined)).toBe(true);
  });
});
