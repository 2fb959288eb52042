import { describeCallFailure, isProgrammingError } from '../aws-errors';
import type { Limit } from '../limit';

/** The AWS calls of one collection: each goes through the limiter, is counted, and fails as data. */
export class AwsCalls {
  /** API calls made, per operation (each page counts; the SDK's own retries do not). */
  readonly counts: Record<string, number> = {};

  constructor(private readonly limit: Limit) {}

  /** Runs one call; a failure becomes one line of `errors` and `undefined`, a programming error throws. */
  async run<T>(family: string, operation: string, subject: string, errors: string[], call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.limit(family, () => {
        this.counts[operation] = (this.counts[operation] ?? 0) + 1;
        return call();
      });
    } catch (err) {
      if (isProgrammingError(err)) throw err;
      errors.push(describeCallFailure(`${family} ${operation} on ${subject}`, err));
      return undefined;
    }
  }
}
