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

describe('a published scan and the reads by names it cannot list', () => {
  test('they are kept as published; a scan without them is read as it is', () => {
    const openReads = [{ file: 'app.py', line: 2, column: 12, language: 'python', via: 'os.environ', whole: true }];
    expect(parsePublishedScan(doc({ openReads }), 'code-scan.json').trees[0]?.scan.openReads).toEqual(openReads);
    expect(parsePublishedScan(doc({}), 'code-scan.json').trees[0]?.scan.openReads).toBeUndefined();
  });

  test('one that is not such a read is no scan', () => {
    expect(() => parsePublishedScan(doc({ openReads: [{ file: 'app.py', line: 2, prefix: 7 }] }), 'code-scan.json')).toThrow(
      'holds a tree that is not a scan',
    );
    expect(() => parsePublishedScan(doc({ openReads: 5 }), 'code-scan.json')).toThrow('holds a tree that is not a scan');
  });
});

describe("a published scan's reads in Django settings modules", () => {
  const read = (djangoSettings: unknown) => ({
    name: 'DJANGO_ADMIN_URL',
    key: 'django.admin.url',
    file: 'config/settings/production.py',
    line: 3,
    column: 17,
    language: 'python',
    via: 'env (django-environ)',
    fallback: { kind: 'none' },
    djangoSettings,
  });

  test('the modules that load each are kept as published', () => {
    const scope = { loadedBy: ['config.settings.production'], others: ['config.settings.local'] };
    expect(parsePublishedScan(doc({ reads: [read(scope)] }), 'code-scan.json').trees[0]?.scan.reads[0]?.djangoSettings).toEqual(scope);
  });

  test('a scope that is not lists of module names is no scan', () => {
    expect(() =>
      parsePublishedScan(doc({ reads: [read({ loadedBy: 'config.settings.production', others: [] })] }), 'code-scan.json'),
    ).toThrow('holds a tree that is not a scan');
    expect(() => parsePublishedScan(doc({ reads: [read({ loadedBy: [], others: [7] })] }), 'code-scan.json')).toThrow(
      'holds a tree that is not a scan',
    );
  });
});
