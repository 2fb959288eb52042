#!/usr/bin/env node
'use strict';
// The AWS SDK warns on stderr, once per process, that future versions will need Node.js 22. The
// CLI's output is for people and pipes; the README states the supported versions instead.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
require('../dist/cli.js')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
