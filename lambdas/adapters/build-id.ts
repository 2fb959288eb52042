declare const __DRIFT_BUILD_ID__: string | undefined;

/** The CLI bundle's build (a hash of the sources it was built from, set by scripts/build.mjs); `source` when run from TypeScript. */
export const BUILD_ID: string = typeof __DRIFT_BUILD_ID__ === 'string' ? __DRIFT_BUILD_ID__ : 'source';
