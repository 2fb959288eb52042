import { canonicalKey } from '../keys';
import { keyContext, secretInContext } from '../values/content-secrets';
import { isRecord } from './shape';

/**
 * True when an array value holds a secret by a name inside it: a mapping key that is secret under
 * the array's key (`users: [{password: …}]` holds `users.password`), or a text that its key's name
 * makes secret. The array is then fingerprinted whole, as its text would show the secret.
 */
export function arrayHoldsSecret(array: readonly unknown[], key: string, isSecretKey: (key: string) => boolean): boolean {
  // Iterative: the depth was bounded when the array's text was made, but a stack costs nothing here.
  const stack: Array<{ node: unknown; key: string }> = array.map((node) => ({ node, key }));
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { node, key: at } = top;
    if (Array.isArray(node)) {
      for (const element of node) stack.push({ node: element, key: at });
    } else if (isRecord(node)) {
      for (const [name, child] of Object.entries(node)) {
        const part = canonicalKey(name);
        const childKey = part ? `${at}.${part}` : at;
        if (isSecretKey(childKey)) return true;
        stack.push({ node: child, key: childKey });
      }
    } else if (node !== null && node !== undefined) {
      const context = keyContext(at);
      if (context && secretInContext(context, String(node))) return true;
    }
  }
  return false;
}
