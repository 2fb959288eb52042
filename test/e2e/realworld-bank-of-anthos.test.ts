import * as path from 'node:path';
import { drift, REPO, scratch } from '../helpers/cli';

// GoogleCloudPlatform/bank-of-anthos: the userservice's manifests and code, as the project publishes them.
const BANK = path.join(REPO, 'test/fixtures/realworld/bank-of-anthos');

interface Finding {
  kind: string;
  severity: string;
  environment?: string;
  key?: string;
}

describe("bank-of-anthos's userservice", () => {
  test("LOG_LEVEL, which gunicorn reads in the Dockerfile's CMD, is no unread; the database container's POSTGRES_* that the service never reads are", async () => {
    const dir = scratch({
      'drift.yaml': `version: 1
name: userservice
environments:
  development:
    sources:
      - k8s: { from: ${BANK}/kubernetes-manifests/, workload: userservice, container: userservice }
code: { path: ${BANK}/src/accounts/userservice }
baseline:
  undeclared: ignore
`,
    });
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    const unread = findings.filter((f) => f.kind === 'unread').map((f) => f.key);
    expect(unread).toEqual(['local.routing.num', 'postgres.db', 'postgres.password', 'postgres.user']);
    expect(findings.filter((f) => f.kind === 'unset')).toEqual([]);
  });
});
