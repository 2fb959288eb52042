import { assignmentSecretSpans } from './assignment-secrets';
import { logonSecretSpans } from './logon-secrets';
import { optionSecretSpans } from './option-secrets';
import { mergedSpans, urlSecretSpans, type Span } from './url-secrets';

/** The parts of `text` to hide in place: URL passwords and secret query parameters, secret-named settings and options, and Oracle logons written in it. */
export function secretSpans(text: string): Span[] {
  const urls = urlSecretSpans(text);
  const written = [...assignmentSecretSpans(text), ...optionSecretSpans(text), ...logonSecretSpans(text)];
  return written.length ? mergedSpans([...urls, ...written]) : urls;
}
