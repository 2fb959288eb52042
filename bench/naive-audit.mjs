// The naive baseline: reads a generated estate's files (estate.json lists them) with the standard
// parsers (JSON.parse, yaml's parse and parseAllDocuments, a line split for dotenv), flattens each
// environment to a Map of key → value and compares the environments with a plain loop. Prints the
// number of keys that differ, and wall time, peak memory and page faults as JSON on stderr, as audit-once.mjs does.
//   node bench/naive-audit.mjs <estate dir>
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// Not drift's canonicalKey (the CLI bundle exports only `main`): lower case, and runs of `/ . _ -`
// become one `.`, which gives the same keys on the generated estates (they have no camelCase).
const canon = (raw) =>
  raw
    .toLowerCase()
    .replace(/[/._-]+/g, '.')
    .replace(/^\.|\.$/g, '');

function flatten(value, prefix, into) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
  } else into.set(canon(prefix), String(value));
}

const READERS = {
  ssm(text, source, into) {
    for (const p of JSON.parse(text).Parameters) into.set(canon(p.Name.slice(source.prefix.length)), p.Value);
  },
  file(text, source, into) {
    flatten(source.file.endsWith('.json') ? JSON.parse(text) : parse(text), '', into);
  },
  dotenv(text, _source, into) {
    for (const line of text.split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith('#')) into.set(canon(line.slice(0, eq)), line.slice(eq + 1));
    }
  },
  k8s(text, _source, into) {
    const objects = parseAllDocuments(text).map((d) => d.toJS());
    const maps = new Map(objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, o.data ?? {}]));
    for (const o of objects.filter((x) => x.kind === 'Deployment')) {
      const container = o.spec.template.spec.containers.find((c) => c.name === 'app');
      for (const from of container.envFrom ?? [])
        for (const [k, v] of Object.entries(maps.get(from.configMapRef?.name) ?? {})) into.set(canon(k), v);
      for (const e of container.env ?? []) if (e.value !== undefined) into.set(canon(e.name), e.value);
    }
  },
  ecs(text, _source, into) {
    const container = JSON.parse(text).taskDefinition.containerDefinitions.find((c) => c.name === 'app');
    for (const e of container.environment ?? []) into.set(canon(e.name), e.value);
  },
};

const dir = process.argv[2];
const started = process.hrtime.bigint();
// Loaded inside the timed span, as audit-once.mjs loads the audit's code when it runs.
const { parse, parseAllDocuments } = await import('yaml');
const estate = JSON.parse(readFileSync(path.join(dir, 'estate.json'), 'utf8'));
const envs = estate.environments.map(({ sources }) => {
  const map = new Map();
  for (const source of sources) READERS[source.kind](readFileSync(path.join(dir, source.file), 'utf8'), source, map);
  return map;
});
const union = new Set();
for (const map of envs) for (const key of map.keys()) union.add(key);
let differing = 0;
for (const key of union) {
  const first = envs[0].get(key);
  for (let i = 1; i < envs.length; i++) {
    if (envs[i].get(key) !== first) {
      differing++;
      break;
    }
  }
}
process.stdout.write(`${differing} of ${union.size} keys differ\n`);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stderr.write(
  `${JSON.stringify({ ms: Math.round(ms), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), faults: process.resourceUsage().minorPageFault, exit: 0, differing })}\n`,
);
