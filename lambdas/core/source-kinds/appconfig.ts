import * as z from 'zod';
import { appConfigRecording, recordedDeployment, type AppConfigKept } from '../recordings/appconfig-recording';
import { appConfigLocation, parseAppConfig, type AppConfigDocument } from '../sources/appconfig';
import { fromList, sourceFields } from './fields';
import { defineSourceKind } from './source-kind';
import { appConfigRevert } from '../revert/appconfig-revert';

/** An AppConfig ID (`abc1234`): IAM names AppConfig's resources by ID, so a grant can only be exact with one. */
export const APPCONFIG_ID = /^[a-z0-9]{4,7}$/;

const id = (what: string, list: string) =>
  z.string().regex(APPCONFIG_ID, `the ${what} ID (4-7 lowercase letters and digits, as \`aws appconfig ${list}\` prints), not its name`);

const schema = sourceFields({
  application: id('application', 'list-applications'),
  environment: id('environment', 'list-environments'),
  profile: id('configuration profile', 'list-configuration-profiles'),
  from: fromList.optional(),
  region: z.string().optional(),
});

/** `appconfig`: an AWS AppConfig configuration profile as one environment receives it, live or recorded. */
export const appConfigKind = defineSourceKind<'appconfig', typeof schema, AppConfigKept>({
  type: 'appconfig',
  schema,
  about:
    'An AWS AppConfig configuration profile (`application`, `environment`, `profile`: IDs) as deployed: JSON, YAML, KEY=VALUE text or feature flags; live, or recorded with `from` (the content, with get-deployment output beside it).',
  label: (spec) => `appconfig ${appConfigLocation(spec)}${spec.from ? ` (recorded ${spec.from.join(', ')})` : ''}`,
  recorded: {
    reader: (spec, ctx) => {
      const documents: AppConfigDocument[] = [];
      return {
        input: 'text',
        add: (file, text) => void documents.push({ file, text }),
        // Content and deployment are told apart by their shape once all are read.
        finish: () => parseAppConfig({ documents }, spec, ctx),
      };
    },
  },
  recording: {
    // A recorded source's deployment is copied from its files; a live one's is what the reader kept.
    readsFiles: true,
    prepare: (spec, _ctx, { kept, files }) => {
      const deployment = spec.from ? recordedDeployment(files ?? []) : kept?.deployment;
      return (final) => {
        const recording = appConfigRecording(final, spec, deployment);
        return recording ? { type: 'appconfig', recording } : undefined;
      };
    },
  },
  references: undefined,
  revert: appConfigRevert,
  namePrefix: undefined,
});
