import { drift, scratch } from '../helpers/cli';

// A release template that renders INVENTORY_SERVICE_URL empty: adopt names the value it refuses or
// writes, and an empty one must read as "", not as a gap in the sentence.
const estate = (spec: string): string =>
  scratch({
    'drift.yaml': [
      'version: 1',
      'name: orders',
      'environments:',
      '  production: { sources: [ { dotenv: { from: production.env } } ] }',
      'baseline:',
      '  keys:',
      `    inventory.service.url: ${spec}`,
      '',
    ].join('\n'),
    'production.env': 'INVENTORY_SERVICE_URL=\n',
  });

describe('drift adopt of an empty value', () => {
  it('quotes it in the reason it refuses it', async () => {
    const r = await drift(['adopt', 'production', 'INVENTORY_SERVICE_URL'], { cwd: estate('{ type: url }') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`inventory.service.url: "" is not of the key's type url: "" is not a URL`);
  });

  it('quotes it where its bounds would have to widen', async () => {
    const r = await drift(['adopt', 'production', 'INVENTORY_SERVICE_URL'], { cwd: estate('{ enum: [a, b] }') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`inventory.service.url: "" breaks the key's own constraints (not one of a, b)`);
  });

  it('quotes it in what it says it wrote', async () => {
    const r = await drift(['adopt', 'production', 'INVENTORY_SERVICE_URL'], { cwd: estate('{}') });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain('adopted inventory.service.url: (none) → "" in production');
  });
});
