#!/usr/bin/env node
'use strict';
// The AWS SDK warns on stderr, once per process, that future versions will need Node.js 22. The
// CLI's output is for people and pipes; the README states the supported versions instead.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
// Node.js 22+ keeps the packages the bundle leaves out (dynalite, web-tree-sitter) compiled in its own
// cache under the OS temp folder; on Node.js 20 there is no such function.
require('node:module').enableCompileCache?.();
// The bundle is split per command (scripts/build.mjs): `start` loads only what the command runs, each
// chunk compiled through a V8 code cache of this build (lambdas/cli/code-cache.ts).
const cli = require('../dist/cli/start.cjs');
cli.start(require('node:path').join(__dirname, '../dist/cli'), process.argv).then((code) => cli.exitWhenIdle(code));
