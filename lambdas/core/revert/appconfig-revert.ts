import { awsCommand, roleHint } from './aws-command';
import type { Reverter } from './revert-step';

type AppConfigSpec = { application: string; environment: string; profile: string; region?: string };

/** AppConfig: a new hosted configuration version with the key changed, deployed to the environment. */
export const appConfigRevert: Reverter<AppConfigSpec> = (input) => {
  const { spec, origin, target, stem } = input;
  const structured = origin.location.includes('#');
  const at = origin.location.slice(origin.location.search(/[#:]/) + 1);
  const profileAt = `${spec.application}/${spec.profile}:${origin.version ?? '?'}`;
  // An earlier key of this plan fetched and edited the same version: this key is edited into that file,
  // or the version created from a fresh copy (deployed last) would bring the earlier key's value back.
  const earlier = input.built?.get(`appconfig ${profileAt}`);
  const file = earlier ?? `${stem}.${structured ? 'json' : 'txt'}`;
  input.built?.set(`appconfig ${profileAt}`, file);
  const value = target.secret ? 'the secret value (drift never prints it)' : JSON.stringify(target.text);
  const ids = ['--application-id', spec.application, '--configuration-profile-id', spec.profile];
  const version = origin.version === undefined ? '<the deployed version>' : String(origin.version);
  return [
    ...roleHint(input),
    earlier === undefined
      ? awsCommand(input, ['appconfig', 'get-hosted-configuration-version', ...ids, '--version-number', version, file])
      : { do: 'note', text: `${file} holds the change above: this key is changed in it too, and the version created from it keeps both` },
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
