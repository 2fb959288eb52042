import { isJavaProperties, javaPropertiesLine } from '../sources/java-properties';
import { dotenvValue, type DotenvValue } from './dotenv-value';
import type { RevertStep, Reverter } from './revert-step';

const SECRET_VALUE = 'the secret value (drift never prints it)';

const committed: RevertStep = {
  do: 'note',
  text: 'the file is the recorded configuration kept in git: commit the change, and deploy it the way the file reaches the runtime',
};

/** A configuration file: the key path to set, in the file the value was read from (`config/prod.json#database.pool_size`). */
export const fileRevert: Reverter<unknown> = ({ origin, observation, target }) => {
  const at = origin.location.lastIndexOf('#');
  const file = at > 0 ? origin.location.slice(0, at) : origin.location;
  const path = at > 0 ? origin.location.slice(at + 1) : observation.rawKey;
  const value = target.secret ? SECRET_VALUE : /^[^\s"'#]+$/.test(target.text) ? target.text : JSON.stringify(target.text);
  return [{ do: 'edit', file, change: `set ${path} to ${value} (keeping the type the file gives it: a number stays a number)` }, committed];
};

/** A dotenv file: the line to rewrite (`env/staging.env:7`). */
export const dotenvRevert: Reverter<unknown> = ({ origin, observation, target }) => {
  const m = /^(.*):(\d+)$/.exec(origin.location);
  const file = m ? (m[1] as string) : origin.location;
  const value: DotenvValue = target.secret ? { written: SECRET_VALUE } : dotenvValue(target.text);
  // A Java .properties file knows no quotes: the value is written as java.util.Properties reads it back.
  const change =
    isJavaProperties(file) && !target.secret
      ? javaPropertiesLine(observation.rawKey, target.text)
      : value.written !== undefined
        ? `${observation.rawKey}=${value.written}`
        : `set ${observation.rawKey} to ${JSON.stringify(target.secret ? '' : target.text)} in the form the application's loader reads`;
  const caveat: RevertStep[] = value.caveat && !isJavaProperties(file) ? [{ do: 'note', text: value.caveat }] : [];
  return [m ? { do: 'edit', file, line: Number(m[2]), change } : { do: 'edit', file, change }, ...caveat, committed];
};
