import { proseHoldsSecret } from '../core/estate/secret-literals';

const WORD = /[^\s"'`]+/g;
const PUNCTUATION = ':,;.)';
/** What an error says in place of a word given that holds a credential. */
export const CREDENTIAL_NOT_SHOWN = '(a credential: not shown)';

/**
 * An error's text with each word holding a credential (a token, a URL with its password) replaced: a
 * flag's value, a path or an argument given by mistake is quoted back by many messages, commander's
 * among them, and stderr is kept in CI logs.
 */
export const credentialsHidden = (text: string): string =>
  text.replace(WORD, (word) => {
    if (!proseHoldsSecret(word)) return word;
    // The punctuation after it (`--store TOKEN: expected …`) stays, where the word is a credential without it.
    let end = word.length;
    while (end > 0 && PUNCTUATION.includes(word[end - 1]!)) end--;
    return end > 0 && end < word.length && proseHoldsSecret(word.slice(0, end))
      ? `${CREDENTIAL_NOT_SHOWN}${word.slice(end)}`
      : CREDENTIAL_NOT_SHOWN;
  });
