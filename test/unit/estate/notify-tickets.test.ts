import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';
import { TICKET_ROUTING_DEFAULT } from '../../../lambdas/core/tickets/ticket-routing';

const ESTATE = (extra: string) => `version: 1\nenvironments:\n  a:\n    sources:\n      - file: { from: a.yml }\n${extra}`;

function parse(extra: string) {
  const doc = parseEstateDocument(ESTATE(extra), 'drift.yaml');
  if (!doc.ok) return { problems: doc.problems.map(formatProblem) };
  const r = assembleEstate(doc, 'shop');
  return r.ok ? { estate: r.estate } : { problems: r.problems.map(formatProblem) };
}

describe('notify.tickets in drift.yaml', () => {
  test.each([
    ['no notify at all', ''],
    ['notify without tickets', 'notify:\n  sns: { minSeverity: low }\n'],
    ['an empty tickets', 'notify:\n  tickets: {}\n'],
  ])('defaults when absent: %s', (_name, extra) => {
    expect(parse(extra).estate?.notify.tickets).toEqual(TICKET_ROUTING_DEFAULT);
  });

  test('the defaults: high and above, every kind, labelled drift, no owners', () => {
    expect(TICKET_ROUTING_DEFAULT).toEqual({ minSeverity: 'high', kinds: 'all', labels: ['drift'], owners: {} });
  });

  test('a full declaration parses into the model', () => {
    const { estate, problems } = parse(`notify:
  tickets:
    minSeverity: medium
    kinds: [mismatch, parity]
    labels: [drift, config-drift]
    owners:
      team-db:
        labels: [db]
        components: [Database, Platform Core]
        assignee: "5b10ac8d82e05b22cc7d4ef5"
      "team-*": { labels: [team] }
      "*": { assignee: octocat }
`);
    expect(problems).toBeUndefined();
    expect(estate?.notify.tickets).toEqual({
      minSeverity: 'medium',
      kinds: ['mismatch', 'parity'],
      labels: ['drift', 'config-drift'],
      owners: {
        'team-db': { labels: ['db'], components: ['Database', 'Platform Core'], assignee: '5b10ac8d82e05b22cc7d4ef5' },
        'team-*': { labels: ['team'], components: [] },
        '*': { labels: [], components: [], assignee: 'octocat' },
      },
    });
  });

  test.each([
    [
      'a label with a space',
      'notify:\n  tickets:\n    labels: [config drift]\n',
      'drift.yaml:8:14: notify.tickets.labels[0]: a label: no spaces or commas, at most 50 characters',
    ],
    [
      "an owner's label with a comma",
      'notify:\n  tickets:\n    owners:\n      team-db: { labels: ["db,ops"] }\n',
      'drift.yaml:9:27: notify.tickets.owners.team-db.labels[0]: a label: no spaces or commas',
    ],
    ['an unknown field', 'notify:\n  tickets:\n    assignee: alice\n', 'drift.yaml:8:5: notify.tickets: unknown field "assignee"'],
    [
      'an unknown owner field',
      'notify:\n  tickets:\n    owners:\n      team-db: { label: db }\n',
      'drift.yaml:9:18: notify.tickets.owners.team-db: unknown field "label" (did you mean "labels"?)',
    ],
    [
      'an unknown kind',
      'notify:\n  tickets:\n    kinds: [mismatches]\n',
      'drift.yaml:8:13: notify.tickets.kinds[0]: expected one of mismatch, parity,',
    ],
    [
      'an unknown severity',
      'notify:\n  tickets:\n    minSeverity: urgent\n',
      'drift.yaml:8:18: notify.tickets.minSeverity: expected one of',
    ],
  ])('%s is a positioned problem', (_name, extra, expected) => {
    const { problems } = parse(extra);
    expect(problems).toBeDefined();
    expect(problems?.some((p) => p.startsWith(expected))).toBe(true);
  });
});
