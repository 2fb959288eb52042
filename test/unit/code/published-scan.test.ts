import { CODE_SCAN_SCHEMA, parsePublishedScan } from '../../../lambdas/core/code/published-scan';

const doc = (scan: Record<string, unknown>) =>
  JSON.stringify({ schema: CODE_SCAN_SCHEMA, trees: [{ path: 'src', scan: { root: 'src', reads: [], files: {}, skipped: [], ...scan } }] });

describe('a published scan and the API reads it carries', () => {
  test('a scan published before API reads were kept (none listed) is read as it is', () => {
    expect(parsePublishedScan(doc({}), 'code-scan.json').trees[0]?.scan.apiReads).toBeUndefined();
  });

  test('API reads are kept as published', () => {
    const apiReads = [{ service: 'ssm', file: 'app.py', line: 7, column: 5, language: 'python', via: 'get_parameters_by_path' }];
    expect(parsePublishedScan(doc({ apiReads }), 'code-scan.json').trees[0]?.scan.apiReads).toEqual(apiReads);
  });

  test('an API read of a service drift does not know is no scan', () => {
    const apiReads = [{ service: 'vault', file: 'app.py', line: 7, column: 5, language: 'python', via: 'read' }];
    expect(() => parsePublishedScan(doc({ apiReads }), 'code-scan.json')).toThrow('holds a tree that is not a scan');
  });
});
