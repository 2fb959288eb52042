import { audit } from '../../lambdas/core/engine/audit';
import type { Digest, Inline } from '../../lambdas/core/digest/digest-model';
import type { Estate } from '../../lambdas/core/estate/model';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import { sendDigest } from '../../lambdas/use-cases/send-digest';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot } from '../helpers/estate';

// Runs come more often than digests (targeted runs on change events): one finding can open, resolve
// and come back inside one window. The digest tells each finding once, as it stands at the window's
// end: resolved only if it is resolved then, with the last reason, and how often it came and went.

const db = useDynalite();
const EXCUSED = `  exceptions:\n    - { environment: us, key: db.timeout, value: 60s, reason: "INC-1 load test", expires: 2026-12-31 }\n`;
const estateAt = (severity: string, excused = false): Estate =>
  estateFrom(
    estateYaml(
      ['us'],
      `notify:\n  slack: { minSeverity: high }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s, severity: ${severity} }\n${excused ? EXCUSED : ''}`,
    ),
  );

async function run(store: AuditStore, estate: Estate, at: string, timeout: string): Promise<ReturnType<typeof audit>> {
  const now = new Date(at);
  const result = audit(estate, [snapshot('us', { values: { 'db.timeout': timeout } })], now);
  const runId = `run-${at}`;
  const keyId = 'k1';
  return (await recordAudit({ store, estate, result, runId, now, keyId, baseline: { file: 'drift.yaml', sha256: runId } })).result;
}

const flat = (parts: readonly Inline[]): string =>
  parts
    .map((p) =>
      typeof p === 'string'
        ? p
        : 'user' in p
          ? p.user
          : 'code' in p
            ? p.code
            : 'strong' in p
              ? flat(p.strong)
              : 'em' in p
                ? flat(p.em)
                : 'severity' in p
                  ? p.severity
                  : 'icon' in p
                    ? ''
                    : p.label,
    )
    .join('');

/** The morning digest's New and Resolved sections, as their lines' text. */
async function morning(store: AuditStore, estate: Estate, at: string, result: ReturnType<typeof audit>): Promise<Record<string, string[]>> {
  let sent: Digest | undefined;
  await sendDigest({ channel: 'slack', estate, result, store, now: new Date(at), sink: { send: async (m) => void (sent = m.digest) } });
  const out: Record<string, string[]> = {};
  for (const s of sent?.sections ?? []) {
    const title = s.title.replace(/ \(\d+\)$/, '');
    if ((title === 'New' || title === 'Resolved') && s.lines.length) out[title] = s.lines.map((l) => flat(l.text));
  }
  return out;
}

describe('a finding with several episodes in one digest window', () => {
  test('that came and went at high, then again under the threshold, is told: new and resolved, once', async () => {
    const { store } = await db.freshTable();
    await run(store, estateAt('high'), '2026-11-24T02:00:00Z', '60s');
    await run(store, estateAt('high'), '2026-11-24T03:00:00Z', '10s');
    await run(store, estateAt('low'), '2026-11-24T04:00:00Z', '60s');
    const last = await run(store, estateAt('low'), '2026-11-24T05:00:00Z', '10s');
    const digest = await morning(store, estateAt('low'), '2026-11-24T08:00:00Z', last);
    expect(digest.New).toHaveLength(1);
    expect(digest.New?.[0]).toMatch(/^high/);
    expect(digest.Resolved).toHaveLength(1);
    expect(digest.Resolved?.[0]).toMatch(/^ high · mismatch · us db\.timeout — value fixed/);
  });

  test('that was resolved and is back by morning is not told resolved: it is open, and said to be back', async () => {
    const { store } = await db.freshTable();
    const first = await run(store, estateAt('high'), '2026-11-24T02:00:00Z', '60s');
    expect(Object.keys(await morning(store, estateAt('high'), '2026-11-24T08:00:00Z', first))).toEqual(['New']);
    await run(store, estateAt('high'), '2026-11-25T02:00:00Z', '10s');
    const back = await run(store, estateAt('high'), '2026-11-25T04:00:00Z', '60s');
    const digest = await morning(store, estateAt('high'), '2026-11-25T08:00:00Z', back);
    expect(digest.Resolved).toBeUndefined();
    expect(digest.New).toHaveLength(1);
    expect(digest.New?.[0]).toMatch(/^high \(back after being resolved\) · mismatch/);
  });

  test('that came and went at high and is back under the threshold is not said to be back at high: its high episode resolved', async () => {
    const { store } = await db.freshTable();
    await run(store, estateAt('high'), '2026-11-24T02:00:00Z', '60s');
    await run(store, estateAt('high'), '2026-11-24T03:00:00Z', '10s');
    const last = await run(store, estateAt('low'), '2026-11-24T04:00:00Z', '60s');
    const digest = await morning(store, estateAt('low'), '2026-11-24T08:00:00Z', last);
    expect(digest.New).toEqual([expect.stringMatching(/^high · mismatch/)]);
    expect(digest.Resolved).toEqual([expect.stringMatching(/^ high · mismatch · us db\.timeout — value fixed$/)]);
  });

  test('that was resolved twice is one line with the last reason, and says it resolved twice', async () => {
    const { store } = await db.freshTable();
    const first = await run(store, estateAt('high'), '2026-11-24T02:00:00Z', '60s');
    await morning(store, estateAt('high'), '2026-11-24T08:00:00Z', first);
    await run(store, estateAt('high'), '2026-11-25T02:00:00Z', '10s');
    await run(store, estateAt('high'), '2026-11-25T03:00:00Z', '60s');
    const last = await run(store, estateAt('high', true), '2026-11-25T04:00:00Z', '60s');
    const digest = await morning(store, estateAt('high', true), '2026-11-25T08:00:00Z', last);
    expect(digest.Resolved).toEqual([expect.stringMatching(/ — excused by an exception \(resolved 2 times in this window\)$/)]);
  });
});
