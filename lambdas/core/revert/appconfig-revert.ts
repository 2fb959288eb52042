import { awsCommand, roleHint } from './aws-command';
import type { Reverter } from './revert-step';

type AppConfigSpec = { application: string; environment: string; profile: string; region?: string };

/** AppConfig: a new hosted configuration version with the key changed, deployed to the environment. */
export const appConfigRevert: Reverter<AppConfigSpec> = (input) => {
  const { spec, origin, target, stem } = input;
  const structured = origin.location.includes('#');
  const at = origin.location.slice(origin.location.search(/[#:]/) + 1);
  const file = `${stem}.${structured ? 'json' : 'txt'}`;
  const value = target.secret ? 'the secret value (drift never prints it)' : JSON.stringify(target.text);
  const ids = ['--application-id', spec.application, '--configuration-profile-id', spec.profile];
  const version = origin.version === undefined ? '<the deployed version>' : String(origin.version);
  return [
    ...roleHint(input),
    awsCommand(input, ['appconfig', 'get-hosted-configuration-version', ...ids, '--version-number', version, file]),
    structured
      ? { do: 'edit', file, change: `set ${at} to ${value}` }
      : { do: 'edit', file, line: Number(at), change: `${input.observation.rawKey}=${value}` },
    awsCommand(input, [
      'appconfig',
      'create-hosted-configuration-version',
      ...ids,
      '--content',
      `fileb://${file}`,
      '--content-type',
      structured ? 'application/json' : 'text/plain',
    ]),
    {
      do: 'note',
      text: 'it prints the new VersionNumber; for YAML content say --content-type application/x-yaml',
    },
    awsCommand(input, [
      'appconfig',
      'start-deployment',
      '--application-id',
      spec.application,
      '--environment-id',
      spec.environment,
      '--configuration-profile-id',
      spec.profile,
      '--configuration-version',
      '<the new VersionNumber>',
      '--deployment-strategy-id',
      'AppConfig.AllAtOnce',
    ]),
  ];
};
