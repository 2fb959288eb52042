#!/usr/bin/env node
// The CDK app: `npx cdk synth` / `npx cdk deploy` (configured in cdk.json). No logic here.
import { failureText } from '../lambdas/core/errors';
import { buildDriftApp, synthDriftApp } from '../lib/app';

// What the user wrote wrong (an estate file, a context value) is said as it is; anything else with its stack.
buildDriftApp()
  .then(synthDriftApp)
  .catch((err: unknown) => {
    process.stderr.write(`${failureText(err)}\n`);
    process.exitCode = 1;
  });
