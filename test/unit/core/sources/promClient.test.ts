import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { type AddressInfo } from 'node:net';
import { type PlanSource } from '../../../../src/core/sources/planSchema';
import {
  LONG_QUERY_CHARS,
  MAX_SOURCE_RESPONSE_BYTES,
  MAX_STEPS_PER_REQUEST,
  type QueryContext,
  queryRange,
  sourceLabel,
} from '../../../../src/core/sources/promClient';
import { SourceError } from '../../../../src/core/sources/sourceError';
import {
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  TransportError,
  nodeTransport,
} from '../../../../src/core/sources/httpTransport';
import { queryPlan } from '../../../../src/core/sources/queryPlan';
import { loadPlan } from '../../../../src/core/sources/loadPlan';

/**
 * What real servers rarely say on cue (warnings, each errorType, a runaway body), from a
 * local HTTP server that answers as the Prometheus API documents; the real servers are in
 * queryPlan.test.ts.
 */
describe('the Prometheus API client on answers real servers seldom give', () => {
  let server: http.Server;
  let url: string;
  let answer: (res: http.ServerResponse) => void = (res) => res.end();
  before(async () => {
    server = http.createServer((_req, res) => answer(res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const source = (): PlanSource => ({ name: 'stub', url });
  const range = { startMs: 1_767_571_200_000, endMs: 1_767_571_200_000 + 3_600_000, stepMs: 300_000 };
  const json = (status: number, body: unknown) => (res: http.ServerResponse) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  it("shows the server's warnings with the forecast", async () => {
    answer = json(200, {
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: {}, values: [[1_767_571_200, '1']] }] },
      warnings: ['partial response: store gateway 3 down'],
    });
    const warnings: string[] = [];
    const ctx: QueryContext = { source: source(), warn: (w) => warnings.push(w) };
    await queryRange(ctx, 'the query of "m"', 'up', range);
    assert.deepEqual(warnings, [
      `source "stub" (${new URL(url).host}), the query of "m": partial response: store gateway 3 down`,
    ]);
  });

  it("says each error type in one sentence with the server's own message", async () => {
    const cases: [number, string, string][] = [
      [503, 'timeout', 'timeout'],
      [422, 'execution', 'server'],
      [503, 'unavailable', 'server'],
      [400, 'bad_data', 'bad-query'],
    ];
    for (const [status, errorType, failure] of cases) {
      answer = json(status, { status: 'error', errorType, error: `it went wrong\u001b[31m (${errorType})` });
      const err = await queryRange({ source: source(), warn: () => undefined }, 'the query of "m"', 'up', range).catch(
        (e: unknown) => e,
      );
      assert.ok(err instanceof SourceError, String(err));
      assert.equal(err.failure, failure);
      assert.match(
        err.message,
        new RegExp(`refused the query of "m" \\(${errorType}\\): it went wrong \\[31m \\(${errorType}\\)$`),
      );
    }
  });

  it('says an HTTP error without a Prometheus answer, naming the status', async () => {
    answer = (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    const err = await queryRange({ source: source(), warn: () => undefined }, 'the query of "m"', 'up', range).catch(
      (e: unknown) => e,
    );
    assert.ok(err instanceof SourceError && err.failure === 'http', String(err));
    assert.match(err.message, /answered the query of "m" with HTTP 502 and no Prometheus API answer/);
  });

  it('cuts off an answer larger than the cap, whether it declares its length or streams', async () => {
    answer = (res) => res.writeHead(200, { 'content-length': String(10_000) }).end('x'.repeat(10_000));
    const request = { url, method: 'GET' as const, headers: {}, timeoutMs: 5000, maxBytes: 1000 };
    await assert.rejects(nodeTransport(request), (e: unknown) => e instanceof TransportError && e.kind === 'too-large');
    answer = (res) => {
      res.writeHead(200);
      const chunk = 'y'.repeat(400);
      for (let i = 0; i < 10; i++) res.write(chunk);
      res.end();
    };
    await assert.rejects(nodeTransport(request), (e: unknown) => e instanceof TransportError && e.kind === 'too-large');
  });

  it('runs no query in Restricted Mode', async () => {
    let asked = 0;
    answer = (res) => {
      asked++;
      res.end();
    };
    const plan = await loadPlan(
      '/w/plan.json',
      JSON.stringify({ sources: [{ name: 's', url }], metrics: [{ name: 'm', query: 'up' }] }),
    );
    const err = await queryPlan(plan, {
      credential: () => Promise.resolve(undefined),
      refused: 'Restricted Mode',
    }).catch((e: unknown) => e);
    assert.ok(err instanceof SourceError && err.failure === 'restricted', String(err));
    assert.equal(asked, 0);
  });
});

/** What the client sends and how it reads each answer, through a transport that records the request. */
describe('the Prometheus API client, request by request', () => {
  const T0 = 1_767_571_200_000; // 2026-01-05T00:00:00Z
  const MIN = 60_000;
  let sent: HttpRequest[] = [];
  const matrix = (result: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ status: 'success', data: { resultType: 'matrix', result }, ...extra });
  const answering =
    (...bodies: (HttpResponse | ((r: HttpRequest) => HttpResponse))[]): HttpTransport =>
    (request) => {
      sent.push(request);
      const next = bodies.length > 1 ? bodies.shift() : bodies[0];
      return Promise.resolve(typeof next === 'function' ? next(request) : (next as HttpResponse));
    };
  const ok = (result: unknown[] = []): HttpResponse => ({ status: 200, body: matrix(result) });
  const failing =
    (err: Error): HttpTransport =>
    () =>
      Promise.reject(err);
  const source = (extra: Partial<PlanSource> = {}): PlanSource => ({
    name: 'prod',
    url: 'http://prom.example:9090',
    ...extra,
  });
  const ctxOf = (transport: HttpTransport, extra: Partial<QueryContext> = {}): QueryContext => ({
    source: source(),
    transport,
    warn: () => undefined,
    ...extra,
  });
  const range = { startMs: T0, endMs: T0 + 10 * MIN, stepMs: MIN };
  const refusal = async (ctx: QueryContext, query = 'up'): Promise<SourceError> => {
    const err = await queryRange(ctx, 'the query of "m"', query, range).catch((e: unknown) => e);
    assert.ok(err instanceof SourceError, String(err));
    assert.equal(err.source, 'prod');
    return err;
  };
  beforeEach(() => {
    sent = [];
  });

  it('names a source by its name and host', () => {
    assert.equal(sourceLabel(source()), 'source "prod" (prom.example:9090)');
    assert.equal(sourceLabel(source({ url: 'https://prom.example/api/' })), 'source "prod" (prom.example)');
    assert.equal(sourceLabel(source({ url: 'ftp://files.example/x' })), 'source "prod" (files.example)');
  });

  it('asks query_range by GET, on the step grid, with the default timeout and the size cap', async () => {
    const ctx = ctxOf(answering(ok()), {
      source: source({ url: 'http://prom.example:9090//', headers: { 'X-Scope-OrgID': 'a' } }),
    });
    await queryRange(ctx, 'the query of "m"', 'rate(x[5m])', {
      startMs: T0 + 1,
      endMs: T0 + 10 * MIN - 1,
      stepMs: MIN,
    });
    assert.equal(sent.length, 1);
    const [req] = sent;
    assert.equal(req?.method, 'GET');
    assert.equal(
      req?.url,
      `http://prom.example:9090/api/v1/query_range?query=rate%28x%5B5m%5D%29&start=${(T0 + MIN) / 1000}&end=${(T0 + 9 * MIN) / 1000}&step=60`,
    );
    assert.deepEqual(req?.headers, { accept: 'application/json', 'X-Scope-OrgID': 'a' });
    assert.equal(req?.body, undefined);
    assert.equal(req?.timeoutMs, 30_000);
    assert.equal(req?.maxBytes, MAX_SOURCE_RESPONSE_BYTES);
    assert.equal(MAX_SOURCE_RESPONSE_BYTES, 64 * 1024 * 1024);
    assert.equal('signal' in (req ?? {}), false);
    assert.equal('ca' in (req ?? {}), false);
  });

  it("passes the context's timeout, signal and CA on", async () => {
    const signal = new AbortController().signal;
    await queryRange(ctxOf(answering(ok()), { timeoutMs: 5000, signal, ca: 'PEM' }), 'q', 'up', range);
    assert.equal(sent[0]?.timeoutMs, 5000);
    assert.equal(sent[0]?.signal, signal);
    assert.equal(sent[0]?.ca, 'PEM');
  });

  it(`asks by POST when told, or when the parameters are longer than ${LONG_QUERY_CHARS} characters, unless told GET`, async () => {
    const params = (query: string) =>
      new URLSearchParams({
        query,
        start: String(T0 / 1000),
        end: String((T0 + 10 * MIN) / 1000),
        step: '60',
      }).toString();
    await queryRange(ctxOf(answering(ok()), { source: source({ method: 'post' }) }), 'q', 'up', range);
    assert.equal(sent[0]?.method, 'POST');
    assert.equal(sent[0]?.url, 'http://prom.example:9090/api/v1/query_range');
    assert.equal(sent[0]?.body, params('up'));
    assert.equal(sent[0]?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(sent[0]?.headers['accept'], 'application/json');

    const fits = 'x'.repeat(LONG_QUERY_CHARS - params('').length);
    const over = `${fits}y`;
    assert.equal(params(fits).length, LONG_QUERY_CHARS);
    await queryRange(ctxOf(answering(ok())), 'q', fits, range);
    await queryRange(ctxOf(answering(ok())), 'q', over, range);
    await queryRange(ctxOf(answering(ok()), { source: source({ method: 'get' }) }), 'q', over, range);
    assert.deepEqual(
      sent.slice(1).map((r) => [r.method, r.headers['content-type']]),
      [
        ['GET', undefined],
        ['POST', 'application/x-www-form-urlencoded'],
        ['GET', undefined],
      ],
    );
  });

  it('signs a request with basic auth or a bearer token, only to an origin the secret is bound to', async () => {
    const credential = { secret: 's3cret', origins: ['http://prom.example:9090'], howToAllow: 'allow it' };
    await queryRange(
      ctxOf(answering(ok()), { source: source({ auth: { type: 'basic', username: 'ann' } }), credential }),
      'q',
      'up',
      range,
    );
    await queryRange(
      ctxOf(answering(ok()), { source: source({ auth: { type: 'bearer' } }), credential }),
      'q',
      'up',
      range,
    );
    await queryRange(
      ctxOf(answering(ok()), { source: source({ auth: { type: 'none' } }), credential }),
      'q',
      'up',
      range,
    );
    assert.deepEqual(
      sent.map((r) => r.headers['authorization']),
      [`Basic ${Buffer.from('ann:s3cret').toString('base64')}`, 'Bearer s3cret', undefined],
    );
  });

  it('sends nothing when the secret is missing or bound elsewhere, and says how to set or allow it', async () => {
    const basic = source({ auth: { type: 'basic', username: 'ann' } });
    const bearer = source({ auth: { type: 'bearer' } });
    let err = await refusal(
      ctxOf(answering(ok()), { source: basic, credentialHint: 'set BOTTLENECK_SOURCE_PROD_PASSWORD' }),
    );
    assert.equal(err.failure, 'auth');
    assert.equal(
      err.message,
      'source "prod" (prom.example:9090) needs a password, and none is set for it: set BOTTLENECK_SOURCE_PROD_PASSWORD',
    );
    err = await refusal(ctxOf(answering(ok()), { source: bearer }));
    assert.equal(err.message, 'source "prod" (prom.example:9090) needs a token, and none is set for it');
    err = await refusal(
      ctxOf(answering(ok()), {
        source: bearer,
        credential: {
          secret: 't',
          origins: ['https://a.example', 'http://b.example:81'],
          howToAllow: 'run with --allow',
        },
      }),
    );
    assert.equal(
      err.message,
      'source "prod" (prom.example:9090): its token is bound to a.example or b.example:81, not to prom.example:9090 (a plan cannot send it elsewhere); run with --allow',
    );
    err = await refusal(
      ctxOf(answering(ok()), { source: basic, credential: { secret: 't', origins: [], howToAllow: 'allow' } }),
    );
    assert.match(err.message, /its password is bound to no host, not to prom\.example:9090/);
    assert.equal(sent.length, 0);
  });

  it('says each transport failure in a sentence of its own', async () => {
    const cases: [TransportError, string, string][] = [
      [
        new TransportError('timeout', 'no answer within 30 s'),
        'timeout',
        'did not answer the query of "m" in time (no answer within 30 s)',
      ],
      [
        new TransportError('unreachable', 'ECONNREFUSED'),
        'unreachable',
        'cannot be reached (ECONNREFUSED); is the server running and the URL right?',
      ],
      [
        new TransportError('unreachable', 'SELF_SIGNED_CERT_IN_CHAIN'),
        'unreachable',
        `cannot be reached: its certificate is not trusted (SELF_SIGNED_CERT_IN_CHAIN); name its CA in the source's "caFile"`,
      ],
      [
        new TransportError('too-large', '70000000 bytes'),
        'too-large',
        'answered the query of "m" with more than 64 MiB; aggregate the query (sum by (…), topk) or use a longer step',
      ],
      [
        new TransportError('cancelled', 'cancelled'),
        'cancelled',
        'was not asked the query of "m": the forecast was cancelled',
      ],
    ];
    for (const [thrown, failure, why] of cases) {
      const err = await refusal(ctxOf(failing(thrown)));
      assert.equal(err.failure, failure);
      assert.equal(err.message, `source "prod" (prom.example:9090) ${why}`);
    }
    for (const code of [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'CERT_HAS_EXPIRED',
    ])
      assert.match(
        (await refusal(ctxOf(failing(new TransportError('unreachable', code))))).message,
        /certificate is not trusted/,
        code,
      );
  });

  it('lets any other error through as it is', async () => {
    const odd = new RangeError('not a transport failure');
    assert.equal(await queryRange(ctxOf(failing(odd)), 'q', 'up', range).catch((e: unknown) => e), odd);
  });

  it('says a refused credential, naming what to check', async () => {
    const credential = { secret: 's', origins: ['http://prom.example:9090'], howToAllow: '' };
    for (const [status, auth, what] of [
      [401, { type: 'bearer' }, 'token'],
      [403, { type: 'basic', username: 'u' }, 'password'],
    ] as const) {
      const err = await refusal(
        ctxOf(answering({ status, body: matrix([]) }), { source: source({ auth }), credential }),
      );
      assert.equal(err.failure, 'auth');
      assert.equal(
        err.message,
        `source "prod" (prom.example:9090) refused the credentials (HTTP ${status}); check the plan's auth and the stored ${what}`,
      );
    }
    const unsigned = await refusal(ctxOf(answering({ status: 401, body: matrix([]) })));
    assert.match(
      unsigned.message,
      /refused the credentials \(HTTP 401\); check the plan's auth and the stored password$/,
    );
  });

  it('says an answer that is not JSON: a server fault under 2xx, an HTTP fault otherwise, with the start of the text', async () => {
    let err = await refusal(ctxOf(answering({ status: 200, body: '  ' })));
    assert.equal(err.failure, 'server');
    assert.equal(
      err.message,
      'source "prod" (prom.example:9090) answered the query of "m" with HTTP 200 and no Prometheus API answer; is the URL the API\'s base (without /api/v1)?',
    );
    err = await refusal(ctxOf(answering({ status: 299, body: 'x' })));
    assert.equal(err.failure, 'server');
    err = await refusal(ctxOf(answering({ status: 300, body: 'x' })));
    assert.equal(err.failure, 'http');
    err = await refusal(ctxOf(answering({ status: 199, body: 'x' })));
    assert.equal(err.failure, 'http');
    err = await refusal(ctxOf(answering({ status: 404, body: `\n404 page\u0007not found ${'z'.repeat(200)}` })));
    assert.equal(
      err.message,
      `source "prod" (prom.example:9090) answered the query of "m" with HTTP 404 and no Prometheus API answer: ${`404 page not found ${'z'.repeat(200)}`.slice(0, 120)}; is the URL the API's base (without /api/v1)?`,
    );
  });

  it("says an answer that is JSON but not the API's, naming the source", async () => {
    const err = await refusal(
      ctxOf(answering({ status: 200, body: '{"status":"success","data":{"resultType":"vector","result":[]}}' })),
    );
    assert.equal(err.failure, 'server');
    assert.match(err.message, /^source "prod" \(prom\.example:9090\): the result is a vector, not a matrix/);
  });

  it('refuses a successful answer that came with an error status', async () => {
    const err = await refusal(ctxOf(answering({ status: 500, body: matrix([]) })));
    assert.equal(err.failure, 'http');
    assert.equal(err.message, 'source "prod" (prom.example:9090) answered the query of "m" with HTTP 500');
    for (const status of [199, 300, 302])
      assert.equal((await refusal(ctxOf(answering({ status, body: matrix([]) })))).failure, 'http', String(status));
    assert.deepEqual(await queryRange(ctxOf(answering({ status: 204, body: matrix([]) })), 'q', 'up', range), []);
  });

  it('calls an unknown error type a server fault, and cuts a long server message at 300 characters', async () => {
    const err = await refusal(
      ctxOf(
        answering({
          status: 422,
          body: JSON.stringify({ status: 'error', errorType: 'internal', error: 'e'.repeat(400) }),
        }),
      ),
    );
    assert.equal(err.failure, 'server');
    assert.equal(
      err.message,
      `source "prod" (prom.example:9090) refused the query of "m" (internal): ${'e'.repeat(300)}…`,
    );
    const exact = await refusal(
      ctxOf(
        answering({ status: 422, body: JSON.stringify({ status: 'error', errorType: 'x', error: 'f'.repeat(300) }) }),
      ),
    );
    assert.equal(exact.message, `source "prod" (prom.example:9090) refused the query of "m" (x): ${'f'.repeat(300)}`);
  });

  it('passes each warning and info on, one line each', async () => {
    const warnings: string[] = [];
    await queryRange(
      ctxOf(answering({ status: 200, body: matrix([], { warnings: ['w1\r\nmore'], infos: ['i1'] }) }), {
        warn: (w) => warnings.push(w),
      }),
      'the query of "m"',
      'up',
      range,
    );
    assert.deepEqual(warnings, [
      'source "prod" (prom.example:9090), the query of "m": w1 more',
      'source "prod" (prom.example:9090), the query of "m": i1',
    ]);
  });

  it(`asks at most ${MAX_STEPS_PER_REQUEST} steps at a time and joins the chunks per label set`, async () => {
    const series = (labels: Record<string, string>, t: number, v: string) => ({
      metric: labels,
      values: [[t / 1000, v]],
    });
    const transport = answering((r) => {
      const start = Number(new URL(r.url).searchParams.get('start')) * 1000;
      return ok([series({ b: '1', a: '2' }, start, '1'), series({ a: '3' }, start, 'NaN')]);
    });
    const steps = 2 * MAX_STEPS_PER_REQUEST + 1; // three chunks: 10,000, 10,000 and 1 step
    const result = await queryRange(ctxOf(transport), 'q', 'up', {
      startMs: T0,
      endMs: T0 + (steps - 1) * MIN,
      stepMs: MIN,
    });
    assert.deepEqual(
      sent.map((r) => {
        const p = new URL(r.url).searchParams;
        return [(Number(p.get('start')) * 1000 - T0) / MIN, (Number(p.get('end')) * 1000 - T0) / MIN];
      }),
      [
        [0, MAX_STEPS_PER_REQUEST - 1],
        [MAX_STEPS_PER_REQUEST, 2 * MAX_STEPS_PER_REQUEST - 1],
        [2 * MAX_STEPS_PER_REQUEST, 2 * MAX_STEPS_PER_REQUEST],
      ],
    );
    assert.equal(result.length, 2);
    assert.deepEqual(result[0]?.labels, { b: '1', a: '2' });
    assert.deepEqual(result[0]?.times, [T0, T0 + MAX_STEPS_PER_REQUEST * MIN, T0 + 2 * MAX_STEPS_PER_REQUEST * MIN]);
    assert.deepEqual(result[0]?.values, [1, 1, 1]);
    assert.equal(result[0]?.dropped, 0);
    assert.deepEqual(result[1]?.labels, { a: '3' });
    assert.deepEqual(result[1]?.times, []);
    assert.equal(result[1]?.dropped, 3);
  });

  it('joins series whose labels come in another order, and asks nothing for a range shorter than a step', async () => {
    let call = 0;
    const transport = answering(() =>
      ok([
        {
          metric: call++ === 0 ? { a: '1', b: '2', c: '3', d: '4' } : { d: '4', c: '3', b: '2', a: '1' },
          values: [[T0 / 1000 + call, '5']],
        },
      ]),
    );
    const joined = await queryRange(ctxOf(transport), 'q', 'up', {
      startMs: T0,
      endMs: T0 + MAX_STEPS_PER_REQUEST * MIN,
      stepMs: MIN,
    });
    assert.equal(sent.length, 2);
    assert.equal(joined.length, 1);
    assert.equal(joined[0]?.values.length, 2);
    sent = [];
    assert.deepEqual(
      await queryRange(ctxOf(transport), 'q', 'up', { startMs: T0 + 1, endMs: T0 + MIN - 1, stepMs: MIN }),
      [],
    );
    assert.equal(sent.length, 0);
  });
});
