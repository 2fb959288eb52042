import jsep from 'jsep';
import { NUMERIC_PREFIX, parseQuantityLiteral } from './quantity';
import type { RuleValue } from './rule-ast';

/** The jsep node our hook produces for every number or quantity literal. */
export type QuantityNode = jsep.Expression & { type: typeof QUANTITY_NODE; value: RuleValue; raw: string };
export const QUANTITY_NODE = 'DriftQuantity';

type Parser = { parse(): jsep.Expression };
type ParserClass = new (expr: string) => Parser;
type Scope = jsep.HookScope & { driftRules?: boolean };

// Characters that may continue a number token: a unit (`1m30s`, `512Mi`) or junk we reject whole.
const TOKEN_TAIL = /^[0-9A-Za-zµ_$.]*/;
const DIGIT = /[0-9]/;

// jsep hooks are global to the jsep module. Ours acts only on parsers that parseRule marks, so any
// other jsep user in the process keeps the stock grammar; registering by name makes it idempotent.
const quantities: jsep.IPlugin = {
  name: 'drift-quantities',
  init() {
    jsep.hooks.add('gobble-token', function gobbleQuantity(this: Scope, env) {
      if (!this.driftRules) return;
      const rest = this.expr.slice(this.index);
      if (!DIGIT.test(rest.charAt(0)) && !(rest.charAt(0) === '.' && DIGIT.test(rest.charAt(1)))) return;
      const number = NUMERIC_PREFIX.exec(rest)?.[0] ?? '';
      const raw = number + (TOKEN_TAIL.exec(rest.slice(number.length))?.[0] ?? '');
      const parsed = parseQuantityLiteral(raw);
      if (!parsed.ok) this.throwError(parsed.error);
      this.index += raw.length;
      const node: QuantityNode = { type: QUANTITY_NODE, value: parsed.value, raw };
      env.node = node;
    });
  },
};

// The typings omit the parser class, but both jsep builds export it (`jsep.Jsep`).
const Jsep = (jsep as unknown as { Jsep?: ParserClass }).Jsep;

/** Parses with jsep plus rule quantities (`120s`, `2Gi`); throws jsep's errors (`index`, `description`). */
export function parseWithQuantities(expression: string): jsep.Expression {
  if (typeof Jsep !== 'function') throw new Error('jsep does not export its parser class (jsep.Jsep)');
  jsep.plugins.register(quantities);
  const parser = new Jsep(expression) as Parser & { driftRules?: boolean };
  parser.driftRules = true;
  return parser.parse();
}
