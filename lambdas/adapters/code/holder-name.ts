import type { Node } from 'web-tree-sitter';

// What holds a value, in the grammars read, and the child that names it: an object's or dictionary's key
// (`password: …`, `'PASSWORD': …`, Elixir's `password: …`, PHP's `'password' => …`, Go's `Password: …`),
// a keyword argument (`connect(password=…)`), an assignment's or declaration's target (`EMAIL_HOST_PASSWORD = …`,
// `const password = …`, `pass := …`, `let password = …`), a parameter whose default it is (`def connect(password=…)`).
const childOfType = (node: Node, type: string): Node | undefined => node.namedChildren.find((c) => c?.type === type) ?? undefined;

/** Kotlin's `val password: String`: the name its `variable_declaration` gives. */
const declaredVariable = (node: Node): Node | undefined => {
  const variable = childOfType(node, 'variable_declaration');
  return variable && childOfType(variable, 'identifier');
};

const HOLDERS: Readonly<Record<string, (node: Node) => Node | null | undefined>> = {
  pair: (n) => n.childForFieldName('key') ?? n.namedChildren[0],
  keyed_element: (n) => n.namedChildren[0],
  array_element_initializer: (n) => (n.namedChildren.length === 2 ? n.namedChildren[0] : undefined),
  keyword_argument: (n) => n.childForFieldName('name'),
  field_initializer: (n) => n.childForFieldName('field'),
  assignment: (n) => n.childForFieldName('left'),
  assignment_expression: (n) => n.childForFieldName('left'),
  assignment_statement: (n) => n.childForFieldName('left'),
  short_var_declaration: (n) => n.childForFieldName('left'),
  variable_declarator: (n) => n.childForFieldName('name') ?? n.namedChildren[0],
  let_declaration: (n) => n.childForFieldName('pattern'),
  var_spec: (n) => n.childForFieldName('name'),
  // A class's field or property: TypeScript's `password = …`, JavaScript's, C#'s `Password { get; } = …`, Kotlin's `val password = …`.
  public_field_definition: (n) => n.childForFieldName('name'),
  field_definition: (n) => n.childForFieldName('property'),
  property_declaration: (n) => n.childForFieldName('name') ?? declaredVariable(n),
  // Elixir's match, `pass = System.get_env(…)`; its other operators (`||`) are climbed through.
  binary_operator: (n) => (n.childForFieldName('operator')?.text === '=' ? n.childForFieldName('left') : undefined),
  // A parameter's default: Python's `def connect(password=os.getenv(…))`, JavaScript's `function f(pw = process.env.X || 'x')`
  // and a destructured one's, TypeScript's `(pw: string = …)`, Ruby's `def f(pw = ENV.fetch(…))` and `password: …`, PHP's `$pw = …`.
  default_parameter: (n) => n.childForFieldName('name'),
  typed_default_parameter: (n) => n.childForFieldName('name'),
  assignment_pattern: (n) => n.childForFieldName('left'),
  object_assignment_pattern: (n) => n.childForFieldName('left'),
  required_parameter: (n) => n.childForFieldName('pattern'),
  optional_parameter: (n) => n.childForFieldName('name') ?? n.childForFieldName('pattern'),
  keyword_parameter: (n) => n.childForFieldName('name'),
  simple_parameter: (n) => n.childForFieldName('name'),
};

// Where a value stops flowing to one holder: a statement, a body, a function, a `return`.
const BOUNDARY = /statement|block|body|function|method|lambda|arrow|class|program|module|source|return|stab_clause|do_block/;
// Calls are climbed through, whatever their grammar calls them (`function_call_expression`, `method_invocation`).
const CALL = /call|invocation/;
const MAX_CLIMB = 10;

// What an annotation written on it fills: Java's fields and parameters, Kotlin's properties and constructor parameters.
const ANNOTATED = new Set(['field_declaration', 'formal_parameter', 'property_declaration', 'class_parameter', 'parameter']);

/**
 * What an annotation (`@Value("${DB_AUTH:x}")`, `@ConfigProperty(…)`) fills: the field, parameter or property it is
 * written on (Java's `String dbPassword`, Kotlin's `val password: String`).
 */
function annotated(annotation: Node): Node | undefined {
  const declaration = annotation.parent?.type === 'modifiers' ? annotation.parent.parent : annotation.parent;
  // Not a method's: `@Scheduled(cron = "${BACKUP_CRON:…}") void rotatePasswords()` fills no password.
  if (!declaration || !ANNOTATED.has(declaration.type)) return undefined;
  return (
    declaration.childForFieldName('declarator')?.childForFieldName('name') ??
    declaration.childForFieldName('name') ??
    declaredVariable(declaration) ??
    childOfType(declaration, 'identifier')
  );
}

/**
 * The name of what the value read at `at` is put in, nearest first (`password` for
 * `{ password: process.env.DATABASE_AUTH || 'x' }`), as written; undefined when the read is no part of such a value.
 */
export function holderName(at: Node): string | undefined {
  let node: Node | null = at.parent;
  for (let i = 0; node && i < MAX_CLIMB; i++, node = node.parent) {
    if (node.type === 'annotation') return annotated(node)?.text;
    const holder = HOLDERS[node.type];
    const name = holder?.(node);
    // A holder the value climbed into from its name side (a key's own literal) is none.
    // A sigil is no part of the name: PHP's `$pw`, Ruby's `@pw` and `@@pw`.
    if (name && name.endIndex <= at.startIndex)
      return name.text
        .replace(/^(['"`:])(.*)\1$/s, '$2')
        .replace(/:\s*$/, '')
        .replace(/^(?:\$|@@?)(?=\w)/, '');
    if (!holder && BOUNDARY.test(node.type) && !CALL.test(node.type)) return undefined;
  }
  return undefined;
}
