import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataError } from '../../../../src/core/base/dataError';
import { type HttpRequest, type HttpTransport } from '../../../../src/core/sources/httpTransport';
import { loadPlan } from '../../../../src/core/sources/loadPlan';
import { type SourceAccess, queryPlan } from '../../../../src/core/sources/queryPlan';
import { SourceError } from '../../../../src/core/sources/sourceError';

/**
 * How a plan's answers become series (names, capacities, warnings, limits), from a transport
 * that answers each query as a Prometheus server would; the real servers are in queryPlan.test.ts.
 */
describe('queryPlan on the answers a server gives', () => {
  const NOW = Date.UTC(2026, 10, 20, 12, 7, 30);
  const MIN = 60_000;
  const END = Date.UTC(2026, 10, 20, 12, 5, 0); // NOW on the 5-minute grid
  type Series = { metric: Record<string, string>; values: [number, string][] };
  let sent: HttpRequest[] = [];
  let answers: Record<string, Series[]> = {};
  const transport: HttpTransport = (request) => {
    sent.push(request);
    const query = new URL(request.url).searchParams.get('query') ?? '';
    const result = answers[query];
    if (!result)
      return Promise.resolve({ status: 400, body: '{"status":"error","errorType":"bad_data","error":"unknown"}' });
    return Promise.resolve({
      status: 200,
      body: JSON.stringify({
        status: 'success',
        data: { resultType: 'matrix', result },
        ...(query === 'warned' ? { warnings: ['partial'] } : {}),
      }),
    });
  };
  const access = (extra: Partial<SourceAccess> = {}): SourceAccess => ({
    credential: () => Promise.resolve(undefined),
    transport,
    now: () => NOW,
    ...extra,
  });
  const plan = (body: Record<string, unknown>, file = '/w/plan.json') =>
    loadPlan(
      file,
      JSON.stringify({
        sources: [{ name: 'main', url: 'http://prom.example:9090' }],
        step: '5m',
        lookback: '1h',
        ...body,
      }),
    );
  /** A series with the given labels and values at the last steps before END. */
  const series = (labels: Record<string, string>, ...values: string[]): Series => ({
    metric: labels,
    values: values.map((v, i) => [(END - (values.length - 1 - i) * 5 * MIN) / 1000, v]),
  });
  beforeEach(() => {
    sent = [];
    answers = {};
  });

  it('asks each metric over its lookback, ending on the step grid at now, and keeps its unit and breach side', async () => {
    answers = { up: [series({}, '1', '2')], mem: [series({}, '3')] };
    const { raw, warnings } = await queryPlan(
      await plan({
        metrics: [
          { name: 'cpu', query: 'up', unit: '%', breach: 'below' },
          { name: 'mem', query: 'mem', lookback: '2h' },
        ],
      }),
      access(),
    );
    const params = sent.map((r) => Object.fromEntries(new URL(r.url).searchParams));
    assert.deepEqual(params, [
      { query: 'up', start: String((END - 3_600_000) / 1000), end: String(END / 1000), step: '300' },
      { query: 'mem', start: String((END - 7_200_000) / 1000), end: String(END / 1000), step: '300' },
    ]);
    assert.deepEqual(raw, [
      { name: 'cpu', times: [END - 5 * MIN, END], values: [1, 2], unit: '%', breach: 'below' },
      { name: 'mem', times: [END], values: [3] },
    ]);
    assert.deepEqual(warnings, []);
  });

  it('warns of a metric whose query returned no series (or only gaps), saying the lookback', async () => {
    answers = { a: [], b: [series({}, 'NaN')], c: [series({}, '1')], d: [] };
    const { raw, warnings } = await queryPlan(
      await plan({
        metrics: [
          { name: 'a', query: 'a', lookback: '2d' },
          { name: 'b', query: 'b', lookback: '90m' },
          { name: 'c', query: 'c' },
          { name: 'd', query: 'd', lookback: '36h' },
          { name: 'e', query: 'd', lookback: '1d' },
        ],
      }),
      access(),
    );
    assert.deepEqual(
      raw.map((r) => r.name),
      ['c'],
    );
    assert.deepEqual(warnings, [
      'a: the query returned no series in the last 2 d',
      'b: the query returned no series in the last 90 min',
      'd: the query returned no series in the last 2160 min',
      'e: the query returned no series in the last 1 d',
    ]);
  });

  it('fails when no query returned any series', async () => {
    answers = { a: [] };
    const err = await queryPlan(await plan({ metrics: [{ name: 'a', query: 'a' }] }), access()).catch(
      (e: unknown) => e,
    );
    assert.ok(err instanceof DataError, String(err));
    assert.match(err.message, /no query of the plan returned any series; check the queries and the lookback/);
  });

  it('names each series by the labels that differ, and warns of the values left out as gaps', async () => {
    answers = {
      q: [series({ job: 'n', instance: 'a' }, '1', 'NaN', '+Inf'), series({ job: 'n', instance: 'b' }, '2')],
    };
    const { raw, warnings } = await queryPlan(await plan({ metrics: [{ name: 'disk', query: 'q' }] }), access());
    assert.deepEqual(
      raw.map((r) => [r.name, r.values]),
      [
        ['disk{instance="a"}', [1]],
        ['disk{instance="b"}', [2]],
      ],
    );
    assert.deepEqual(warnings, ['disk{instance="a"}: 2 NaN or infinite values were left out as gaps']);
  });

  it('refuses a series name with a control character, naming the metric', async () => {
    answers = { q: [series({ 'in\u0007stance': 'a' }, '1'), series({ 'in\u0007stance': 'b' }, '1')] };
    const err = await queryPlan(await plan({ metrics: [{ name: 'disk', query: 'q' }] }), access()).catch(
      (e: unknown) => e,
    );
    assert.ok(err instanceof DataError, String(err));
    assert.match(err.message, /metric "disk": the series name .* holds a control character/);
  });

  it('gives every series a numeric capacity', async () => {
    answers = { q: [series({ i: 'a' }, '1'), series({ i: 'b' }, '1')] };
    const { raw } = await queryPlan(await plan({ metrics: [{ name: 'm', query: 'q', capacity: 80 }] }), access());
    assert.deepEqual(
      raw.map((r) => r.capacity),
      [80, 80],
    );
    assert.equal(sent.length, 1, 'no capacity query');
    assert.equal('ca' in (sent[0] ?? {}), false, 'no CA without a caFile');
  });

  it("passes the server's warnings on with the forecast", async () => {
    answers = { warned: [series({}, '1')] };
    const { warnings } = await queryPlan(await plan({ metrics: [{ name: 'm', query: 'warned' }] }), access());
    assert.deepEqual(warnings, ['source "main" (prom.example:9090), the query of "m": partial']);
  });

  it('names the capacity query when the server refuses it', async () => {
    answers = { q: [series({}, '1')] };
    const err = await queryPlan(
      await plan({ metrics: [{ name: 'm', query: 'q', capacity: 'nosuch' }] }),
      access(),
    ).catch((e: unknown) => e);
    assert.ok(err instanceof SourceError, String(err));
    assert.deepEqual(
      [err.failure, err.message],
      ['bad-query', 'source "main" (prom.example:9090) refused the capacity of "m" (bad_data): unknown'],
    );
  });

  it('takes the first of the capacity series that share as many labels', async () => {
    answers = {
      q: [series({ i: 'a', j: 'x' }, '1'), series({ i: 'b', j: 'y' }, '1')],
      size: [series({ i: 'a' }, '10'), series({ j: 'x' }, '20')],
    };
    const { raw } = await queryPlan(await plan({ metrics: [{ name: 'm', query: 'q', capacity: 'size' }] }), access());
    assert.deepEqual(
      raw.map((r) => r.capacity),
      [10, undefined],
    );
  });

  it("asks a capacity expression over the last ten steps and takes each series' newest value", async () => {
    answers = { q: [series({ i: 'a' }, '1'), series({ i: 'b' }, '1')], size: [series({ i: 'x' }, '100', '120')] };
    const { raw, warnings } = await queryPlan(
      await plan({ metrics: [{ name: 'm', query: 'q', capacity: 'size' }] }),
      access(),
    );
    const p = new URL(sent[1]?.url ?? '').searchParams;
    assert.deepEqual(
      [p.get('query'), p.get('start'), p.get('end')],
      ['size', String((END - 50 * MIN) / 1000), String(END / 1000)],
    );
    assert.deepEqual(
      raw.map((r) => r.capacity),
      [120, 120],
      'a single capacity series applies to all',
    );
    assert.deepEqual(warnings, []);
  });

  it('matches capacity series on the labels both have, the one sharing the most, ignoring __name__', async () => {
    answers = {
      q: [
        series({ __name__: 'used', instance: 'a', mount: '/' }, '1'),
        series({ __name__: 'used', instance: 'b', mount: '/' }, '1'),
        series({ __name__: 'used', instance: 'c', mount: '/' }, '1'),
      ],
      size: [
        series({ __name__: 'size', instance: 'a' }, '10'),
        series({ __name__: 'size', instance: 'a', mount: '/' }, '11'),
        series({ __name__: 'size', instance: 'b', mount: '/data' }, '20'),
        series({ __name__: 'size', other: 'x' }, '30'),
      ],
    };
    const { raw, warnings } = await queryPlan(
      await plan({ metrics: [{ name: 'm', query: 'q', capacity: 'size' }] }),
      access(),
    );
    assert.deepEqual(
      raw.map((r) => r.capacity),
      [11, 30, 30],
    );
    assert.deepEqual(warnings, []);
  });

  it('warns of series no capacity series agrees with, and of a capacity expression with no series', async () => {
    answers = {
      q: [series({ i: 'a' }, '1'), series({ i: 'b' }, '1'), series({ i: 'c' }, '1')],
      size: [series({ i: 'a' }, '10'), series({ i: 'z' }, '20')],
      none: [series({}, 'NaN')],
    };
    let result = await queryPlan(await plan({ metrics: [{ name: 'm', query: 'q', capacity: 'size' }] }), access());
    assert.deepEqual(
      result.raw.map((r) => r.capacity),
      [10, undefined, undefined],
    );
    assert.equal('capacity' in (result.raw[1] ?? {}), false);
    assert.deepEqual(result.warnings, ['m: 2 series matched no series of the capacity expression on their labels']);
    result = await queryPlan(await plan({ metrics: [{ name: 'm', query: 'q', capacity: 'none' }] }), access());
    assert.deepEqual(
      result.raw.map((r) => r.capacity),
      [undefined, undefined, undefined],
    );
    assert.deepEqual(result.warnings, ['m: the capacity expression returned no series; forecast without a capacity']);
  });

  it('asks a source for its credential once, with the hint and timeout of that source, and none for a source without auth', async () => {
    answers = { a: [series({}, '1')], b: [series({}, '2')], c: [series({}, '3')] };
    const asked: string[] = [];
    const resolved = await loadPlan(
      '/w/plan.json',
      JSON.stringify({
        sources: [
          { name: 'one', url: 'http://one.example', auth: { type: 'bearer' }, timeout: '10s' },
          { name: 'two', url: 'http://two.example' },
        ],
        metrics: [
          { name: 'a', query: 'a', source: 'one' },
          { name: 'b', query: 'b', source: 'one' },
          { name: 'c', query: 'c', source: 'two' },
        ],
      }),
    );
    await queryPlan(
      resolved,
      access({
        credential: (source, file) => {
          asked.push(`${source.name} ${file}`);
          return Promise.resolve({ secret: 'tok', origins: ['http://one.example'], howToAllow: '' });
        },
      }),
    );
    assert.deepEqual(asked, ['one /w/plan.json']);
    assert.deepEqual(
      sent.map((r) => [new URL(r.url).host, r.timeoutMs, r.headers['authorization']]),
      [
        ['one.example', 10_000, 'Bearer tok'],
        ['one.example', 10_000, 'Bearer tok'],
        ['two.example', 30_000, undefined],
      ],
    );
    const missing = await queryPlan(resolved, access({ credentialHint: (s) => `set the ${s.name} token` })).catch(
      (e: unknown) => e,
    );
    assert.ok(missing instanceof SourceError, String(missing));
    assert.match(missing.message, /needs a token, and none is set for it: set the one token$/);
  });

  it('names the CA file of a source when it cannot be read', async () => {
    answers = { a: [series({}, '1')] };
    const resolved = await loadPlan(
      '/nonexistent-dir/plan.json',
      JSON.stringify({
        sources: [{ name: 's', url: 'https://prom.example', caFile: 'ca.pem' }],
        metrics: [{ name: 'a', query: 'a' }],
      }),
    );
    const err = await queryPlan(resolved, access()).catch((e: unknown) => e);
    assert.match(String(err), /the CA file of source "s" \(prom\.example\) \/nonexistent-dir\/ca\.pem: ENOENT/);
  });

  it("reads a source's CA file beside the plan, and passes the signal on", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-ca-'));
    try {
      fs.writeFileSync(path.join(dir, 'ca.pem'), 'PEM TEXT');
      answers = { a: [series({}, '1')] };
      const signal = new AbortController().signal;
      const resolved = await loadPlan(
        path.join(dir, 'plan.json'),
        JSON.stringify({
          sources: [{ name: 's', url: 'https://prom.example', caFile: 'ca.pem' }],
          metrics: [{ name: 'a', query: 'a' }],
        }),
      );
      await queryPlan(resolved, access(), signal);
      assert.equal(sent[0]?.ca, 'PEM TEXT');
      assert.equal(sent[0]?.signal, signal);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses every query when the host refuses them, naming the first source', async () => {
    const err = await queryPlan(
      await plan({ metrics: [{ name: 'a', query: 'a' }] }),
      access({ refused: 'not trusted' }),
    ).catch((e: unknown) => e);
    assert.ok(err instanceof SourceError, String(err));
    assert.deepEqual([err.source, err.failure, err.message], ['main', 'restricted', 'not trusted']);
    assert.equal(sent.length, 0);
  });

  it('takes up to 1,000 series from a plan, and stops at the metric that passes that', async () => {
    const many = (n: number, key: string) => Array.from({ length: n }, (_, i) => series({ [key]: String(i) }, '1'));
    answers = { a: many(600, 'a'), b: many(400, 'b'), c: many(401, 'c') };
    const fits = await queryPlan(
      await plan({
        metrics: [
          { name: 'a', query: 'a' },
          { name: 'b', query: 'b' },
        ],
      }),
      access(),
    );
    assert.equal(fits.raw.length, 1000);
    const err = await queryPlan(
      await plan({
        metrics: [
          { name: 'a', query: 'a' },
          { name: 'c', query: 'c' },
        ],
      }),
      access(),
    ).catch((e: unknown) => e);
    assert.ok(err instanceof DataError, String(err));
    assert.match(
      err.message,
      /the plan's queries returned more than 1,000 series \(at "c"\); aggregate with sum by \(…\) or topk/,
    );
  });
});
