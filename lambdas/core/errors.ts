/** Facts about a failure that are safe to log anywhere: names, paths, statuses, counts — never a value. */
export type ErrorContext = Readonly<Record<string, string | number | boolean>>;

export interface DriftErrorOptions extends ErrorOptions {
  /** Non-secret facts a log can filter on; never a value read from a source, a secret or its text. */
  context?: ErrorContext;
}

/**
 * The one base of drift's errors. Each subclass says once whether it is `userFacing`: the user's
 * input or configuration is at fault, so a driver says the message (which never quotes a secret)
 * and exits with the spec's code, without a stack. Anything else is a failure of drift or of the
 * platform, shown with its stack. A wrapped error is the ES2022 `cause`.
 */
export abstract class DriftError extends Error {
  abstract override readonly name: string;
  abstract readonly userFacing: boolean;
  readonly context: ErrorContext;

  constructor(message?: string, options: DriftErrorOptions = {}) {
    const { context = {}, ...errorOptions } = options;
    super(message, errorOptions);
    this.context = context;
  }
}

/** True for an error of the user's making: drivers say its message, without a stack. */
export const isUserFacing = (err: unknown): err is DriftError => err instanceof DriftError && err.userFacing;

/** What a driver prints for a failure: a user-facing error's message; anything else with its stack. */
export function failureText(err: unknown): string {
  if (isUserFacing(err)) return err.message;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
