// Writes a synthetic estate of one shape (shapes.mjs): its files, its drift.yaml (every environment
// in one parity group, 50 declared keys) and estate.json, the list of files the naive baseline reads.
// Deterministic: the same shape is the same bytes on every run.
//   node bench/generate-estate.mjs <shape> <dir>
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { layoutOf } from './estate-layouts.mjs';
import { hash01, prng } from './random.mjs';
import { SHAPES, shapeOptions } from './shapes.mjs';

/** The ids of an environment's keys: the shared ones, then its own, in the shape's order. */
function keyIds(o, e, rand) {
  const own = Math.floor(o.keys * o.uniqueShare);
  const shared = o.keys - own;
  const ids = new Array(o.keys);
  for (let i = 0; i < shared; i++) ids[i] = i;
  for (let i = 0; i < own; i++) ids[shared + i] = o.keys + e * own + i;
  if (o.shuffled) {
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
  }
  return ids;
}

/** Writes the estate of shape `name` into `dir` (`overrides`: e.g. fewer keys); returns what it wrote. */
export function generateEstate(dir, name = 'mirror', overrides = {}) {
  const o = { ...shapeOptions(name), name, ...overrides };
  mkdirSync(dir, { recursive: true });
  const layout = layoutOf(o);
  const names = Array.from({ length: o.envs }, (_, e) => `env-${String(e).padStart(2, '0')}`);
  const estate = { shape: o.name, environments: [], parity: names };
  let bytes = 0;
  names.forEach((env, e) => {
    // A drifting key differs in one environment, the same one for every run.
    const variant = (id) => (hash01(id, 1) < o.driftRate && id % o.envs === e ? 1 : 0);
    const files = layout.write(env, keyIds(o, e, prng(1000 + e)), variant);
    const sources = [];
    for (const f of files) {
      mkdirSync(path.dirname(path.join(dir, f.file)), { recursive: true });
      writeFileSync(path.join(dir, f.file), f.text);
      bytes += Buffer.byteLength(f.text);
      sources.push(f.source);
    }
    estate.environments.push({ name: env, sources });
  });
  const environments = estate.environments
    .map(({ name: env, sources }) => `  ${env}:\n    sources:\n${sources.map((s) => `      - ${s.config}`).join('\n')}`)
    .join('\n');
  const declared = layout.declared.map((k) => `    ${k}: { type: duration, max: 1h }`).join('\n');
  writeFileSync(
    path.join(dir, 'drift.yaml'),
    `version: 1\nname: bench-${o.name}\nenvironments:\n${environments}\nparity:\n  - name: all\n    environments: [${names.join(', ')}]\n    keys: ['*']\nbaseline:\n  undeclared: ignore\n  keys:\n${declared}\n`,
  );
  for (const env of estate.environments) for (const s of env.sources) delete s.config;
  writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(estate));
  return { shape: o.name, envs: o.envs, keysPerEnv: o.keys, bytes, about: o.about };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [shape, dir, ...flags] = process.argv.slice(2);
  if (!shape || !dir) {
    process.stderr.write(
      `usage: node bench/generate-estate.mjs <shape> <dir> [--envs N] [--keys N]\nshapes: ${Object.keys(SHAPES).join(', ')}\n`,
    );
    process.exit(2);
  }
  // A smaller estate of the same shape, for tests and quick looks.
  const overrides = {};
  for (let i = 0; i < flags.length; i += 2) overrides[flags[i].replace(/^--/, '')] = Number(flags[i + 1]);
  const wrote = generateEstate(dir, shape, overrides);
  process.stdout.write(`${JSON.stringify(wrote)}\n`);
}
