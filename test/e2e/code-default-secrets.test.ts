import { cpSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditAndDiffOutputs, canaryCli } from '../helpers/written';

const FIXTURE = path.join(__dirname, '../fixtures/secret-defaults');

/** A scratch copy of the fixture estate (its runs write `.drift/` beside it). */
function estate(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-secret-defaults-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('a default the code writes for a key a source holds as a secret', () => {
  // Production keeps SMTP_LOGIN as a SecureString; the code falls back to the same text where it is unset
  // (staging). Shown there, beside production's fingerprint, it gives the secret away.
  it('is never shown: not in any audit format, diff, explain, code check, nor a run of one environment', async () => {
    const dir = estate();
    const { found, run, checkStore } = canaryCli(dir, ['CANARYsmtp']);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stdout).toContain('smtp.login is not set in staging');
    await run(['audit', '--env', 'staging', '--no-store']);
    await run(['audit', '--env', 'staging', '--no-store', '--format', 'json']);
    await run(['explain', 'staging', 'SMTP_LOGIN']);
    await run(['explain', 'staging', 'SMTP_LOGIN', '--format', 'json', '--no-store']);
    await run(['code', 'check', '--env', 'staging', '--no-store']);
    await checkStore();
    expect(found).toEqual([]);
  });
});

describe('a default of a setting the code itself declares secret', () => {
  // worker/config.js: convict settings with `sensitive: true`, whose names and values look like nothing secret; and
  // worker/Dockerfile's ENV for one of them, which is its default in the image.
  it('is never shown: not by code scan, any audit format, diff nor explain', async () => {
    const dir = estate();
    const { found, run } = canaryCli(dir, ['CANARYconvict', 'CANARYsigner', 'CANARYimage']);
    const scan = await run(['code', 'scan', 'worker']);
    expect(scan.stdout).toMatch(/QUEUE_LOGIN +config\.js:8 +default \(a secret: not shown\)/);
    expect(scan.stdout).toContain("default 'amqp://broker:5672'");
    await run(['code', 'scan', 'worker', '--format', 'json']);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stdout).toContain('webhook.signer is not set in staging');
    await run(['explain', 'production', 'QUEUE_LOGIN', '--no-store']);
    expect(found).toEqual([]);
  });
});

describe("a placeholder's default in a Spring configuration file, filling a secret-named setting", () => {
  // billing/: `password: ${REDIS_AUTH:…}` under spring.data.redis, `app.payments.api-key=${PAYMENTS_KEY:…}`: the
  // variables' names say nothing, the settings they fill say what the default is.
  it('is never shown: not by code scan, any audit format, diff nor explain; the other placeholders keep theirs', async () => {
    const dir = estate();
    const { found, run } = canaryCli(dir, ['CANARYyml', 'CANARYprops']);
    const scan = await run(['code', 'scan', 'billing']);
    expect(scan.stdout).toMatch(/REDIS_AUTH +src\/main\/resources\/application\.yml:11 +default \(a secret: not shown\)/);
    expect(scan.stdout).toMatch(/PAYMENTS_KEY +src\/main\/resources\/application-prod\.properties:2 +default \(a secret: not shown\)/);
    expect(scan.stdout).toMatch(/REDIS_HOST +src\/main\/resources\/application\.yml:9 +default localhost/);
    expect(scan.stdout).toMatch(/PAYMENTS_URL +\S+ +default https:\/\/payments\.internal/);
    await run(['code', 'scan', 'billing', '--format', 'json']);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stdout).toContain('redis.auth is not set in staging');
    await run(['explain', 'production', 'REDIS_AUTH', '--no-store']);
    expect(found).toEqual([]);
  });
});

describe('a default of a pydantic settings field typed SecretStr', () => {
  it('is never shown: not by code scan, any audit format, diff nor explain', async () => {
    const dir = estate();
    const { found, run } = canaryCli(dir, ['CANARYpydantic', 'CANARYoptional']);
    const scan = await run(['code', 'scan', 'mailer']);
    expect(scan.stdout).toMatch(/RELAY_login +config\.py:10 +default \(a secret: not shown\)/);
    expect(scan.stdout).toMatch(/RELAY_host +config\.py:8 +default 'smtp\.internal'/);
    await run(['code', 'scan', 'mailer', '--format', 'json']);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stdout).toContain('relay.login is not set in staging');
    await run(['explain', 'production', 'RELAY_LOGIN', '--no-store']);
    expect(found).toEqual([]);
  });
});

describe('a Symfony %env()% placeholder filling a secret-named setting, whose default the committed .env gives', () => {
  // storefront/config/packages/snc_redis.yaml: `password: '%env(REDIS_AUTH)%'`; storefront/.env sets REDIS_AUTH.
  it('is never shown: not by code scan, any audit format, diff nor explain; the other placeholders keep theirs', async () => {
    const dir = estate();
    const { found, run } = canaryCli(dir, ['CANARYsymfony']);
    const scan = await run(['code', 'scan', 'storefront']);
    expect(scan.stdout).toMatch(/REDIS_AUTH +config\/packages\/snc_redis\.yaml:8 +default \(a secret: not shown\)/);
    expect(scan.stdout).toMatch(/REDIS_URL +config\/packages\/snc_redis\.yaml:5 +default redis:\/\/cache:6379/);
    await run(['code', 'scan', 'storefront', '--format', 'json']);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stdout).toContain('redis.auth is not set in staging');
    await run(['explain', 'production', 'REDIS_AUTH', '--no-store']);
    expect(found).toEqual([]);
  });
});

describe('a default of a config struct field whose name says it is a secret', () => {
  // ledger/: a Go field `DBPassword` tagged `env:"PGPASS"`, a clap field `export_password` with `env = "EXPORT_AUTH"`.
  it('is never shown: not by code scan, any audit format, diff nor explain; the other fields keep theirs', async () => {
    const dir = estate();
    const { found, run } = canaryCli(dir, ['CANARYgotag', 'CANARYclap']);
    const scan = await run(['code', 'scan', 'ledger']);
    expect(scan.stdout).toMatch(/PGPASS +config\.go:8 +default \(a secret: not shown\)/);
    expect(scan.stdout).toMatch(/EXPORT_AUTH +cmd\/ledger\/main\.rs:8 +default \(a secret: not shown\)/);
    expect(scan.stdout).toMatch(/PGHOST +config\.go:6 +default localhost/);
    expect(scan.stdout).toMatch(/EXPORT_URL +cmd\/ledger\/main\.rs:6 +default "http:\/\/localhost:9000"/);
    await run(['code', 'scan', 'ledger', '--format', 'json']);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stdout).toContain('pgpass is not set in staging');
    await run(['explain', 'production', 'PGPASS', '--no-store']);
    await run(['explain', 'production', 'EXPORT_AUTH', '--no-store']);
    expect(found).toEqual([]);
  });
});

describe('an ERB read in a Rails YAML file filling a secret-named setting', () => {
  // accounts/config/database.yml: `password: <%= ENV.fetch("PGPASS") { "…" } %>`.
  it('is never shown: not by code scan, any audit format, diff nor explain; the other settings keep theirs', async () => {
    const dir = estate();
    const { found, run } = canaryCli(dir, ['CANARYrails']);
    const scan = await run(['code', 'scan', 'accounts']);
    expect(scan.stdout).toMatch(/PGPASS +config\/database\.yml:8 +default \(a secret: not shown\)/);
    expect(scan.stdout).toMatch(/PGHOST +config\/database\.yml:7 +default "localhost"/);
    await run(['code', 'scan', 'accounts', '--format', 'json']);
    await auditAndDiffOutputs(run, 'staging', 'production');
    await run(['explain', 'production', 'PGPASS', '--no-store']);
    expect(found).toEqual([]);
  });
});

describe('a read whose value the code puts under a secret-named key, variable or keyword', () => {
  // worker/knexfile.js `password: process.env.DATABASE_AUTH || '…'`, mailer/settings.py `EMAIL_HOST_PASSWORD = os.getenv("SMTP_AUTH", "…")`,
  // ledger/config/runtime.exs `password: System.get_env("LEDGER_DB_AUTH", "…")`, billing's `@Value("${PAYMENTS_AUTH:…}")` on
  // a field `apiPassword`: the holder says what the default is.
  it('is never shown: not by code scan, any audit format, diff nor explain; its neighbours keep theirs', async () => {
    const dir = estate();
    const { found, run } = canaryCli(dir, ['CANARYknex', 'CANARYdjango', 'CANARYecto', 'CANARYvalue']);
    const worker = await run(['code', 'scan', 'worker']);
    expect(worker.stdout).toMatch(/DATABASE_AUTH +knexfile\.js:6 +default \(a secret: not shown\)/);
    expect(worker.stdout).toMatch(/DATABASE_HOST +knexfile\.js:5 +default 'localhost'/);
    const mailer = await run(['code', 'scan', 'mailer', '--format', 'json']);
    expect(mailer.stdout).toContain('"name": "SMTP_AUTH"');
    const ledger = await run(['code', 'scan', 'ledger']);
    expect(ledger.stdout).toMatch(/LEDGER_DB_AUTH +config\/runtime\.exs:5 +default \(a secret: not shown\)/);
    expect(ledger.stdout).toMatch(/LEDGER_DB_HOST +config\/runtime\.exs:4 +default "localhost"/);
    const billing = await run(['code', 'scan', 'billing']);
    expect(billing.stdout).toMatch(/PAYMENTS_AUTH +\S+PaymentsClient\.java:12 +default \(a secret: not shown\)/);
    expect(billing.stdout).toMatch(/PAYMENTS_TIMEOUT +\S+PaymentsClient\.java:8 +default 5s/);
    await auditAndDiffOutputs(run, 'staging', 'production');
    for (const key of ['DATABASE_AUTH', 'SMTP_AUTH', 'LEDGER_DB_AUTH', 'PAYMENTS_AUTH'])
      await run(['explain', 'production', key, '--no-store']);
    expect(found).toEqual([]);
  });
});
