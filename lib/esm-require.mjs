// ES modules have no `require`: a bundle built as ES modules (the CLI's, the Lambda functions') gives each
// chunk one from this banner, for the CommonJS packages inside it and for what is required at run time
// (dynalite's `require.resolve`, the yaml package beside the chunks: lib/yaml-on-demand.mjs).
// (JavaScript, not TypeScript: scripts/build.mjs and lib/lambda-bundle.mjs run it as plain `node`.)
export const REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
