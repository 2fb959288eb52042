// The benchmark's estate shapes: one generator (generate-estate.mjs), options per shape. Every
// 100,000-key × 10-environment shape keeps the mix of sources (SSM export, JSON or YAML file, dotenv)
// unless the shape is about a kind (k8s, ecs); each changes one thing against `mirror`, except
// `messy`, which combines the changes an untidy real estate has at once.
const BASE = {
  envs: 10,
  keys: 100_000,
  // The share of keys whose value differs between environments (a drifting key differs in one).
  driftRate: 0.02,
  shuffled: false,
  uniqueShare: 0,
  pretty: false,
  fileFormat: 'json',
  // The share of keys with long values (80–300 characters).
  longShare: 0,
  layout: 'mix',
};

export const SHAPES = {
  mirror: { about: 'environments that mirror each other key for key, same order, short values, compact JSON' },
  shuffled: { about: 'key order shuffled per environment', shuffled: true },
  'unique-5': { about: '5% of the keys unique to each environment', uniqueShare: 0.05 },
  'drift-20': { about: '20% of the keys differ between environments', driftRate: 0.2 },
  'drift-low': { about: '0.1% of the keys differ between environments', driftRate: 0.001 },
  pretty: { about: 'pretty-printed JSON exports (indent 2)', pretty: true },
  yaml: { about: 'a nested YAML config file per environment instead of the JSON one', fileFormat: 'yaml' },
  'long-values': { about: 'every value 80–300 characters long (URLs, JSON blobs)', longShare: 1 },
  k8s: {
    about: 'Kubernetes manifests: 100 workloads per environment, each a Deployment with 200 env vars and a ConfigMap of 800 keys',
    layout: 'k8s',
  },
  ecs: { about: 'ECS task definitions: 100 per environment, each with 1,000 environment entries', layout: 'ecs' },
  'mid-size': { about: '50 environments × 2,000 keys', envs: 50, keys: 2_000 },
  messy: {
    about: 'shuffled, 5% unique, pretty-printed, YAML file and 10% long values, all at once (the estate issue 16 measured)',
    shuffled: true,
    uniqueShare: 0.05,
    pretty: true,
    fileFormat: 'yaml',
    longShare: 0.1,
  },
};

/** The options of a shape by name (every option spelled out). */
export function shapeOptions(name) {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`unknown shape "${name}" (shapes: ${Object.keys(SHAPES).join(', ')})`);
  const { about, ...options } = shape;
  return { ...BASE, ...options, about };
}
