import { secretSpans } from '../../../lambdas/core/values/secret-spans';
import { replaceSpans } from '../../../lambdas/core/values/url-secrets';

const hidden = (text: string): string => replaceSpans(text, secretSpans(text), () => '***');

describe('secret-named settings written inside a value', () => {
  it.each([
    ['host=db user=orders password=pw dbname=orders', 'host=db user=orders password=*** dbname=orders'],
    ["host=db password='p w' port=5432", "host=db password='***' port=5432"],
    ['Driver={ODBC Driver 17};Server=db;Uid=app;Pwd=pw;', 'Driver={ODBC Driver 17};Server=db;Uid=app;Pwd=***;'],
    ['Driver=x;Pwd={p;w};Server=db', 'Driver=x;Pwd={***};Server=db'],
    ['Server=db;Database=orders;User Id=app;Password=pw;', 'Server=db;Database=orders;User Id=app;Password=***;'],
    ['-Xmx1g -Dspring.datasource.password=pw -Dfoo=bar', '-Xmx1g -Dspring.datasource.password=*** -Dfoo=bar'],
    ['serve --db-password=pw --port 80', 'serve --db-password=*** --port 80'],
    ['{"spring":{"datasource":{"password":"p\\"w"}}}', '{"spring":{"datasource":{"password":"***"}}}'],
    ['url: postgres://db/x\npassword: pw\nuser: app', 'url: postgres://db/x\npassword: ***\nuser: app'],
    ['{client_secret: pw, client_id: app}', '{client_secret: *** client_id: app}'],
    [
      'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=pw',
      'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=***',
    ],
    [
      'https://acct.blob.core.windows.net/c/b?sv=2020-08-04&sr=b&sig=pw%3D',
      'https://acct.blob.core.windows.net/c/b?sv=2020-08-04&sr=b&sig=***',
    ],
    // A name whose last word is `pass` or `pw`, as for keys (DB_PASS).
    ['host=db user=app pass=pw', 'host=db user=app pass=***'],
    ['DB_PASS=pw ./migrate', 'DB_PASS=*** ./migrate'],
    ['{"user":"app","pass":"pw"}', '{"user":"app","pass":"***"}'],
    ['-Xmx1g -Ddb.pass=pw', '-Xmx1g -Ddb.pass=***'],
    ['smtp_pw: pw', 'smtp_pw: ***'],
    ['https://api/x?user=app&pass=pw', 'https://api/x?user=app&pass=***'],
    // .npmrc settings scoped to a registry, in a value that holds the file (a CI variable).
    ['//registry.npmjs.org/:_authToken=pw\nalways-auth=true', '//registry.npmjs.org/:_authToken=***\nalways-auth=true'],
    ['//nexus.internal/repository/npm/:_password=pw', '//nexus.internal/repository/npm/:_password=***'],
    // A quote never closed: the rest of the line.
    ['host=db password="p w port=5432', 'host=db password="***'],
    // JSON text written inside a JSON string (escaped once more), and XML's elements.
    ['{\\"db\\": {\\"password\\": \\"pw\\"}}', '{\\"db\\": {\\"password\\": \\"***\\"}}'],
    ['<settings><server><password>pw</password></server></settings>', '<settings><server><password>***</password></server></settings>'],
    ['<add key="Db" value="x"/><apiKey>pw</apiKey>', '<add key="Db" value="x"/><apiKey>***</apiKey>'],
    // An element's text in a CDATA section (a password holding < or &), or an element with attributes.
    ['<server><password><![CDATA[p<w&x]]></password></server>', '<server><password><![CDATA[***]]></password></server>'],
    ['<password encrypted="false">pw</password>', '<password encrypted="false">***</password>'],
    // Escaped once more, the value runs to its escaped closing quote: a passphrase's spaces and separators do not end it.
    [
      '{\\"db\\": {\\"password\\": \\"correct horse; battery&staple\\", \\"host\\": \\"db\\"}}',
      '{\\"db\\": {\\"password\\": \\"***\\", \\"host\\": \\"db\\"}}',
    ],
    ['{\\"password\\": \\"say \\\\\\"hi\\\\\\" now\\"}', '{\\"password\\": \\"***\\"}'],
    ['{\\"password\\": \\"ends in \\\\\\\\\\", \\"user\\": \\"app\\"}', '{\\"password\\": \\"***\\", \\"user\\": \\"app\\"}'],
    ['{\\"password\\": \\"never closed, two words', '{\\"password\\": \\"***'],
  ])('%s hides the secret', (text, expected) => {
    expect(hidden(text)).toBe(expected);
  });

  it.each([
    'host=db user=orders dbname=orders',
    'password_min_length=12',
    'token.ttl: 3600',
    'arn:aws:secretsmanager:eu-west-1:222222222222:secret:legacy-pin-AbCdEf',
    'https://example.com?tokenUrl=https://idp',
    'password=',
    'bypass=true',
    'compass: north',
    'pass.through.headers=x-request-id',
    'result=pass',
    '30s',
  ])('%s has none', (text) => {
    expect(secretSpans(text)).toEqual([]);
  });
});
