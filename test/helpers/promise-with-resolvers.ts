// aws-local-stepfunctions 3 declares Node >= 22: on Node 20 it needs Promise.withResolvers.
// Imported for its effect, first, by the tests that run a state machine.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
      return { promise, resolve, reject };
    },
  });
}

export {};
