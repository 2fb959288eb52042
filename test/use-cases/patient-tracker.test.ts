import type { Severity } from '../../lambdas/core/severity';
import { TrackerRateLimited, TrackerRejected, TrackerUnavailable } from '../../lambdas/core/tickets/ticket-errors';
import type { TicketRef, TicketTracker } from '../../lambdas/ports/ticket-tracker';
import { patientTracker, type Patience } from '../../lambdas/use-cases/patient-tracker';

type Method = Exclude<keyof TicketTracker, 'name'>;

const TICKET: TicketRef = { tracker: 'github', id: '7', url: 'https://github.com/o/r/issues/7' };
const DRAFT = { marker: 'drift-f-1', title: 't', body: [], labels: [], severity: 'high' as Severity, components: [] };

const results: Record<Method, unknown> = {
  find: TICKET,
  create: TICKET,
  hasComment: true,
  comment: undefined,
  setSeverity: undefined,
  close: undefined,
};

/** A tracker whose every method throws the given errors in turn, then answers; it counts the calls. */
function scripted(errors: Error[]) {
  const calls: Record<Method, number> = { find: 0, create: 0, hasComment: 0, comment: 0, setSeverity: 0, close: 0 };
  const method = (m: Method) => async (): Promise<never> => {
    calls[m] += 1;
    const err = errors.shift();
    if (err) throw err;
    return results[m] as never;
  };
  const tracker: TicketTracker = {
    name: 'github',
    find: method('find'),
    create: method('create'),
    hasComment: method('hasComment'),
    comment: method('comment'),
    setSeverity: method('setSeverity'),
    close: method('close'),
  };
  return { tracker, calls };
}

function patience(extra: Partial<Patience> = {}) {
  const slept: number[] = [];
  return { slept, p: { sleep: async (ms: number) => void slept.push(ms), maxWaitMs: 10_000, attempts: 4, ...extra } };
}

const call = (t: TicketTracker, m: Method): Promise<unknown> => {
  switch (m) {
    case 'find':
      return t.find('drift-f-1');
    case 'create':
      return t.create(DRAFT);
    case 'hasComment':
      return t.hasComment(TICKET, 'e-1');
    case 'comment':
      return t.comment(TICKET, { eventId: 'e-1', body: [] });
    case 'setSeverity':
      return t.setSeverity(TICKET, 'critical', 'high');
    case 'close':
      return t.close(TICKET, 'value fixed');
  }
};

const limited = (ms: number) => new TrackerRateLimited(ms, 'rate limited');
const down = () => new TrackerUnavailable('503 from the tracker');
const ALL: Method[] = ['find', 'create', 'hasComment', 'comment', 'setSeverity', 'close'];

describe('patientTracker', () => {
  test.each(ALL)('%s: a rate limit within maxWaitMs is slept as asked, then retried', async (m) => {
    const { tracker, calls } = scripted([limited(3000), limited(500)]);
    const { p, slept } = patience();
    expect(await call(patientTracker(tracker, p), m)).toEqual(results[m]);
    expect(slept).toEqual([3000, 500]);
    expect(calls[m]).toBe(3);
  });

  test.each(ALL)('%s: a rate limit beyond maxWaitMs is thrown at once', async (m) => {
    const { tracker, calls } = scripted([limited(60_000)]);
    const { p, slept } = patience();
    await expect(call(patientTracker(tracker, p), m)).rejects.toBeInstanceOf(TrackerRateLimited);
    expect(slept).toEqual([]);
    expect(calls[m]).toBe(1);
  });

  test.each<Method>(['find', 'hasComment', 'setSeverity', 'close'])(
    '%s: a failure on the tracker side is retried with backoff',
    async (m) => {
      const { tracker, calls } = scripted([down(), down(), down()]);
      const { p, slept } = patience();
      expect(await call(patientTracker(tracker, p), m)).toEqual(results[m]);
      expect(slept).toEqual([1000, 2000, 4000]);
      expect(calls[m]).toBe(4);
    },
  );

  test('backoff never sleeps longer than maxWaitMs', async () => {
    const { tracker } = scripted([down(), down(), down()]);
    const { p, slept } = patience({ maxWaitMs: 1500 });
    await patientTracker(tracker, p).close(TICKET, 'value fixed');
    expect(slept).toEqual([1000, 1500, 1500]);
  });

  test.each<Method>(['create', 'comment'])('%s: a failure on the tracker side is NOT retried (it may have landed)', async (m) => {
    const { tracker, calls } = scripted([down()]);
    const { p, slept } = patience();
    await expect(call(patientTracker(tracker, p), m)).rejects.toBeInstanceOf(TrackerUnavailable);
    expect(calls[m]).toBe(1);
    expect(slept).toEqual([]);
  });

  test.each(ALL)('%s: a rejection is never retried', async (m) => {
    const { tracker, calls } = scripted([new TrackerRejected('bad credentials')]);
    const { p, slept } = patience();
    await expect(call(patientTracker(tracker, p), m)).rejects.toBeInstanceOf(TrackerRejected);
    expect(calls[m]).toBe(1);
    expect(slept).toEqual([]);
  });

  test('a programming error is not retried', async () => {
    const { tracker, calls } = scripted([new TypeError('oops')]);
    await expect(patientTracker(tracker, patience().p).find('m')).rejects.toBeInstanceOf(TypeError);
    expect(calls.find).toBe(1);
  });

  test.each<[string, Error[]]>([
    ['rate limits', Array.from({ length: 10 }, () => limited(100))],
    ['failures', Array.from({ length: 10 }, down)],
  ])('attempts are bounded: endless %s give up after `attempts` calls with the last error', async (_name, errors) => {
    const third = errors[2];
    const { tracker, calls } = scripted(errors);
    const { p, slept } = patience({ attempts: 3 });
    await expect(patientTracker(tracker, p).close(TICKET, 'value fixed')).rejects.toBe(third);
    expect(calls.close).toBe(3);
    expect(slept).toHaveLength(2);
  });

  test('keeps the tracker name', () => {
    expect(patientTracker(scripted([]).tracker, patience().p).name).toBe('github');
  });
});
