import { embeddedStoreOptions } from '../../lambdas/wiring/open-store';

/** What the wait message says for DRIFT_STORE_WAIT_MS=`ms`. */
function waitMessage(ms: string | undefined): string {
  let said = '';
  const options = embeddedStoreOptions(ms === undefined ? {} : { DRIFT_STORE_WAIT_MS: ms }, ['node', 'drift', 'audit'], {
    write: (s: string) => (said += s),
  });
  options.onWait({ command: 'drift audit', pid: 42, host: 'laptop', since: '2026-12-07T09:00:00Z' });
  return said;
}

describe('the message a run waiting for the embedded store prints', () => {
  test.each<[string | undefined, string]>([
    [undefined, 'waiting up to 10 s…'],
    ['5000', 'waiting up to 5 s…'],
    ['300', 'waiting up to 300 ms…'],
    ['0', 'waiting up to 0 ms…'],
  ])('DRIFT_STORE_WAIT_MS=%s says "%s"', (ms, says) => {
    expect(waitMessage(ms)).toContain(says);
  });
});
