import { appConfigRevert } from '../../../lambdas/core/revert/appconfig-revert';
import { ecsRevert } from '../../../lambdas/core/revert/ecs-revert';
import { dotenvRevert, fileRevert } from '../../../lambdas/core/revert/file-revert';
import { eksRevert, k8sRevert } from '../../../lambdas/core/revert/k8s-revert';
import { secretsManagerRevert } from '../../../lambdas/core/revert/secretsmanager-revert';
import { ssmRevert } from '../../../lambdas/core/revert/ssm-revert';
import { SOURCE_FILE_FORMS } from '../../../lambdas/core/source-kinds/file-forms';
import { SOURCE_TYPES } from '../../../lambdas/core/source-kinds/registry';
import { commands, observed, revertInput } from './revert-input';

const SECRET = { kind: 'secret', fingerprint: 'f'.repeat(64), keyId: 'k1' } as const;

describe('the source-kind registry', () => {
  test('every kind has a revert', () => {
    expect(SOURCE_TYPES.filter((t) => SOURCE_FILE_FORMS[t].revert === undefined)).toEqual([]);
  });
});

describe('ssm', () => {
  const param = observed('ssm', '/production-us/checkout/api/timeout', '/production-us/checkout/api/timeout');

  test('a String or StringList parameter: put-parameter on the exact name, overwritten, in the region, keeping its type', () => {
    // No --type: `--type String` would turn a StringList (`a,b,c`) into a String.
    expect(commands(ssmRevert(revertInput({}, param)))).toEqual([
      'aws ssm put-parameter --name /production-us/checkout/api/timeout --value 30s --overwrite --region us-east-1',
    ]);
  });

  test("the source's own region wins over the environment's", () => {
    expect(commands(ssmRevert(revertInput({ region: 'eu-west-1' }, param)))[0]).toMatch(/--region eu-west-1$/);
  });

  const secureString = { ...param, value: SECRET, origin: { ...param.origin, secureString: true as const } };

  test('a SecureString reads its value from a private file, removed afterwards, and keeps its own KMS key', () => {
    const steps = ssmRevert(revertInput({}, secureString));
    expect(commands(steps)).toEqual([
      "(umask 077; printf '%s' 30s > revert-production-us-key.value)",
      `aws ssm put-parameter --name /production-us/checkout/api/timeout --value file://revert-production-us-key.value --type SecureString --overwrite --region us-east-1 --key-id "$(aws ssm describe-parameters --parameter-filters Key=Name,Values=/production-us/checkout/api/timeout --query 'Parameters[0].KeyId' --output text --region us-east-1)"`,
      'rm -f revert-production-us-key.value',
    ]);
    expect(steps.filter((s) => s.do === 'note')).toEqual([]);
  });

  // A String that holds a secret by its name (`api_token`) or content: revert told SSM `--type SecureString`
  // with the --key-id describe-parameters gives a String (`None`), so it failed, or changed the parameter's type.
  test('a String holding a secret keeps its type: its value from a private file, no --type, no --key-id', () => {
    const steps = ssmRevert(revertInput({}, { ...param, value: SECRET }, { target: { secret: true } }));
    expect(commands(steps).slice(1)).toEqual([
      'aws ssm put-parameter --name /production-us/checkout/api/timeout --value file://revert-production-us-key.value --overwrite --region us-east-1',
      'rm -f revert-production-us-key.value',
    ]);
    expect(commands(steps)[0]).toContain('IFS= read -r v && printf \'%s\' "$v" > revert-production-us-key.value');
  });

  test('a SecureString drift could not decrypt is put back as one, with its own KMS key', () => {
    const unread = { ...param, value: { kind: 'opaque', reason: 'SecureString recorded without decryption', secret: true } as const };
    expect(commands(ssmRevert(revertInput({}, unread)))[1]).toContain('--type SecureString --overwrite --region us-east-1 --key-id');
  });

  test('a secret target is typed at a prompt, never printed', () => {
    const steps = ssmRevert(revertInput({}, secureString, { target: { secret: true } }));
    expect(commands(steps)[0]).toBe(
      `(umask 077; trap 'stty echo 2>/dev/null' EXIT; trap 'exit 130' INT; stty -echo 2>/dev/null; printf 'value: ' >&2; IFS= read -r v && printf '%s' "$v" > revert-production-us-key.value; s=$?; echo >&2; exit $s)`,
    );
    expect(steps.some((s) => s.do === 'note' && s.text.includes('never prints a secret'))).toBe(true);
  });

  test('a value the AWS CLI would read as a URL goes through a file', () => {
    const steps = ssmRevert(revertInput({}, param, { target: { secret: false, text: 'https://inventory.internal/v2' } }));
    expect(commands(steps)[1]).toContain('--value file://revert-production-us-key.value');
    expect(commands(steps)[0]).toBe("(umask 077; printf '%s' https://inventory.internal/v2 > revert-production-us-key.value)");
  });

  test('a value starting with a dash goes through a file: the AWS CLI would take it for an option', () => {
    const steps = ssmRevert(revertInput({}, param, { target: { secret: false, text: '--verbose' } }));
    expect(commands(steps)).toEqual([
      "(umask 077; printf '%s' --verbose > revert-production-us-key.value)",
      'aws ssm put-parameter --name /production-us/checkout/api/timeout --value file://revert-production-us-key.value --overwrite --region us-east-1',
      'rm -f revert-production-us-key.value',
    ]);
  });

  test('a value with quotes, dollars and spaces is one shell word', () => {
    const steps = ssmRevert(revertInput({}, param, { target: { secret: false, text: `it's $5 "off"` } }));
    expect(commands(steps)[0]).toContain(`--value 'it'\\''s $5 "off"'`);
  });

  test('an environment with a member role says which role runs the commands', () => {
    const steps = ssmRevert(revertInput({}, param, { roleArn: 'arn:aws:iam::222222222222:role/drift-read' }));
    expect(steps[0]).toEqual({
      do: 'note',
      text: expect.stringContaining('as arn:aws:iam::222222222222:role/drift-read (account 222222222222)'),
    });
  });
});

describe('k8s', () => {
  const spec = { workload: 'checkout-api', namespace: 'checkout' };
  const literal = observed('k8s', 'Deployment checkout/checkout-api container api env DB_TIMEOUT', 'DB_TIMEOUT');

  test('a Deployment env var: kubectl set env on the container', () => {
    expect(commands(k8sRevert(revertInput(spec, literal, { target: { secret: false, text: '10s' } })))).toEqual([
      'kubectl set env deployment/checkout-api -n checkout -c api -- DB_TIMEOUT=10s',
    ]);
  });

  test('a StatefulSet keeps its kind', () => {
    const o = observed('k8s', 'StatefulSet data/db container pg env MAX CONN', 'MAX CONN');
    expect(commands(k8sRevert(revertInput(spec, o)))).toEqual(["kubectl set env statefulset/db -n data -c pg -- 'MAX CONN=30s'"]);
  });

  test('a ConfigMap key read through envFrom: a merge patch of the key, then a rollout restart of the workload', () => {
    const o = observed('k8s', 'ConfigMap checkout/api-config LOG_LEVEL (envFrom)', 'LOG_LEVEL');
    const steps = k8sRevert(revertInput(spec, o, { target: { secret: false, text: "it's" }, siblings: [o, literal] }));
    expect(commands(steps)).toEqual([
      `kubectl patch configmap/api-config -n checkout --type merge -p '{"data":{"LOG_LEVEL":"it'\\''s"}}'`,
      'kubectl rollout restart deployment/checkout-api -n checkout',
    ]);
  });

  test('a ConfigMap key read through configMapKeyRef restarts the workload that reads it', () => {
    const o = observed('k8s', 'Deployment shop/web container app env POOL (ConfigMap shop/web-config key pool_size)', 'POOL');
    expect(commands(k8sRevert(revertInput(spec, o)))).toEqual([
      `kubectl patch configmap/web-config -n shop --type merge -p '{"data":{"pool_size":"30s"}}'`,
      'kubectl rollout restart deployment/web -n shop',
    ]);
  });

  test('a Secret key: the value is read from a file, base64-encoded into a private patch file, never on the command line', () => {
    const o = observed('k8s', 'Secret checkout/api-secrets SMTP_PASSWORD (envFrom)', 'SMTP_PASSWORD', SECRET);
    const steps = k8sRevert(revertInput(spec, o, { target: { secret: true } }));
    expect(commands(steps)).toEqual([
      `(umask 077; trap 'stty echo 2>/dev/null' EXIT; trap 'exit 130' INT; stty -echo 2>/dev/null; printf 'value: ' >&2; IFS= read -r v && printf '%s' "$v" > revert-production-us-key.value; s=$?; echo >&2; exit $s)`,
      `(umask 077; printf '{"data":{%s:"%s"}}' '"SMTP_PASSWORD"' "$(base64 < revert-production-us-key.value | tr -d '\\n')" > revert-production-us-key.patch.json)`,
      'kubectl patch secret/api-secrets -n checkout --type merge --patch-file revert-production-us-key.patch.json',
      'rm -f revert-production-us-key.patch.json',
      'rm -f revert-production-us-key.value',
      'kubectl rollout restart deployment/checkout-api -n checkout',
    ]);
  });

  test('without a sibling naming the workload, the declared workload and namespace', () => {
    const o = observed('k8s', 'ConfigMap checkout/api-config LOG_LEVEL (envFrom)', 'LOG_LEVEL');
    expect(commands(k8sRevert(revertInput(spec, o)))[1]).toBe('kubectl rollout restart deployment/checkout-api -n checkout');
  });

  test('the replica count: kubectl scale on the workload', () => {
    const o = observed('k8s', 'Deployment default/frontend spec.replicas', 'spec.replicas');
    expect(commands(k8sRevert(revertInput(spec, o, { target: { secret: false, text: '3' } })))).toEqual([
      'kubectl scale deployment/frontend -n default --replicas=3',
    ]);
  });

  // The story's EU region tuned during an incident: memory raised for a leak investigation.
  const resources = (key: string, location: string): ReturnType<typeof observed> => ({
    ...observed('k8s', location, location.split(' resources.')[1]!.split(' ')[0]!),
    key,
  });

  test.each([
    ['runtime.memory', 'requests.memory', '2Gi', '--requests=memory=2Gi'],
    ['runtime.memory.limit', 'limits.memory', '2Gi', '--limits=memory=2Gi'],
    ['runtime.cpu', 'requests.cpu', '500m', '--requests=cpu=500m'],
    ['runtime.cpu.limit', 'limits.cpu', '1.5', '--limits=cpu=1.5'],
  ])('%s: kubectl set resources on the container (%s)', (key, field, text, flag) => {
    const o = resources(key, `Deployment shop/api container api resources.${field}`);
    expect(commands(k8sRevert(revertInput(spec, o, { target: { secret: false, text } })))).toEqual([
      `kubectl set resources deployment/api -n shop -c api ${flag}`,
    ]);
  });

  test('a request read from the limit (no request set) is set as the request, which is what the key means', () => {
    const o = resources('runtime.memory', 'Deployment shop/api container api resources.limits.memory (no request: the limit applies)');
    expect(commands(k8sRevert(revertInput(spec, o, { target: { secret: false, text: '2Gi' } })))).toEqual([
      'kubectl set resources deployment/api -n shop -c api --requests=memory=2Gi',
    ]);
  });

  // The story's EU region: a request restored above the limit the incident left (or the one a request without its own takes).
  test.each([
    ['a request read from the limit', 'resources.limits.memory (no request: the limit applies)', []],
    ['an explicit request', 'resources.requests.memory', ['resources.limits.memory']],
  ])("%s above the container's limit: the limit is raised with it, in one command", (_what, at, more) => {
    const container = 'Deployment shop/api container api';
    const o = { ...resources('runtime.memory', `${container} ${at}`), value: { kind: 'text' as const, text: '1Gi' } };
    const limits = more.map((l) => ({
      ...resources('runtime.memory.limit', `${container} ${l}`),
      value: { kind: 'text' as const, text: '1Gi' },
    }));
    const above = k8sRevert(revertInput(spec, o, { target: { secret: false, text: '4Gi' }, siblings: [o, ...limits] }));
    expect(commands(above)).toEqual(['kubectl set resources deployment/api -n shop -c api --limits=memory=4Gi --requests=memory=4Gi']);
    expect(above[0]).toMatchObject({ do: 'note', text: expect.stringContaining('limit (1Gi) is below the request') });
    // At or under the limit, the request alone.
    const under = k8sRevert(revertInput(spec, o, { target: { secret: false, text: '512Mi' }, siblings: [o, ...limits] }));
    expect(commands(under)).toEqual(['kubectl set resources deployment/api -n shop -c api --requests=memory=512Mi']);
  });

  test('a resource value that is no Kubernetes quantity: a note, no command', () => {
    const o = resources('runtime.memory', 'Deployment shop/api container api resources.requests.memory');
    const steps = k8sRevert(revertInput(spec, o, { target: { secret: false, text: '2 GiB; rm -rf /' } }));
    expect(commands(steps)).toEqual([]);
    expect(steps[0]?.do).toBe('note');
  });

  test('a fieldRef is not a value kubectl sets: a note, no command', () => {
    const o = observed('k8s', 'Deployment checkout/checkout-api container api env POD_IP (fieldRef:status.podIP)', 'POD_IP');
    const steps = k8sRevert(revertInput(spec, o));
    expect(commands(steps)).toEqual([]);
    expect(steps[0]?.do).toBe('note');
  });

  test('eks points kubectl at the cluster first', () => {
    const steps = eksRevert(revertInput({ ...spec, cluster: 'prod-eks' }, literal));
    expect(commands(steps)).toEqual([
      'aws eks update-kubeconfig --name prod-eks --region us-east-1',
      'kubectl set env deployment/checkout-api -n checkout -c api -- DB_TIMEOUT=30s',
    ]);
  });
});

describe('ecs', () => {
  const env = observed('ecs', 'taskdef checkout-api:143 container api environment LOG_LEVEL', 'LOG_LEVEL');
  const service = observed('ecs', 'service checkout-eu/checkout-api desiredCount', 'desiredCount');

  test('an environment variable: the current task definition with it changed, registered, rolled out', () => {
    const steps = ecsRevert(revertInput({}, env, { target: { secret: false, text: 'INFO' }, siblings: [env, service] }));
    const [describe, register, update] = commands(steps);
    expect(describe).toMatch(
      /^aws ecs describe-task-definition --task-definition checkout-api:143 --include TAGS --output json --region us-east-1 \| jq --arg c api --arg k LOG_LEVEL --arg v INFO '/,
    );
    expect(describe).toMatch(
      /del\(\.taskDefinitionArn, \.revision, .*\) \| \(\.containerDefinitions\[\] .* \.value\) = \$v' > revert-production-us-key\.taskdef\.json$/,
    );
    expect(register).toBe(
      'aws ecs register-task-definition --cli-input-json file://revert-production-us-key.taskdef.json --region us-east-1',
    );
    expect(update).toBe(
      'aws ecs update-service --cluster checkout-eu --service checkout-api --task-definition checkout-api --region us-east-1',
    );
  });

  test('a recording in the register-task-definition shape names no revision: the latest one is changed', () => {
    const bare = observed('ecs', 'taskdef kibana container kibana environment ELASTICSEARCH_URL', 'ELASTICSEARCH_URL');
    const steps = ecsRevert(revertInput({ cluster: 'c1', service: 's1' }, bare));
    const [describe, register, update] = commands(steps);
    expect(describe).toMatch(
      /^aws ecs describe-task-definition --task-definition kibana --include TAGS --output json --region us-east-1 \| jq --arg c kibana --arg k ELASTICSEARCH_URL /,
    );
    expect(register).toBe(
      'aws ecs register-task-definition --cli-input-json file://revert-production-us-key.taskdef.json --region us-east-1',
    );
    expect(update).toBe('aws ecs update-service --cluster c1 --service s1 --task-definition kibana --region us-east-1');
    expect(steps).toContainEqual({ do: 'note', text: expect.stringContaining('the latest revision of kibana (the recording names none)') });
  });

  test('the declared cluster and service win; without either, placeholders and a note', () => {
    expect(commands(ecsRevert(revertInput({ cluster: 'c1', service: 's1' }, env, { siblings: [env, service] })))[2]).toContain(
      '--cluster c1 --service s1',
    );
    const steps = ecsRevert(revertInput({}, env));
    expect(commands(steps)[2]).toContain("--cluster '<cluster>' --service '<service>'");
    expect(steps.at(-1)).toEqual({ do: 'note', text: expect.stringContaining('fill in <cluster> and <service>') });
  });

  test('a task definition known by its file (a bare container list, as Terraform keeps it): a note to change it there', () => {
    const o = observed('ecs', 'taskdef infra/ecs/containers.json container api environment LOG_LEVEL', 'LOG_LEVEL');
    const steps = ecsRevert(revertInput({}, o, { target: { secret: false, text: 'INFO' } }));
    expect(steps).toEqual([
      {
        do: 'note',
        text: 'LOG_LEVEL of container api is set in infra/ecs/containers.json, a task definition with no family (as Terraform keeps container_definitions): set it to INFO there and apply it',
      },
    ]);
  });

  test("the service's desired count: update-service --desired-count", () => {
    expect(commands(ecsRevert(revertInput({}, service, { target: { secret: false, text: '3' } })))).toEqual([
      'aws ecs update-service --cluster checkout-eu --service checkout-api --desired-count 3 --region us-east-1',
    ]);
  });

  test('a variable from an environment file: copy it down, edit the line, copy it back, force a new deployment', () => {
    const o = observed(
      'ecs',
      'taskdef checkout-api:143 container api environmentFiles s3://checkout-config-eu/production-eu/checkout.env:5 LEGACY_CACHE_TTL',
      'LEGACY_CACHE_TTL',
    );
    const steps = ecsRevert(revertInput({}, o, { siblings: [o, service] }));
    expect(steps).toEqual([
      {
        do: 'run',
        command: 'aws s3 cp s3://checkout-config-eu/production-eu/checkout.env revert-production-us-key.env --region us-east-1',
      },
      { do: 'edit', file: 'revert-production-us-key.env', line: 5, change: 'LEGACY_CACHE_TTL=30s' },
      {
        do: 'run',
        command: 'aws s3 cp revert-production-us-key.env s3://checkout-config-eu/production-eu/checkout.env --region us-east-1',
      },
      {
        do: 'run',
        command: 'aws ecs update-service --cluster checkout-eu --service checkout-api --force-new-deployment --region us-east-1',
        settles: true,
      },
    ]);
  });

  test('an unresolved secrets entry names what to change, with no command', () => {
    const o = {
      ...observed('ecs', 'taskdef checkout-api:143 container api secrets API_KEY', 'API_KEY'),
      ref: { kind: 'other' as const, target: 'arn:aws:kms:x' },
    };
    const steps = ecsRevert(revertInput({}, o));
    expect(commands(steps)).toEqual([]);
    expect(steps[0]).toEqual({ do: 'note', text: expect.stringContaining('arn:aws:kms:x') });
  });
});

describe('files', () => {
  test('a configuration file: the key path to set in the file it was read from', () => {
    const o = observed('file', 'config/production-eu.json#database.pool_size', 'database.pool_size');
    const [edit] = fileRevert(revertInput({}, o, { target: { secret: false, text: '20' } }));
    expect(edit).toEqual({
      do: 'edit',
      file: 'config/production-eu.json',
      change: expect.stringMatching(/^set database\.pool_size to 20 /),
    });
  });

  test('a dotenv file: the line and what it should read, quoted when it must be', () => {
    const o = observed('dotenv', 'env/staging.env:7', 'CHECKOUT_BANNER');
    const [edit] = dotenvRevert(revertInput({}, o, { target: { secret: false, text: 'Free shipping' } }));
    expect(edit).toEqual({ do: 'edit', file: 'env/staging.env', line: 7, change: "CHECKOUT_BANNER='Free shipping'" });
  });

  test('a Java .properties file read by a dotenv source: the line as java.util.Properties reads it, never quoted', () => {
    const o = observed('dotenv', 'src/main/resources/application.properties:3', 'app.banner');
    const [edit] = dotenvRevert(revertInput({}, o, { target: { secret: false, text: " Free shipping: it's café \\o/" } }));
    expect(edit).toEqual({
      do: 'edit',
      file: 'src/main/resources/application.properties',
      line: 3,
      change: "app.banner=\\ Free shipping: it's caf\\u00e9 \\\\o/",
    });
  });
});

describe('appconfig', () => {
  test('a hosted configuration: fetch the version, edit the key, create a version, deploy it', () => {
    const o = {
      ...observed('appconfig', 'abc123/env456/prof789#log.level', 'log.level'),
      origin: { ...observed('appconfig', 'abc123/env456/prof789#log.level', 'log.level').origin, version: 7 },
    };
    const steps = appConfigRevert(
      revertInput({ application: 'abc123', environment: 'env456', profile: 'prof789' }, o, { target: { secret: false, text: 'INFO' } }),
    );
    expect(commands(steps)).toEqual([
      'aws appconfig get-hosted-configuration-version --application-id abc123 --configuration-profile-id prof789 --version-number 7 revert-production-us-key.json --region us-east-1',
      'aws appconfig create-hosted-configuration-version --application-id abc123 --configuration-profile-id prof789 --content fileb://revert-production-us-key.json --content-type application/json --region us-east-1',
      "aws appconfig start-deployment --application-id abc123 --environment-id env456 --configuration-profile-id prof789 --configuration-version '<the new VersionNumber>' --deployment-strategy-id AppConfig.AllAtOnce --region us-east-1",
    ]);
    expect(steps).toContainEqual({ do: 'edit', file: 'revert-production-us-key.json', change: 'set log.level to "INFO"' });
  });
});

describe('secretsmanager', () => {
  test("put-secret-value with the JSON key changed, the secret's JSON kept private and removed", () => {
    const o = observed('secretsmanager', 'prod/checkout smtp_password', 'smtp_password', SECRET);
    const steps = secretsManagerRevert(revertInput({}, o, { target: { secret: true } }));
    expect(commands(steps)).toEqual([
      `(umask 077; trap 'stty echo 2>/dev/null' EXIT; trap 'exit 130' INT; stty -echo 2>/dev/null; printf 'value: ' >&2; IFS= read -r v && printf '%s' "$v" > revert-production-us-key.value; s=$?; echo >&2; exit $s)`,
      `(umask 077; aws secretsmanager get-secret-value --secret-id prod/checkout --query SecretString --output text --region us-east-1 | jq --arg k smtp_password --rawfile v revert-production-us-key.value 'if has($k) then .[$k] = $v else setpath($k | split("."); $v) end' > revert-production-us-key.secret.json)`,
      'aws secretsmanager put-secret-value --secret-id prod/checkout --secret-string file://revert-production-us-key.secret.json --region us-east-1',
      'rm -f revert-production-us-key.secret.json',
      'rm -f revert-production-us-key.value',
    ]);
  });

  // A secret of plain text (an API key) was changed with jq as if it were JSON: jq fails on it.
  test('a secret read as one value is put back whole, from the private value file', () => {
    const o = observed('secretsmanager', 'prod/stripe-key', 'stripe-key', SECRET);
    const steps = secretsManagerRevert(revertInput({}, o, { target: { secret: true } }));
    expect(commands(steps).slice(1)).toEqual([
      'aws secretsmanager put-secret-value --secret-id prod/stripe-key --secret-string file://revert-production-us-key.value --region us-east-1',
      'rm -f revert-production-us-key.value',
    ]);
  });
});
