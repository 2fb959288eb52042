import { ruby } from '../../../../lambdas/adapters/code/languages/ruby';
import { TreeSitterCodeReader } from '../../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../../helpers/cli';
import { fallback, none, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';
import { composeVariables, serviceReads } from '../../../helpers/service-reads';

describe('the Ruby reader', () => {
  it.each<[string, string, SnippetRead[]]>([
    ["ENV['X']", "port = ENV['EMAIL_PORT']", [read('EMAIL_PORT', 1, 'ENV[]')]],
    ['ENV["X"], as an argument', 'set :port, ENV["EMAIL_PORT"]', [read('EMAIL_PORT', 1, 'ENV[]')]],
    ['::ENV', "x = ::ENV['HOME_DIR']", [read('HOME_DIR', 1, 'ENV[]')]],
    ["ENV['X'] || 'd'", "mode = ENV['MODE'] || 'fast'", [read('MODE', 1, 'ENV[]', fallback("'fast'"))]],
    ['(ENV["X"] || "")', 's = (ENV["SUFFIX"] || "")', [read('SUFFIX', 1, 'ENV[]', fallback('""'))]],
    [
      "ENV['A'] || ENV['B'] || 'd': B falls back to 'd', or raises",
      "h = ENV['PRIMARY'] || ENV['SECONDARY'] || 'x'\nk = ENV['KEY_A'] || ENV['KEY_B'] || raise('no key')",
      [
        read('PRIMARY', 1, 'ENV[]', fallback()),
        read('SECONDARY', 1, 'ENV[]', fallback("'x'")),
        read('KEY_A', 2, 'ENV[]', fallback()),
        read('KEY_B', 2, 'ENV[]'),
      ],
    ],
    [
      "ENV['X'] ||= d: the environment's value, else d (basecamp/once-campfire's config/puma.rb and config/boot.rb)",
      'ENV["JOB_CONCURRENCY"] ||= worker_count.to_s\nENV["BUNDLE_GEMFILE"] ||= File.expand_path("../Gemfile", __dir__)\nENV[\'MODE\'] ||= \'fast\'',
      [
        read('JOB_CONCURRENCY', 1, 'ENV[]', fallback()),
        read('BUNDLE_GEMFILE', 2, 'ENV[]', fallback()),
        read('MODE', 3, 'ENV[]', fallback("'fast'")),
      ],
    ],
    [
      "ENV['X'].blank? or .present? made a truth (once-campfire's config.assume_ssl = ENV[\"DISABLE_SSL\"].blank?): false or true unset, unless that raises",
      [
        'config.assume_ssl = ENV["DISABLE_SSL"].blank?',
        'config.eager_load = ENV["CI"].present?',
        'if Rails.env.production? && ENV["SKIP_TELEMETRY"].blank?',
        '  start_sentry',
        'end',
        'raise "SECRET_KEY_BASE is required" if ENV["SECRET_KEY_BASE"].blank?',
      ].join('\n'),
      [
        read('DISABLE_SSL', 1, 'ENV[]', fallback()),
        read('CI', 2, 'ENV[]', fallback()),
        read('SKIP_TELEMETRY', 3, 'ENV[]', fallback()),
        read('SECRET_KEY_BASE', 6, 'ENV[]'),
      ],
    ],
    [
      "ENV['X'].presence || 'd', ENV['X']&.to_i || d: nil when unset, then the fallback (huginn's db/seeds/seeder.rb)",
      [
        'user = User.find_or_initialize_by(:email => ENV[\'SEED_EMAIL\'].presence || "admin@example.com")',
        "workers = ENV['WORKERS']&.to_i || 2",
        "hosts = ENV['HOSTS'].presence&.split(',') || []",
        "v = ENV['LEVEL'].presence\nv ||= 'info'",
        "size = ENV['SIZE'].to_i || 5",
        "token = ENV['TOKEN'].presence || raise('TOKEN is required')",
      ].join('\n'),
      [
        read('SEED_EMAIL', 1, 'ENV[]', fallback('"admin@example.com"')),
        read('WORKERS', 2, 'ENV[]', fallback('2')),
        read('HOSTS', 3, 'ENV[]', fallback()),
        read('LEVEL', 4, 'ENV[]', fallback("'info'")),
        read('SIZE', 6, 'ENV[]'),
        read('TOKEN', 7, 'ENV[]'),
      ],
    ],
    [
      "if (key = ENV['X']).present? && …, the value used only in that branch: the code runs without it (huginn's omniauth providers)",
      [
        'if defined?(OmniAuth::Strategies::Twitter) &&',
        '   (key = ENV["TWITTER_KEY"]).present? &&',
        '   (secret = ENV["TWITTER_SECRET"]).present?',
        '  config.omniauth :twitter, key, secret',
        'end',
        'if (key = ENV["TUMBLR_KEY"]).present?',
        '  config.omniauth :tumblr, key',
        'end',
        'if (host = ENV["HOST"])',
        '  config.host = host',
        'end',
        'if (port = ENV["PORT"]).present?',
        '  start(port)',
        'end',
        'listen(port)',
        'if ready? || (url = ENV["URL"]).present?',
        '  connect(url)',
        'end',
      ].join('\n'),
      [
        read('TWITTER_KEY', 2, 'ENV[]', fallback()),
        read('TWITTER_SECRET', 3, 'ENV[]', fallback()),
        read('TUMBLR_KEY', 6, 'ENV[]', fallback()),
        read('HOST', 9, 'ENV[]', fallback()),
        // Used after its branch, unset too: the code gets nothing there.
        read('PORT', 12, 'ENV[]'),
        // `||`: the branch may run without the assignment.
        read('URL', 16, 'ENV[]'),
      ],
    ],
    ["ENV['X'] or raise", "db = ENV['DB'] or raise 'DB is required'", [read('DB', 1, 'ENV[]')]],
    ["ENV['X'] || an expression", "h = ENV['HOST'] || Socket.gethostname", [read('HOST', 1, 'ENV[]', fallback())]],
    ['ENV.fetch raises without a default', "k = ENV.fetch('KAFKA_ADDR')", [read('KAFKA_ADDR', 1, 'ENV.fetch')]],
    ['ENV.fetch with a default', 'p = ENV.fetch("FLAGD_PORT", 8013).to_i', [read('FLAGD_PORT', 1, 'ENV.fetch', fallback('8013'))]],
    [
      'ENV.fetch with a block',
      "h = ENV.fetch('FLAGD_HOST') { 'localhost' }",
      [read('FLAGD_HOST', 1, 'ENV.fetch', fallback("'localhost'"))],
    ],
    [
      'ENV.fetch with a do block',
      "t = ENV.fetch('TOPIC') do |key|\n  'orders'\nend",
      [read('TOPIC', 1, 'ENV.fetch', fallback("'orders'"))],
    ],
    ['ENV.fetch with a raising block', "t = ENV.fetch('TOPIC') { raise ArgumentError }", [read('TOPIC', 1, 'ENV.fetch')]],
    ['ENV.key?', "tracing = ENV.key?('OTLP_TRACES')", [read('OTLP_TRACES', 1, 'ENV.key?', fallback())]],
    ['a later ||=', "v = ENV['LEVEL']\nv ||= 'info'", [read('LEVEL', 1, 'ENV[]', fallback("'info'"))]],
    ['a later if-modifier that assigns', "w = ENV['WIDTH']\nw = '80' if w.nil? || w.empty?", [read('WIDTH', 1, 'ENV[]', fallback("'80'"))]],
    ['a later choice', "v = ENV['LEVEL']\nlevel = v.nil? ? 'info' : v", [read('LEVEL', 1, 'ENV[]', fallback("'info'"))]],
    [
      'a later return',
      "def level\n  v = ENV['LEVEL']\n  return 'info' if v.nil?\n  v\nend",
      [read('LEVEL', 2, 'ENV[]', fallback("'info'"))],
    ],
    ['a later unless-modifier', "v = ENV['LEVEL']\nv = 'info' unless v", [read('LEVEL', 1, 'ENV[]', fallback("'info'"))]],
    [
      'the else of a test that it is set',
      "v = ENV['LEVEL']\nif v\n  puts v\nelse\n  v = 'info'\nend",
      [read('LEVEL', 1, 'ENV[]', fallback("'info'"))],
    ],
    [
      'a test that it is set, whose branch the code goes past without it, is a default of no shown value',
      "v = ENV['LEVEL']\nreturn true if v.present?",
      [read('LEVEL', 1, 'ENV[]', fallback())],
    ],
    ['a later if that raises', "u = ENV['URL']\nif u.nil?\n  raise ArgumentError, 'URL'\nend", [read('URL', 1, 'ENV[]')]],
    ['variable and interpolated keys are not reported', "a = ENV[name]\nb = ENV.fetch(\"#{prefix}_URL\", 'x')\nc = config['X']", []],
    [
      'ENV.fetch with a nil default or block gives nothing when unset',
      "a = ENV.fetch('A', nil)\nb = ENV.fetch('B') { nil }",
      [read('A', 1, 'ENV.fetch'), read('B', 2, 'ENV.fetch')],
    ],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(ruby, '.rb', source)).toEqual(expected);
  });

  test("Rails' ERB-in-YAML configuration (config/database.yml) reads ENV in its tags, at their lines", async () => {
    const yaml = [
      'default: &default',
      '  adapter: postgresql',
      '  host: <%= ENV.fetch("DB_HOST") { "127.0.0.1" } %>',
      '  password: <%= ENV["DB_PASSWORD"] -%>',
      '<%# ENV["IN_A_COMMENT"] %>',
      '<% if ENV["REPLICA_URL"] %>',
      '  replica: <%%= not a tag %>',
      '<% end %>',
      'production:',
      '  url: <%= ENV.fetch("DATABASE_URL") %>',
    ].join('\n');
    expect(await readsOf(ruby, '.yml', yaml)).toEqual([
      read('DB_HOST', 3, 'ENV.fetch', fallback('"127.0.0.1"')),
      read('DB_PASSWORD', 4, 'ENV[]'),
      read('REPLICA_URL', 6, 'ENV[]', fallback()),
      read('DATABASE_URL', 10, 'ENV.fetch'),
    ]);
  });

  test('a view reads ENV in its tags; a YAML file without ERB is not read as Ruby (nor counted)', async () => {
    const dir = scratch({
      'app/views/_footer.html.erb': '<footer>\n  <%= ENV["SUPPORT_EMAIL"] %>\n</footer>\n',
      'config/settings.yml': 'name: ENV["NOT_RUBY"]\n',
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(scan.reads.map((r) => [r.name, r.file, r.line])).toEqual([['SUPPORT_EMAIL', 'app/views/_footer.html.erb', 2]]);
    expect(scan.files).toEqual({ ruby: 1 });
  });

  describe('wrappers, one level, across the files', () => {
    const helpers = [
      'module Settings\n  def self.opt(name, default = nil)\n    ENV[name] || default\n  end\n\n  def self.must(name)\n    v = ENV[name]\n    raise "missing #{name}" if v.nil?\n    v\n  end\n\n' +
        "  def self.flag(name)\n    ENV.fetch(name, 'off')\n  end\n\n  def self.on?(name)\n    ENV[name] == 'true'\n  end\nend\n",
    ];
    it.each<[string, string, SnippetRead[]]>([
      [
        'a default argument',
        "a = Settings.opt('CURRENCY_ADDR', 'localhost:7001')",
        [read('CURRENCY_ADDR', 1, 'opt (wrapper of ENV[])', fallback("'localhost:7001'"))],
      ],
      ['no default argument', "a = Settings.opt 'CURRENCY_ADDR'", [read('CURRENCY_ADDR', 1, 'opt (wrapper of ENV[])')]],
      ['one that raises has no default', "k = Settings.must('KAFKA_ADDR')", [read('KAFKA_ADDR', 1, 'must (wrapper of ENV[])')]],
      [
        'one with a default of its own',
        "f = Settings.flag('DARK_MODE')",
        [read('DARK_MODE', 1, 'flag (wrapper of ENV.fetch)', fallback("'off'"))],
      ],
      [
        'one that compares the value answers false when unset: a default',
        "x = Settings.on?('DARK_MODE')",
        [read('DARK_MODE', 1, 'on? (wrapper of ENV[])', fallback())],
      ],
      ['a variable argument is not reported', 'a = Settings.opt(name, 1)', []],
    ])('%s', async (_name, source, expected) => {
      expect(await readsOf(ruby, '.rb', source, helpers)).toEqual(expected);
    });
  });

  it('email (opentelemetry-demo): every variable compose.yaml sets is read, except those the platform or a library reads', async () => {
    // Not read by email's code: APP_ENV is Sinatra's (it picks the environment); OTEL_* are the OpenTelemetry SDK's.
    const reads = await serviceReads(ruby, 'email');
    const read = new Set(reads.map((r) => r.name));
    const expected = composeVariables('email').filter((name) => !name.startsWith('OTEL_') && name !== 'APP_ENV');
    expect(expected).toEqual(['EMAIL_PORT', 'FLAGD_HOST', 'FLAGD_PORT']);
    for (const name of expected) expect(read).toContain(name);
    expect(reads).toEqual([
      { name: 'EMAIL_PORT', file: 'email_server.rb', line: 18, via: 'ENV[]', fallback: none },
      { name: 'FLAGD_HOST', file: 'email_server.rb', line: 23, via: 'ENV.fetch', fallback: fallback('"localhost"') },
      { name: 'FLAGD_PORT', file: 'email_server.rb', line: 24, via: 'ENV.fetch', fallback: fallback('8013') },
      { name: 'FLAGD_TLS', file: 'email_server.rb', line: 25, via: 'ENV.fetch', fallback: fallback('"false"') },
    ]);
  });

  it("huginn's production database settings and seeds fall back after .presence (config/database.yml, db/seeds/seeder.rb)", async () => {
    const root = `${__dirname}/../../../fixtures/realworld/huginn`;
    const { reads } = await new TreeSitterCodeReader().scan({ path: root, exclude: [] });
    const shown = (name: string) => reads.filter((r) => r.name === name && r.language === 'ruby').map((r) => [r.file, r.line, r.fallback]);
    const given = (value: string) => ({ kind: 'default', value });
    expect(shown('DATABASE_ADAPTER')).toEqual([['config/database.yml', 29, given('"mysql2"')]]);
    expect(shown('DATABASE_NAME')).toEqual([['config/database.yml', 31, given('"huginn_production"')]]);
    expect(shown('SEED_EMAIL')).toEqual([['db/seeds/seeder.rb', 8, given('"admin@example.com"')]]);
    // A secret-named setting's default is a secret, never shown.
    expect(shown('DATABASE_PASSWORD')).toEqual([['config/database.yml', 34, { kind: 'default', secret: true }]]);
  });

  it("huginn's Devise initializer configures each OAuth provider only where its key and secret are set", async () => {
    const root = `${__dirname}/../../../fixtures/realworld/huginn`;
    const { reads } = await new TreeSitterCodeReader().scan({ path: root, exclude: [] });
    const devise = reads.filter((r) => r.file === 'config/initializers/devise.rb');
    const providers = devise.filter((r) => /_OAUTH_|_CLIENT_|THREADS_APP_/.test(r.name));
    expect(providers.map((r) => r.name)).toEqual(
      expect.arrayContaining(['TWITTER_OAUTH_KEY', 'TUMBLR_OAUTH_SECRET', 'GOOGLE_CLIENT_ID', 'RAINDROP_CLIENT_SECRET']),
    );
    expect(providers.filter((r) => r.fallback.kind === 'none').map((r) => r.name)).toEqual([]);
  });

  it("Rails' development and test environments' settings (config/environments/development.rb, test.rb) are not read", async () => {
    const dir = scratch({
      'web/config/environments/production.rb': 'Rails.application.configure do\n  config.log_level = ENV.fetch("LOG_LEVEL")\nend\n',
      'web/config/environments/development.rb': 'Rails.application.configure do\n  config.hosts << ENV["DEV_HOST"]\nend\n',
      'web/config/environments/test.rb': 'Rails.application.configure do\n  config.eager_load = ENV["CI"].present?\nend\n',
      'web/config/initializers/development.rb': 'X = ENV["INITIALIZER"]\n',
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    // Rails loads config/environments/NAME.rb only under RAILS_ENV=NAME: these two run on a developer's machine and under the tests.
    expect(reads.map((r) => [r.name, r.file])).toEqual([
      ['INITIALIZER', 'web/config/initializers/development.rb'],
      ['LOG_LEVEL', 'web/config/environments/production.rb'],
    ]);
  });

  it("a Rails YAML file's development and test sections (config/database.yml, cable.yml) are not read (maybe-finance)", async () => {
    const dir = scratch({
      'web/config/database.yml': [
        'default: &default',
        '  adapter: postgresql',
        '  host: <%= ENV.fetch("DB_HOST") { "127.0.0.1" } %>',
        '',
        'development:',
        '  <<: *default',
        '  database: <%= ENV.fetch("POSTGRES_DB") { "maybe_development" } %>',
        '',
        '"test":',
        '  <<: *default',
        '  database: <%= ENV.fetch("POSTGRES_DB") { "maybe_test" } %>',
        '  replica: <%= ENV["TEST_REPLICA_URL"] %>',
        '',
        'production:',
        '  <<: *default',
        '  database: <%= ENV.fetch("POSTGRES_DB") { "maybe_production" } %>',
      ].join('\n'),
      'web/config/cable.yml': [
        'development: &dev',
        '  adapter: redis',
        '  url: <%= ENV["DEV_REDIS_URL"] %>',
        'production:',
        '  <<: *dev',
        '  channel_prefix: <%= ENV["CABLE_PREFIX"] %>',
      ].join('\n'),
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    // Rails takes the section RAILS_ENV names; development's and test's run on a developer's machine and under the tests,
    // unless another section merges one in (cable.yml's production takes development's `&dev`). Active Record merges
    // DATABASE_URL over database.yml whatever the file says: a read with a default (the file's settings).
    expect(reads.map((r) => [r.name, r.line, r.fallback])).toEqual([
      ['CABLE_PREFIX', 6, { kind: 'none' }],
      ['DATABASE_URL', 1, { kind: 'default' }],
      ['DB_HOST', 3, { kind: 'default', value: '"127.0.0.1"' }],
      ['DEV_REDIS_URL', 3, { kind: 'none' }],
      ['POSTGRES_DB', 16, { kind: 'default', value: '"maybe_production"' }],
    ]);
  });

  it('a development section is kept only when its own anchor is merged, not one whose name begins the same', async () => {
    const dir = scratch({
      'web/config/database.yml': [
        'development: &dev',
        '  url: <%= ENV["DEV_DATABASE_URL"] %>',
        'base: &dev_base',
        '  adapter: postgresql',
        'production:',
        '  <<: *dev_base',
        '  url: <%= ENV["DATABASE_URL"] %>',
      ].join('\n'),
    });
    const { reads } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => r.name)).toEqual(['DATABASE_URL']);
  });

  it('Rake tasks are Ruby: a .rake file is read like a .rb one', async () => {
    const dir = scratch({ 'lib/tasks/stripe.rake': "task :sync do\n  key = ENV.fetch('STRIPE_SECRET_KEY')\nend\n" });
    const { reads, files } = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(reads.map((r) => [r.name, r.file, r.line, r.language])).toEqual([['STRIPE_SECRET_KEY', 'lib/tasks/stripe.rake', 2, 'ruby']]);
    expect(files).toEqual({ ruby: 1 });
  });
});
