import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const CORE = path.resolve(__dirname, '../../lambdas/core');

// Module state outlives a Lambda invocation (a warm container runs many audits) and couples calls
// that should not know of each other. Constant tables are fine: a Map or Set typed read-only, a
// RegExp, literals nobody changes.
const MUTATORS = new Set([
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'copyWithin',
  'set',
  'add',
  'delete',
  'clear',
]);
const READONLY_COLLECTIONS = new Set(['ReadonlyMap', 'ReadonlySet']);

/** The expression under parentheses, `as`, `satisfies` and `!`. */
function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e))
    e = e.expression;
  return e;
}

/** The module-level state `source` declares, one line per problem (`file:line what`); empty when it has none. */
export function moduleState(source: string, file: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  const at = (node: ts.Node, what: string) =>
    problems.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  // Type aliases of the file that name a read-only collection (`type Types = ReadonlySet<RuleType>`).
  const readonlyAliases = new Set(
    sf.statements.flatMap((s) =>
      ts.isTypeAliasDeclaration(s) && ts.isTypeReferenceNode(s.type) && READONLY_COLLECTIONS.has(s.type.typeName.getText(sf))
        ? [s.name.text]
        : [],
    ),
  );
  const readonlyType = (t: ts.TypeNode | undefined) =>
    t !== undefined &&
    ts.isTypeReferenceNode(t) &&
    (READONLY_COLLECTIONS.has(t.typeName.getText(sf)) || readonlyAliases.has(t.typeName.getText(sf)));
  const constants = new Set<string>();

  for (const statement of sf.statements) {
    if (ts.isClassDeclaration(statement)) {
      for (const m of statement.members) {
        const isStatic = ts.getModifiers(m as ts.HasModifiers)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
        const isReadonly = ts.getModifiers(m as ts.HasModifiers)?.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword);
        if (ts.isPropertyDeclaration(m) && isStatic && !isReadonly) at(m, `a static field that is not readonly: ${m.name.getText(sf)}`);
      }
    }
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      const op = statement.expression.operatorToken.kind;
      if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) at(statement, 'an assignment at module level');
    }
    if (!ts.isVariableStatement(statement)) continue;
    const flags = statement.declarationList.flags;
    for (const d of statement.declarationList.declarations) {
      const name = d.name.getText(sf);
      if (!(flags & ts.NodeFlags.Const)) {
        at(d, `a module-level ${flags & ts.NodeFlags.Let ? 'let' : 'var'}: ${name}`);
        continue;
      }
      if (ts.isIdentifier(d.name)) constants.add(name);
      const init = d.initializer && unwrap(d.initializer);
      if (!init) continue;
      if (ts.isNewExpression(init)) {
        const made = init.expression.getText(sf);
        if (made === 'Map' || made === 'Set') {
          if (!readonlyType(d.type)) at(d, `a module-level ${made} not typed Readonly${made}: ${name}`);
        } else if (made !== 'RegExp') at(d, `a module-level ${made}, which may hold state: ${name}`);
      }
    }
  }

  // A module-level constant changed anywhere in the file (in a function, typically) is state.
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const target = unwrap(node.expression.expression);
      if (ts.isIdentifier(target) && constants.has(target.text) && MUTATORS.has(node.expression.name.text))
        at(node, `module-level ${target.text} changed by ${node.expression.name.text}()`);
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      const left = unwrap(node.left);
      if ((ts.isElementAccessExpression(left) || ts.isPropertyAccessExpression(left)) && ts.isIdentifier(unwrap(left.expression))) {
        const target = (unwrap(left.expression) as ts.Identifier).text;
        if (constants.has(target) && !isShadowed(left, target)) at(node, `module-level ${target} changed by an assignment`);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return problems;
}

/** True when `name` at `node` is a local of an enclosing function (a parameter or a declaration), not the module's. */
function isShadowed(node: ts.Node, name: string): boolean {
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isFunctionLike(n) && n.parameters.some((p) => p.name.getText() === name)) return true;
    if (
      ts.isBlock(n) &&
      n.statements.some((s) => ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.name.getText() === name))
    )
      return true;
  }
  return false;
}

const coreFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? coreFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });

describe('the core keeps no module-level state', () => {
  it('in any file under lambdas/core', () => {
    const files = coreFiles(CORE);
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((f) => moduleState(fs.readFileSync(f, 'utf8'), path.relative(CORE, f)));
    expect(problems).toEqual([]);
  });

  it.each([
    ['a module-level let', 'let clock = () => 0;\nexport const setClock = (c: () => number) => (clock = c);', /a module-level let: clock/],
    [
      'a cache in a Map',
      'const cache = new Map<string, number>();\nexport const f = (k: string) => cache.get(k);',
      /Map not typed ReadonlyMap: cache/,
    ],
    ['a WeakMap', 'const prepared = new WeakMap<object, number>();', /WeakMap, which may hold state: prepared/],
    ['an instance of a class', 'class Memo {}\nconst memo = new Memo();', /Memo, which may hold state: memo/],
    [
      'a list filled by a function',
      'const seen: string[] = [];\nexport function see(s: string) { seen.push(s); }',
      /seen changed by push\(\)/,
    ],
    [
      'a table changed by an assignment',
      'const counts: Record<string, number> = {};\nexport function count(k: string) { counts[k] = 1; }',
      /counts changed by an assignment/,
    ],
    ['a static field', 'export class A { static last = 0; }', /static field that is not readonly: last/],
  ])('finds %s', (_name, code, problem) => {
    expect(moduleState(code, 'x.ts').join('\n')).toMatch(problem);
  });

  it('allows constant tables, and state inside functions', () => {
    const code = [
      'type Words = ReadonlySet<string>;',
      "const TRUE: ReadonlySet<string> = new Set(['true', 'yes']);",
      "const BOOL: Words = new Set(['bool']);",
      "const BY_NAME: ReadonlyMap<string, number> = new Map([['a', 1]]);",
      "const FIELDS = ['Name', 'Type'] as const;",
      'const SPACE = /\\s/;',
      'export class A { static readonly B = 1; }',
      'export function f(counts: Record<string, number>) { const seen: string[] = []; let n = 0; seen.push("x"); counts.x = 1; n++; return n; }',
    ].join('\n');
    expect(moduleState(code, 'x.ts')).toEqual([]);
  });
});
