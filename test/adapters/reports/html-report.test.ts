import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { renderHtml, scriptJson } from '../../../lambdas/adapters/reports/html-report';
import type { HtmlCell, HtmlReportData } from '../../../lambdas/adapters/reports/html-report-data';
import { REPORTS } from '../../../lambdas/adapters/reports/report-formats';
import { reportLayout } from '../../../lambdas/adapters/reports/report-layout';
import { reportHtmlKey } from '../../../lambdas/adapters/s3/bucket-layout';
import { S3Objects } from '../../../lambdas/adapters/s3/s3-objects';
import { S3RunArtifacts } from '../../../lambdas/adapters/s3/s3-run-artifacts';
import { audit } from '../../../lambdas/core/engine/audit';
import { makeValue } from '../../../lambdas/core/values/value';
import { testFingerprinter } from '../../helpers/context';
import { estateFrom, NOW, snapshot } from '../../helpers/estate';

const SECRET = 'hunter2-never-shown';
const MARKUP = '</script><img src=x onerror="alert(1)">';

const estate = estateFrom(`version: 1
name: shop
environments:
  staging:
    sources:
      - file: { from: staging.yml }
  production:
    sources:
      - file: { from: production.yml }
baseline:
  undeclared: info
  keys:
    db.timeout: { value: 10s, max: 30s, type: duration }
    db.password: { secret: true }
`);
const result = audit(
  estate,
  [
    snapshot('staging', { values: { 'db.timeout': '10s', 'db.password': makeValue(SECRET, true, testFingerprinter()), banner: MARKUP } }),
    snapshot('production', { values: { 'db.timeout': '60s' } }),
  ],
  NOW,
);
const page = renderHtml(result, reportLayout(estate));

const between = (open: string, close: string): string[] =>
  [...page.matchAll(new RegExp(`${open}([\\s\\S]*?)${close}`, 'g'))].map((m) => m[1]!);
const data = JSON.parse(between('<script type="application/json" id="drift-data">', '</script>')[0]!) as HtmlReportData;
const script = between('<script>', '</script>')[0]!;
const outsideData = page.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');

describe('the HTML report page', () => {
  test('embeds the matrix once: keys × environments, each cell its shown value and where it comes from', () => {
    expect(data.environments).toEqual(['staging', 'production']);
    expect(data.keys).toEqual(['banner', 'db.password', 'db.timeout']);
    const timeout = data.cells[data.keys.indexOf('db.timeout')]!;
    expect(timeout.map((c) => c && c[0])).toEqual(['10s', '60s']);
    expect(timeout[1]).toEqual(['60s', expect.any(Number), 'file:db.timeout', '', '', '']);
    expect(data.sources[(timeout[1] as Exclude<HtmlCell, 0>)[1]]).toBe('file #0');
    expect(data.cells[data.keys.indexOf('db.password')]).toEqual([
      [expect.stringMatching(/^<secret:[0-9a-f]{8}>$/), 0, expect.any(String), '', '', ''],
      0,
    ]);
  });

  test('findings grouped by root cause: the constraint leads, the mismatch on the same key sits beneath it', () => {
    const kinds = data.groups.map((g) => g.map((i) => `${data.findings[i]!.kind} ${data.findings[i]!.subject}`));
    expect(kinds).toContainEqual(['constraint db.timeout', 'mismatch db.timeout']);
    expect(data.findings.flatMap((f) => (f.kind === 'constraint' ? [f.environment] : []))).toEqual(['production']);
  });

  test('a value holding </script> or markup stays data: escaped in the JSON, read back whole', () => {
    expect(page).not.toContain('<img');
    expect(page.split('</script>')).toHaveLength(3);
    expect(data.cells[data.keys.indexOf('banner')]![0]).toEqual([MARKUP, 0, 'file:banner', '', '', '']);
  });

  test('never holds a secret: only its fingerprint', () => {
    expect(page).not.toContain(SECRET);
    expect(page).toContain('\\u003csecret:');
  });

  test('its policy allows only its one script, by hash, and no network at all', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      `script-src 'sha256-${hash}'`,
      "style-src 'unsafe-inline'",
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(outsideData).not.toMatch(/\b(src|href|action)=|url\(|@import|https?:\/\//);
    expect(outsideData).not.toMatch(/\son[a-z]+=/);
    expect(script).not.toContain('innerHTML');
  });

  test('is the registry’s html format, ending with a newline', () => {
    expect(REPORTS.html.mediaType).toBe('text/html; charset=utf-8');
    expect(REPORTS.html.needsRepository).toBe(false);
    expect(REPORTS.html.render({ estate, result })).toBe(page);
  });
});

describe('scriptJson', () => {
  test.each(['</script>', '<!--', 'a & b', '\u2028\u2029', '"quoted"', '\\'])('escapes %j for a script block and reads it back', (s) => {
    const json = scriptJson({ s });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ s });
  });
});

describe('on AWS: a run stores the page beside its audit document', () => {
  test('runs/{runId}/reports/{estate}.html, as text/html', async () => {
    const client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const mock = mockClient(client);
    mock.on(PutObjectCommand).resolves({});
    const key = await new S3RunArtifacts(new S3Objects(client, 'bucket')).putHtmlReport('run-1', 'shop', {
      body: page,
      mediaType: REPORTS.html.mediaType,
    });
    expect(key).toBe('runs/run-1/reports/shop.html');
    expect(reportHtmlKey('run-1', 'my shop')).toBe('runs/run-1/reports/my%20shop.html');
    const put = mock.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put).toMatchObject({ Bucket: 'bucket', Key: key, ContentType: 'text/html; charset=utf-8' });
    expect(Buffer.from(put.Body as Buffer).toString('utf8')).toBe(page);
  });
});
