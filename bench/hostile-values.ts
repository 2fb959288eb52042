// The value classifier the sources run on every value they read, bundled for hostile-inputs.mjs.
export { makeValue } from '../lambdas/core/values/value';
export { SECRET_RULES } from '../lambdas/core/values/secret-rules';
