import http from 'node:http';
import https from 'node:https';
import { DriftError } from '../../../core/errors';
import { parseRetryAfter } from '../../retry-after';

// A few GETs of named objects need no more than this. @kubernetes/client-node would do it too, but it
// bundles to well over 1 MB (generated models for every API group, its own YAML, WebSocket and
// OIDC dependencies), which every cold start of the snapshot Lambda would pay for.

/** What a GET of one Kubernetes object returned: 200 with its JSON, or 404 without a body. */
export interface KubeResponse {
  status: number;
  body?: unknown;
}

/** Reads named objects from one cluster's API server. */
export interface KubeClient {
  getObject(path: string): Promise<KubeResponse>;
  /** Closes kept-alive connections. */
  close?(): void;
}

/** Makes a client for an API server: its endpoint, its CA (base64 PEM, as DescribeCluster gives it), a bearer token. */
export type KubeClientFactory = (endpoint: string, caData: string | undefined, token: string) => KubeClient;

export type KubeFailure = 'token-refused' | 'forbidden' | 'status' | 'network' | 'timeout' | 'too-large' | 'not-json';

/**
 * A failed GET. The message names the path and the status, never the response body: the body of a
 * Secret (or an error that echoes one) holds secrets.
 */
export class KubeApiError extends DriftError {
  override readonly name = 'KubeApiError';
  readonly userFacing = false;

  constructor(
    message: string,
    readonly path: string,
    readonly failure: KubeFailure,
    readonly status?: number,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, { ...options, context: { path, failure, ...(status !== undefined ? { status } : {}) } });
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /** A 429's Retry-After: how long the API server asked drift to wait (the rate limiter waits at least that). */
  readonly retryAfterMs?: number;
}

export interface HttpKubeClientOptions {
  endpoint: string;
  caData?: string;
  token: string;
  timeoutMs?: number;
  maxBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function statusError(path: string, status: number, retryAfter: string | undefined): KubeApiError {
  if (status === 401) {
    return new KubeApiError(
      `GET ${path}: 401 Unauthorized: the API server refused the token (does the cluster have an access entry for this IAM role?)`,
      path,
      'token-refused',
      status,
    );
  }
  if (status === 403) {
    return new KubeApiError(
      `GET ${path}: 403 Forbidden: the Role bound to drift's Kubernetes group does not allow get on this object`,
      path,
      'forbidden',
      status,
    );
  }
  const retryAfterMs = status === 429 ? parseRetryAfter(retryAfter, Date.now()) : undefined;
  return new KubeApiError(`GET ${path}: HTTP ${status}`, path, 'status', status, retryAfterMs === undefined ? {} : { retryAfterMs });
}

/** A minimal Kubernetes API client over node:http(s): bearer token, cluster CA, timeout, size cap. */
export class HttpKubeClient implements KubeClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(private readonly opts: HttpKubeClientOptions) {
    this.base = new URL(opts.endpoint);
    // A bearer token must not cross the network in clear text; plain HTTP is only for a local test server.
    if (this.base.protocol !== 'https:' && !(this.base.protocol === 'http:' && LOOPBACK.has(this.base.hostname))) {
      throw new KubeApiError(`the API endpoint must use https (got ${this.base.protocol})`, '', 'network');
    }
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    // Kept alive so the handful of GETs of one workload share one TLS handshake.
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, maxSockets: 4, ...(opts.caData ? { ca: Buffer.from(opts.caData, 'base64') } : {}) })
        : new http.Agent({ keepAlive: true, maxSockets: 4 });
  }

  /** GETs one object; 404 is `{ status: 404 }`, every other failure a KubeApiError. */
  getObject(path: string): Promise<KubeResponse> {
    const url = new URL(path, this.base);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<KubeResponse>((resolve, reject) => {
      const fail = (err: KubeApiError): void => {
        clearTimeout(timer);
        req.destroy();
        reject(err);
      };
      const req = transport.request(url, {
        method: 'GET',
        agent: this.agent,
        headers: { Authorization: `Bearer ${this.opts.token}`, Accept: 'application/json', 'User-Agent': 'drift' },
      });
      // One deadline for the whole exchange, so a server that trickles bytes cannot hold a run.
      const timer = setTimeout(
        () => fail(new KubeApiError(`GET ${path}: no answer within ${this.timeoutMs} ms`, path, 'timeout')),
        this.timeoutMs,
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        // Node's message names only the address (`connect ECONNREFUSED 10.0.0.1:443`); the code is enough.
        fail(new KubeApiError(`GET ${path}: cannot reach the API server (${err.code ?? err.name})`, path, 'network'));
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          res.resume();
          clearTimeout(timer);
          if (status === 404) resolve({ status });
          else reject(statusError(path, status, res.headers['retry-after']));
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (declared > this.maxBytes)
          return fail(new KubeApiError(`GET ${path}: the response is larger than ${this.maxBytes} bytes`, path, 'too-large', status));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxBytes)
            fail(new KubeApiError(`GET ${path}: the response is larger than ${this.maxBytes} bytes`, path, 'too-large', status));
          else chunks.push(chunk);
        });
        res.on('error', () => fail(new KubeApiError(`GET ${path}: the response was cut off`, path, 'network', status)));
        res.on('end', () => {
          clearTimeout(timer);
          if (size > this.maxBytes) return;
          try {
            resolve({ status, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch {
            // JSON.parse's message quotes the input, which may be a Secret.
            reject(new KubeApiError(`GET ${path}: the response is not JSON`, path, 'not-json', status));
          }
        });
      });
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The default factory: an HttpKubeClient per cluster and token. */
export const httpKubeClient: KubeClientFactory = (endpoint, caData, token) =>
  new HttpKubeClient({ endpoint, ...(caData ? { caData } : {}), token });

/** The default factory with the installation's deadline for each GET (connection, TLS, answer and body). */
export const httpKubeClientWithin =
  (timeoutMs: number): KubeClientFactory =>
  (endpoint, caData, token) =>
    new HttpKubeClient({ endpoint, ...(caData ? { caData } : {}), token, timeoutMs });
