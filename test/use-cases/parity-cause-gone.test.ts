import { buildDigest } from '../../lambdas/core/digest/build-digest';
import { audit } from '../../lambdas/core/engine/audit';
import { CAUSE_GONE } from '../../lambdas/core/lifecycle/plan-lifecycle';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot, type SourceGiven } from '../helpers/estate';

// A parity difference ticketed with its cause (prod lacking a required key) stays when the cause
// goes (prod gets the key, with another value): from then on it is a fact of its own, and says so.
const db = useDynalite();
const estate = estateFrom(
  estateYaml(
    ['staging', 'prod'],
    'parity:\n  - { name: stage-vs-prod, environments: [staging, prod] }\nbaseline:\n  undeclared: info\n  keys:\n    db.host: { required: true }\n',
  ),
);

let day = 0;
async function run(store: AuditStore, prod: SourceGiven['values']) {
  const at = new Date(Date.UTC(2026, 10, 1 + ++day, 2));
  const result = audit(estate, [snapshot('staging', { values: { 'db.host': 'db.internal' } }), snapshot('prod', { values: prod })], at);
  return recordAudit({ store, estate, result, runId: `run-${day}`, now: at, keyId: 'k1', baseline: { file: 'drift.yaml', sha256: 'abc' } });
}
const told = (r: Awaited<ReturnType<typeof run>>) =>
  r.events.filter((e) => e.event !== 'changed').map((e) => `${e.event} ${e.finding.kind}`);

describe('a parity difference whose cause went', () => {
  test('is told again (escalated) when it stands alone, once, so a ticket can start for it', async () => {
    const { store } = await db.freshTable();
    const first = await run(store, {});
    expect(first.result.findings.find((f) => f.kind === 'parity')?.causedBy).toHaveLength(1);
    const second = await run(store, { 'db.host': 'db.other' });
    expect(told(second).sort()).toEqual(['escalated parity', 'resolved missing']);
    const alone = second.events.find((e) => e.event === 'escalated')!;
    expect(alone.finding.causedBy).toBeUndefined();
    // Not a rise in severity: it says why it is told again.
    expect([alone.finding.severity, alone.reason]).toEqual(['medium', CAUSE_GONE]);

    // The digest does not call it escalated, as if its severity had risen.
    const digest = buildDigest({
      estate: estate.name,
      windowStart: '2026-11-01T00:00:00Z',
      windowEnd: '2026-12-01T00:00:00Z',
      timezone: 'UTC',
      events: [alone],
      open: [alone.finding],
      suppressed: [],
      minSeverity: 'low',
      allClear: true,
    })!;
    const line = JSON.stringify(digest.sections[0]!.lines[0]!.text);
    expect(line).toContain(' (on its own now: its cause is gone) · parity');
    expect(line).not.toContain('escalated');
    expect(told(await run(store, { 'db.host': 'db.other2' }))).toEqual([]);
  });

  test('a parity difference that never had a cause is not told again when its values move', async () => {
    const { store } = await db.freshTable();
    await run(store, { 'db.host': 'db.other' });
    expect(told(await run(store, { 'db.host': 'db.other2' }))).toEqual([]);
  });
});
