import { DriftError } from '../../core/errors';

/** More pages than any real listing has (500,000 parameters at 50 a page): only a service that pages for ever gets here. */
export const MAX_PAGES = 10_000;

/** A listing that would never end: the service gave a page token twice, or more pages than MAX_PAGES. Never quotes a token. */
export class EndlessPagingError extends DriftError {
  readonly name = 'EndlessPagingError';
  // The platform's fault, not the user's input.
  readonly userFacing = false;
}

/**
 * Reads every page of a paginated call: `read(token)` fetches one (undefined when the call failed
 * and said so itself), `use` takes it, `next` names the token of the page after it. Returns false
 * when a read gave up; throws EndlessPagingError when the service answers
 * with a token it gave before or keeps paging past `max`, which without a bound would loop until the
 * source's deadline, or for ever where there is none (discovery).
 */
export async function eachPage<P>(
  read: (token: string | undefined) => Promise<P | undefined>,
  next: (page: P) => string | undefined,
  use: (page: P) => void,
  max = MAX_PAGES,
): Promise<boolean> {
  const seen = new Set<string>();
  let token: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await read(token);
    if (page === undefined) return false;
    use(page);
    token = next(page);
    if (!token) return true;
    if (seen.has(token)) throw new EndlessPagingError('the service gave the same page token twice');
    if (pages >= max) throw new EndlessPagingError(`still paging after ${max} pages`);
    seen.add(token);
  }
}

/**
 * eachPage where a listing is one part of a source (running tasks, scalable targets): endless
 * paging is one line of `errors` (`call: still paging after …`) and false, so only that part is unknown.
 */
export async function eachPageOrError<P>(
  call: string,
  errors: string[],
  read: (token: string | undefined) => Promise<P | undefined>,
  next: (page: P) => string | undefined,
  use: (page: P) => void,
  max = MAX_PAGES,
): Promise<boolean> {
  try {
    return await eachPage(read, next, use, max);
  } catch (err) {
    if (!(err instanceof EndlessPagingError)) throw err;
    errors.push(`${call}: ${err.message}`);
    return false;
  }
}
