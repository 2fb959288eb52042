import { scratch } from '../helpers/cli';
import { canaryCli } from '../helpers/written';

// A read that is the default of a secret-named parameter (`def connect(password=os.getenv('DB_AUTH', '…'))`), and
// one put in a PHP or Ruby variable named as a secret (`$pw = getenv(…) ?: '…'`, `@pw = ENV.fetch(…)`): the
// variables' names say nothing, what the code puts the value in does. Each default was shown by `code scan`.
const CANARIES = [
  'CANARYpy1',
  'CANARYpy2',
  'CANARYjs1',
  'CANARYjs2',
  'CANARYts1',
  'CANARYrb1',
  'CANARYrb2',
  'CANARYrb3',
  'CANARYphp1',
  'CANARYphp2',
];

const FILES = {
  'src/db.py': `import os
def connect(password=os.getenv('DB_AUTH', 'CANARYpy1x7')): pass
def replica(*, db_pw: str = os.getenv('REPLICA_AUTH', 'CANARYpy2x7')): pass
def pool(timeout=os.getenv('POOL_TIMEOUT', '30')): pass
`,
  'src/db.js': `function connect(pw = process.env.JS_DB_AUTH || 'CANARYjs1x7', timeout = process.env.JS_TIMEOUT || '30') {}
const replica = ({ password = process.env.JS_REPLICA_AUTH || 'CANARYjs2x7' } = {}) => password;
module.exports = { connect, replica };
`,
  'src/db.ts': `export function connect(pw: string = process.env.TS_DB_AUTH || 'CANARYts1x7'): string { return pw; }
`,
  'src/db.rb': `def connect(pw = ENV.fetch('RB_DB_AUTH', 'CANARYrb1x7'), password: ENV.fetch('RB_REPLICA_AUTH', 'CANARYrb2x7')); end
@pw = ENV.fetch('RB_CACHE_AUTH', 'CANARYrb3x7')
`,
  'src/db.php': `<?php
function connect($pw = getenv('PHP_DB_AUTH') ?: 'CANARYphp1x7') {}
$pw = getenv('PHP_CACHE_AUTH') ?: 'CANARYphp2x7';
`,
};

describe('a default put in a secret-named parameter or sigiled variable', () => {
  it('is never shown by code scan; an ordinary parameter keeps its default', async () => {
    const dir = scratch(FILES);
    const { found, run } = canaryCli(dir, CANARIES);
    const scan = await run(['code', 'scan', 'src']);
    await run(['code', 'scan', 'src', '--format', 'json']);
    expect(found).toEqual([]);
    expect(scan.stdout).toMatch(/^DB_AUTH +db\.py:2 +default \(a secret: not shown\)/m);
    expect(scan.stdout).toMatch(/POOL_TIMEOUT +db\.py:4 +default '30'/);
    expect(scan.stdout).toMatch(/JS_TIMEOUT +db\.js:1 +default '30'/);
  });
});
