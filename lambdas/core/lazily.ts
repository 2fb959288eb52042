/**
 * A constant built on first use, then kept: for tables built from constants alone that cost too much
 * to build when the module loads (a command may never need them). Every call sees the same value.
 */
export function lazily<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
