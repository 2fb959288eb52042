import fc from 'fast-check';

// YAML texts for the fast path's property tests: block documents built from scalars, keys and
// decorations chosen to sit on both sides of the subset the fast path reads, then sometimes mutated.

type Node =
  | { t: 'scalar'; text: string }
  | { t: 'block'; header: string; lines: string[] }
  | { t: 'map'; entries: Array<{ key: string; value: Node; decor: Decor; compact: boolean }> }
  | { t: 'seq'; items: Array<{ value: Node; decor: Decor; compact: boolean }> };
interface Decor {
  before: string;
  trailing: string;
}

const core = [
  ...['1', '-0', '+5', '007', '0o17', '0o8', '0x1F', '0xg', '1e3', '1E-2', '.5', '1.', '1.50', '-1.5e+3', '9007199254740993', '1e400'],
  ...['.inf', '-.Inf', '+.INF', '.NaN', '.nan', '.NAN', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false'],
  ...['yes', 'no', 'on', 'off', '1_000', '0b101', '12:30', '2026-01-01', '1.2.3', '-', '---', '...', '-x', '--flag', '+', '.'],
];
const plain = [
  'a',
  'v',
  'x y',
  'a#b',
  'a[0]',
  'a,b',
  'http://h:80/p?q=1',
  'b:c',
  'x]',
  'x}',
  'é ü',
  'a\\b',
  "it's",
  'say "hi"',
  'a  b',
  'a -b',
];
const nasty = [
  ...['&a x', '*a', '!!str 1', '!t x', '%x', '@x', '`x', '?x', ':x', '? x', ': x', '- x', '|', '>', '[1, 2]', '{a: 1}', '{}', '[]'],
  ...['[ ]', '{ }', 'a: b', 'a #b', 'x #', 'x#', '"open', "'open", "'it''s'", '"a\\"b"', '"\\x41\\u00e9\\U0001F600"', '"\\e\\0\\a\\v\\/"'],
  ...['"\\N\\_"', '"\\ x"', '"\\q"', '"a" b', "'a'#c", '"\\ud800"', '"\\U00110000"', '"\\x4"', '"tab\\tthere"', '"a": b', '{}x', '[] # c'],
];
const chars = fc.constantFrom('a', 'b', ' ', '#', ':', '-', '"', "'", '\\', '1', '.', '\t', '{', '[', ',', 'é', '\u2028');

interface Pools {
  scalar: fc.Arbitrary<string>;
  key: fc.Arbitrary<string>;
  decor: fc.Arbitrary<Decor>;
  header: fc.Arbitrary<string>;
  line: fc.Arbitrary<string>;
  head: fc.Arbitrary<string>;
  separator: fc.Arbitrary<string>;
  tail: fc.Arbitrary<string>;
}

const jsonString = fc.string().map((s) => JSON.stringify(s));
const singleQuoted = fc.string().map((s) => `'${s.replace(/'/g, "''")}'`);
const plainKey = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,6}$/);
const safeKeys = [
  'a',
  'b',
  'name',
  'value',
  'x y',
  'a.b',
  'A_B',
  '-k',
  'a#b',
  'a[0]',
  'a,b',
  'é',
  '"q"',
  "'s'",
  '"a: b"',
  '1',
  '~',
  'constructor',
];

const flowItem = fc.oneof(
  fc.constantFrom('a', '1', 'true', '~', '-x', '--port=80', '1.5', 'a.b/c', '0x1F', '.inf', '-', 'a b', 'a:b', 'x#', '[1]', '{}', ''),
  jsonString,
  singleQuoted,
);
/** One-line flow sequences, spaced in the ways people write them. */
const flowSequence = (item: fc.Arbitrary<string>, tail: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(item, { maxLength: 4 }), fc.constantFrom(', ', ',', ' , '), fc.constantFrom('', ' '), tail)
    .map(([items, comma, pad, tail]) => `[${pad}${items.join(comma)}${pad}]${tail}`);

/** Everything on both sides of the subset, each part often outside it. */
const WILD: Pools = {
  scalar: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...core, ...plain) },
    { weight: 3, arbitrary: jsonString },
    { weight: 3, arbitrary: singleQuoted },
    { weight: 1, arbitrary: fc.constantFrom(...nasty) },
    { weight: 1, arbitrary: fc.string({ unit: chars, maxLength: 8 }) },
    { weight: 1, arbitrary: flowSequence(flowItem, fc.constantFrom('', ',', ' #c', ']')) },
  ),
  key: fc.oneof(
    { weight: 20, arbitrary: plainKey },
    { weight: 4, arbitrary: fc.constantFrom(...safeKeys) },
    { weight: 2, arbitrary: fc.constantFrom('1', '0x1f', '1.0', '~', 'null', 'true', '', '__proto__', '<<', 'constructor', 'toString') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '"\\x41"',
        "''",
        '? c',
        '&x k',
        '!t k',
        '[a]',
        '{a}',
        '*a',
        'a ',
        'k'.repeat(1030),
        '"open',
        'a:b',
        'a #c',
        '- k',
      ),
    },
  ),
  decor: fc.record({
    before: fc.constantFrom('', '', '', '\n', '# c\n', '      # deep\n', '   \n', '#\n'),
    trailing: fc.constantFrom('', '', '', ' # t', '   #t', '#t', ' '),
  }),
  header: fc.constantFrom('|', '|-', '>', '>-', '| # c', '>-  ', '|+', '>+', '|2', '|#c', '|-2', '| x'),
  line: fc.constantFrom('', 'text', 'more text', '  indented', '# not a comment', '   ', 'a: b', '- x', "'q'", 'tail  '),
  head: fc.constantFrom('', '', '---\n', '--- # c\n', '%YAML 1.2\n---\n', '# head\n', '\n'),
  separator: fc.constantFrom('---\n', '---\n', '--- \n', '---  # x\n', '...\n---\n', '--- a\n', '---x\n', '----\n'),
  tail: fc.constantFrom('', '', '---\n', '...\n', '\n\n', '# end', '  '),
};

/** Parts inside the subset, so that one mutation puts the text just outside it, or not. */
const CLEAN: Pools = {
  scalar: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...core.filter((c) => c !== '-'), ...plain, '{}', '[]', '"\\x41\\u00e9\\U0001F600"') },
    { weight: 1, arbitrary: jsonString },
    { weight: 1, arbitrary: singleQuoted },
    {
      weight: 1,
      arbitrary: flowSequence(
        fc.oneof(fc.constantFrom('a', '1', 'true', '~', '--port=80', '1.5', 'a.b/c'), jsonString),
        fc.constantFrom('', ' #c'),
      ),
    },
  ),
  key: fc.oneof({ weight: 6, arbitrary: plainKey }, { weight: 1, arbitrary: fc.constantFrom(...safeKeys) }),
  decor: fc.record({
    before: fc.constantFrom('', '', '\n', '# c\n', '      # deep\n'),
    trailing: fc.constantFrom('', '', ' # t', '   #t'),
  }),
  header: fc.constantFrom('|', '|-', '>', '>-', '| # c'),
  line: fc.constantFrom('', 'text', 'more text', '# not a comment', 'a: b', '- x', "'q'", 'tail  '),
  head: fc.constantFrom('', '', '---\n', '--- # c\n', '# head\n', '\n'),
  separator: fc.constantFrom('---\n', '--- \n', '---  # x\n'),
  tail: fc.constantFrom('', '', '---\n', '\n\n', '# end'),
};

function nodes(p: Pools): { root: fc.Arbitrary<Node> } {
  const { node, map, seq } = fc.letrec<{ node: Node; map: Node; seq: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ t: fc.constant('scalar' as const), text: p.scalar }),
      fc.record({ t: fc.constant('block' as const), header: p.header, lines: fc.array(p.line, { maxLength: 5 }) }),
      tie('map'),
      tie('seq'),
    ),
    map: fc.record({
      t: fc.constant('map' as const),
      entries: fc.array(fc.record({ key: p.key, value: tie('node'), decor: p.decor, compact: fc.boolean() }), {
        minLength: 1,
        maxLength: 5,
      }),
    }),
    seq: fc.record({
      t: fc.constant('seq' as const),
      items: fc.array(fc.record({ value: tie('node'), decor: p.decor, compact: fc.boolean() }), { minLength: 1, maxLength: 4 }),
    }),
  }));
  return { root: fc.oneof({ weight: 8, arbitrary: map }, { weight: 3, arbitrary: seq }, { weight: 1, arbitrary: node }) };
}

const pad = (n: number): string => ' '.repeat(n);
const decorated = (d: Decor, indent: number): string => d.before.replace(/^(?=.)/gm, pad(indent));

/** The text after `key:` or `- ` for a value, from the `:` or `-` on. */
function after(value: Node, indent: number, step: number, compact: boolean, trailing: string): string {
  if (value.t === 'scalar') return ` ${value.text}${trailing}\n`;
  if (value.t === 'block') return ` ${value.header}\n${value.lines.map((l) => (l === '' ? '\n' : `${pad(indent + step)}${l}\n`)).join('')}`;
  return `${trailing}\n${render(value, value.t === 'seq' && compact ? indent : indent + step, step)}`;
}

/** A node as block YAML at `indent`. */
export function render(n: Node, indent: number, step: number): string {
  if (n.t === 'scalar') return `${pad(indent)}${n.text}\n`;
  if (n.t === 'block') return `${pad(indent)}${n.header}\n${n.lines.map((l) => `${pad(indent + step)}${l}\n`).join('')}`;
  if (n.t === 'map')
    return n.entries
      .map((e) => `${decorated(e.decor, indent)}${pad(indent)}${e.key}:${after(e.value, indent, step, e.compact, e.decor.trailing)}`)
      .join('');
  return n.items
    .map((item) => {
      const head = `${decorated(item.decor, indent)}${pad(indent)}-`;
      const v = item.value;
      if (v.t === 'scalar' || v.t === 'block') return head + after(v, indent, step, false, item.decor.trailing);
      if (!item.compact) return `${head}${item.decor.trailing}\n${render(v, indent + step, step)}`;
      const inner = render(v, indent + 2, step);
      return inner.startsWith(pad(indent + 2)) ? `${head} ${inner.slice(indent + 2)}` : `${head}\n${inner}`;
    })
    .join('');
}

const mutation = fc.option(
  fc.record({
    at: fc.nat(),
    op: fc.constantFrom('insert', 'replace', 'delete'),
    ch: fc.constantFrom(
      ...['\t', '\r', ' ', ':', '#', '-', '\n', '"', "'", '&', '\u0085', '\ufeff', '\0', '  ', '&a ', '*a', '!t ', '!!str ', '? ', ': '],
      ...['- ', '[1, 2]', '{a: 1}', '|+', '|2', '>', '\\', ' #', '---\n', '...\n', '%', '@', '`', '\r\n', '\n  ', ',', '__proto__: 1\n'],
      ...['<<: {}\n', '\n\n', '\n#', 'x: 1\n', '"\\q"', '\u2028'],
    ),
  }),
  { freq: 2 },
);

const texts = (p: Pools) =>
  fc
    .record({
      docs: fc.array(fc.record({ root: nodes(p).root, indent: fc.constantFrom(0, 0, 0, 2), step: fc.integer({ min: 1, max: 4 }) }), {
        minLength: 1,
        maxLength: 3,
      }),
      head: p.head,
      separator: p.separator,
      tail: p.tail,
      noFinalNewline: fc.boolean(),
      crlf: fc.boolean(),
      mutation,
    })
    .map(({ docs, head, separator, tail, noFinalNewline, crlf, mutation: m }) => {
      let text = head + docs.map((d) => render(d.root, d.indent, d.step)).join(separator) + tail;
      if (noFinalNewline) text = text.replace(/\n$/, '');
      if (crlf) text = text.replace(/\n/g, '\r\n');
      if (m && text.length > 0) {
        const at = m.at % text.length;
        text = text.slice(0, at) + (m.op === 'delete' ? '' : m.ch) + text.slice(m.op === 'insert' ? at : at + 1);
      }
      return text;
    });

/** Whole YAML texts: one to three documents with separators and decorations, often one mutation away from the subset. */
export const yamlText = fc.oneof({ weight: 1, arbitrary: texts(WILD) }, { weight: 3, arbitrary: texts(CLEAN) });
