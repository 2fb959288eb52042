import { assignmentSecretSpans } from './assignment-secrets';
import { mergedSpans, urlSecretSpans, type Span } from './url-secrets';

/** The parts of `text` to hide in place: URL passwords and secret query parameters, and secret-named settings written in it. */
export function secretSpans(text: string): Span[] {
  const urls = urlSecretSpans(text);
  const assignments = assignmentSecretSpans(text);
  return assignments.length ? mergedSpans([...urls, ...assignments]) : urls;
}
