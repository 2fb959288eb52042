import { drift } from '../helpers/cli';
import { codeEstate } from '../helpers/code-estate';

const estate = (code: boolean) =>
  codeEstate({
    code,
    staging: 'INVENTORY_SERVICE_URL=http://inventory\nENABLE_NEW_CHECKOUT=true\n',
    production: 'ENABLE_NEW_CHECKOUT=true\n',
    src: {
      'app.py': [
        'import os',
        "url = os.getenv('INVENTORY_SERVICE_URL', 'http://legacy')",
        "region = os.environ['AWS_REGION_NAME']",
        '',
      ].join('\n'),
    },
  });

describe('drift diff with code: in the estate', () => {
  test('each key says where the code reads it; a key only the code reads is a row both sides lack', async () => {
    const r = await drift(['diff', 'staging', 'production', '--no-store'], { cwd: estate(true) });
    expect(r.code).toBe(0);
    const line = (key: string) => r.stdout.split('\n').find((l) => l.includes(` ${key} `)) ?? '';
    expect(line('inventory.service.url')).toMatch(
      /≠ inventory\.service\.url +http:\/\/inventory +\(not set\) +src\/app\.py:2 \(default 'http:\/\/legacy'\)$/,
    );
    expect(line('enable.new.checkout')).toMatch(/ true +true +not read$/);
    expect(line('aws.region.name')).toMatch(/^ {2}aws\.region\.name +\(not set\) +\(not set\) +src\/app\.py:3 \(no default\)$/);
    expect(r.stdout).toMatch(/^ {2}key +staging +production +code$/m);
  });

  test('JSON rows carry the reads; without code: in the estate there is no code column or field', async () => {
    const json = await drift(['diff', 'staging', 'production', '--no-store', '--format', 'json'], { cwd: estate(true) });
    const rows = JSON.parse(json.stdout).keys as Array<{ key: string; same: boolean; code?: Array<{ file: string; line: number }> }>;
    expect(rows.find((k) => k.key === 'inventory.service.url')?.code).toEqual([
      expect.objectContaining({ file: 'src/app.py', line: 2, fallback: { kind: 'default', value: "'http://legacy'" } }),
    ]);
    expect(rows.find((k) => k.key === 'enable.new.checkout')?.code).toEqual([]);
    expect(rows.find((k) => k.key === 'aws.region.name')).toMatchObject({ same: true, code: [expect.objectContaining({ line: 3 })] });

    const plain = await drift(['diff', 'staging', 'production', '--no-store'], { cwd: estate(false) });
    expect(plain.stdout).not.toMatch(/code|not read|aws\.region/);
    const plainJson = JSON.parse(
      (await drift(['diff', 'staging', 'production', '--no-store', '--format', 'json'], { cwd: estate(false) })).stdout,
    );
    expect(plainJson.keys.every((k: object) => !('code' in k))).toBe(true);
  });
});

describe('drift explain with code: in the estate', () => {
  test('a read of a section above the key counts, as in drift diff', async () => {
    const dir = codeEstate({
      staging: 'DB_HOST=db.staging\n',
      production: 'DB_HOST=db.production\n',
      src: { 'app.js': "const config = require('config');\nconst db = config.get('db');\n" },
    });
    const diff = await drift(['diff', 'staging', 'production', '--no-store'], { cwd: dir });
    expect(diff.stdout).toMatch(/db\.host .* src\/app\.js:2 \(no default\)$/m);
    const r = await drift(['explain', 'production', 'DB_HOST', '--no-store'], { cwd: dir });
    expect(r.stdout).toContain('src/app.js:2  db via config.get');
  });
});
