import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { type AddressInfo } from 'node:net';
import { type HttpRequest, TransportError, nodeTransport } from '../../../../src/core/sources/httpTransport';

/** What nodeTransport sends and how it reads answers, against a local HTTP server on 127.0.0.1. */
describe('nodeTransport (the sources HTTP client)', () => {
  let server: http.Server;
  let url: string;
  let seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let answer: (res: http.ServerResponse) => void = (res) => res.end();
  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        answer(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    seen = [];
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const get = (extra: Partial<HttpRequest> = {}): HttpRequest => ({
    url: `${url}/api/v1/query_range?query=up`,
    method: 'GET',
    headers: { accept: 'application/json' },
    timeoutMs: 10_000,
    maxBytes: 1000,
    ...extra,
  });
  const failure = async (request: HttpRequest): Promise<TransportError> => {
    const err = await nodeTransport(request).catch((e: unknown) => e);
    assert.ok(err instanceof TransportError, String(err));
    return err;
  };

  it('sends a GET with its headers and no body, and gives the status and the whole body', async () => {
    answer = (res) => res.writeHead(418).end('I am a teapot é');
    const res = await nodeTransport(get({ headers: { accept: 'application/json', 'x-scope': 'team-a' } }));
    assert.deepEqual(res, { status: 418, body: 'I am a teapot é' });
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.method, 'GET');
    assert.equal(seen[0]?.url, '/api/v1/query_range?query=up');
    assert.equal(seen[0]?.headers['x-scope'], 'team-a');
    assert.equal(seen[0]?.headers['content-length'], undefined);
    assert.equal(seen[0]?.body, '');
  });

  it('sends a POST body with its length in bytes', async () => {
    answer = (res) => res.end('ok');
    const body = 'query=sum(rate(x[5m]))&note=é';
    await nodeTransport(get({ method: 'POST', body }));
    assert.equal(seen[0]?.method, 'POST');
    assert.equal(seen[0]?.body, body);
    assert.equal(seen[0]?.headers['content-length'], String(Buffer.byteLength(body)));
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    answer = (res) => res.writeHead(302, { location: 'http://elsewhere.example/' }).end('moved');
    assert.deepEqual(await nodeTransport(get()), { status: 302, body: 'moved' });
    assert.equal(seen.length, 1);
  });

  it('reads a body of exactly maxBytes, and refuses one byte more, declared or streamed', async () => {
    answer = (res) => res.writeHead(200, { 'content-length': '1000' }).end('a'.repeat(1000));
    assert.equal((await nodeTransport(get())).body.length, 1000);
    answer = (res) => {
      res.writeHead(200);
      res.write('b'.repeat(600));
      res.end('b'.repeat(400));
    };
    assert.equal((await nodeTransport(get())).body.length, 1000);
    answer = (res) => res.writeHead(200, { 'content-length': '1001' }).end('c'.repeat(1001));
    const declared = await failure(get());
    assert.equal(declared.kind, 'too-large');
    assert.equal(declared.message, '1001 bytes');
    answer = (res) => {
      res.writeHead(200);
      res.write('d'.repeat(600));
      res.end('d'.repeat(401));
    };
    const streamed = await failure(get());
    assert.equal(streamed.kind, 'too-large');
    assert.equal(streamed.message, 'more than 1000 bytes');
  });

  it('gives up after timeoutMs with a timeout that says how long it waited', async () => {
    answer = () => undefined; // never answers
    const err = await failure(get({ timeoutMs: 50 }));
    assert.equal(err.kind, 'timeout');
    assert.equal(err.message, 'no answer within 0.05 s');
  });

  it('sends nothing when already cancelled, and stops a request in flight when cancelled', async () => {
    const before = new AbortController();
    before.abort();
    const early = await failure(get({ signal: before.signal }));
    assert.deepEqual([early.kind, early.message], ['cancelled', 'cancelled']);
    assert.equal(seen.length, 0, 'no request left');

    const during = new AbortController();
    answer = () => during.abort();
    const late = await failure(get({ signal: during.signal }));
    assert.deepEqual([late.kind, late.message], ['cancelled', 'cancelled']);
    assert.equal(seen.length, 1);
  });

  it('says a refused connection is unreachable, with the system error code', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await failure(get({ url: `http://127.0.0.1:${port}/` }));
    assert.deepEqual([err.kind, err.message], ['unreachable', 'ECONNREFUSED']);
  });

  it('says a body cut off midway is unreachable', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial', () => res.socket?.destroy());
    };
    const err = await failure(get());
    assert.deepEqual([err.kind, err.message], ['unreachable', 'aborted']);
  });

  it('is a TransportError by name, for logs', () => {
    const err = new TransportError('timeout', 'x');
    assert.equal(err.name, 'TransportError');
    assert.ok(err instanceof Error);
  });
});
