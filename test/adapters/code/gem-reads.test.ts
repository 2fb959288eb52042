import { treeReads } from '../../helpers/tree-reads';
import { drift, scratch } from '../../helpers/cli';

const GEMFILE = "source 'https://rubygems.org'\n\ngem 'rails', '~> 7.1'\ngem \"sidekiq\", \"~> 7.2\"\n# gem 'redis'\n";

const readsOf = treeReads;

describe('variables the gems of a Gemfile read', () => {
  test('Sidekiq reads REDIS_URL, or the variable REDIS_PROVIDER names, with its own default; a commented gem reads nothing', async () => {
    expect(await readsOf({ Gemfile: GEMFILE })).toEqual([
      ['REDIS_PROVIDER', 'Gemfile:4', 'Sidekiq (Gemfile)', { kind: 'default' }],
      ['REDIS_URL', 'Gemfile:4', 'Sidekiq (Gemfile)', { kind: 'default', value: 'redis://localhost:6379/0' }],
    ]);
  });

  test("redis-rb's Redis.new reads REDIS_URL; a gem whose name only starts so (redis-namespace) does not", async () => {
    expect(await readsOf({ 'web/Gemfile': "gem 'redis', '>= 4'\ngem 'redis-namespace'\n" })).toEqual([
      ['REDIS_URL', 'web/Gemfile:1', 'redis-rb (Gemfile)', { kind: 'default', value: 'redis://localhost:6379' }],
    ]);
    expect(await readsOf({ Gemfile: "gem 'redis-namespace'\ngem 'pg'\n" })).toEqual([]);
  });

  test('a gem only for development and test reads nothing where the application is deployed; one of another group does', async () => {
    const gemfile = [
      "gem 'rails'",
      'group :development, :test do',
      "  gem 'redis'",
      '  platforms :mri do',
      "    gem 'sidekiq'",
      '  end',
      "  if RUBY_VERSION >= '3'",
      "    gem 'debug'",
      '  end',
      "  gem 'redis-client'",
      "  gem 'redis'",
      'end',
      "gem 'redis', group: :test",
      "gem 'redis', groups: %i[development test]",
      "gem 'redis', :group => %w(test)",
      'group %i[development test] do',
      "  gem 'redis'",
      'end',
      'group :production, :staging do',
      "  gem 'sidekiq', '~> 7' # jobs",
      'end',
      "gem 'redis', groups: %i[production]",
      '',
    ].join('\n');
    expect((await readsOf({ Gemfile: gemfile })).map(([name, at, via]) => `${name} ${at} ${via}`)).toEqual([
      'REDIS_PROVIDER Gemfile:20 Sidekiq (Gemfile)',
      'REDIS_URL Gemfile:20 Sidekiq (Gemfile)',
      'REDIS_URL Gemfile:22 redis-rb (Gemfile)',
    ]);
  });

  test('an environment that sets REDIS_URL for a Sidekiq application is not told no code reads it', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  production:\n    sources:\n      - dotenv: { from: prod.env }\nbaseline:\n  undeclared: ignore\ncode: { path: app }\n',
      'prod.env': 'REDIS_URL=redis://cache.internal:6379/0\nOLD_SETTING=1\n',
      'app/Gemfile': GEMFILE,
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ kind: string; key?: string }> }).findings;
    expect(findings.filter((f) => f.kind === 'unread').map((f) => f.key)).toEqual(['old.setting']);
  });
});
