import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileReadError } from '../../../../src/core/boundedRead';
import { DataError, NotMetricsFileError } from '../../../../src/core/base/dataError';
import { InputError } from '../../../../src/core/base/inputError';
import { type ForecastData } from '../../../../src/core/base/forecastSchema';
import { type FleetRow, type FleetThresholds } from '../../../../src/core/fleet/fleetRow';
import { type FleetSeries } from '../../../../src/core/fleet/fleetTasks';
import {
  type FleetResult,
  forecastFleet,
  forecastSetInWorker,
  preparePlan,
  reviveError,
} from '../../../../src/core/fleet/forecastFleet';
import { rowKey } from '../../../../src/core/fleet/ranking';
import { TaskError, serveTasks } from '../../../../src/core/fleet/workerPool';
import { type ForecastSource } from '../../../../src/core/pipeline/runForecast';
import { type SourceAccess } from '../../../../src/core/sources/queryPlan';
import { SourceError } from '../../../../src/core/sources/sourceError';
import { type FakePrometheus, startFakePrometheus } from '../../../support/fakePrometheus';

const STEP = 300_000;
const N = 4032;
const START = Date.parse('2026-10-01T00:00:00Z');

/** A deterministic pseudo-random stream. */
function lcg(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
}

/**
 * A series that rises linearly to cross 90 at step `crossAt` (counted from the first step),
 * with a small daily wave and noise; `crossAt` null is flat.
 */
export function trendSeries(name: string, crossAt: number | null, seed: number): FleetSeries {
  const random = lcg(seed);
  const slope = crossAt === null ? 0 : 40 / crossAt;
  const values = new Float64Array(N);
  for (let i = 0; i < N; i++)
    values[i] = 50 + slope * i + 1.5 * Math.sin((2 * Math.PI * i) / 288) + 0.6 * (random() - 0.5);
  return {
    name,
    group: 'cpu',
    unit: '%',
    capacity: 90,
    breach: 'above',
    start: START,
    stepMs: STEP,
    values,
    filled: 0,
  };
}

describe('forecastFleet: many series on worker threads, ranked as they finish', function () {
  this.timeout(120_000);

  it('ranks a generated fleet in its true breach order: breached first, then soonest, then none', async () => {
    // crossing steps after the end of the history (4032) and one before it (already breached)
    const crossings: [string, number | null][] = [
      ['e', N + 900],
      ['breached', N - 200],
      ['b', N + 250],
      ['flat1', null],
      ['d', N + 700],
      ['a', N + 60],
      ['c', N + 450],
      ['flat2', null],
    ];
    const series = crossings.map(([name, at], k) => trendSeries(`cpu{host="${name}"}`, at, k + 1));
    const ranked: string[] = [];
    const result = await forecastFleet(
      { series, name: 'generated' },
      { workers: 2, onRow: (r) => ranked.push(r.series) },
    );
    const order = result.rows.map((r) => r.series.replace(/^cpu\{host="(.*)"\}$/, '$1'));
    assert.deepEqual(order.slice(0, 6), ['breached', 'a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(order.slice(6).sort(), ['flat1', 'flat2']);
    assert.equal(ranked.length, 8, 'every row was reported as it was ranked');
    const top = result.rows[0] as FleetRow;
    assert.equal(top.alreadyBreached, true);
    assert.equal(top.status, 'critical');
    assert.deepEqual({ ...top.labels }, { host: 'breached' });
    const a = result.rows[1] as FleetRow;
    // 60 steps of 5 minutes = 5 h after the last point: critical by the default 24 h
    assert.equal(a.status, 'critical');
    assert.ok(a.msToBreach !== null && a.msToBreach < 24 * 3_600_000, String(a.msToBreach));
    assert.equal((result.rows.at(-1) as FleetRow).status, 'ok');
    assert.equal(result.workers, 2);
    assert.ok(result.firstRowMs !== null && result.firstRowMs <= result.elapsedMs);
    assert.equal(result.series.size, 8);
  });

  it('a series with too little history gets a row that says why, ranked last; the others are forecast', async () => {
    const short = { ...trendSeries('short', N + 60, 9), values: new Float64Array(10).fill(50) };
    const result = await forecastFleet({ series: [short, trendSeries('ok', N + 100, 3)], name: 'g' }, { workers: 1 });
    assert.equal(result.rows[0]?.series, 'ok');
    assert.match(result.rows[1]?.error ?? '', /too little history/);
  });

  it('a worker that dies on a series is replaced and the series retried once', async () => {
    const series = ['a', 'b', 'c'].map((n, k) => trendSeries(n, N + 100 * (k + 1), k));
    const result = await forecastFleet(
      { series, name: 'g' },
      { workers: 1, fault: { series: /^b$/, kind: 'crash-once' } },
    );
    assert.deepEqual(
      result.rows.map((r) => [r.series, r.error]),
      [
        ['a', undefined],
        ['b', undefined],
        ['c', undefined],
      ],
    );
    assert.equal(result.workersStarted, 2);
  });

  it('a series that kills its worker twice fails its row only', async () => {
    const series = ['a', 'b'].map((n, k) => trendSeries(n, N + 100 * (k + 1), k));
    const result = await forecastFleet({ series, name: 'g' }, { workers: 1, fault: { series: /^a$/, kind: 'crash' } });
    assert.equal(result.rows[0]?.series, 'b');
    assert.match(result.rows[1]?.error ?? '', /died twice/);
  });

  it('cancellation stops the pool at once: the run rejects with an AbortError and no row comes after', async () => {
    const controller = new AbortController();
    const series = Array.from({ length: 40 }, (_, k) => trendSeries(`s${k}`, N + 100, k));
    let afterAbort = 0;
    const run = forecastFleet(
      { series, name: 'g' },
      {
        workers: 2,
        signal: controller.signal,
        onRow: () => {
          if (controller.signal.aborted) afterAbort++;
          else controller.abort();
        },
      },
    );
    await assert.rejects(run, (e: Error) => e.name === 'AbortError');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(afterAbort, 0);
  });

  it('an aborted signal refuses to start', async () => {
    await assert.rejects(
      forecastFleet({ series: [], name: 'g' }, { signal: AbortSignal.abort() }),
      (e: Error) => e.name === 'AbortError',
    );
  });

  describe('loading in a worker', () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-'))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('a wide CSV file: every column is a series of the file’s group, with the capacities given', async () => {
      const file = path.join(dir, 'disks.csv');
      const lines = ['timestamp,disk_a,disk_b,disk_c'];
      for (let i = 0; i < 600; i++) {
        const t = new Date(START + i * 3_600_000).toISOString();
        lines.push(`${t},${(20 + i * 0.1).toFixed(2)},${(20 + i * 0.12).toFixed(2)},30`);
      }
      fs.writeFileSync(file, lines.join('\n'));
      const result = await forecastFleet(
        { source: { name: file }, capacities: { 'disk_*': { capacity: 90 } } },
        { workers: 2 },
      );
      assert.deepEqual(
        result.rows.map((r) => [r.group, r.series]),
        [
          ['disks.csv', 'disk_b'],
          ['disks.csv', 'disk_a'],
          ['disks.csv', 'disk_c'],
        ],
      );
      assert.ok(result.rows[0]?.expected !== null);
      assert.equal(result.series.get(rowKey({ group: 'disks.csv', series: 'disk_a' }))?.values.length, 600);
    });

    it('a file that cannot be loaded fails the run with the loader’s own error class and place', async () => {
      const file = path.join(dir, 'bad.csv');
      fs.writeFileSync(file, 'timestamp,x\n2026-01-01T00:00:00Z,1\nnot a time,2\n');
      await assert.rejects(forecastFleet({ source: { name: file } }, { workers: 1 }), (e: unknown) => {
        assert.ok(e instanceof DataError, String(e));
        assert.equal(e.file, file);
        return true;
      });
    });

    it('a plan on a host that may not query sources is refused before any query', async () => {
      const file = path.join(dir, 'plan.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          sources: [{ name: 'prom', url: 'http://127.0.0.1:1' }],
          metrics: [{ name: 'm', query: 'up' }],
          thresholds: { warning: '2d' },
        }),
      );
      await assert.rejects(forecastFleet({ source: { name: file } }, { workers: 1 }), (e: Error) => {
        assert.equal(e.name, 'SourceError');
        assert.match(e.message, /cannot query metric sources/);
        return true;
      });
    });
  });

  it('forecastSetInWorker gives the same ForecastData as a forecast on this thread would', async () => {
    const set = { source: 's', metrics: [trendSeries('a', N + 100, 1)], warnings: [] };
    const data = await forecastSetInWorker(set, { horizon: { steps: 288 } });
    assert.equal(data.metrics[0]?.points.length, 288);
    assert.equal(data.bottleneck?.metric, 'a');
  });
});

/** `error` thrown in a worker, as the pool hands it back: a TaskError with its name and fields. */
async function crossed(error: Error): Promise<TaskError> {
  let reply: { error: string; name: string; fields: Record<string, unknown> } | undefined;
  let onMessage: (m: unknown) => void = () => undefined;
  serveTasks(
    {
      postMessage: (m) => (reply = m as typeof reply),
      on: (_event, f) => (onMessage = f),
    },
    () => {
      throw error;
    },
  );
  onMessage({ id: 1, task: {}, attempt: 1 });
  await new Promise((r) => setImmediate(r));
  assert.ok(reply, 'the worker answered');
  return new TaskError(reply.error, reply.name, reply.fields);
}

describe('reviveError: a loader’s error thrown in a worker is thrown again as the same class', () => {
  it('a DataError keeps its file, detail, line and column, and so its message', async () => {
    const e = reviveError(await crossed(new DataError('/d/m.csv', 'not a time: "x"', 3, 7)));
    assert.ok(e instanceof DataError);
    assert.deepEqual([e.name, e.file, e.detail, e.line, e.column], ['DataError', '/d/m.csv', 'not a time: "x"', 3, 7]);
    assert.equal(e.message, '/d/m.csv:3:7: not a time: "x"');
    const whole = reviveError(await crossed(new DataError('/d/m.csv', 'the file is empty')));
    assert.ok(whole instanceof DataError);
    assert.deepEqual([whole.line, whole.column, whole.message], [undefined, undefined, '/d/m.csv: the file is empty']);
  });

  it('a NotMetricsFileError names its file', async () => {
    const e = reviveError(await crossed(new NotMetricsFileError('/d/package.json')));
    assert.ok(e instanceof NotMetricsFileError);
    assert.equal(e.file, '/d/package.json');
    assert.equal(e.message, new NotMetricsFileError('/d/package.json').message);
  });

  it('a SourceError keeps its source, its kind of failure and its message', async () => {
    const e = reviveError(await crossed(new SourceError('prom', 'auth', 'source "prom" refused the token')));
    assert.ok(e instanceof SourceError);
    assert.deepEqual([e.source, e.failure, e.message], ['prom', 'auth', 'source "prom" refused the token']);
  });

  it('an InputError, or a file that cannot be read, is an InputError with the same message', async () => {
    for (const thrown of [new InputError('the plan is too large'), new FileReadError('plan /p.json: no such file')]) {
      const e = reviveError(await crossed(thrown));
      assert.ok(e instanceof InputError, thrown.name);
      assert.equal((e as InputError).message, thrown.message);
    }
  });

  it('any other error stays the TaskError it arrived as; what did not cross from a worker is left alone', async () => {
    const task = await crossed(new TypeError('x is undefined'));
    assert.equal(reviveError(task), task);
    assert.equal(task.kind, 'TypeError');
    const local = new RangeError('here');
    assert.equal(reviveError(local), local);
    assert.equal(reviveError('text'), 'text');
  });

  it('fields of the wrong type are not trusted: missing ones take their defaults', () => {
    const data = reviveError(
      new TaskError('the message', 'DataError', { file: 3, detail: false, line: '4', column: '5' }),
    );
    assert.ok(data instanceof DataError);
    assert.deepEqual([data.file, data.detail, data.line, data.column], ['', 'the message', undefined, undefined]);
    const source = reviveError(new TaskError('no answer', 'SourceError', { source: 1, failure: 2 }));
    assert.ok(source instanceof SourceError);
    assert.deepEqual([source.source, source.failure, source.message], ['', 'server', 'no answer']);
    const notMetrics = reviveError(new TaskError('m', 'NotMetricsFileError', {}));
    assert.ok(notMetrics instanceof NotMetricsFileError);
    assert.equal(notMetrics.file, '');
  });
});

describe('preparePlan: a plan read on the host, its secrets looked up there for the loader', () => {
  const plan = (extra: Record<string, unknown> = {}): ForecastSource => ({
    name: '/w/prod.plan.json',
    text: JSON.stringify({
      sources: [
        { name: 'open', url: 'http://127.0.0.1:9090' },
        { name: 'tokened', url: 'http://127.0.0.1:9091', auth: { type: 'bearer' } },
        { name: 'signed', url: 'http://127.0.0.1:9092', auth: { type: 'basic', username: 'ops' } },
      ],
      metrics: [{ name: 'm', query: 'up', source: 'open' }],
      ...extra,
    }),
  });
  const asked: string[] = [];
  const access: SourceAccess = {
    credential: (s, file) => {
      asked.push(`${s.name} for ${file}`);
      return Promise.resolve(
        s.name === 'tokened'
          ? { secret: 't0k', origins: ['http://127.0.0.1:9091'], howToAllow: 'allow it' }
          : undefined,
      );
    },
    credentialHint: (s) => `set ${s.name.toUpperCase()}_TOKEN`,
    now: () => 1_700_000_000_000,
  };
  beforeEach(() => (asked.length = 0));

  it('a metric file is not a plan: nothing to prepare', async () => {
    assert.equal(await preparePlan({ name: '/w/m.csv', text: 'timestamp,x\n' }, access), undefined);
  });

  it('asks for the secret of each source that signs in, and passes on what it got, a hint for every source, and now', async () => {
    const prepared = await preparePlan(plan(), access);
    assert.deepEqual(asked, ['tokened for /w/prod.plan.json', 'signed for /w/prod.plan.json']);
    assert.deepEqual(prepared, {
      access: {
        credentials: { tokened: { secret: 't0k', origins: ['http://127.0.0.1:9091'], howToAllow: 'allow it' } },
        hints: { open: 'set OPEN_TOKEN', tokened: 'set TOKENED_TOKEN', signed: 'set SIGNED_TOKEN' },
        now: 1_700_000_000_000,
      },
    });
  });

  it('without a hint or a clock, passes neither', async () => {
    const prepared = await preparePlan(plan(), { credential: access.credential });
    assert.deepEqual(prepared?.access, {
      credentials: { tokened: { secret: 't0k', origins: ['http://127.0.0.1:9091'], howToAllow: 'allow it' } },
      hints: {},
    });
  });

  it('a host that refuses queries, or has no way to query, asks for no secret and says why to the loader', async () => {
    const refused = await preparePlan(plan(), { ...access, refused: 'Restricted Mode: trust the workspace' });
    assert.deepEqual(refused?.access, { refused: 'Restricted Mode: trust the workspace', credentials: {}, hints: {} });
    const none = await preparePlan(plan(), undefined);
    assert.deepEqual(none?.access, { refused: 'this host cannot query metric sources', credentials: {}, hints: {} });
    assert.deepEqual(asked, []);
  });

  it("the plan's own thresholds, only those it sets; none when it sets none", async () => {
    const both = await preparePlan(plan({ thresholds: { warning: '3d', critical: '6h' } }), access);
    assert.deepEqual(both?.thresholds, { warningMs: 3 * 86_400_000, criticalMs: 6 * 3_600_000 });
    const warning = await preparePlan(plan({ thresholds: { warning: '2d' } }), undefined);
    assert.deepEqual(warning?.thresholds, { warningMs: 2 * 86_400_000 });
    const critical = await preparePlan(plan({ thresholds: { critical: '1h' } }), { ...access, refused: 'no' });
    assert.deepEqual(critical?.thresholds, { criticalMs: 3_600_000 });
    const none = await preparePlan(plan(), undefined);
    assert.equal(none !== undefined && 'thresholds' in none, false);
  });
});

/** `count` hourly points rising by `perStep` from 20 toward a capacity of 100, with a little noise. */
function risingSeries(name: string, perStep: number, count = 168): FleetSeries {
  const random = lcg(count);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = 20 + perStep * i + 2 * (random() - 0.5);
  return {
    name,
    group: 'disk',
    unit: '%',
    capacity: 100,
    breach: 'above',
    start: START,
    stepMs: 3_600_000,
    values,
    filled: 0,
  };
}

describe('forecastFleet: options, figures and cancellation', function () {
  this.timeout(120_000);

  it('reports the source, no warnings, and figures that fit within the call: elapsed, first row, longest stall', async () => {
    const controller = new AbortController();
    const before = performance.now();
    const result = await forecastFleet(
      { series: [risingSeries('a', 0.4), risingSeries('b', 0.3)], name: 'in memory' },
      { workers: 1, signal: controller.signal },
    );
    const took = performance.now() - before;
    assert.equal(result.source, 'in memory');
    assert.deepEqual(result.warnings, []);
    assert.equal(result.queries, undefined);
    assert.deepEqual([result.workers, result.workersStarted], [1, 1]);
    assert.ok(result.firstRowMs !== null && result.firstRowMs <= result.elapsedMs, String(result.firstRowMs));
    assert.ok(result.elapsedMs > 0 && result.elapsedMs <= took, `${result.elapsedMs} of ${took}`);
    assert.ok(result.longestStallMs > 0 && result.longestStallMs <= took, `${result.longestStallMs} of ${took}`);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'the run leaves no listener on the signal');
  });

  it('passes the horizon and the interval level to every series', async () => {
    const run = async (options: { horizon?: { steps: number }; level?: number }): Promise<FleetRow> =>
      (await forecastFleet({ series: [risingSeries('a', 0.4)], name: 'm' }, { workers: 1, ...options }))
        .rows[0] as FleetRow;
    // 20 + 0.4 × 167 = 86.8: the capacity of 100 is crossed 33 steps after the last point
    const wide = await run({ level: 0.99 });
    const narrow = await run({ level: 0.5 });
    assert.ok(wide.earliest !== null && narrow.earliest !== null);
    assert.ok(Date.parse(wide.earliest) < Date.parse(narrow.earliest), `${wide.earliest} before ${narrow.earliest}`);
    const short = await run({ horizon: { steps: 12 } });
    assert.deepEqual([short.expected, short.msToBreach, short.status], [null, null, 'ok']);
  });

  it('an aborted signal refuses to start: not one series is read', async () => {
    let read = 0;
    async function* series(): AsyncGenerator<FleetSeries> {
      read++;
      yield risingSeries('a', 0.4);
    }
    await assert.rejects(
      forecastFleet({ series: series(), name: 'm' }, { signal: AbortSignal.abort() }),
      (e: Error) => e.name === 'AbortError',
    );
    assert.equal(read, 0);
  });

  it('a cancel while series are read stops the reading', async () => {
    const controller = new AbortController();
    let read = 0;
    async function* series(): AsyncGenerator<FleetSeries> {
      for (let i = 0; i < 10; i++) {
        read++;
        if (i === 2) controller.abort();
        yield risingSeries(`s${i}`, 0.4);
      }
    }
    await assert.rejects(
      forecastFleet({ series: series(), name: 'm' }, { workers: 1, signal: controller.signal }),
      (e: Error) => e.name === 'AbortError',
    );
    assert.equal(read, 3);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  describe('a plan, queried in a worker', () => {
    const TOKEN = 't0k';
    const NOW = Date.parse('2026-11-20T12:34:00Z');
    let prom: FakePrometheus;
    let url: string;
    let dir: string;
    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-plan-'));
      // "fast" crosses its capacity 6 hours after the last full hour before NOW, "slow" 30 hours after
      prom = await startFakePrometheus({
        token: TOKEN,
        now: NOW,
        lines: [
          { labels: { instance: 'fast' }, crossAfterHours: 6 },
          { labels: { instance: 'slow' }, crossAfterHours: 30 },
        ],
      });
      url = prom.url;
    });
    after(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await prom.close();
    });

    const access: SourceAccess = {
      credential: () => Promise.resolve({ secret: TOKEN, origins: [url], howToAllow: 'allow it' }),
      now: () => NOW,
    };
    async function ranked(plan: Record<string, unknown>, thresholds?: FleetThresholds): Promise<FleetResult> {
      const file = path.join(dir, 'prod.plan.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          sources: [{ name: 'prom', url, auth: { type: 'bearer' } }],
          step: '1h',
          lookback: '7d',
          metrics: [{ name: 'disk', query: 'disk_used_percent', capacity: 100 }],
          ...plan,
        }),
      );
      return forecastFleet(
        { source: { name: file }, sources: access },
        { workers: 2, ...(thresholds ? { thresholds } : {}) },
      );
    }
    const statuses = (result: FleetResult): string[][] => result.rows.map((r) => [r.series, r.status]);

    it('its series are asked with the host’s secret and clock, and judged by the defaults when it sets no thresholds', async () => {
      const result = await ranked({});
      assert.deepEqual(statuses(result), [
        ['disk{instance="fast"}', 'critical'],
        ['disk{instance="slow"}', 'warning'],
      ]);
      assert.equal(result.rows[0]?.lastObserved?.t, '2026-11-20T12:00:00.000Z', 'the last full hour before now');
      assert.deepEqual(result.thresholds, { warningMs: 7 * 86_400_000, criticalMs: 86_400_000 });
      assert.deepEqual(result.queries, { disk: { query: 'disk_used_percent', source: 'prom', url } });
    });

    it("the plan's own thresholds win over the options'; the options' judge a plan that sets none", async () => {
      const own = await ranked({ thresholds: { critical: '1h', warning: '12h' } }, { criticalMs: 30 * 86_400_000 });
      assert.deepEqual(statuses(own), [
        ['disk{instance="fast"}', 'warning'],
        ['disk{instance="slow"}', 'ok'],
      ]);
      assert.deepEqual(own.thresholds, { criticalMs: 3_600_000, warningMs: 12 * 3_600_000 });
      const given = await ranked({}, { criticalMs: 30 * 86_400_000 });
      assert.deepEqual(statuses(given), [
        ['disk{instance="fast"}', 'critical'],
        ['disk{instance="slow"}', 'critical'],
      ]);
      assert.deepEqual(given.thresholds, { criticalMs: 30 * 86_400_000 });
    });
  });
});

describe('forecastSetInWorker: the top of a fleet, forecast off this thread', function () {
  this.timeout(120_000);
  const set = { source: 's', metrics: [risingSeries('a', 0.4)], warnings: [] };

  it('passes the interval level: a higher level, a wider interval', async () => {
    const width = (data: ForecastData): number => {
      const p = data.metrics[0]?.points.at(-1);
      return (p?.upper ?? 0) - (p?.lower ?? 0);
    };
    const wide = await forecastSetInWorker(set, { level: 0.99, horizon: { steps: 12 } });
    const narrow = await forecastSetInWorker(set, { level: 0.5, horizon: { steps: 12 } });
    assert.ok(width(narrow) > 0 && width(wide) > width(narrow), `${width(wide)} > ${width(narrow)}`);
  });

  it('a set that cannot be forecast fails with the loader’s own error', async () => {
    const short = { ...set, metrics: [risingSeries('a', 0.4, 3)] };
    await assert.rejects(forecastSetInWorker(short), (e: unknown) => {
      assert.ok(e instanceof DataError, String(e));
      assert.match(e.message, /too little history/);
      return true;
    });
  });

  it('a cancel stops it with an AbortError, and leaves no listener on the signal', async () => {
    const controller = new AbortController();
    const run = forecastSetInWorker(set, { signal: controller.signal });
    controller.abort();
    await assert.rejects(run, (e: Error) => e.name === 'AbortError');
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    const done = new AbortController();
    await forecastSetInWorker(set, { signal: done.signal, horizon: { steps: 2 } });
    assert.equal(getEventListeners(done.signal, 'abort').length, 0);
  });
});
