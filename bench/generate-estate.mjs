// Writes a synthetic estate: ENVS environments × KEYS keys, from an SSM export, a JSON file and a
// dotenv file each, with a little drift, so the audit has real work and a realistic finding count.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** A deterministic pseudo-random sequence, so every run audits the same estate. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateEstate(dir, { envs = 10, keys = 100_000, driftRate = 0.002 } = {}) {
  mkdirSync(dir, { recursive: true });
  const rand = prng(42);
  const ssmShare = Math.floor(keys * 0.4);
  const jsonShare = Math.floor(keys * 0.3);
  const names = [];
  for (let e = 0; e < envs; e++) names.push(`env-${String(e).padStart(2, '0')}`);
  for (const env of names) {
    const params = [];
    for (let i = 0; i < ssmShare; i++) {
      const drifted = rand() < driftRate;
      params.push({
        Name: `/${env}/app/service${i % 97}/setting_${i}`,
        Type: i % 50 === 0 ? 'SecureString' : 'String',
        Value: i % 50 === 0 ? `secret-${i}` : drifted ? `${i + 1}s` : `${i}s`,
        Version: 1 + (i % 9),
        LastModifiedDate: '2026-11-01T00:00:00.000000+00:00',
        ARN: `arn:aws:ssm:us-east-1:111111111111:parameter/${env}/app/service${i % 97}/setting_${i}`,
        DataType: 'text',
      });
    }
    writeFileSync(path.join(dir, `${env}-ssm.json`), JSON.stringify({ Parameters: params }));
    const json = {};
    for (let i = 0; i < jsonShare; i++) {
      const group = (json[`module${i % 101}`] ??= {});
      group[`option_${i}`] = rand() < driftRate ? i + 1 : i;
    }
    writeFileSync(path.join(dir, `${env}.json`), JSON.stringify(json));
    const lines = [];
    for (let i = 0; i < keys - ssmShare - jsonShare; i++) lines.push(`FLAG_${i}_ENABLED=${rand() < driftRate ? 'false' : 'true'}`);
    writeFileSync(path.join(dir, `${env}.env`), `${lines.join('\n')}\n`);
  }
  const environments = names
    .map(
      (env) =>
        `  ${env}:\n    sources:\n      - file: { from: ${env}.json }\n      - dotenv: { from: ${env}.env }\n      - ssm: { path: /${env}/app/, from: ${env}-ssm.json }`,
    )
    .join('\n');
  const declared = Array.from({ length: 50 }, (_, i) => `    service${i}.setting.${i}: { type: duration, max: 1h }`).join('\n');
  writeFileSync(
    path.join(dir, 'drift.yaml'),
    `version: 1\nname: bench\nenvironments:\n${environments}\nparity:\n  - name: all\n    environments: [${names.join(', ')}]\n    keys: ['*']\nbaseline:\n  undeclared: ignore\n  keys:\n${declared}\n`,
  );
  return { envs: names.length, keysPerEnv: keys };
}
