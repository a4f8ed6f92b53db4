import * as assert from 'node:assert/strict';
import {
  type AssembleInput,
  assembleForecast,
  BUILTIN_PRODUCER,
  builtinPrediction,
  forecastMetricSet,
  type MetricPrediction,
  physicalRange,
  planHorizon,
  usablePeriods,
} from '../../../../src/core/forecast/forecastMetricSet';
import {
  type ForecastData,
  forecastDataSchema,
  type MetricSeries,
  type MetricSet,
} from '../../../../src/core/base/forecastSchema';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { DataError } from '../../../../src/core/base/dataError';
import { FakeClock } from '../../../support/helpers';
import { SAMPLE } from '../../../support/paths';

const HOUR = 3_600_000;

function metric(name: string, f: (t: number) => number, extra: Partial<MetricSeries> = {}, n = 24 * 28): MetricSeries {
  return {
    name,
    breach: 'above',
    start: Date.UTC(2026, 0, 1),
    stepMs: HOUR,
    values: Float64Array.from({ length: n }, (_, t) => f(t)),
    filled: 0,
    ...extra,
  };
}
const daily = (t: number): number => 10 * Math.sin(((t % 24) / 24) * 2 * Math.PI);
const set = (...metrics: MetricSeries[]): MetricSet => ({ source: 'test', metrics, warnings: [] });

describe('forecastMetricSet', () => {
  // the last `run` values at `last`: one alone is a spike the fit does not see (Hampel), three are not
  const spiked = (last: number, run = 1): MetricSeries => ({
    name: 'cpu',
    breach: 'above',
    start: Date.UTC(2026, 0, 1),
    stepMs: 300_000,
    values: Float64Array.from({ length: 301 }, (_, t) => (t > 300 - run ? last : 50 + (t % 7))),
    filled: 0,
  });

  it('a huge last value does not overflow the forecast: methods whose extrapolation overflows are not combined', () => {
    const data = forecastMetricSet(set(spiked(1e40, 3)), { horizon: { steps: 10 }, clock: new FakeClock() });
    assert.equal(forecastDataSchema.safeParse(data).success, true);
  });

  it('a forecast that still overflows is bad input naming the metric, never an internal error', () => {
    assert.throws(
      () => forecastMetricSet(set(spiked(1.7e308, 3)), { horizon: { steps: 10 }, clock: new FakeClock() }),
      (e: unknown) => e instanceof DataError && /"cpu": its values span too wide a range to forecast/.test(e.message),
    );
  });

  it('a history just long enough for a daily period still gets finite bounds (early backtest origins hold less than a period)', () => {
    // 5-minute steps: 648 = 2 days + the 6 h horizon, so the daily period (288) joins the pool while
    // the earliest calibration origins hold less than one day; found by the hostile-input property test
    const MIN5 = 300_000;
    const saw: MetricSeries = {
      name: 'cpu',
      breach: 'above',
      capacity: 80,
      start: Date.UTC(2026, 0, 1),
      stepMs: MIN5,
      values: Float64Array.from({ length: 648 }, (_, t) => 40 + (t % 50)),
      filled: 0,
    };
    const data = forecastMetricSet(set(saw), { horizon: { steps: 72 }, clock: new FakeClock() });
    assert.equal(forecastDataSchema.safeParse(data).success, true);
    const points = data.metrics[0]?.points ?? [];
    assert.equal(points.length, 72);
    assert.ok(
      points.every(
        (p) => Number.isFinite(p.lower) && Number.isFinite(p.upper) && p.lower <= p.value && p.value <= p.upper,
      ),
    );
  });

  it('returns schema-valid ForecastData from the built-in provider', () => {
    const data = forecastMetricSet(set(metric('cpu', (t) => 50 + daily(t), { capacity: 95, unit: '%' })), {
      horizon: { steps: 48 },
      clock: new FakeClock(),
    });
    assert.equal(forecastDataSchema.safeParse(data).success, true);
    assert.equal(data.producer.provider, 'builtin');
    assert.equal(data.metrics[0]?.points.length, 48);
    assert.equal(data.horizon.count, 48);
    assert.equal(data.horizon.start, new Date(Date.UTC(2026, 0, 1) + 24 * 28 * HOUR).toISOString());
  });

  it('is deterministic: the same input gives the same output', () => {
    const input = set(metric('cpu', (t) => 50 + daily(t) + ((t * 7919) % 11) / 3, { capacity: 70 }));
    const a = forecastMetricSet(input, { horizon: { steps: 72 }, clock: new FakeClock() });
    const b = forecastMetricSet(input, { horizon: { steps: 72 }, clock: new FakeClock() });
    assert.deepEqual(a, b);
  });

  it('names as bottleneck the metric that breaches first, with its time', () => {
    const fast = metric('queue', (t) => 10 + t * 0.5 + daily(t) / 10, { capacity: 10 + (24 * 28 + 12) * 0.5 });
    const slow = metric('disk', (t) => 10 + t * 0.5, { capacity: 10 + (24 * 28 + 40) * 0.5 });
    const data = forecastMetricSet(set(slow, fast), { horizon: { steps: 72 }, clock: new FakeClock() });
    assert.equal(data.bottleneck?.metric, 'queue');
    const expected = Date.parse(data.bottleneck?.expected ?? '');
    const last = Date.UTC(2026, 0, 1) + (24 * 28 - 1) * HOUR;
    assert.ok(
      Math.abs((expected - last) / HOUR - 13) < 2,
      `queue breaches about 13 h after the last point, got ${(expected - last) / HOUR}`,
    );
    assert.ok(data.metrics.find((m) => m.name === 'disk')?.breach?.expected, 'disk breaches too, later');
  });

  it('a metric without capacity is forecast but cannot be the bottleneck, and says so', () => {
    const data = forecastMetricSet(set(metric('rps', (t) => 100 + t)), {
      horizon: { steps: 24 },
      clock: new FakeClock(),
    });
    assert.equal(data.bottleneck, null);
    assert.equal(data.metrics[0]?.breach, null);
    assert.match(data.warnings.join(' '), /"rps" has no capacity/);
    assert.equal(data.risk.level, 'none');
  });

  it('a metric already beyond capacity is critical', () => {
    const data = forecastMetricSet(set(metric('disk_free', () => 5, { capacity: 10, breach: 'below' })), {
      horizon: { steps: 24 },
      clock: new FakeClock(),
    });
    assert.equal(data.metrics[0]?.breach?.alreadyBreached, true);
    assert.equal(data.risk.level, 'critical');
    assert.match(data.risk.reasons[0] ?? '', /already beyond its capacity/);
  });

  it('keeps forecasts inside the physical range (no negative bytes, no CPU above 100%)', () => {
    const data = forecastMetricSet(
      set(
        metric('free_bytes', (t) => Math.max(0, 5000 - t * 8)),
        metric('cpu', (t) => Math.min(100, 60 + t * 0.06 + daily(t)), { unit: '%' }),
      ),
      { horizon: { steps: 168 }, clock: new FakeClock() },
    );
    for (const p of data.metrics[0]?.points ?? []) assert.ok(p.lower >= 0 && p.value >= 0);
    for (const p of data.metrics[1]?.points ?? []) assert.ok(p.upper <= 100 && p.value <= 100);
  });

  it('rejects too little history for the horizon with a message that says what is needed', () => {
    assert.throws(
      () => forecastMetricSet(set(metric('cpu', daily, {}, 100)), { horizon: { steps: 80 } }),
      (err: unknown) => {
        assert.ok(err instanceof DataError);
        assert.match(err.message, /"cpu" has 100 points, too little history for a 80-step horizon .* at least 162/);
        return true;
      },
    );
  });

  it('the bundled sample: a valid forecast that names a bottleneck', async () => {
    const data = forecastMetricSet(await loadMetricFile(SAMPLE), { clock: new FakeClock() });
    assert.equal(data.metrics.length, 5);
    assert.equal(data.horizon.count, 2016); // 7 days at 5 minutes
    assert.ok(data.bottleneck, 'the sample has a bottleneck');
    // the generator drives both past capacity on the same afternoon (Monday after the sample ends)
    assert.ok(['latency_p95', 'cpu_utilization'].includes(data.bottleneck.metric), data.bottleneck.metric);
    for (const m of data.metrics) assert.ok(m.confidence.score > 0 && m.confidence.score <= 1);
  });
});

describe('forecastMetricSet: the horizon it plans (planHorizon)', () => {
  const flat = (name: string, n: number): MetricSeries => metric(name, () => 1, {}, n);
  const refusal = (n: number, steps: number, need: number, span: string): string =>
    `test: metric "cpu" has ${n} points, too little history for a ${steps}-step horizon (${span}); it needs at least ${need} (twice the horizon), or use a shorter horizon (--horizon, bottleneck.forecast.horizon)`;
  const refuses = (s: MetricSet, horizon: { steps: number } | { ms: number }, message: string): void => {
    assert.throws(
      () => planHorizon(s, horizon),
      (e: unknown) => e instanceof DataError && e.message === message,
    );
  };

  it('needs at least 16 points: 16 take a 7-step horizon, 15 do not take even one step', () => {
    assert.equal(planHorizon(set(flat('cpu', 16)), { steps: 7 }), 7);
    refuses(set(flat('cpu', 16)), { steps: 8 }, refusal(16, 8, 18, '8 h'));
    refuses(set(flat('cpu', 15)), { steps: 1 }, refusal(15, 1, 16, '1 h'));
  });

  it('needs twice the horizon and 2 more beyond that: 22 points take 10 steps, 21 do not', () => {
    assert.equal(planHorizon(set(flat('cpu', 22)), { steps: 10 }), 10);
    refuses(set(flat('cpu', 21)), { steps: 10 }, refusal(21, 10, 22, '10 h'));
  });

  it('checks every metric, and names the one that is short', () => {
    assert.throws(
      () => planHorizon(set(flat('rps', 40), flat('queue', 20)), { steps: 10 }),
      (e: unknown) => e instanceof DataError && /^test: metric "queue" has 20 points/.test(e.message),
    );
  });

  it('takes a duration, rounded up to whole steps, and at least one step', () => {
    const s = set(flat('cpu', 100));
    assert.equal(planHorizon(s, { ms: 5 * HOUR }), 5);
    assert.equal(planHorizon(s, { ms: 90 * 60_000 }), 2);
    assert.equal(planHorizon(s, { ms: 1 }), 1);
    assert.equal(planHorizon(s, { ms: 0 }), 1);
  });

  it('by default a week, or a quarter of the shortest history when that is less', () => {
    assert.equal(planHorizon(set(flat('cpu', 24 * 28)), undefined), 168);
    assert.equal(planHorizon(set(flat('cpu', 24 * 28), flat('rps', 100)), undefined), 25);
  });

  it('a set without metrics is bad input, said in one sentence', () => {
    const empty = set();
    for (const run of [() => planHorizon(empty, undefined), () => forecastMetricSet(empty)])
      assert.throws(run, (e: unknown) => e instanceof DataError && e.message === 'test: no metrics to forecast');
  });
});

describe('forecastMetricSet: its options and its refusals', () => {
  it('the level is the intervals’ and is recorded; the clock dates the forecast; the producer says how it was made', () => {
    const input = set(metric('cpu', (t) => 50 + ((t * 7919) % 11), {}, 48));
    const wide = forecastMetricSet(input, { horizon: { steps: 4 }, clock: new FakeClock() });
    const narrow = forecastMetricSet(input, {
      horizon: { steps: 4 },
      level: 0.5,
      clock: new FakeClock(Date.UTC(2026, 5, 1)),
    });
    assert.equal(wide.level, 0.95);
    assert.equal(narrow.level, 0.5);
    assert.equal(narrow.createdAt, '2026-06-01T00:00:00.000Z');
    assert.equal(wide.createdAt, '2026-01-05T00:00:00.000Z');
    const width = (d: ForecastData): number => (d.metrics[0]?.points ?? []).reduce((w, p) => w + p.upper - p.lower, 0);
    assert.ok(width(narrow) < width(wide), `${width(narrow)} < ${width(wide)}`);
    assert.deepEqual(wide.producer, {
      provider: 'builtin',
      model: null,
      method: 'backtest selection, mean of the best 3, conformal intervals',
      promptHash: null,
    });
  });

  it('bounds that overflow are refused too, even where the point forecast stays finite', () => {
    // a ramp to 1.55e308: the point forecast holds near the last value, its bounds do not fit a double
    const huge = metric('cpu', (t) => t * 5e306, {}, 32);
    const p = builtinPrediction(huge, 8, 0.95);
    assert.ok(p.point.every(Number.isFinite), 'the point forecast is finite');
    assert.ok(p.upper.some(Number.isFinite) && !p.upper.every(Number.isFinite), 'part of the upper bound overflows');
    assert.throws(
      () => forecastMetricSet(set(huge), { horizon: { steps: 8 }, clock: new FakeClock() }),
      (e: unknown) =>
        e instanceof DataError &&
        e.message ===
          'test: "cpu": its values span too wide a range to forecast (the forecast overflowed); check the file for a stray huge value',
    );
  });
});

describe('forecastMetricSet: the physical range of a metric (physicalRange)', () => {
  const range = (values: number[], name = 'x', unit?: string): ReturnType<typeof physicalRange> =>
    physicalRange(metric(name, (t) => values[t] as number, unit === undefined ? {} : { unit }, values.length));

  it('not below 0 when the history never was (0 itself is not below); no floor once any value is negative', () => {
    assert.deepEqual(range([3, 0, 7]), { min: 0 });
    assert.deepEqual(range([3, -0.001, 7]), {});
    assert.deepEqual(range([-2, 5, 9]), {});
  });

  it('a percentage, by its unit, is not above 100 when its history never was (100 itself is not above)', () => {
    assert.deepEqual(range([20, 100, 40], 'cpu', '%'), { min: 0, max: 100 });
    assert.deepEqual(range([20, 100.5, 40], 'cpu', '%'), { min: 0 });
    assert.deepEqual(range([-1, 99, -5], 'change', '%'), { max: 100 });
  });

  it('a percentage by its name: percent, pct, utilization or utilisation, in any case', () => {
    for (const name of ['cpu_utilization', 'mem_utilisation', 'DiskPercentUsed', 'swap_PCT'])
      assert.deepEqual(range([20, 90, 40], name), { min: 0, max: 100 }, name);
  });

  it('any other metric has no ceiling, however low its history', () => {
    assert.deepEqual(range([20, 90, 40], 'latency', 'ms'), { min: 0 });
    assert.deepEqual(range([20, 90, 40], 'utility'), { min: 0 });
  });
});

describe('forecastMetricSet: the seasons a history can hold (usablePeriods)', () => {
  it('hourly: a day once two days and the horizon fit, a week once two weeks and the horizon do', () => {
    const periods = (n: number): number[] =>
      usablePeriods(
        metric('cpu', () => 1, {}, n),
        6,
      );
    assert.deepEqual(periods(53), []);
    assert.deepEqual(periods(54), [24]);
    assert.deepEqual(periods(341), [24]);
    assert.deepEqual(periods(342), [24, 168]);
  });
});

describe('forecastMetricSet: one metric by the built-in forecaster (builtinPrediction)', () => {
  const noisy = (t: number): number => 50 + ((t * 7919) % 11);

  it('a metric beyond its capacity for the first time is held there; without a capacity it may come back', () => {
    // the last three values at 90, never above 60 before: a new excursion beyond the capacity of 80
    const values = (t: number): number => (t >= 45 ? 90 : noisy(t));
    const held = builtinPrediction(metric('cpu', values, { capacity: 80 }, 48), 4, 0.95);
    const free = builtinPrediction(metric('cpu', values, {}, 48), 4, 0.95);
    assert.ok(
      held.point.every((v) => v >= 80),
      `held: ${held.point.join(', ')}`,
    );
    assert.ok(
      held.upper.every((v, j) => v >= (held.point[j] as number)),
      'the upper bound is not below the held point',
    );
    assert.ok(
      free.point.some((v) => v < 80),
      `without a capacity the forecast comes back: ${free.point.join(', ')}`,
    );
  });

  it('one method chosen is a single forecast; several are their mean', () => {
    const line = builtinPrediction(
      metric('rps', (t) => t, {}, 48),
      4,
      0.95,
    );
    const noise = builtinPrediction(metric('rps', noisy, {}, 16), 7, 0.95);
    assert.equal(line.method.chosen.length, 1, `a straight line: ${line.method.chosen.join(', ')}`);
    assert.equal(line.method.combination, 'single');
    assert.ok(noise.method.chosen.length > 1, `noise: ${noise.method.chosen.join(', ')}`);
    assert.equal(noise.method.combination, 'mean');
  });

  it('backtest skill and coverage: rounded to 3 decimals in the method, null where the backtest cannot say', () => {
    // a constant history: every method is exact, so no skill over seasonal naive can be measured
    const constant = builtinPrediction(
      metric('rps', () => 5, {}, 16),
      4,
      0.95,
    );
    // 16 points and 7 steps: one backtest window, none left out to measure the coverage on
    const short = builtinPrediction(metric('rps', noisy, {}, 16), 7, 0.95);
    assert.equal(constant.confidence.skill, null);
    assert.equal(constant.method.skill, null);
    assert.equal(short.confidence.coverage, null);
    assert.equal(short.method.backtestCoverage, null);
    for (const [value, rounded] of [
      [constant.confidence.coverage, constant.method.backtestCoverage],
      [short.confidence.skill, short.method.skill],
    ]) {
      assert.equal(typeof value, 'number');
      assert.equal(rounded, Math.round((value as number) * 1000) / 1000);
    }
    assert.notEqual(short.confidence.skill, short.method.skill, 'the unrounded value is kept for the confidence');
  });
});

describe('forecastMetricSet: a forecast assembled from its predictions (assembleForecast)', () => {
  const LAST = Date.UTC(2026, 0, 1) + 47 * HOUR;
  const after = (hours: number): string => new Date(LAST + hours * HOUR).toISOString();
  /** 48 hourly values, the last at `last`; capacity 90 above unless given. */
  const history = (name: string, last: number, extra: Partial<MetricSeries> = {}): MetricSeries =>
    metric(name, () => last, { capacity: 90, unit: '%', ...extra }, 48);
  /** A prediction of the given point path and bounds (by default the point itself). */
  const predicted = (
    point: number[],
    lower: (v: number, j: number) => number = (v) => v,
    upper: (v: number, j: number) => number = (v) => v,
    extra: Partial<MetricPrediction> = {},
  ): MetricPrediction => ({
    point: Float64Array.from(point),
    lower: Float64Array.from(point, lower),
    upper: Float64Array.from(point, upper),
    method: { chosen: ['naive'], combination: 'single', scores: [], backtestCoverage: null, skill: null, periods: [] },
    confidence: { skill: null, coverage: null },
    ...extra,
  });
  const path = (steps: number, f: (step: number) => number): number[] =>
    Array.from({ length: steps }, (_, j) => f(j + 1));
  const assemble = (
    metrics: MetricSeries[],
    predictions: Record<string, MetricPrediction>,
    extra: Partial<AssembleInput> = {},
  ): ForecastData =>
    assembleForecast(set(...metrics), {
      horizon: Object.values(predictions)[0]?.point.length ?? 1,
      level: 0.95,
      predictions: new Map(Object.entries(predictions)),
      producer: BUILTIN_PRODUCER,
      clock: new FakeClock(),
      ...extra,
    });
  /** The bottleneck's metric with the metrics in the order given and reversed: the same. */
  const bottleneckBothWays = (metrics: MetricSeries[], predictions: Record<string, MetricPrediction>): string[] =>
    [metrics, [...metrics].reverse()].map((m) => assemble(m, predictions).bottleneck?.metric ?? 'none');

  it('the bottleneck is the metric whose point forecast crosses first, even if another may cross earlier', () => {
    // queue: point at 90 after 5 h, upper bound after 4 h; disk: point after 10 h, upper bound after 2 h
    const predictions = {
      queue: predicted(
        path(24, (s) => 80 + 2 * s),
        undefined,
        (v) => v + 2,
      ),
      disk: predicted(
        path(24, (s) => 80 + s),
        undefined,
        (v) => v + 8,
      ),
    };
    const metrics = [history('disk', 80), history('queue', 80)];
    assert.deepEqual(bottleneckBothWays(metrics, predictions), ['queue', 'queue']);
    const data = assemble(metrics, predictions);
    assert.deepEqual(data.bottleneck, {
      metric: 'queue',
      expected: after(5),
      earliest: after(4),
      probability: 1,
      risk: 'critical',
    });
    assert.equal(data.metrics.find((m) => m.name === 'disk')?.breach?.earliest, after(2));
  });

  it('with no point crossing, the earliest crossing of the pessimistic bound decides', () => {
    // both points stay at 85; zeta's upper bound (95) crosses 90 two thirds into the first hour, alpha's (91) later
    const predictions = {
      alpha: predicted(
        path(24, () => 85),
        (v) => v - 6,
        (v) => v + 6,
      ),
      zeta: predicted(
        path(24, () => 85),
        (v) => v - 10,
        (v) => v + 10,
      ),
    };
    const metrics = [history('alpha', 80), history('zeta', 80)];
    assert.deepEqual(bottleneckBothWays(metrics, predictions), ['zeta', 'zeta']);
    const top = assemble(metrics, predictions).bottleneck;
    assert.equal(top?.expected, null);
    assert.equal(top?.earliest, new Date(LAST + (2 / 3) * HOUR).toISOString());
  });

  it('the same crossings: the more probable first; the same probability too: by name', () => {
    // the same point (88) and upper bound (92); zeta's lower bound is further off, so its spread
    // and its probability beyond 90 are larger
    const probable = {
      alpha: predicted(
        path(24, () => 88),
        (v) => v - 4,
        (v) => v + 4,
      ),
      zeta: predicted(
        path(24, () => 88),
        (v) => v - 18,
        (v) => v + 4,
      ),
    };
    const metrics = [history('alpha', 80), history('zeta', 80)];
    assert.deepEqual(bottleneckBothWays(metrics, probable), ['zeta', 'zeta']);
    const same = { alpha: probable.alpha, zeta: probable.alpha };
    assert.deepEqual(bottleneckBothWays(metrics, same), ['alpha', 'alpha']);
  });

  it('a metric that never crosses is no bottleneck, however probable; its risk counts a quarter of its probability', () => {
    // point 89, upper bound 89.99: no crossing; the lower bound at 70 makes a breach at some step plausible
    const data = assemble([history('cpu', 80)], {
      cpu: predicted(
        path(24, () => 89),
        () => 70,
        () => 89.99,
      ),
    });
    const breach = data.metrics[0]?.breach;
    assert.equal(data.bottleneck, null);
    assert.equal(breach?.expected, null);
    assert.equal(breach?.earliest, null);
    assert.ok((breach?.probability ?? 0) > 0.2, `probability ${breach?.probability}`);
    // 100 · p · ¼, to one decimal (p here is rounded to three)
    assert.ok(Math.abs((breach?.riskScore ?? 0) - 25 * (breach?.probability ?? 0)) < 0.1, `score ${breach?.riskScore}`);
    assert.equal(breach?.risk, 'low');
  });

  it('the risk of a crossing takes its urgency from the earliest one: 30 h away is three quarters', () => {
    // the point reaches 90 after 80 h; the upper bound (the point + 6.25 until then) after 30 h;
    // from 80 h on, the bounds close on the point beyond 90, so the probability is 1
    const point = path(96, (s) => 80 + s / 8);
    const bound = (sign: number) => (v: number, j: number) => (j + 1 < 80 ? v + sign * 6.25 : v);
    const data = assemble([history('cpu', 80)], { cpu: predicted(point, bound(-1), bound(1)) });
    assert.deepEqual(data.metrics[0]?.breach, {
      expected: after(80),
      earliest: after(30),
      latest: after(80),
      probability: 1,
      alreadyBreached: false,
      risk: 'critical',
      riskScore: 75,
    });
  });

  it('a metric already beyond its capacity is critical, with a warning that says on which side', () => {
    const data = assemble(
      [history('cpu', 95), history('disk_free', 5, { unit: 'GB', capacity: 10, breach: 'below' }), history('rps', 50)],
      { cpu: predicted(path(4, () => 95)), disk_free: predicted(path(4, () => 5)), rps: predicted(path(4, () => 50)) },
    );
    assert.deepEqual(
      data.metrics.map((m) => [m.name, m.breach?.alreadyBreached, m.breach?.risk]),
      [
        ['cpu', true, 'critical'],
        ['disk_free', true, 'critical'],
        ['rps', false, 'none'],
      ],
    );
    assert.deepEqual(data.warnings, [
      '"cpu" is already at or above its capacity (90 %).',
      '"disk_free" is already at or below its capacity (10 GB).',
    ]);
  });

  it('warnings: the loader’s first, then the caller’s, then each metric’s; none made up', () => {
    const metrics = [metric('rps', () => 50, {}, 48)];
    const loaded: MetricSet = { source: 'test', metrics, warnings: ['3 gaps were filled'] };
    const base = {
      horizon: 4,
      level: 0.95,
      predictions: new Map([['rps', predicted(path(4, () => 50))]]),
      producer: BUILTIN_PRODUCER,
      clock: new FakeClock(),
    };
    const uncapped = '"rps" has no capacity: it is forecast but cannot be the bottleneck.';
    assert.deepEqual(assembleForecast(loaded, base).warnings, ['3 gaps were filled', uncapped]);
    assert.deepEqual(assembleForecast(loaded, { ...base, warnings: ['the provider rounded its answer'] }).warnings, [
      '3 gaps were filled',
      'the provider rounded its answer',
      uncapped,
    ]);
  });

  it('a metric without a prediction is an internal error that names it', () => {
    assert.throws(
      () => assemble([history('cpu', 50), history('disk', 50)], { cpu: predicted(path(4, () => 50)) }),
      (e: unknown) =>
        e instanceof Error && !(e instanceof DataError) && e.message === 'no prediction for metric "disk"',
    );
  });

  it('a set without metrics is bad input', () => {
    assert.throws(
      () => assemble([], { cpu: predicted(path(4, () => 50)) }),
      (e: unknown) => e instanceof DataError && e.message === 'test: no metrics to forecast',
    );
  });

  it('the reasons say the horizon, its steps times the step, when nothing is likely to breach', () => {
    const data = assemble([history('cpu', 50)], { cpu: predicted(path(24, () => 50)) });
    assert.deepEqual(data.risk, {
      level: 'none',
      score: 0,
      reasons: ['No metric is likely to reach its capacity in the next 1 d.'],
    });
  });

  it('the history term of the confidence counts three of the longest season the history holds for the horizon', () => {
    const quality = (n: number): number | undefined =>
      assemble([metric('cpu', () => 50, {}, n)], { cpu: predicted(path(6, () => 50)) }).metrics[0]?.confidence
        .components.dataQuality;
    assert.equal(quality(53), 1, 'no season fits: no season to hold');
    assert.equal(quality(54), 0.75, 'a day: 54 of 72');
    assert.equal(quality(342), 0.679, 'a week: 342 of 504');
  });
});
