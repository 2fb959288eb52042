import { drift, scratch } from '../helpers/cli';

// cookiecutter-django's settings: production.py requires what local.py defaults or never reads; each environment names
// the module its Django runs in DJANGO_SETTINGS_MODULE (staging's imports production's).
const TREE = {
  'src/config/settings/__init__.py': '',
  'src/config/settings/base.py': 'import environ\n\nenv = environ.Env()\nDATABASES = {"default": env.db("DATABASE_URL")}\n',
  'src/config/settings/local.py':
    'from .base import *  # noqa\nfrom .base import env\n\nSECRET_KEY = env("DJANGO_SECRET_KEY", default="local-only")\nEMAIL_PORT = env.int("EMAIL_PORT", default=1025)\n',
  'src/config/settings/production.py':
    'from .base import *  # noqa\nfrom .base import env\n\nSECRET_KEY = env("DJANGO_SECRET_KEY")\nADMIN_URL = env("DJANGO_ADMIN_URL")\nMAILGUN_API_KEY = env("MAILGUN_API_KEY")\n',
  'src/config/settings/staging.py': 'from .production import *  # noqa\n',
  'src/config/wsgi.py': 'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'src/manage.py': 'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n',
  'env/dev.env': 'DJANGO_SETTINGS_MODULE=config.settings.local\nDATABASE_URL=postgres://db/app\n',
  'env/staging.env':
    'DJANGO_SETTINGS_MODULE=config.settings.staging\nDATABASE_URL=postgres://db/app\nDJANGO_SECRET_KEY=s\nDJANGO_ADMIN_URL=a/\n',
  'env/production.env':
    'DJANGO_SETTINGS_MODULE=config.settings.production\nDATABASE_URL=postgres://db/app\nDJANGO_SECRET_KEY=s\nDJANGO_ADMIN_URL=a/\nMAILGUN_API_KEY=k\n',
  'env/unnamed.env': 'DATABASE_URL=postgres://db/app\n',
  'drift.yaml': `version: 1
name: django
code:
  path: src/
environments:
  dev: { sources: [ { dotenv: { from: env/dev.env } } ] }
  staging: { sources: [ { dotenv: { from: env/staging.env } } ] }
  production: { sources: [ { dotenv: { from: env/production.env } } ] }
  unnamed: { sources: [ { dotenv: { from: env/unnamed.env } } ] }
baseline:
  undeclared: ignore
`,
};

interface Finding {
  kind: string;
  severity: string;
  environment?: string;
  key?: string;
}

describe('Django settings modules in an audit', () => {
  test('each environment is judged on the reads of the settings module it runs, and what that imports', async () => {
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: scratch(TREE) });
    expect(run.stderr).toBe('');
    const unset = (JSON.parse(run.stdout) as { findings: Finding[] }).findings
      .filter((f) => f.kind === 'unset')
      .map((f) => `${f.environment} ${f.key} ${f.severity}`)
      .sort();
    expect(unset).toEqual([
      // local.py defaults the secret key and reads the mail port; production.py, which dev never loads, requires the rest.
      'dev django.secret.key medium',
      'dev email.port medium',
      // staging.py runs production.py: its reads without a default fail there too.
      'staging mailgun.api.key high',
      // No DJANGO_SETTINGS_MODULE: manage.py's default and wsgi.py's differ, so every module's reads count.
      'unnamed django.admin.url high',
      'unnamed django.secret.key high',
      'unnamed django.settings.module medium',
      'unnamed email.port medium',
      'unnamed mailgun.api.key high',
    ]);
  });
});
