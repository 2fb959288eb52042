import * as path from 'node:path';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** What a synchronous Lambda invoke answers: the payload, and `FunctionError` when the function failed or crashed. */
export interface InvokeResult {
  StatusCode: number;
  FunctionError?: string;
  Payload: Uint8Array;
}

/** The Lambda service running a function for a synchronous invoke: what it returns, or how it ended. */
export type InvokedFunction = (payload: unknown) => Promise<InvokeResult>;

interface Outbound {
  invokeFunction: (req: { FunctionName: string; Payload: string }) => Promise<InvokeResult>;
  httpRequest: (options: { hostname: string; path: string; method: string }, body: string) => Promise<void>;
}

const runtimeDir = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), 'custom-resources/lib/provider-framework/runtime');

const encode = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value ?? null));

/** A handler run as Lambda runs it for an invoke: its result as the payload, a throw as an `Unhandled` function error. */
export const asLambda =
  (handler: (event: never, context: never) => Promise<unknown>, context: unknown): InvokedFunction =>
  async (payload) => {
    try {
      return { StatusCode: 200, Payload: encode(await handler(payload as never, context as never)) };
    } catch (err) {
      const e = err as Error;
      return { StatusCode: 200, FunctionError: 'Unhandled', Payload: encode({ errorType: e.name, errorMessage: e.message, trace: [] }) };
    }
  };

/** A function that never returned (killed out of memory, timed out, or unable to load): what Lambda tells the invoker. */
export const crashed =
  (errorType: string, errorMessage: string): InvokedFunction =>
  async () => ({ StatusCode: 200, FunctionError: 'Unhandled', Payload: encode({ errorType, errorMessage }) });

/**
 * CloudFormation's request through aws-cdk-lib's own provider framework (the code its `onEvent`
 * function deploys), with the seeding function invoked in-process and the framework's PUT to the
 * response URL handed to `respond` (the framework speaks https only).
 */
export async function throughProviderFramework(
  event: CloudFormationCustomResourceEvent,
  fn: InvokedFunction,
  respond: (url: string, body: string) => Promise<void>,
): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports -- the framework's runtime is plain CommonJS, not an export of aws-cdk-lib */
  const outbound = require(path.join(runtimeDir, 'outbound')) as Outbound;
  const framework = require(path.join(runtimeDir, 'framework')) as { onEvent: (e: unknown) => Promise<void> };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const saved = { ...outbound };
  const arn = 'arn:aws:lambda:eu-west-1:111111111111:function:seed';
  process.env.USER_ON_EVENT_FUNCTION_ARN = arn;
  outbound.invokeFunction = async (req) => {
    if (req.FunctionName !== arn) throw new Error(`invoked ${req.FunctionName}, not the seeding function`);
    return fn(JSON.parse(req.Payload));
  };
  outbound.httpRequest = (options, body) => respond(`https://${options.hostname}${options.path}`, body);
  try {
    await framework.onEvent(event);
  } finally {
    Object.assign(outbound, saved);
    delete process.env.USER_ON_EVENT_FUNCTION_ARN;
  }
}
