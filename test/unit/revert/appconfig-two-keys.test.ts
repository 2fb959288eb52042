import { appConfigRevert } from '../../../lambdas/core/revert/appconfig-revert';
import { commands, observed, revertInput } from './revert-input';

// Two keys of one hosted AppConfig configuration in one plan: the second must be edited into the
// version the first creates, or the version it creates (deployed last) brings the first key's value back.
const key = (name: string) => {
  const o = observed('appconfig', `abc123/env456/prof789#${name}`, name);
  return { ...o, origin: { ...o.origin, version: 7 } };
};
const spec = { application: 'abc123', environment: 'env456', profile: 'prof789' };

describe('appconfig, two keys of one configuration in one plan', () => {
  it('edits the second key into the file the first fetched and edited, and creates the new version from it', () => {
    const built = new Map<string, string>();
    const first = appConfigRevert({
      ...revertInput(spec, key('log.level'), { target: { secret: false, text: 'INFO' } }),
      stem: 'revert-prod-log.level',
      built,
    });
    const second = appConfigRevert({
      ...revertInput(spec, key('pool.size'), { target: { secret: false, text: '20' } }),
      stem: 'revert-prod-pool.size',
      built,
    });
    expect(commands(first)[0]).toContain('get-hosted-configuration-version');
    expect(commands(second).some((c) => c.includes('get-hosted-configuration-version'))).toBe(false);
    expect(second).toContainEqual({ do: 'edit', file: 'revert-prod-log.level.json', change: 'set pool.size to "20"' });
    expect(commands(second).find((c) => c.includes('create-hosted-configuration-version'))).toContain('fileb://revert-prod-log.level.json');
  });
});
