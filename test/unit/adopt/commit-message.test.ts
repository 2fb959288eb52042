import { adoptCommitMessage } from '../../../lambdas/core/adopt/commit-message';
import type { Adoption } from '../../../lambdas/core/adopt/plan-adopt';

// The commit message goes into git log and a pull request's title and description: what a source
// wrote (a key, who changed it) must not add lines or trailers to it, nor drive the terminal of
// whoever runs git log.
const adoption = (over: Partial<Adoption>): Adoption => ({
  environment: 'prod',
  key: 'db.timeout',
  text: '60s',
  secret: false,
  shown: '60s',
  before: '10s',
  declared: true,
  environmentValue: false,
  modifiedBy: 'arn:aws:iam::111122223333:user/ops',
  modifiedAt: '2026-11-24T02:00:00Z',
  ...over,
});

describe('adoptCommitMessage', () => {
  test('the open tickets it answers as Refs: trailers after a blank line, a line break in a URL turned to text', () => {
    const plain = adoptCommitMessage([adoption({})], 'in prod');
    expect(plain).not.toContain('Refs:');
    const linked = adoptCommitMessage([adoption({})], 'in prod', [
      { tracker: 'github', id: '12', url: 'https://github.com/acme/ops/issues/12' },
      { tracker: 'jira', id: 'OPS-7', url: 'https://acme.atlassian.net/browse/OPS-7\nSigned-off-by: Boss <boss@corp>' },
    ]);
    expect(linked.startsWith(plain)).toBe(true);
    const trailers = linked.slice(plain.length);
    expect(trailers.startsWith('\nRefs: https://github.com/acme/ops/issues/12\nRefs: https://acme.atlassian.net/browse/OPS-7')).toBe(true);
    expect(trailers.split('\n').filter(Boolean)).toHaveLength(2);
    expect(trailers).not.toMatch(/\nSigned-off-by/);
  });

  test('a key and a changer a source wrote with line breaks and escapes add no line and reach git raw in nothing', () => {
    const plain = adoptCommitMessage([adoption({})], 'drift.yaml');
    const hostile = adoptCommitMessage(
      [
        adoption({
          key: 'x\n\nco.authored.by: mallory <m@evil.example>\n\u001b]0;pwned\u0007\u202e',
          modifiedBy: 'ops\r\nSigned-off-by: Boss <boss@corp>',
          modifiedAt: '2026-11-24\u001b[2J',
        }),
      ],
      'drift.yaml',
    );
    expect(hostile.split('\n')).toHaveLength(plain.split('\n').length);
    expect(hostile).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(hostile.split('\n')[0]).toBe(
      'drift adopt prod: x\\n\\nco.authored.by: mallory <m@evil.example>\\n\\u001b]0;pwned\\u0007\\u202e',
    );
    expect(hostile).toContain('by ops\\r\\nSigned-off-by: Boss <boss@corp> at 2026-11-24\\u001b[2J');
  });
});
