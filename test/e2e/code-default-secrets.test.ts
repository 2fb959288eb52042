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
