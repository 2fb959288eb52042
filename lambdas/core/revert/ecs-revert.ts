import { awsCommand, awsLine, fillValueFile, removeValueFile, roleHint, valueFile } from './aws-command';
import type { RevertInput, RevertStep, Reverter } from './revert-step';
import { shellQuote } from '../shell-quote';

// The locations the ECS parser writes (lambdas/core/sources/ecs-env.ts): pinned by the revert tests.
// A recording in the register-task-definition shape has a family and no revision (`taskdef kibana`).
const TASKDEF = String.raw`^taskdef ([A-Za-z0-9_-]+)(?::(\d+))? container (\S+)`;
const ENVIRONMENT = new RegExp(`${TASKDEF} environment (.+)$`);
const SECRETS = new RegExp(`${TASKDEF} secrets (.+)$`);
const ENV_FILE = new RegExp(`${TASKDEF} environmentFiles (s3://\\S+):(\\d+) (.+)$`);
const SERVICE = /^service (\S+) desiredCount$/;
// A task definition with no family is named by its file (a bare container list, as Terraform keeps it).
const FILE_ENVIRONMENT = /^taskdef (.+?) container (\S+) environment (.+)$/;

type EcsSpec = { cluster?: string; service?: string; region?: string };

// What describe-task-definition returns that register-task-definition refuses.
const READ_ONLY =
  '.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt';
// The tags come beside the task definition (`--include TAGS`); a new revision gets none unless registered with them.
const WITH_TAGS = 'if (.tags // []) | length > 0 then .taskDefinition + {tags} else .taskDefinition end';
const SET_ONLY = '(.containerDefinitions[] | select(.name == $c) | .environment[] | select(.name == $k) | .value) = $v';
const SET_VARIABLE = `${WITH_TAGS} | del(${READ_ONLY}) | ${SET_ONLY}`;

/** `service <cluster>/<name> desiredCount`, as the recorded describe-services places a service (the cluster may be left out). */
function serviceAt(location: string): { cluster?: string; service: string } | undefined {
  const word = SERVICE.exec(location)?.[1];
  if (!word) return undefined;
  // The last slash with a name on either side: a trailing one belongs to the service's name.
  const slash = word.lastIndexOf('/', word.length - 2);
  return slash > 0 ? { cluster: word.slice(0, slash), service: word.slice(slash + 1) } : { service: word };
}

/** The service the task definition runs in: declared, else the one the recorded describe-services named. */
function serviceOf(input: RevertInput<EcsSpec>): { cluster: string; service: string; known: boolean } {
  const { cluster, service } = input.spec;
  if (cluster && service) return { cluster, service, known: true };
  const m = input.siblings.map((o) => serviceAt(o.origin.location)).find(Boolean);
  if (m?.cluster) return { cluster: m.cluster, service: m.service, known: true };
  return { cluster: cluster ?? '<cluster>', service: service ?? m?.service ?? '<service>', known: false };
}

function rollOut(input: RevertInput<EcsSpec>, last: string[]): RevertStep[] {
  const s = serviceOf(input);
  const command = awsLine(input, ['ecs', 'update-service', '--cluster', s.cluster, '--service', s.service, ...last]);
  // A desired count is a change of its own, not a redeployment a later key's makes redundant.
  const steps: RevertStep[] = [last[0] === '--desired-count' ? { do: 'run', command } : { do: 'run', command, settles: true }];
  if (!s.known) steps.push({ do: 'note', text: 'the recording does not name the service: fill in <cluster> and <service>' });
  return steps;
}

function environmentVariable(
  input: RevertInput<EcsSpec>,
  family: string,
  revision: string | undefined,
  container: string,
  name: string,
): RevertStep[] {
  const file = `${input.stem}.taskdef.json`;
  const { target } = input;
  const value = target.secret ? `--rawfile v ${shellQuote(valueFile(input))}` : `--arg v ${shellQuote(target.text)}`;
  // Without a revision, describe-task-definition answers the family's latest ACTIVE one.
  const taskDef = revision === undefined ? family : `${family}:${revision}`;
  const which = revision === undefined ? `the latest revision of ${family} (the recording names none)` : taskDef;
  const describe = awsLine(input, [
    'ecs',
    'describe-task-definition',
    '--task-definition',
    taskDef,
    '--include',
    'TAGS',
    '--output',
    'json',
  ]);
  const jq = (program: string): string => `jq --arg c ${shellQuote(container)} --arg k ${shellQuote(name)} ${value} ${shellQuote(program)}`;
  // An earlier key of this plan registers a revision of the same one: this key's change goes on top of it.
  const subject = `ecs taskdef ${taskDef}`;
  const earlier = input.built?.get(subject);
  input.built?.set(subject, file);
  const make: RevertStep[] =
    earlier === undefined
      ? [
          {
            do: 'note',
            text: `${file}: the register-task-definition input, ${which} with ${name} of container ${container} changed (needs jq)`,
          },
          { do: 'run', command: `${describe} | ${jq(SET_VARIABLE)} > ${shellQuote(file)}` },
        ]
      : [
          {
            do: 'note',
            text: `${file}: ${earlier} (the revision registered above) with ${name} of container ${container} changed too, so this revision keeps both (needs jq)`,
          },
          { do: 'run', command: `${jq(SET_ONLY)} < ${shellQuote(earlier)} > ${shellQuote(file)}` },
        ];
  return [
    ...(target.secret ? fillValueFile(input) : []),
    ...make,
    ...(target.secret ? [removeValueFile(input)] : []),
    awsCommand(input, ['ecs', 'register-task-definition', '--cli-input-json', `file://${file}`]),
    ...rollOut(input, ['--task-definition', family]),
  ];
}

function environmentFile(input: RevertInput<EcsSpec>, url: string, line: string, name: string): RevertStep[] {
  const local = `${input.stem}.env`;
  const { target } = input;
  const change = `${name}=${target.secret ? 'the secret value (drift never prints it)' : target.text}`;
  return [
    awsCommand(input, ['s3', 'cp', url, local]),
    { do: 'edit', file: local, line: Number(line), change },
    awsCommand(input, ['s3', 'cp', local, url]),
    ...rollOut(input, ['--force-new-deployment']),
  ];
}

/**
 * ECS: a new task-definition revision with the variable changed (or its environment file rewritten),
 * rolled out to the service; the service's desired count set on the service.
 */
export const ecsRevert: Reverter<EcsSpec> = (input) => {
  const { location } = input.origin;
  const hint = roleHint(input);
  const file = ENV_FILE.exec(location);
  if (file) return [...hint, ...environmentFile(input, file[4] as string, file[5] as string, file[6] as string)];
  const env = ENVIRONMENT.exec(location);
  if (env) return [...hint, ...environmentVariable(input, env[1] as string, env[2], env[3] as string, env[4] as string)];
  const secret = SECRETS.exec(location);
  if (secret) {
    const where = input.observation.ref?.target ?? 'the parameter or secret its valueFrom names';
    return [
      {
        do: 'note',
        text: `${secret[4]} is read from ${where} (secrets valueFrom), which no source of ${input.environment.name} reads: set it there`,
      },
    ];
  }
  if (serviceAt(location) && !input.target.secret && /^\d+$/.test(input.target.text))
    return [...hint, ...rollOut({ ...input, siblings: [input.observation] }, ['--desired-count', input.target.text])];
  const inFile = FILE_ENVIRONMENT.exec(location);
  if (inFile) {
    const [, file, container, name] = inFile;
    const value = input.target.secret ? 'the secret value (drift never prints it)' : input.target.text;
    const where = `${file}, a task definition with no family (as Terraform keeps container_definitions)`;
    return [{ do: 'note', text: `${name} of container ${container} is set in ${where}: set it to ${value} there and apply it` }];
  }
  return [{ do: 'note', text: `${location} is not a variable: change it in the task definition or the service` }];
};
