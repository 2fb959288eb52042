import * as z from '../zod';
import { appConfigLocation } from '../sources/appconfig-location';
import { fromList, sourceFields } from './fields';
import { defineSourceKind } from './source-kind';

/** An AppConfig ID (`abc1234`): IAM names AppConfig's resources by ID, so a grant can only be exact with one. */
export const APPCONFIG_ID = /^[a-z0-9]{4,7}$/;

const id = (what: string, list: string) =>
  z
    .string()
    .check(z.regex(APPCONFIG_ID, `the ${what} ID (4-7 lowercase letters and digits, as \`aws appconfig ${list}\` prints), not its name`));

const schema = sourceFields({
  application: id('application', 'list-applications'),
  environment: id('environment', 'list-environments'),
  profile: id('configuration profile', 'list-configuration-profiles'),
  from: z.optional(fromList),
  region: z.optional(z.string()),
});

/** `appconfig`: an AWS AppConfig configuration profile as one environment receives it, live or recorded. */
export const appConfigKind = defineSourceKind({
  type: 'appconfig',
  schema,
  about:
    'An AWS AppConfig configuration profile (`application`, `environment`, `profile`: IDs) as deployed: JSON, YAML, KEY=VALUE text or feature flags; live, or recorded with `from` (the content, with get-deployment output beside it).',
  label: (spec) => `appconfig ${appConfigLocation(spec)}${spec.from ? ` (recorded ${spec.from.join(', ')})` : ''}`,
  references: undefined,
  namePrefix: undefined,
  valueLine: undefined,
  servesFlags: true,
});
