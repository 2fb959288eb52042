import fc from 'fast-check';
import { mayHoldSecretOption } from '../../../lambdas/core/values/option-secrets';
import { secretSpans } from '../../../lambdas/core/values/secret-spans';
import { replaceSpans } from '../../../lambdas/core/values/url-secrets';

const hidden = (text: string): string => replaceSpans(text, secretSpans(text), () => '***');

describe('a password written as a command-line word inside a value', () => {
  it.each([
    ['mysql -h db -u app -pS3cretPw orders', 'mysql -h db -u app -p*** orders'],
    ['/usr/bin/mysqldump -uapp -pS3cretPw --single-transaction orders', '/usr/bin/mysqldump -uapp -p*** --single-transaction orders'],
    ['-h db -u app -pS3cretPw', '-h db -u app -p***'],
    ['mariadb --user=app -pS3cretPw', 'mariadb --user=app -p***'],
    ['serve --password S3cretPw --port 80', 'serve --password *** --port 80'],
    ['serve --db-password "S3 cret" --port 80', 'serve --db-password "***" --port 80'],
    ['agent --token abc123 --verbose', 'agent --token *** --verbose'],
    ['agent --api-key abc --region eu', 'agent --api-key *** --region eu'],
    ['agent --client-secret abc', 'agent --client-secret ***'],
    ['agent --secret abc', 'agent --secret ***'],
    ['keytool -importcert -storepass S3cretPw -noprompt', 'keytool -importcert -storepass *** -noprompt'],
    ['redis-cli -h cache -a S3cretPw ping', 'redis-cli -h cache -a *** ping'],
    ['redis-cli -h cache --pass S3cretPw ping', 'redis-cli -h cache --pass *** ping'],
    ['sshpass -p S3cretPw ssh -p 2222 app@host', 'sshpass -p *** ssh -p 2222 app@host'],
    ["sshpass -p 'S3 cret' ssh app@host", "sshpass -p '***' ssh app@host"],
    ['sshpass -f /run/pw -v -p S3cretPw ssh app@host', 'sshpass -f /run/pw -v -p *** ssh app@host'],
    ["redis-cli -a 'S3 cret' ping", "redis-cli -a '***' ping"],
    ["mysql -uapp -p'S3;cret' orders", "mysql -uapp -p'***' orders"],
    ['sshpass -p S3cretPw mysql -uapp -pS3cretDb', 'sshpass -p *** mysql -uapp -p***'],
    ['mysql -uapp -pS3cretPw && redis-cli -a S3cretRd ping', 'mysql -uapp -p*** && redis-cli -a *** ping'],
    ['sshpass -pS3cretPw rsync -a src host:dst', 'sshpass -p*** rsync -a src host:dst'],
    ['sh -c "mysql -uapp -pS3cretPw -e \'select 1\'"', 'sh -c "mysql -uapp -p*** -e \'select 1\'"'],
    ['PGPASSWORD=S3cretPw psql -h db', 'PGPASSWORD=*** psql -h db'],
    ['serve --password=S3cretPw', 'serve --password=***'],
    ['plink -ssh -pw S3cretPw app@host', 'plink -ssh -pw *** app@host'],
    ['mongosh -u app -p S3cretPw --authenticationDatabase admin', 'mongosh -u app -p *** --authenticationDatabase admin'],
    ['mongodump --host db -u app -p S3cretPw --out /backup', 'mongodump --host db -u app -p *** --out /backup'],
    ['mongo --username app --password S3cretPw orders', 'mongo --username app --password *** orders'],
    ['docker login -u ci -p S3cretPw registry.example.com', 'docker login -u ci -p *** registry.example.com'],
    ["ldapsearch -x -D cn=admin,dc=shop -w 'S3 cret' -b dc=shop", "ldapsearch -x -D cn=admin,dc=shop -w '***' -b dc=shop"],
    // A quote never closed (a value cut or mistyped): the rest of the line, whose end is unknown.
    ['serve --password "S3cretPw', 'serve --password "***'],
    ["serve --password 'S3 cret --port 80", "serve --password '***"],
    ["mysql -uapp -p'S3cretPw", "mysql -uapp -p'***"],
    ['mysql -uapp -p"S3cretPw\nnext line', 'mysql -uapp -p"***\nnext line'],
    ["redis-cli -a 'S3cretPw", "redis-cli -a '***"],
    ['sshpass -p"S3cretPw ssh host', 'sshpass -p"***'],
    ['serve --password="S3cretPw', 'serve --password="***'],
    // What a backslash escapes belongs to the word (JSON text, a shell-escaped space).
    ['serve --password \\"S3cretPw\\" --port 80', 'serve --password *** --port 80'],
    ['serve --password S3cret\\ Pw --port 80', 'serve --password *** --port 80'],
    ['serve --db-password=\\"S3cretPw\\" --port 80', 'serve --db-password=\\"***\\" --port 80'],
  ])('%s hides the secret', (text, expected) => {
    expect(hidden(text)).toBe(expected);
  });

  it.each([
    'serve -p 8080',
    'docker run -u 1000 -p8080:80 web',
    'ssh -p2222 host',
    'mysql -h db -u app -p orders',
    'mysql -h db -u app --password orders-db --skip-ssl',
    'serve --password-file /run/secrets/db --port 80',
    'serve --token-ttl 3600',
    'psql --no-password -h db orders',
    'tar -a -cf out.tar.gz dir',
    'ls -a /tmp',
    'rsync -a src dst',
    'agent --bypass cache',
    'serve --password --verbose',
    'mysql_config_editor print --all',
    'redis-cli -h cache ping',
    'sshpass -f /run/pw ssh -p 2222 app@host',
    'cp -a /var/lib/mysql /backup',
    'mongosh -u app -p --authenticationDatabase admin',
    'mongod --port 27017 --dbpath /data',
    'docker run -p 8080:80 -w /app web',
    'ldapsearch -x -W -D cn=admin,dc=shop',
    'docker login -u ci --password-stdin registry.example.com',
    '30s',
  ])('%s has none', (text) => {
    expect(secretSpans(text)).toEqual([]);
  });
});

describe('the quick test before the options are read', () => {
  // What it was: one expression, which the words and mysql's glued `-p` apart must agree with.
  const ONE_EXPRESSION = /pass|pw|secret|token|key|credential|mysql|mariadb|redis-cli|mongo|ldap|login|(?:^|\s)-p\S/i;
  const piece = fc.oneof(
    fc.constantFrom('PASS', 'pw', 'Secret', 'token', 'KEY', 'credential', 'MySQL', 'mariadb', 'redis-cli', 'mongo', 'LDAP', 'login'),
    fc.constantFrom('-p', '-P', '-pS3cret', ' ', '\t', '\n', '-', 'x', 'é', '\u212a'),
    fc.string({ maxLength: 6 }),
  );
  it('says what the one expression said, in any case', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(mayHoldSecretOption(text)).toBe(text.includes('-') && ONE_EXPRESSION.test(text));
      }),
      { numRuns: 3000 },
    );
  });
});
