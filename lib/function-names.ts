// Data only (no aws-cdk-lib): the e2e test of the handlers imports it with the access declarations.

/** The four stages of a run and the change-event router, one Lambda each; the entry files are `lambdas/handlers/{name}.ts`, each exporting `handler`. */
export const HANDLERS = ['plan-run', 'snapshot-target', 'audit-run', 'notify-run', 'route-events'] as const;
export type HandlerName = (typeof HANDLERS)[number];

/** Functions an installation has only when its context asks for them (`sync-tickets`: context `tickets`). */
export const OPTIONAL_HANDLERS = ['sync-tickets'] as const;
export type OptionalHandlerName = (typeof OPTIONAL_HANDLERS)[number];

/** Any function drift can install: every registry keyed by function (sizing, access) covers these. */
export type FunctionName = HandlerName | OptionalHandlerName;

/** Whether `name` is one of the always-present functions. */
export const isHandlerName = (name: string): name is HandlerName => (HANDLERS as readonly string[]).includes(name);
