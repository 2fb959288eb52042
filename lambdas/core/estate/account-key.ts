/**
 * The account an environment is read in, as snapshot targets and rate limiters key it: `default` for
 * the installation's own (`ownAccount`), whether the environment names it or not: one account, one budget.
 */
export const accountKey = (account: string | undefined, ownAccount?: string): string =>
  account === undefined || account === ownAccount ? 'default' : account;
