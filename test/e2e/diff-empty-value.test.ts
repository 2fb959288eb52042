import { drift, scratch } from '../helpers/cli';

// Online Boutique's frontend sets PACKAGING_SERVICE_URL="" where the packaging service is not used:
// side by side with staging's URL, an empty value must be seen, not a blank cell.
describe('drift diff shows an empty value', () => {
  it('quotes an empty or blank value in its column, and keeps "(not set)" for an absent one', async () => {
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'name: frontend',
        'environments:',
        '  staging: { sources: [ { dotenv: { from: staging.env } } ] }',
        '  production: { sources: [ { dotenv: { from: production.env } } ] }',
        '',
      ].join('\n'),
      'staging.env': 'PACKAGING_SERVICE_URL=http://packaging.staging.svc:8080\nFRONTEND_MESSAGE=hi\nBANNER=x\n',
      'production.env': 'PACKAGING_SERVICE_URL=\nFRONTEND_MESSAGE=" "\n',
    });
    const r = await drift(['diff', 'staging', 'production', '--no-store'], { cwd: dir });
    expect(r.stderr).toBe('');
    const row = (key: string): string | undefined => r.stdout.split('\n').find((l) => l.includes(` ${key} `));
    expect(row('packaging.service.url')).toMatch(/http:\/\/packaging\.staging\.svc:80\S*\s+""$/);
    expect(row('frontend.message')).toMatch(/hi\s+" "$/);
    expect(row('banner')).toMatch(/x\s+\(not set\)$/);
  });

  it('drift explain quotes it too', async () => {
    const dir = scratch({
      'drift.yaml': 'version: 1\nname: frontend\nenvironments:\n  production: { sources: [ { dotenv: { from: production.env } } ] }\n',
      'production.env': 'PACKAGING_SERVICE_URL=\n',
    });
    const r = await drift(['explain', 'production', 'PACKAGING_SERVICE_URL', '--no-store'], { cwd: dir });
    expect(r.stdout).toMatch(/1\. → wins {2}""\n/);
  });
});
