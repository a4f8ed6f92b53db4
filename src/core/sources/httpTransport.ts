import * as http from 'node:http';
import * as https from 'node:https';

export interface HttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
  /** The whole request, connect to last byte. */
  readonly timeoutMs: number;
  /** The largest body read; a larger one is refused. */
  readonly maxBytes: number;
  /** PEM certificate authorities to trust for https (besides none: they replace the defaults). */
  readonly ca?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** Why a request got no response: said by the caller, who knows the source. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: 'timeout' | 'unreachable' | 'too-large' | 'cancelled',
    message: string,
  ) {
    super(message);
  }
}

/** How a request is sent: injected, so a test can see or stand in for the network. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/**
 * A request with Node's own http/https (a custom CA needs its agent options, which
 * `fetch` does not take): no redirect is followed (one would carry a credential to
 * another host), the body is read up to `maxBytes` (a declared longer one is refused
 * unread), and the timeout covers the whole exchange.
 */
export const nodeTransport: HttpTransport = (request) =>
  new Promise<HttpResponse>((resolve, reject) => {
    if (request.signal?.aborted) return reject(new TransportError('cancelled', 'cancelled'));
    const url = new URL(request.url);
    const lib = url.protocol === 'https:' ? https : http;
    let settled = false;
    const done = (fn: () => void): void => {
      if (settled) return;
      // Stryker disable next-line BooleanLiteral: a second settle of a settled promise is a no-op; the flag only skips the clean-up
      settled = true;
      // Stryker disable next-line CallExpression: a timer left running finds the promise settled; it only holds the event loop
      clearTimeout(timer);
      // Stryker disable next-line StringLiteral: a listener left on the signal finds the promise settled; it only holds memory
      request.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const req = lib.request(
      url,
      {
        method: request.method,
        headers: {
          ...request.headers,
          ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}),
        },
        ...(request.ca !== undefined && url.protocol === 'https:' ? { ca: request.ca } : {}),
      },
      (res) => {
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > request.maxBytes) {
          // Stryker disable next-line CallExpression: the refusal is already given; destroying only stops the download
          res.destroy();
          return done(() => reject(new TransportError('too-large', `${declared} bytes`)));
        }
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > request.maxBytes) {
            // Stryker disable next-line CallExpression: the refusal is given below and no later chunk is kept; destroying only stops the download
            res.destroy();
            // Stryker disable next-line CallExpression: as above, for the request's socket
            req.destroy();
            done(() => reject(new TransportError('too-large', `more than ${request.maxBytes} bytes`)));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          done(() => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })),
        );
        res.on('error', (e) => done(() => reject(new TransportError('unreachable', e.message))));
      },
    );
    const onAbort = (): void => {
      // Stryker disable next-line CallExpression: the cancellation is given at once; destroying only stops the exchange
      req.destroy();
      done(() => reject(new TransportError('cancelled', 'cancelled')));
    };
    const timer = setTimeout(() => {
      req.destroy();
      done(() => reject(new TransportError('timeout', `no answer within ${request.timeoutMs / 1000} s`)));
    }, request.timeoutMs);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: done() removes the listener, so it runs at most once either way
    request.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e: NodeJS.ErrnoException) =>
      done(() => reject(new TransportError('unreachable', e.code ?? e.message))),
    );
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
