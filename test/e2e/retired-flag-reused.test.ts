import { drift, scratch } from '../helpers/cli';

// The story's flag name reused: ENABLE_NEW_CHECKOUT was retired with its feature, production-eu still
// sets the old value, and six months later new code reads the same name. The old value is now
// taken by a feature it was never meant for: the findings must say so, not ask the environments
// that dropped the retired key to set it like production-eu.

const FILES = {
  'drift.yaml': `version: 1
name: shop
code: src/
environments:
  staging: { sources: [ { dotenv: { from: staging.env } } ] }
  production-us: { sources: [ { dotenv: { from: us.env } } ] }
  production-eu: { sources: [ { dotenv: { from: eu.env } } ] }
parity:
  - { name: regions, environments: [production-us, production-eu] }
baseline:
  keys:
    log.level: { value: INFO }
    enable.new.checkout: { retired: 2026-05-01 }
`,
  'staging.env': 'LOG_LEVEL=INFO\n',
  'us.env': 'LOG_LEVEL=INFO\n',
  'eu.env': 'LOG_LEVEL=INFO\nENABLE_NEW_CHECKOUT=true\n',
  'src/app.py': `import os

LOG_LEVEL = os.getenv('LOG_LEVEL', 'INFO')
NEW_FLOW = os.getenv('ENABLE_NEW_CHECKOUT', 'false')
`,
};

interface Out {
  kind: string;
  environment?: string;
  key?: string;
  message: string;
}

describe('code that reads a retired key again', () => {
  it('the retired finding says the code reads it again and takes the old value', async () => {
    const out = await drift(['audit', '--format', 'json', '--no-store'], { cwd: scratch(FILES) });
    const findings = (JSON.parse(out.stdout) as { findings: Out[] }).findings;
    const retired = findings.find((f) => f.kind === 'retired' && f.environment === 'production-eu');
    expect(retired?.message).toBe(
      'enable.new.checkout was retired on 2026-05-01 but production-eu still sets it (true); the code reads ENABLE_NEW_CHECKOUT again at src/app.py:4 (os.getenv): it takes this value, left from before the retirement',
    );
  });

  it('where it is not set, says it was retired, and does not name the environment holding the old value as one to copy', async () => {
    const out = await drift(['audit', '--format', 'json', '--no-store'], { cwd: scratch(FILES) });
    const findings = (JSON.parse(out.stdout) as { findings: Out[] }).findings;
    const unset = findings.find((f) => f.kind === 'unset' && f.environment === 'production-us');
    expect(unset?.message).toBe(
      "enable.new.checkout is not set in production-us but the code reads ENABLE_NEW_CHECKOUT at src/app.py:4 (os.getenv): falls back to 'false'; it was retired on 2026-05-01, yet the code reads it again",
    );
    expect(unset?.message).not.toContain('production-eu sets it');
  });
});
