#!/usr/bin/env node
// The CDK app: `npx cdk synth` / `npx cdk deploy` (configured in cdk.json). No logic here.
import { buildDriftApp, synthDriftApp } from '../lib/app';

buildDriftApp()
  .then(synthDriftApp)
  .catch((err: unknown) => {
    // A broken estate file prints exactly what `drift validate` prints, and synth fails.
    process.stderr.write(`${err instanceof Error && err.name === 'EstateFileError' ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
