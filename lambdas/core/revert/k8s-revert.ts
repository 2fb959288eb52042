import { awsCommand, fillValueFile, removeValueFile, roleHint, valueFile } from './aws-command';
import { otherReaders, workloadOf, type K8sSpec, type Workload } from './k8s-consumers';
import { ENV_FROM, KEY_REF } from '../sources/k8s-locations';
import type { RevertInput, RevertStep, Reverter } from './revert-step';
import { shellQuote } from '../shell-quote';
import { parseBytes, parseCpuMillis } from '../values/types';

// The locations the k8s parser writes (lambdas/core/sources/k8s-env.ts): pinned by the revert tests.
const LITERAL = /^(\w+) ([^/\s]+)\/(\S+) container (\S+) env ([^()]+)$/;
const REPLICAS = /^(\w+) ([^/\s]+)\/(\S+) spec\.replicas$/;
// lambdas/core/sources/k8s-runtime.ts: a request read from the limit says so after the field.
const RESOURCES =
  /^(\w+) ([^/\s]+)\/(\S+) container (\S+) resources\.(?:requests|limits)\.(cpu|memory)(?: \(no request: the limit applies\))?$/;
/** A Kubernetes quantity (`500m`, `1.5`, `2Gi`, `1G`, `1e3`): what `kubectl set resources` takes, and one shell word. */
const QUANTITY = /^\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/;

function setObjectKey(input: RevertInput<K8sSpec>, kind: string, ns: string, name: string, key: string): RevertStep[] {
  const { target } = input;
  if (kind === 'ConfigMap') {
    if (target.secret) return [{ do: 'note', text: `ConfigMap ${ns}/${name} holds ${key} in plain text: a secret belongs in a Secret` }];
    const patch = JSON.stringify({ data: { [key]: target.text } });
    return [
      { do: 'run', command: `kubectl patch ${shellQuote(`configmap/${name}`)} -n ${shellQuote(ns)} --type merge -p ${shellQuote(patch)}` },
    ];
  }
  // A Secret's value is read from a file and written base64-encoded into a private patch file by the
  // shell's own printf: it is never a word of a command, which `ps` shows to every user of the machine.
  // The key in single quotes (with the shell-quote escapes for what a terminal acts on), never in double
  // quotes, where an interactive bash or zsh expands a `!` of the manifests' key from its history.
  const data = `"$(base64 < ${shellQuote(valueFile(input))} | tr -d '\\n')"`;
  const patch = shellQuote(patchFile(input));
  return [
    ...fillValueFile(input),
    { do: 'run', command: `(umask 077; printf '{"data":{%s:"%s"}}' ${shellQuote(JSON.stringify(key))} ${data} > ${patch})` },
    { do: 'run', command: `kubectl patch ${shellQuote(`secret/${name}`)} -n ${shellQuote(ns)} --type merge --patch-file ${patch}` },
    { do: 'run', command: `rm -f ${patch}` },
    removeValueFile(input),
  ];
}

/** The private file a patch holding a secret is written to. */
const patchFile = (input: RevertInput<unknown>): string => `${input.stem}.patch.json`;

/** Where a workload kind holds its pod template's spec: a CronJob's is inside its job template. */
const podSpecPath = (resource: string): string[] =>
  resource.startsWith('cronjob/') ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];

function setEnv(input: RevertInput<K8sSpec>, w: Workload, container: string, name: string): RevertStep[] {
  const where = `${shellQuote(w.resource)} -n ${shellQuote(w.namespace)}`;
  const { target } = input;
  if (!target.secret)
    return [{ do: 'run', command: `kubectl set env ${where} -c ${shellQuote(container)} -- ${shellQuote(`${name}=${target.text}`)}` }];
  // `kubectl set env NAME="$(cat file)"` puts the secret among kubectl's words, and its stdin form (`-e -`) cuts a
  // value at its first `#`: jq writes it, whole and escaped, into a private strategic-merge patch of the container.
  const program = podSpecPath(w.resource).reduceRight(
    (inner, field) => `{${field}:${inner}}`,
    '{containers:[{name:$c,env:[{name:$n,value:$v}]}]}',
  );
  const patch = shellQuote(patchFile(input));
  const jq = `jq -n --rawfile v ${shellQuote(valueFile(input))} --arg c ${shellQuote(container)} --arg n ${shellQuote(name)} ${shellQuote(program)}`;
  return [
    ...fillValueFile(input),
    { do: 'run', command: `(umask 077; ${jq} > ${patch})` },
    { do: 'run', command: `kubectl patch ${where} --patch-file ${patch}` },
    { do: 'run', command: `rm -f ${patch}` },
    removeValueFile(input),
  ];
}

/**
 * What makes a workload read its environment again: `rollout restart` (Deployments, StatefulSets,
 * DaemonSets; Argo's plugin for a Rollout); a CronJob or Job has nothing to restart, its next run reads it.
 */
function restart(w: Workload): RevertStep {
  const slash = w.resource.indexOf('/');
  const kind = w.resource.slice(0, slash);
  const name = w.resource.slice(slash + 1);
  const ns = shellQuote(w.namespace);
  if (kind === 'cronjob' || kind === 'job')
    return { do: 'note', text: `${w.namespace}/${w.resource} runs to completion: its next run reads the new value, nothing to restart` };
  if (kind === 'rollout') return { do: 'run', command: `kubectl argo rollouts restart -n ${ns} -- ${shellQuote(name)}`, settles: true };
  return { do: 'run', command: `kubectl rollout restart ${shellQuote(w.resource)} -n ${ns}`, settles: true };
}

/**
 * After a ConfigMap or Secret patch: the workload restarted, then every other workload drift knows
 * to read the key, which would otherwise keep the old value until some later restart changed it.
 */
function restartReaders(input: RevertInput<K8sSpec>, kind: string, ns: string, name: string, key: string, self: Workload): RevertStep[] {
  const object = `${kind} ${ns}/${name}`;
  const others = otherReaders(input, { object, key }, self);
  if (others.length === 0) return [restart(self)];
  const names = others.map((w) => `${w.namespace}/${w.resource}`).join(', ');
  return [
    restart(self),
    {
      do: 'note',
      text: `${object} ${key} is read by ${others.length === 1 ? 'another workload' : `${others.length} other workloads`} too (${names}): the patch reaches them at their next restart, so restart them now, or know that they change then`,
    },
    ...others.map(restart),
  ];
}

/**
 * Kubernetes: `kubectl set env` for a literal, a ConfigMap or Secret patch then a rollout restart for
 * a key they hold, `kubectl scale` for the replica count, `kubectl set resources` for requests and limits.
 */
export const k8sRevert: Reverter<K8sSpec> = (input) => {
  const { location } = input.origin;
  const fromObject = ENV_FROM.exec(location);
  if (fromObject) {
    const [, kind, ns, name, key] = fromObject as unknown as [string, string, string, string, string];
    return [
      ...setObjectKey(input, kind, ns, name, key),
      ...restartReaders(input, kind, ns, name, key, workloadOf(input.siblings, input.spec)),
    ];
  }
  const ref = KEY_REF.exec(location);
  if (ref) {
    const [, wKind, wNs, wName, , , kind, ns, name, key] = ref as unknown as string[];
    const self = { resource: `${wKind?.toLowerCase()}/${wName}`, namespace: wNs as string };
    return [
      ...setObjectKey(input, kind as string, ns as string, name as string, key as string),
      ...restartReaders(input, kind as string, ns as string, name as string, key as string, self),
    ];
  }
  const literal = LITERAL.exec(location);
  if (literal) {
    const [, wKind, wNs, wName, container, name] = literal as unknown as string[];
    return setEnv(input, { resource: `${wKind?.toLowerCase()}/${wName}`, namespace: wNs as string }, container as string, name as string);
  }
  const replicas = REPLICAS.exec(location);
  if (replicas && !input.target.secret && /^\d+$/.test(input.target.text)) {
    const [, wKind, wNs, wName] = replicas as unknown as string[];
    const resource = shellQuote(`${wKind?.toLowerCase()}/${wName}`);
    return [{ do: 'run', command: `kubectl scale ${resource} -n ${shellQuote(wNs as string)} --replicas=${input.target.text}` }];
  }
  const resources = RESOURCES.exec(location);
  if (resources && !input.target.secret && QUANTITY.test(input.target.text)) {
    const [, wKind, wNs, wName, container, resource] = resources as unknown as string[];
    // The key says which field (runtime.memory is the request, runtime.memory.limit the limit), not
    // where it was read: a request read from the limit is set as a request.
    const field = input.observation.key.endsWith('.limit') ? 'limits' : 'requests';
    const resourceName = shellQuote(`${wKind?.toLowerCase()}/${wName}`);
    const set = `kubectl set resources ${resourceName} -n ${shellQuote(wNs as string)} -c ${shellQuote(container as string)}`;
    // The API server refuses a request above the container's limit: that limit is raised to it, in the same command.
    const limit =
      field === 'requests' ? limitBelow(input, `${wKind} ${wNs}/${wName} container ${container}`, resource as Resource) : undefined;
    if (limit !== undefined)
      return [
        {
          do: 'note',
          text: `the ${resource} limit (${limit}) is below the request: it is raised to ${input.target.text} with it, as the API server refuses a request above its limit`,
        },
        { do: 'run', command: `${set} --limits=${resource}=${input.target.text} --requests=${resource}=${input.target.text}` },
      ];
    return [{ do: 'run', command: `${set} --${field}=${resource}=${input.target.text}` }];
  }
  return [{ do: 'note', text: `${location} is not a value kubectl can set: change it where the workload is defined` }];
};

type Resource = 'cpu' | 'memory';

const amountOf = (resource: Resource, text: string): number | undefined =>
  resource === 'memory' ? parseBytes(text) : parseCpuMillis(text);

/**
 * The container's current `resource` limit as its source read it, when the target request is above it: the limit read
 * as a limit, or the one a request without its own was read from (`(no request: the limit applies)`).
 */
function limitBelow(input: RevertInput<K8sSpec>, container: string, resource: Resource): string | undefined {
  const target = input.target.secret ? undefined : amountOf(resource, input.target.text);
  if (target === undefined) return undefined;
  const limits = `${container} resources.limits.${resource}`;
  for (const o of input.siblings) {
    const at = o.origin.location;
    if ((at !== limits && !at.startsWith(`${limits} `)) || o.value.kind !== 'text') continue;
    const limit = amountOf(resource, o.value.text);
    if (limit !== undefined && limit < target) return o.value.text;
  }
  return undefined;
}

/** EKS: the same kubectl commands, after pointing kubectl at the cluster. */
export const eksRevert: Reverter<K8sSpec & { cluster: string; region?: string }> = (input) => [
  ...roleHint(input),
  awsCommand(input, ['eks', 'update-kubeconfig', '--name', input.spec.cluster]),
  ...k8sRevert(input),
];
