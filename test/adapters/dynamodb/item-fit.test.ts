import { useDynalite } from '../../helpers/dynalite';
import { ESTATE, event, finding, state } from './fixtures';

// The last line of defence under the 400 KB item limit: a finding too big to store is stored cut,
// so one huge value or message never fails a whole run.

const dynalite = useDynalite();
const HUGE = 'x'.repeat(1_000_000);

describe('items that would pass the 400 KB limit', () => {
  test('a finding state with a 1 MB message is stored with its strings cut, its identity and content hash kept', async () => {
    const { store } = await dynalite.freshTable();
    const big = state({ contentHash: 'hash-of-the-whole-finding', finding: finding('f-1', { message: HUGE, actual: HUGE }) });
    expect(await store.writeFindingState(big, undefined)).toBe(true);
    const stored = (await store.getFindingState(ESTATE, 'f-1'))!;
    expect(stored.finding.message).toMatch(/^x{16384}… \(cut from 1000000 characters\)$/);
    expect(stored.finding.actual).toBe(stored.finding.message);
    expect(stored).toMatchObject({
      id: 'f-1',
      contentHash: 'hash-of-the-whole-finding',
      version: 1,
      finding: { id: 'f-1', key: 'db.timeout', expected: '10s' },
    });
    // A small finding is stored as it is.
    expect(await store.writeFindingState(state({ id: 'f-2' }), undefined)).toBe(true);
    expect((await store.getFindingState(ESTATE, 'f-2'))!.finding).toEqual(finding('f-2'));
  });

  test('a finding state whose key a source wrote at 400,000 characters is stored with the key cut, its id whole', async () => {
    const { store } = await dynalite.freshTable();
    const key = 'k'.repeat(400_000);
    expect(await store.writeFindingState(state({ finding: finding('f-1', { key, message: `${key} is set` }) }), undefined)).toBe(true);
    const stored = (await store.getFindingState(ESTATE, 'f-1'))!;
    expect(stored.finding.id).toBe('f-1');
    expect(stored.finding.key).toMatch(/^k{1024}… \(cut from 400000 characters\)$/);
  });

  test('an event with a 1 MB finding is logged, cut (what no cut can fit is refused: see finding-states.test.ts)', async () => {
    const { store } = await dynalite.freshTable();
    expect(await store.appendEvent(ESTATE, event('e-1', '2026-11-24T02:00:00.000Z', { finding: finding('f-1', { message: HUGE }) }))).toBe(
      true,
    );
    const [logged] = await store.listEvents(ESTATE);
    expect(logged!.eventId).toBe('e-1');
    expect(logged!.finding.message.length).toBeLessThan(20_000);
  });
});

describe('a parity finding across thousands of environments', () => {
  // 2,000 environments, each value as long as a value is shown (200 characters): 440 KB of values.
  const values = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`environment-number-${i}`, `${i}-`.padEnd(200, 'v')]));
  const wide = finding('f-1', {
    kind: 'parity',
    environment: undefined,
    group: 'g'.repeat(40),
    key: 'runtime.autoscaling.target.cpu.utilization',
    values,
  });

  test('its state is stored with each value cut, its subject and every environment kept', async () => {
    const { store } = await dynalite.freshTable();
    expect(await store.writeFindingState(state({ contentHash: 'whole', finding: wide }), undefined)).toBe(true);
    const stored = (await store.getFindingState(ESTATE, 'f-1'))!;
    expect(stored).toMatchObject({ id: 'f-1', contentHash: 'whole', finding: { kind: 'parity', group: wide.group, key: wide.key } });
    expect(Object.keys(stored.finding.values!)).toEqual(Object.keys(values));
    expect(stored.finding.values!['environment-number-7']).toMatch(/^7-v{30}… \(cut from 200 characters\)$/);
  });

  test('its event is logged the same way', async () => {
    const { store } = await dynalite.freshTable();
    expect(await store.appendEvent(ESTATE, event('e-1', '2026-11-24T02:00:00.000Z', { finding: wide }))).toBe(true);
    const [logged] = await store.listEvents(ESTATE);
    expect(logged!.finding).toMatchObject({ id: 'f-1', key: wide.key, group: wide.group });
    expect(Object.keys(logged!.finding.values!)).toHaveLength(2000);
  });
});
