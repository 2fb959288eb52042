import fc from 'fast-check';
import { mayHoldLogon } from '../../../lambdas/core/values/logon-secrets';
import { secretSpans } from '../../../lambdas/core/values/secret-spans';
import { replaceSpans } from '../../../lambdas/core/values/url-secrets';

const hidden = (text: string): string => replaceSpans(text, secretSpans(text), () => '***');

describe("an Oracle logon's or a Go MySQL DSN's password written inside a value", () => {
  it.each([
    ['jdbc:oracle:thin:scott/T1ger@db:1521/ORCL', 'jdbc:oracle:thin:scott/***@db:1521/ORCL'],
    ['jdbc:oracle:thin:scott/T1ger@//db.example.com:1521/orders', 'jdbc:oracle:thin:scott/***@//db.example.com:1521/orders'],
    ['jdbc:oracle:oci:app/p\\@ss@db', 'jdbc:oracle:oci:app/***@db'],
    ['sqlplus -s scott/T1ger@db @report.sql', 'sqlplus -s scott/***@db @report.sql'],
    ['jdbc:oracle:thin:scott/"T1@ger"@db:1521/ORCL', 'jdbc:oracle:thin:scott/***@db:1521/ORCL'],
    ['sqlplus scott/"T1@ger"@db', 'sqlplus scott/***@db'],
    ['expdp scott/T1ger directory=dump dumpfile=x.dmp', 'expdp scott/*** directory=dump dumpfile=x.dmp'],
    ['sh -c "sqlplus app/T1ger"', 'sh -c "sqlplus app/***"'],
    ['rman target sys/T1ger@prod catalog rco/C4t@rcat', 'rman target sys/***@prod catalog rco/***@rcat'],
    ['app:T1ger@tcp(db:3306)/orders?parseTime=true', 'app:***@tcp(db:3306)/orders?parseTime=true'],
    ['app:T1@ger@tcp(db:3306)/orders', 'app:***@tcp(db:3306)/orders'],
    ['app:T1ger@unix(/run/mysqld/mysqld.sock)/orders', 'app:***@unix(/run/mysqld/mysqld.sock)/orders'],
    ['app:T1ger@/orders', 'app:***@/orders'],
    ['-dsn app:T1ger@tcp(db)/orders -v', '-dsn app:***@tcp(db)/orders -v'],
  ])('%s hides the secret', (text, expected) => {
    expect(hidden(text)).toBe(expected);
  });

  it.each([
    'sqlplus / as sysdba',
    'rman target /',
    'sqlplus -s @report.sql',
    'jdbc:oracle:thin:@db:1521/ORCL',
    'jdbc:oracle:thin:@//db.example.com:1521/orders',
    'npm install @scope/pkg@1.2.3',
    'imp is short for import; see docs/imp@v2',
    '/usr/lib/oracle/21/client64/lib',
    'app@tcp(db:3306)/orders',
    'nginx:1.25@sha256:0123abcd',
    'see x:y@/path in the docs',
  ])('%s has none', (text) => {
    expect(secretSpans(text)).toEqual([]);
  });
});

describe('the quick test before the patterns', () => {
  // What it was: one expression, which the words and the DSNs' alternatives apart must agree with.
  const ONE_EXPRESSION = /oracle|sqlplus|sqlldr|expdp|impdp|rman|dgmgrl|@(?:tcp6?|udp|unix)\(|^[^\s:@/]+:[^\s]*@\//i;
  const piece = fc.oneof(
    fc.constantFrom(
      'oracle',
      'SqlPlus',
      'sqlldr',
      'EXPDP',
      'impdp',
      'rman',
      'dgmgrl',
      '@tcp(',
      '@TCP6(',
      '@udp(',
      '@Unix(',
      'app:pw@/',
      'jdbc:',
    ),
    fc.constantFrom(':', '@', '/', ' ', '\n', '(', 'x', 'é', '\u212a'),
    fc.string({ maxLength: 6 }),
  );
  it('says what the one expression said, in any case', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(mayHoldLogon(text)).toBe(text.includes('/') && ONE_EXPRESSION.test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('lets a DSN written in upper case through', () => {
    expect(hidden('APP:T1ger@TCP(db:3306)/orders')).toBe('APP:***@TCP(db:3306)/orders');
  });
});
