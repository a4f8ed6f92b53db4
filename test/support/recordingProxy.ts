import * as http from 'node:http';
import * as https from 'node:https';
import { type AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface RecordingProxy {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A small HTTP proxy in front of a real server, as a gateway before Mimir or Cortex would
 * be: it records every request (method, path, headers, body), answers 401 when a bearer
 * token is required and missing or wrong, and otherwise forwards the request unchanged.
 * `hang` makes it never answer (a server that stopped responding).
 */
export function startRecordingProxy(
  target: string,
  options: {
    readonly bearer?: string;
    readonly hang?: boolean;
    /** Serve https with this key and certificate. */
    readonly tls?: { readonly key: string; readonly cert: string };
  } = {},
): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (options.hang) return;
      if (options.bearer !== undefined && req.headers.authorization !== `Bearer ${options.bearer}`) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
        return;
      }
      const headers = { ...req.headers };
      delete headers.host;
      delete headers.authorization;
      const upstream = http.request(
        `${target}${req.url ?? ''}`,
        { method: req.method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end('bad gateway'));
      upstream.end(body);
    });
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
