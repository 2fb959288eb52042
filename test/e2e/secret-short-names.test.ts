import { scratch } from '../helpers/cli';
import { auditAndDiffOutputs, canaryCli } from '../helpers/written';

// `DB_PASS` and `SMTP_PWD` are how many images and frameworks name a password; a short, plain
// password under them matches no content rule.
const CANARIES = ['CANARYpass', 'CANARYpwd'];

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  production:
    sources:
      - dotenv: { from: production.env }
parity:
  - name: stage-vs-prod
    environments: [staging, production]
baseline:
  undeclared: info
  keys:
    port: { type: int }
`;

describe('a password under a short name (DB_PASS, SMTP_PWD)', () => {
  it('is fingerprinted in every format, diff, explain and the store', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'staging.env': 'DB_PASS=CANARYpass1\nSMTP_PWD=CANARYpwd1\n',
      'production.env': 'DB_PASS=CANARYpass2\nSMTP_PWD=CANARYpwd2\n',
    });
    const { found, run, checkStore } = canaryCli(dir, CANARIES);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    await run(['explain', 'production', 'DB_PASS']);
    await checkStore();
    expect(found).toEqual([]);
    const findings = (JSON.parse(json.stdout) as { findings: Array<{ kind: string; key?: string; values?: Record<string, string> }> })
      .findings;
    expect(findings.find((f) => f.kind === 'parity' && f.key === 'db.pass')?.values?.staging).toMatch(/^<secret:[0-9a-f]{8}>$/);
  });
});
