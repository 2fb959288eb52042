import { drift, scratch } from '../helpers/cli';
import { EXIT } from '../../lambdas/cli/io';

// One source whose errors are many (a 1 MB environment file of bad lines) is one short finding:
// the store takes it, the report is printed, and the next run finds it again.

const ESTATE = `version: 1
name: api
environments:
  prod:
    sources:
      - dotenv: { from: prod.env }
      - file: { from: prod.yml }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
`;

const badLines = (bytes: number): string => {
  const lines: string[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const line = `this line ${i} is not KEY=VALUE at all, it is prose ${'.'.repeat(20)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
};

interface Doc {
  findings: Array<{ kind: string; status?: string; message: string; key?: string }>;
}

describe('a source with a million bad bytes', () => {
  test('`drift audit` reports one bounded source-error, records the run in the embedded store, and runs again', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'prod.env': badLines(1024 * 1024), 'prod.yml': 'db:\n  timeout: 60s\n' });
    for (const status of ['new', 'open']) {
      const r = await drift(['audit', '--format', 'json'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(EXIT.sourceFailed); // the medium mismatch is under --fail-on high
      const doc = JSON.parse(r.stdout) as Doc;
      const failed = doc.findings.filter((f) => f.kind === 'source-error');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.status).toBe(status);
      expect(failed[0]!.message).toMatch(/^dotenv prod\.env could not be read in prod: prod\.env: line 1: expected KEY=VALUE; /);
      expect(failed[0]!.message).toMatch(/; … and \d+ more errors$/);
      expect(failed[0]!.message.length).toBeLessThan(8_000);
      // The other source is still judged.
      expect(doc.findings.find((f) => f.kind === 'mismatch')).toMatchObject({ key: 'db.timeout', status });
    }
  });
});
