import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratch } from '../helpers/cli';
import { auditAndDiffOutputs, canaryCli, filesUnder } from '../helpers/written';

// Passwords that are not a URL's: connection strings in key=value form, JVM options, JSON and YAML
// text held in one value, an Azure SAS signature; an access token as a URL's user name, and a
// URL password holding a raw `/`; an Oracle JDBC logon; a Go MySQL DSN; a setting whose last word is `pass`. Short and plain, as real passwords are, so no
// entropy rule finds them; the name before each says what it is.
const CANARIES = [
  'CANARYdsn',
  'CANARYodbc',
  'CANARYado',
  'CANARYsas',
  'CANARYjvm',
  'CANARYjson',
  'CANARYyaml',
  'CANARY0tok',
  'CANARYslash',
  'CANARYoracle',
  'CANARYshortpass',
  'CANARYgodsn',
];

const env = (stage: string): string => `PG_CONN=host=db user=orders password=CANARYdsn${stage} dbname=orders
REPORTS_ODBC=Driver={ODBC Driver 17};Server=reports;Uid=rep;Pwd=CANARYodbc${stage};
LEDGER_CONN=Server=ledger;Database=ledger;User Id=app;Password=CANARYado${stage};
EXPORT_URL=https://acct.blob.core.windows.net/c/b?sv=2020-08-04&sr=b&sp=r&sig=CANARYsas${stage}%3D
BACKUP_DB=postgres://backup:CANARYslash${stage}/Zx9@db:5432/orders
GIT_REMOTE=https://CANARY0tok${stage}7f3a9c2e5b8d1f4a6c@github.com/shop/deploy.git
ORDERS_DB_URL=jdbc:oracle:thin:orders/CANARYoracle${stage}@//ora.internal:1521/ORDERS
MIGRATE_CMD=DB_PASS=CANARYshortpass${stage} ./migrate --apply
CATALOG_DATABASE_URL=catalog:CANARYgodsn${stage}@tcp(mysql.internal:3306)/catalog?parseTime=true
`;

const manifest = (stage: string): string => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - name: JAVA_OPTS
              value: "-Xmx1g -Dspring.datasource.password=CANARYjvm${stage} -Dfile.encoding=UTF-8"
            - name: SPRING_APPLICATION_JSON
              value: '{"spring":{"datasource":{"url":"jdbc:postgresql://db/orders","password":"CANARYjson${stage}"}}}'
`;

const config = (stage: string): string => `mailer:
  settings: |
    host: smtp.example.com
    password: CANARYyaml${stage}
    port: 587
`;

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - file: { from: config/staging.yml }
      - dotenv: { from: env/staging.env }
      - k8s: { from: manifests/staging.yaml, workload: shop, container: api }
  production:
    sources:
      - file: { from: config/production.yml }
      - dotenv: { from: env/production.env }
      - k8s: { from: manifests/production.yaml, workload: shop, container: api }
parity:
  - name: stage-vs-prod
    environments: [staging, production]
baseline:
  undeclared: info
  keys:
    port: { type: int }
`;

describe('a password written as a setting inside a value', () => {
  it('is masked in place in every format, diff, explain, the recording and the store', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'env/staging.env': env('STG'),
      'env/production.env': env('PRD'),
      'manifests/staging.yaml': manifest('STG'),
      'manifests/production.yaml': manifest('PRD'),
      'config/staging.yml': config('STG'),
      'config/production.yml': config('PRD'),
    });
    const { leaks, found, run, checkStore } = canaryCli(dir, CANARIES);

    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stderr).toBe('');
    for (const key of [
      'PG_CONN',
      'REPORTS_ODBC',
      'LEDGER_CONN',
      'EXPORT_URL',
      'GIT_REMOTE',
      'JAVA_OPTS',
      'SPRING_APPLICATION_JSON',
      'mailer.settings',
    ])
      await run(['explain', 'production', key]);
    const adopt = await run(['adopt', 'production', 'PG_CONN', '--dry-run']);
    expect(adopt.stderr).toContain(
      'pg.conn: cannot be adopted from production: it holds a secret part (a password or token written in it)',
    );
    const rec = await run(['snapshot', '--record', 'recording']);
    expect(rec.code).toBe(0);
    expect(rec.stderr).toBe(''); // reads back as the same values
    for (const f of filesUnder(path.join(dir, 'recording'))) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    await checkStore();
    expect(found).toEqual([]);

    // Only the password is hidden: the rest stays readable, and different passwords are a parity difference.
    const findings = (JSON.parse(json.stdout) as { findings: Array<{ kind: string; key?: string; values?: Record<string, string> }> })
      .findings;
    const conn = findings.find((f) => f.kind === 'parity' && f.key === 'pg.conn')?.values?.staging;
    expect(conn).toMatch(/^host=db user=orders password=<secret:[0-9a-f]{8}> dbname=orders$/);
  });
});
