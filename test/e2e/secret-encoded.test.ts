import { scratch } from '../helpers/cli';
import { auditAndDiffOutputs, leakCheckedCli, leakScanner, storeText } from '../helpers/written';

// Credentials written encoded, under names that say nothing: a service account's JSON key as base64
// (how CI variables and Helm values carry it), an assignment as URL-safe base64, a URL and a JSON blob
// percent-encoded. Each encoded text is a leak wherever drift prints, writes or stores it.
const PEM = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCANARYsa${'Q2mLk7PzR4vWx9F2kQ7mZp4'.repeat(3)}\n-----END PRIVATE KEY-----\n`;
const SERVICE_ACCOUNT = JSON.stringify({ type: 'service_account', project_id: 'shop', private_key_id: 'k1', private_key: PEM });
const ENCODED = {
  GCP_SA: Buffer.from(SERVICE_ACCOUNT).toString('base64'),
  BOOTSTRAP: Buffer.from('token=ghp_CANARYbase64url0123456789abcdefghij').toString('base64url'),
  UPSTREAM: encodeURIComponent('postgres://orders:CANARYpercent7f3k@db:5432/orders'),
  SETTINGS: encodeURIComponent(JSON.stringify({ db: { password: 'CANARYpctjson9x' } })),
};

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
  - { name: stage-vs-prod, environments: [staging, production] }
baseline:
  undeclared: info
`;

describe('a credential written encoded', () => {
  it('is fingerprinted as the credential it encodes: never shown, written or stored', async () => {
    const lines = Object.entries(ENCODED).map(([k, v]) => `${k}=${v}`);
    const dir = scratch({ 'drift.yaml': ESTATE, 'staging.env': 'LOG_LEVEL=INFO\n', 'production.env': `${lines.join('\n')}\n` });
    // A long piece of each encoded text, and each canary as it is (it must not be decoded for show either).
    const leaks = leakScanner([...Object.values(ENCODED).map((v) => v.slice(4, 28)), 'CANARY']);
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    await run(['audit', '--format', 'html', '--no-store']);
    found.push(...leaks('store', await storeText(dir)));
    expect(found).toEqual([]);
    const doc = JSON.parse(json.stdout) as { findings: Array<{ kind: string; key?: string; environment?: string; actual?: string }> };
    const shown = doc.findings.filter((f) => f.kind === 'undeclared' && f.environment === 'production');
    expect(shown.map((f) => [f.key, f.actual]).sort()).toEqual(
      ['bootstrap', 'gcp.sa', 'settings', 'upstream'].map((k) => [k, expect.stringMatching(/^<secret:[0-9a-f]{8}>$/)]),
    );
  });
});
