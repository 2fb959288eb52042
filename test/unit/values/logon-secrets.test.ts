import { secretSpans } from '../../../lambdas/core/values/secret-spans';
import { replaceSpans } from '../../../lambdas/core/values/url-secrets';

const hidden = (text: string): string => replaceSpans(text, secretSpans(text), () => '***');

describe("an Oracle logon's password written inside a value", () => {
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
  ])('%s has none', (text) => {
    expect(secretSpans(text)).toEqual([]);
  });
});
