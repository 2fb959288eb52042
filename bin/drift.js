#!/usr/bin/env node
'use strict';
// The AWS SDK warns on stderr, once per process, that future versions will need Node.js 22. The
// CLI's output is for people and pipes; the README states the supported versions instead.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
// Node.js 22+ keeps the compiled bundle in its own cache under the OS temp folder (never the
// project), so later starts skip compiling it; on Node.js 20 there is no such function.
require('node:module').enableCompileCache?.();
// The bundle is ES modules split per command (scripts/build.mjs): `main` loads only what the command runs.
import('../dist/cli/main.mjs')
  .then(({ main }) => main(process.argv))
  .then((code) => {
    process.exitCode = code;
  });
