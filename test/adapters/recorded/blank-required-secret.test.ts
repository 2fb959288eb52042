import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { RecordedSourceCollector } from '../../../lambdas/adapters/recorded/recorded-collector';
import { RECORDING_MANIFEST, recordingManifest } from '../../../lambdas/adapters/recording-manifest';
import { audit } from '../../../lambdas/core/engine/audit';
import type { SourceSpec } from '../../../lambdas/core/estate/model';
import type { SourceSnapshot, SourceType } from '../../../lambdas/core/model';
import { dotenvRecording } from '../../../lambdas/core/recordings/flat-recording';
import { k8sRecording } from '../../../lambdas/core/recordings/k8s-recording';
import { ssmRecording } from '../../../lambdas/core/recordings/ssm-recording';
import type { ParseContext } from '../../../lambdas/core/sources/context';
import { testContext, testFingerprinter, testLabel } from '../../helpers/context';
import { estateFrom, NOW } from '../../helpers/estate';

// A required secret left blank is as unset to the application as a plain one: `missing`, whether it is
// secret by its source (a SecureString, a Kubernetes Secret) or by its name (DB_PASSWORD=), read from
// files or from a recording drift wrote. Em and en spaces are blanks a leak would carry visibly.
const BLANK_CANARY = '\u2003\u2002\u2003';
const CANARY = 'CANARY-required-secret-41f7';

const ESTATE = `version: 1
name: shop
environments:
  production:
    sources:
      - dotenv: { from: prod.env }
      - ssm: { path: /prod/shop/, from: prod-ssm.json }
      - k8s: { from: deployment.yaml, workload: shop }
baseline:
  undeclared: ignore
  keys:
    db.password: { required: true, per-environment: true }
    api.token: { required: true, per-environment: true }
    payment.key: { required: true, per-environment: true }
    vault.seed: { required: true, per-environment: true }
    smtp.login: { required: true, per-environment: true }
    session.secret: { required: true, per-environment: true }
`;

const FILES: Record<string, string> = {
  'prod.env': `DB_PASSWORD=\nAPI_TOKEN="${BLANK_CANARY}"\nSESSION_SECRET=${CANARY}\n`,
  'prod-ssm.json': JSON.stringify({
    Parameters: [
      { Name: '/prod/shop/payment/key', Type: 'SecureString', Value: ' ', Version: 3 },
      { Name: '/prod/shop/vault/seed', Type: 'SecureString', Value: CANARY, Version: 1 },
    ],
  }),
  'deployment.yaml': [
    'apiVersion: v1',
    'kind: Secret',
    'metadata: { name: shop-smtp }',
    'data: { SMTP_LOGIN: "" }',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: shop }',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          envFrom: [ { secretRef: { name: shop-smtp } } ]',
    '',
  ].join('\n'),
};

let base: string;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'drift-blank-secret-'));
  for (const [file, text] of Object.entries(FILES)) writeFileSync(path.join(base, file), text);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const estate = estateFrom(ESTATE);
const specs = estate.environments[0]!.sources;
const contextOf = (spec: SourceSpec): ParseContext => testContext(testLabel(spec.type as SourceType, spec.type, spec.index));

async function collectAll(dir: string): Promise<SourceSnapshot[]> {
  const collector = new RecordedSourceCollector({ baseDir: dir });
  const out: SourceSnapshot[] = [];
  for (const spec of specs) {
    const ctx = contextOf(spec);
    out.push(await collector.collect(spec, ctx.source, ctx));
  }
  return out;
}

const missingOf = (sources: SourceSnapshot[]) =>
  audit(estate, [{ environment: 'production', sources }], NOW)
    .findings.filter((f) => f.kind === 'missing')
    .map((f) => ({ key: f.key, actual: f.actual, message: f.message }));

describe('a required secret set to a blank value', () => {
  it('is missing by its source or its name, shown by its fingerprint, and a secret with text is not', async () => {
    const sources = await collectAll(base);
    const missing = missingOf(sources);
    expect(missing.map((f) => f.key).sort()).toEqual(['api.token', 'db.password', 'payment.key', 'smtp.login']);
    for (const f of missing) {
      expect(f.actual).toMatch(/^<secret:[0-9a-f]{8}>$/);
      expect(f.message).toBe(`${f.key} is required but set to a blank secret in production`);
    }
    const text = JSON.stringify({ sources, missing });
    expect(text).not.toContain(BLANK_CANARY);
    expect(text).not.toContain(CANARY);
  });

  it('is still missing when read back from the recording drift writes, which holds no secret text', async () => {
    const [dotenv, ssm, k8s] = await collectAll(base);
    const objects = parseAllDocuments(FILES['deployment.yaml']!).map((d) => ({ file: 'deployment.yaml', object: d.toJS() as unknown }));
    const recordings = [
      dotenvRecording(dotenv!),
      ssmRecording(ssm!, '/prod/shop/', true),
      k8sRecording({ objects, workload: 'shop' }, k8s!.observations, contextOf(specs[2]!)),
    ];
    const recorded = mkdtempSync(path.join(os.tmpdir(), 'drift-blank-secret-rec-'));
    try {
      const names = ['prod.env', 'prod-ssm.json', 'deployment.yaml'];
      recordings.forEach((r, i) => writeFileSync(path.join(recorded, names[i]!), r.files[0]!.text));
      const written = names.map((n) => readFileSync(path.join(recorded, n), 'utf8')).join('\n');
      expect(written).not.toContain(BLANK_CANARY);
      expect(written).not.toContain(CANARY);
      // Markers stand for the secrets they name only in a recording drift wrote: one with its manifest.
      writeFileSync(path.join(recorded, RECORDING_MANIFEST), recordingManifest(testFingerprinter().keyId));
      const back = await collectAll(recorded);
      expect(
        missingOf(back)
          .map((f) => f.key)
          .sort(),
      ).toEqual(['api.token', 'db.password', 'payment.key', 'smtp.login']);
    } finally {
      rmSync(recorded, { recursive: true, force: true });
    }
  });
});
