/** A dotenv value as written on its line, and what the reader of the plan must know about it. */
export interface DotenvValue {
  /** The text after `KEY=`; undefined when no quoting a dotenv reader knows holds the value. */
  written: string | undefined;
  /** Why some loaders would not read `written` as the value, when none reads every form alike. */
  caveat?: string;
}

// What a dotenv line can hold bare in every loader: no blank, quote, comment, escape or expansion.
const BARE = /^[^\s'"#\\$`]*$/;
// Docker Compose (env_file), dotenv-expand, Ruby dotenv and the shell expand these inside double quotes.
const EXPANDS = /[$`]/;

/**
 * How a dotenv line must hold `text` so that loaders read it as written: bare where nothing in it
 * needs quoting; else in single quotes, which Compose, the shell, Ruby and python-dotenv read
 * literally (no `$VAR` expansion, no escapes); in double quotes only when it holds a `'` and nothing they would expand.
 * A value holding both `'` and `$` (or a backtick) has no form every loader reads alike: it gets the
 * escaped single quote (`'it\'s $5'`) that Docker Compose, python-dotenv and drift read literally,
 * with a caveat for the others.
 */
export function dotenvValue(text: string): DotenvValue {
  if (BARE.test(text)) return { written: text };
  if (!text.includes("'") && !/[\r\n]/.test(text)) return { written: `'${text}'` };
  if (!EXPANDS.test(text)) return { written: JSON.stringify(text) };
  if (!text.includes("'")) return { written: `'${text}'` };
  // `\'` before the closing quote would escape it: nothing reads such a value back.
  if (text.endsWith('\\'))
    return { written: undefined, caveat: "the value holds a ', a $ (or `) and ends in a backslash: no dotenv quoting holds it" };
  return {
    written: `'${text.replace(/'/g, "\\'")}'`,
    caveat:
      "the value holds both ' and $ (or `): single quotes cannot hold the ', double quotes expand the $. " +
      'This is the escaped single quote Docker Compose and python-dotenv read as written; the shell (source), ' +
      'Node dotenv and dotenv-expand read it otherwise: if one of those loads the file, write it as that loader needs',
  };
}
