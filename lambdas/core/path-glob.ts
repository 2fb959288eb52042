// One step of a path glob: a character; `?`, one but `/`; `*`, a run without `/`; `**` then `/`,
// any number of leading folders; `**` elsewhere, any run at all.
type Step = { c: string } | 'one' | 'star' | 'any' | 'folders';

function steps(glob: string): Step[] {
  const out: Step[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const folders = glob[i + 2] === '/';
      out.push(folders ? 'folders' : 'any');
      i += folders ? 2 : 1;
    } else out.push(c === '*' ? 'star' : c === '?' ? 'one' : { c });
  }
  return out;
}

/**
 * A path glob (`*`, `?`, `**`, as gitignore reads them) as a test on whole paths. Matched by
 * following every way through the glob at once, at most glob × path steps, not by a regular
 * expression: `^[^/]*a[^/]*a…$` backtracks exponentially on a long name that almost matches, so a
 * `code:` exclude of a dozen stars hung the audit on one long file name.
 */
export function pathGlobTest(glob: string): (path: string) => boolean {
  const s = steps(glob);
  const n = s.length;
  // State 2i: before step i. State 2i+1: inside the folders of step i, which end after a `/`.
  const size = 2 * n + 2;
  const add = (set: Uint8Array, first: number): void => {
    const todo = [first];
    for (let state = todo.pop(); state !== undefined; state = todo.pop()) {
      if (set[state]) continue;
      set[state] = 1;
      const step = state % 2 === 0 ? s[state / 2] : undefined;
      // A run may be empty: the step after it is where the glob may be too.
      if (step === 'star' || step === 'any' || step === 'folders') todo.push(state + 2);
      if (step === 'folders') todo.push(state + 1);
    }
  };
  return (path) => {
    let current = new Uint8Array(size);
    let next = new Uint8Array(size);
    add(current, 0);
    for (let k = 0; k < path.length; k++) {
      const ch = path[k] as string;
      next.fill(0);
      let alive = false;
      for (let state = 0; state < size; state++) {
        if (!current[state]) continue;
        const step = s[state >> 1];
        if (state % 2 === 1) {
          add(next, state);
          if (ch === '/') add(next, state + 1);
        } else if (step === 'any' || (step === 'star' && ch !== '/')) add(next, state);
        else if ((step === 'one' && ch !== '/') || (typeof step === 'object' && step.c === ch)) add(next, state + 2);
        else continue;
        alive = true;
      }
      if (!alive) return false;
      [current, next] = [next, current];
    }
    return current[2 * n] === 1;
  };
}
