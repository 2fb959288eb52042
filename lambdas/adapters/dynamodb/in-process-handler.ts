import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The request listener of an `http.Server` (dynalite's). */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** The part of the SDK's HttpRequest the embedded engine reads. */
interface SdkRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

interface SdkResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The SDK's request-handler contract, as far as a client built with it uses it. */
export interface InProcessHandler {
  handle(request: SdkRequest): Promise<{ response: SdkResponse }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

// The SDK's body is a string or bytes; its bytes warn when treated as a string, so they are viewed, not converted.
const bodyBytes = (body: unknown): Buffer =>
  body instanceof Uint8Array
    ? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
    : typeof body === 'string'
      ? Buffer.from(body, 'utf8')
      : Buffer.alloc(0);

/**
 * Hands the SDK's requests to the engine's request listener in this process: the same bytes a socket
 * would carry, without the socket, HTTP framing or keep-alive. A big first run makes thousands of
 * small requests, and the HTTP round trip was a third of each.
 */
export function inProcessHandler(listener: RequestListener): InProcessHandler {
  return {
    handle: (request) =>
      new Promise((resolve, reject) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
        const req = Object.assign(new EventEmitter(), { method: request.method, url: request.path || '/', headers });
        const out: Record<string, string> = {};
        const res = {
          statusCode: 200,
          setHeader(name: string, value: unknown) {
            out[name.toLowerCase()] = String(value);
          },
          end(body?: string | Uint8Array) {
            resolve({ response: { statusCode: res.statusCode, headers: out, body: bodyBytes(body) } });
          },
        };
        try {
          listener(req as unknown as IncomingMessage, res as unknown as ServerResponse);
          req.emit('data', bodyBytes(request.body));
          req.emit('end');
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      }),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
}

/** The signature headers the engine looks for, fixed: it checks that they are there, never what they say (see embeddedClient). */
export const ENGINE_SIGNATURE = {
  'x-amz-date': '20260101T000000Z',
  authorization: 'AWS4-HMAC-SHA256 Credential=drift-embedded/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
} as const;
