// How an environment's keys are laid out in files, per kind of estate: `mix` (an SSM export, a JSON
// or YAML file and a dotenv file), `k8s` (one manifest per workload) and `ecs` (one task definition
// per service). Each layout names a key by its id, so every shape can reorder, add or drift keys.
import { hash01 } from './random.mjs';

const WORKLOADS = 100;
const DECLARED = 50;
const pad3 = (n) => String(n).padStart(3, '0');

/** A value of 80–300 characters: a URL, or a JSON blob (as a string), that changes with `v`. */
function longValue(id, v, kind) {
  const length = 80 + Math.floor(hash01(id, 7) * 221);
  if (kind === 'blob') {
    const head = `{"id":${id},"v":${v},"endpoints":["https://a.example.com","https://b.example.com"],"pad":"`;
    return `${head}${'abcdefghij'.repeat(30).slice(0, Math.max(0, length - head.length - 2))}"}`;
  }
  let url = `https://svc-${id % 97}.internal.example.com/api/v${2 + v}/items/${id}?region=eu-west-1`;
  for (let n = 0; url.length < length; n++) url += `&k${n}=value${(id * 31 + n) % 1000}`;
  return url.slice(0, length);
}

/** Whether a key's value is long: the shape's share of keys (declared keys, ids under 1,000, stay short). */
const isLong = (o, id) => o.longShare > 0 && id >= 1000 && hash01(id, 3) < o.longShare;

/** A string value: short (`12s`, a duration) or long (a URL or a JSON blob). */
const stringValue = (o, id, v) => (isLong(o, id) ? longValue(id, v, id % 2 ? 'url' : 'blob') : `${id + v}s`);

const json = (o, value) => (o.pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value));

/** A nested object as block YAML, in insertion order (scalars as JSON, which YAML reads). */
function toYaml(obj, indent = '') {
  let out = '';
  for (const [k, v] of Object.entries(obj)) {
    if (v !== null && typeof v === 'object') out += `${indent}${k}:\n${toYaml(v, `${indent}  `)}`;
    else out += `${indent}${k}: ${JSON.stringify(v)}\n`;
  }
  return out;
}

const mix = (o) => ({
  // The first non-secret SSM keys: durations, declared with a bound.
  declared: Array.from({ length: 1000 }, (_, id) => id)
    .filter((id) => id % 10 < 4 && id % 50 !== 0)
    .slice(0, DECLARED)
    .map((id) => `service${id % 97}.setting.${id}`),
  write(env, ids, variant) {
    const params = [];
    const tree = {};
    const lines = [];
    for (const id of ids) {
      const v = variant(id);
      const bucket = id % 10;
      if (bucket < 4) {
        const name = `/${env}/app/service${id % 97}/setting_${id}`;
        const secret = id % 50 === 0;
        params.push({
          Name: name,
          Type: secret ? 'SecureString' : 'String',
          Value: secret ? `secret-${id}` : stringValue(o, id, v),
          Version: 1 + (id % 9),
          LastModifiedDate: '2026-11-01T00:00:00.000000+00:00',
          ARN: `arn:aws:ssm:us-east-1:111111111111:parameter${name}`,
          DataType: 'text',
        });
      } else if (bucket < 7) {
        const part = ((tree[`module${id % 101}`] ??= {})[`part${id % 7}`] ??= {});
        part[`option_${id}`] = isLong(o, id) ? stringValue(o, id, v) : id + v;
      } else lines.push(`FLAG_${id}_ENABLED=${isLong(o, id) ? longValue(id, v, 'url') : v ? 'false' : 'true'}`);
    }
    const file = o.fileFormat === 'yaml' ? `${env}.yaml` : `${env}.json`;
    return [
      {
        file,
        text: o.fileFormat === 'yaml' ? toYaml(tree) : json(o, tree),
        source: { kind: 'file', file, config: `file: { from: ${file} }` },
      },
      {
        file: `${env}.env`,
        text: `${lines.join('\n')}\n`,
        source: { kind: 'dotenv', file: `${env}.env`, config: `dotenv: { from: ${env}.env }` },
      },
      {
        file: `${env}-ssm.json`,
        text: json(o, { Parameters: params }),
        source: {
          kind: 'ssm',
          file: `${env}-ssm.json`,
          prefix: `/${env}/app/`,
          config: `ssm: { path: /${env}/app/, from: ${env}-ssm.json }`,
        },
      },
    ];
  },
});

/** Splits ids by `id % WORKLOADS` into one file per workload. */
function perWorkload(ids, fill) {
  const groups = Array.from({ length: WORKLOADS }, () => []);
  for (const id of ids) groups[id % WORKLOADS].push(id);
  return groups.map((group, w) => fill(w, group));
}

const k8s = (o) => ({
  declared: Array.from({ length: DECLARED }, (_, id) => `w${id}.setting.${id}`),
  write: (env, ids, variant) =>
    perWorkload(ids, (w, group) => {
      const name = `w-${pad3(w)}`;
      const env_ = [];
      const data = [];
      for (const id of group) {
        const value = JSON.stringify(stringValue(o, id, variant(id)));
        // A fifth of the keys are env vars of the container (hundreds), the rest come from its
        // ConfigMap (envFrom), as large services tend to be configured.
        if (Math.floor(id / WORKLOADS) % 5 === 0) env_.push(`        - name: W${w}_SETTING_${id}\n          value: ${value}`);
        else data.push(`  W${w}_OPTION_${id}: ${value}`);
      }
      const file = `${env}/k8s/${name}.yaml`;
      const text = [
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\n  namespace: bench\ndata:\n${data.join('\n')}`,
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: bench\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n      - name: app\n        image: 111111111111.dkr.ecr.us-east-1.amazonaws.com/${name}:v1.0.0\n        envFrom:\n        - configMapRef:\n            name: ${name}-config\n        env:\n${env_.join('\n')}\n        resources:\n          requests:\n            cpu: 250m\n            memory: 512Mi\n`,
      ].join('\n---\n');
      return { file, text, source: { kind: 'k8s', file, config: `k8s: { from: ${file}, workload: ${name}, container: app }` } };
    }),
});

const ecs = (o) => ({
  declared: Array.from({ length: DECLARED }, (_, id) => `td${id}.var.${id}`),
  write: (env, ids, variant) =>
    perWorkload(ids, (t, group) => {
      const family = `td-${pad3(t)}`;
      const environment = group.map((id) => ({ name: `TD${t}_VAR_${id}`, value: stringValue(o, id, variant(id)) }));
      const file = `${env}/ecs/${family}.json`;
      const doc = {
        taskDefinition: {
          taskDefinitionArn: `arn:aws:ecs:us-east-1:111111111111:task-definition/${family}:1`,
          family,
          revision: 1,
          containerDefinitions: [
            {
              name: 'app',
              image: `111111111111.dkr.ecr.us-east-1.amazonaws.com/${family}:v1.0.0`,
              cpu: 256,
              memory: 512,
              essential: true,
              environment,
            },
          ],
          cpu: '256',
          memory: '512',
        },
      };
      return { file, text: json(o, doc), source: { kind: 'ecs', file, config: `ecs: { from: ${file}, container: app }` } };
    }),
});

/** The layout of a shape's estate. */
export const layoutOf = (o) => ({ mix, k8s, ecs })[o.layout](o);
