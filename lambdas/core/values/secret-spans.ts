import { assignmentSecretSpans } from './assignment-secrets';
import { optionSecretSpans } from './option-secrets';
import { mergedSpans, urlSecretSpans, type Span } from './url-secrets';

/** The parts of `text` to hide in place: URL passwords and secret query parameters, and secret-named settings and options written in it. */
export function secretSpans(text: string): Span[] {
  const urls = urlSecretSpans(text);
  const written = [...assignmentSecretSpans(text), ...optionSecretSpans(text)];
  return written.length ? mergedSpans([...urls, ...written]) : urls;
}
