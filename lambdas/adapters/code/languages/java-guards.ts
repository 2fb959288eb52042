import type { Node } from 'web-tree-sitter';
import type { SameKey } from '../read-flow';
import { callArguments, plainString } from '../syntax';

const ENV_MAP = /^System\s*\.\s*getenv\s*\(\s*\)$/;

/** The key a node reads or tests in the environment map: `System.getenv("X")`, `System.getenv().get("X")`, `….containsKey("X")`. */
function envCall(node: Node): { method: string; key: string | undefined } | undefined {
  if (node.type !== 'method_invocation') return undefined;
  const [object, method] = [node.childForFieldName('object'), node.childForFieldName('name')?.text ?? ''];
  const onMap = object?.type === 'method_invocation' && ENV_MAP.test(object.text);
  if (!(object?.text === 'System' && method === 'getenv') && !onMap) return undefined;
  const arg = callArguments(node)[0];
  return { method: onMap ? `map.${method}` : method, key: arg && plainString(arg, ['string_literal']) };
}

/** How a Java condition tests `key` in other spellings: its other reads, and `System.getenv().containsKey("X")` (set). */
export function javaSameKey(key: string): SameKey {
  return {
    key,
    reads(node) {
      const call = envCall(node);
      return call !== undefined && call.key === key && (call.method === 'getenv' || call.method === 'map.get');
    },
    presence(node) {
      const call = envCall(node);
      return call?.method === 'map.containsKey' && call.key === key ? 'set' : undefined;
    },
  };
}

// Optional's methods that run code only with a value, or answer whether there is one: the code has a path for absence.
export const OPTIONAL_PRESENCE = /^(ifPresent|ifPresentOrElse|isPresent|isEmpty)$/;
