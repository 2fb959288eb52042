#!/usr/bin/env node
// The CDK app: `npx cdk synth` / `npx cdk deploy` (configured in cdk.json). No logic here.
import { buildDriftApp, synthDriftApp } from '../lib/app';

// What the user wrote wrong is said as it is (positions, the context key); anything else with its stack.
const SAID_AS_IS = new Set(['EstateFileError', 'ContextError']);

buildDriftApp()
  .then(synthDriftApp)
  .catch((err: unknown) => {
    process.stderr.write(
      `${err instanceof Error && SAID_AS_IS.has(err.name) ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  });
