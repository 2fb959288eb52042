/**
 * Makes `target[field]` computed on its first read, then kept as a plain value. The field keeps its
 * place among the others (give it one, `undefined`, when building the object), so spreading,
 * comparing and serialising see the same object as when it was computed at once.
 */
export function lazyField<T extends object, K extends keyof T>(target: T, field: K, compute: () => T[K]): T {
  Object.defineProperty(target, field, {
    configurable: true,
    enumerable: true,
    get(): T[K] {
      const value = compute();
      Object.defineProperty(target, field, { configurable: true, enumerable: true, writable: true, value });
      return value;
    },
    set(value: T[K]) {
      Object.defineProperty(target, field, { configurable: true, enumerable: true, writable: true, value });
    },
  });
  return target;
}
