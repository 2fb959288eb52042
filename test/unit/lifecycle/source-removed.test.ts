import { resolutionReason } from '../../../lambdas/core/lifecycle/resolution-reason';
import type { Finding, SourceRef } from '../../../lambdas/core/model';
import { estateFrom } from '../../helpers/estate';

// What drift.yaml says now: `us` still reads config/us.yml, env/us.env and SSM /us/app/; `eu` only a k8s manifest.
const estate = estateFrom(`version: 1
name: shop
environments:
  us:
    sources:
      - file: { from: ./config/us.yml }
      - dotenv: { from: env/../env/us.env }
      - ssm: { path: /us/app }
  eu:
    sources:
      - k8s: { from: manifests/eu/, workload: api }
baseline:
  keys:
    pinned: { value: '10' }
`);

const mismatch = (environment: string, source: SourceRef): Finding => ({
  id: 'f1',
  kind: 'mismatch',
  severity: 'medium',
  estate: 'shop',
  environment,
  key: 'pinned',
  expected: '10',
  actual: '60',
  source,
  message: 'm',
});
const now = { excused: false, scopeGone: false };

describe('a finding whose value came from a source taken out of drift.yaml resolves as "source removed", not "value fixed"', () => {
  test.each<[string, string, SourceRef]>([
    ['a dotenv file no longer read', 'us', { type: 'dotenv', location: 'env/override.env:3' }],
    ['a configuration file no longer read', 'us', { type: 'file', location: 'config/us-hotfix.yml#pinned' }],
    ['an SSM path no longer read', 'us', { type: 'ssm', location: '/us/legacy/pinned' }],
    ['the only source of its type removed', 'eu', { type: 'dotenv', location: 'env/eu.env:1' }],
  ])('%s', (_what, environment, source) => {
    expect(resolutionReason(mismatch(environment, source), estate, now)).toBe('source removed');
  });

  test.each<[string, string, SourceRef]>([
    ['a dotenv file still read (its path written another way)', 'us', { type: 'dotenv', location: 'env/us.env:3' }],
    ['a configuration file still read', 'us', { type: 'file', location: 'config/us.yml#pinned' }],
    ['a configuration file still read, its key holding a #', 'us', { type: 'file', location: 'config/us.yml#lang.c#' }],
    ['a parameter under the SSM path still read', 'us', { type: 'ssm', location: '/us/app/pinned' }],
    [
      'a k8s object: its location cannot tell, the source of that type is still there',
      'eu',
      {
        type: 'k8s',
        location: 'ConfigMap eu/other LOG_LEVEL (envFrom)',
      },
    ],
  ])("%s keeps the kind's own reason", (_what, environment, source) => {
    expect(resolutionReason(mismatch(environment, source), estate, now)).toBe('value fixed');
  });
});
