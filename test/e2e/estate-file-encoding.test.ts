import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// An estate or baseline file saved as UTF-16 (Windows PowerShell 5's `>` and Out-File, some
// editors) is refused with what is wrong and what to do, at line 1, column 1: not "expected object,
// received string", which sends the user looking for a typo that is not there.
const ESTATE = 'version: 1\r\nname: shop\r\nenvironments:\r\n  staging:\r\n    sources:\r\n      - dotenv: { from: staging.env }\r\n';
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('an estate file in UTF-16', () => {
  test('drift validate and drift audit name the encoding and exit 2', async () => {
    const dir = scratch({ 'staging.env': 'LOG_LEVEL=INFO\n' });
    writeFileSync(path.join(dir, 'drift.yaml'), utf16le(ESTATE));
    for (const args of [['validate'], ['audit', '--no-store']]) {
      const r = await drift(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/drift\.yaml:1:1: .*UTF-16.*save it as UTF-8/);
      expect(r.stderr).not.toMatch(/expected object/);
    }
  });

  test('so is a baseline file it names', async () => {
    const dir = scratch({ 'drift.yaml': `${ESTATE}baseline: baseline.yaml\r\n`, 'staging.env': 'LOG_LEVEL=INFO\n' });
    writeFileSync(path.join(dir, 'baseline.yaml'), utf16le('undeclared: info\r\n'));
    const r = await drift(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/baseline\.yaml:1:1: .*UTF-16.*save it as UTF-8/);
  });
});
