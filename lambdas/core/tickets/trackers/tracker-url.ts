import * as z from '../../zod';
import { withoutTrailingSlashes } from '../../trailing-slashes';

/** A tracker's base URL: https, or plain http to this machine only (a tracker run locally for a test or a trial). */
export const trackerUrl = z.pipe(
  z.string().check(
    z.refine((u) => {
      try {
        const url = new URL(u);
        // A token written into the URL (`https://me:TOKEN@site`) would be kept in the template and the function's environment.
        if (url.username || url.password) return false;
        return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
      } catch {
        return false;
      }
    }, 'an https:// URL without credentials (the token goes in the tickets secret)'),
  ),
  z.transform(withoutTrailingSlashes),
);

/** A JSON object's fields, or none for text that is not one (whose parse error would quote it). */
export function jsonFields(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
