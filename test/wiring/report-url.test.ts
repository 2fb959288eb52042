import { reportHtmlKey } from '../../lambdas/adapters/s3/bucket-layout';
import { reportLink, s3ConsoleUrl } from '../../lambdas/wiring/report-url';

describe('the link a digest gives to a run report', () => {
  test("by default, the object's S3 console page: nothing public, nothing that expires", () => {
    const link = reportLink({ bucket: 'drift-estates-1', region: 'eu-central-1' });
    expect(link('run-42', 'checkout-api')).toBe(
      'https://eu-central-1.console.aws.amazon.com/s3/object/drift-estates-1?region=eu-central-1&bucketType=general&prefix=runs%2Frun-42%2Freports%2Fcheckout-api.html',
    );
  });

  test('under the base URL the installation sets, the same key', () => {
    const link = reportLink({ bucket: 'b', region: 'us-east-1', reportBaseUrl: 'https://reports.example.com/drift' });
    expect(link('run-42', 'checkout-api')).toBe(`https://reports.example.com/drift/${reportHtmlKey('run-42', 'checkout-api')}`);
  });

  test.each([
    ['cn-north-1', 'https://cn-north-1.console.amazonaws.cn/s3/object/'],
    ['us-gov-west-1', 'https://us-gov-west-1.console.amazonaws-us-gov.com/s3/object/'],
  ])('the console of the partition of %s', (region, prefix) => {
    expect(s3ConsoleUrl('b', region, 'k')).toBe(`${prefix}b?region=${region}&bucketType=general&prefix=k`);
  });
});
