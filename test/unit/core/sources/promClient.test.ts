import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { type AddressInfo } from 'node:net';
import { type PlanSource } from '../../../../src/core/sources/planSchema';
import { type QueryContext, queryRange } from '../../../../src/core/sources/promClient';
import { SourceError } from '../../../../src/core/sources/sourceError';
import { TransportError, nodeTransport } from '../../../../src/core/sources/httpTransport';
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
