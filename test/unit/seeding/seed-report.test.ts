import { seedReportData } from '../../../lambdas/core/seeding/seed-report';

/** What CloudFormation takes of a custom resource's whole response, in bytes; the envelope (ids, status) takes some. */
const RESPONSE_MAX = 4096;
const ENVELOPE = 600;

const bytes = (data: Record<string, string>): number => Buffer.byteLength(JSON.stringify(data), 'utf8');

describe('the seeding report fits in a CloudFormation response, whatever the file names', () => {
  test.each([
    ['ASCII names', (i: number) => `shop-${i}/baseline-${i}.yaml`],
    ['names in other scripts (several UTF-8 bytes a character)', (i: number) => `店舗/設定ファイルの一覧と説明書き-${i}.yaml`],
    ['names whose characters JSON escapes', (i: number) => `shop/"quoted"\\-${i}.yaml`],
  ])('%s: many kept and removed files are cut with a count of the rest, the data under the limit', (_, name) => {
    const keys = Array.from({ length: 400 }, (_v, i) => name(i));
    const data = seedReportData({
      write: [],
      unchanged: [],
      keptNewer: keys.map((key) => ({ key, published: '2026-06-01T00:00:00.000Z', deployed: '2026-05-01T00:00:00.000Z' })),
      remove: keys,
    });
    expect(bytes(data) + ENVELOPE).toBeLessThanOrEqual(RESPONSE_MAX);
    expect(data.KeptNewer).toMatch(/; \+\d+ more \(the seeding function's log lists all\)$/);
    expect(data.Removed).toMatch(/; \+\d+ more/);
    expect(data.Removed!.startsWith(keys[0]!)).toBe(true);
  });
});

test('a single name longer than a list may hold is counted, not cut in half', () => {
  const key = `shop/${'x'.repeat(2_000)}.yaml`;
  const data = seedReportData({ write: [], unchanged: [], keptNewer: [], remove: [key] });
  expect(data.Removed).toBe("+1 more (the seeding function's log lists all)");
});
