import * as assert from 'node:assert/strict';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { type ForecastData, type MetricForecast, type MetricSeries } from '../../../../src/core/base/forecastSchema';
import { toMetricSet } from '../../../../src/core/data/loadMetrics';
import { FakeClock, seededRandom } from '../../../support/helpers';

/**
 * Scenarios with a known answer: generated series (fixed seeds) of the shapes real
 * infrastructure metrics take, each checked for what a person looking at the chart would
 * say: which metric is the bottleneck, whether it is already beyond capacity, and when it
 * gets there.
 */
const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 5); // a Monday
const DAYS = 21;

/** Standard normal draws from a seeded uniform source (Box–Muller). */
function gaussian(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A daily wave in [−1, 1], peaking at 15:00. */
const wave = (t: number): number => Math.sin((((t % 24) - 9) / 24) * 2 * Math.PI);

function series(
  name: string,
  f: (t: number) => number,
  extra: Partial<MetricSeries> = {},
  n = DAYS * 24,
): MetricSeries {
  return {
    name,
    breach: 'above',
    start: START,
    stepMs: HOUR,
    values: Float64Array.from({ length: n }, (_, t) => f(t)),
    filled: 0,
    ...extra,
  };
}

function forecast(...metrics: MetricSeries[]): ForecastData {
  return forecastMetricSet({ source: 'scenario', metrics, warnings: [] }, { clock: new FakeClock() });
}

function metricOf(data: ForecastData, name: string): MetricForecast {
  const m = data.metrics.find((x) => x.name === name);
  assert.ok(m, `no forecast for ${name}`);
  return m;
}

const hoursAfterLast = (data: ForecastData, iso: string | null | undefined): number => {
  assert.ok(iso, 'expected a time');
  return (Date.parse(iso) - (Date.parse(data.horizon.start) - HOUR)) / HOUR;
};

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('forecast scenarios with a known answer', () => {
  it('step up and stay: the break is found where it happened, said in the warnings, and the forecast starts from the new level', () => {
    const noise = gaussian(1);
    const breakAt = DAYS * 24 - 40;
    const cpu = series('cpu', (t) => (t < breakAt ? 34 : 70) + 5 * wave(t) + noise(), { unit: '%', capacity: 90 });
    const data = forecast(cpu);
    const m = metricOf(data, 'cpu');
    assert.ok(m.levelShift, 'a level shift is reported');
    assert.ok(Math.abs(Date.parse(m.levelShift.t) - (START + breakAt * HOUR)) <= 2 * HOUR, m.levelShift.t);
    assert.ok(Math.abs(m.levelShift.before - 34) < 4 && Math.abs(m.levelShift.after - 70) < 4);
    assert.ok(
      data.warnings.some((w) =>
        /"cpu" stepped up from 3\d.* % to (6|7)\d.* % at .*; forecast from the new level/.test(w),
      ),
      data.warnings.join('\n'),
    );
    const firstDay = m.points.slice(0, 24).map((p) => p.value);
    assert.ok(Math.abs(mean(firstDay) - 70) < 3, `the next day averages ${mean(firstDay)}, the new level is 70`);
    assert.equal(m.breach?.alreadyBreached, false);
    assert.equal(m.breach?.expected, null, 'a level of 70 ± 5 does not reach 90');
    // the same history without the break is trusted more
    const steady = metricOf(
      forecast(series('cpu', (t) => 34 + 5 * wave(t) + noise(), { unit: '%', capacity: 90 })),
      'cpu',
    );
    assert.equal(steady.levelShift, undefined);
    assert.ok(m.confidence.score < steady.confidence.score, `${m.confidence.score} < ${steady.confidence.score}`);
  });

  it('step down: a database CPU that dropped from 28% to 17% is forecast at 17%', () => {
    const noise = gaussian(2);
    const breakAt = DAYS * 24 - 36;
    const db = series('db_cpu', (t) => (t < breakAt ? 28 : 17) + 3 * wave(t) + 0.8 * noise(), {
      unit: '%',
      capacity: 80,
    });
    const data = forecast(db);
    const m = metricOf(data, 'db_cpu');
    assert.ok(m.levelShift && m.levelShift.after < m.levelShift.before);
    assert.ok(data.warnings.some((w) => /"db_cpu" stepped down from/.test(w)));
    const forecastMean = mean(m.points.map((p) => p.value));
    assert.ok(Math.abs(forecastMean - 17) < 2, `forecast averages ${forecastMean}`);
  });

  it('saturation at 100%: a CPU pinned at its ceiling is already breached, critical, never forecast to recover, and stays within 0–100', () => {
    const noise = gaussian(3);
    const pinnedFrom = DAYS * 24 - 30;
    const cpu = series(
      'cpu',
      (t) => (t < pinnedFrom ? 34 + 8 * wave(t) + noise() : Math.min(100, 99.3 + 0.4 * noise())),
      { unit: '%', capacity: 90 },
    );
    const latency = series('latency_ms', (t) => 120 + 10 * wave(t) + 3 * noise(), { unit: 'ms', capacity: 400 });
    const data = forecast(cpu, latency);
    const m = metricOf(data, 'cpu');
    assert.equal(m.breach?.alreadyBreached, true);
    assert.equal(m.breach?.risk, 'critical');
    assert.equal(data.risk.level, 'critical');
    assert.equal(data.bottleneck?.metric, 'cpu');
    assert.ok(data.risk.reasons.some((r) => /cpu is already beyond its capacity of 90 %/.test(r)));
    for (const p of m.points) {
      assert.ok(p.value >= 90, `point ${p.value} at ${p.t} would say it recovers`);
      assert.ok(p.value <= 100 && p.upper <= 100 && p.lower >= 0, `${p.lower} ≤ ${p.value} ≤ ${p.upper} within 0–100`);
    }
  });

  it('a metric that has crossed its capacity before and come back may be forecast to come back again', () => {
    // a daily peak above capacity, the last observation at the peak: history shows it recovering every day
    const peaks = series('cpu', (t) => 70 + 25 * wave(t), { unit: '%', capacity: 90 }, DAYS * 24 - 8);
    const m = metricOf(forecast(peaks), 'cpu');
    assert.equal(m.breach?.alreadyBreached, true);
    assert.ok(Math.min(...m.points.map((p) => p.value)) < 60, 'the night after the peak is forecast lower');
  });

  it('linear ramp to capacity: the disk is forecast to fill within ±10% of the true time, with bounds that widen', () => {
    const noise = gaussian(4);
    // from 20%, 60 points over the three weeks on average, the rate varying ±50% from day to day
    const n = DAYS * 24;
    const rate = 60 / n;
    let level = 20;
    let today = rate;
    const values = Float64Array.from({ length: n }, (_, t) => {
      if (t % 24 === 0) today = rate * (1 + 0.5 * noise());
      level += today;
      return level + 0.3 * noise();
    });
    const disk = series('disk_used', (t) => values[t] as number, { unit: '%', capacity: 90 });
    const truth = (90 - level) / rate; // hours after the last observation, at the average rate
    const data = forecast(disk);
    const m = metricOf(data, 'disk_used');
    const expected = hoursAfterLast(data, m.breach?.expected);
    assert.ok(Math.abs(expected - truth) <= 0.1 * truth, `breach in ${expected} h, truth ${truth} h`);
    assert.equal(m.breach?.alreadyBreached, false);
    assert.equal(data.bottleneck?.metric, 'disk_used');
    assert.equal(m.levelShift, undefined, 'growth is not a level shift');
    const widths = m.points.map((p) => p.upper - p.lower);
    const quarter = Math.floor(widths.length / 4);
    const first = mean(widths.slice(0, quarter));
    const last = mean(widths.slice(-quarter));
    assert.ok(last > first, `the band is ${first} wide in the first quarter of the horizon and ${last} in the last`);
  });

  it('counter reset: after a log rotation the forecast grows again from the new level, never below zero', () => {
    const noise = gaussian(5);
    const resetAt = DAYS * 24 - 60;
    // GB written since the last rotation: 0.5 GB an hour, rotated (back to 0) 60 h before the end
    const logs = series('log_disk_gb', (t) => Math.max(0, 0.5 * (t < resetAt ? t : t - resetAt) + 0.2 * noise()), {
      unit: 'GB',
      capacity: 80,
    });
    const data = forecast(logs);
    const m = metricOf(data, 'log_disk_gb');
    const last = 0.5 * (DAYS * 24 - 1 - resetAt);
    assert.ok(Math.abs((m.points[0]?.value ?? NaN) - last) < 3, `starts at ${m.points[0]?.value}, last ${last}`);
    assert.ok(m.points.every((p) => p.lower >= 0));
    assert.equal(m.breach?.alreadyBreached, false);
    const truth = (80 - last) / 0.5;
    const expected = hoursAfterLast(data, m.breach?.expected);
    assert.ok(Math.abs(expected - truth) <= 0.15 * truth, `fills in ${expected} h, truth ${truth} h`);
  });

  it('one spike: a single 20× outlier neither bends the forecast nor makes a breach, and the raw value is still shown', () => {
    const make = (spike: boolean): MetricSeries => {
      const noise = gaussian(6);
      return series('latency_ms', (t) => (spike && t === DAYS * 24 - 30 ? 2400 : 120 + 15 * wave(t) + 3 * noise()), {
        unit: 'ms',
        capacity: 350,
      });
    };
    const spiked = forecast(make(true));
    const clean = forecast(make(false));
    const m = metricOf(spiked, 'latency_ms');
    const c = metricOf(clean, 'latency_ms');
    assert.equal(m.levelShift, undefined);
    assert.equal(m.breach?.expected, null);
    assert.equal(m.breach?.alreadyBreached, false);
    assert.equal(spiked.bottleneck, null);
    const gap = Math.max(...m.points.map((p, j) => Math.abs(p.value - (c.points[j]?.value ?? NaN))));
    assert.ok(gap < 5, `the spike moved the forecast by up to ${gap} ms`);
  });

  it('flat line: a constant forecasts itself, with no break, no breach and finite bounds', () => {
    const data = forecast(series('connections', () => 42, { capacity: 100 }));
    const m = metricOf(data, 'connections');
    assert.ok(m.points.every((p) => p.value === 42 && p.lower <= 42 && p.upper >= 42));
    assert.equal(m.levelShift, undefined);
    assert.equal(m.breach?.expected, null);
    assert.equal(m.breach?.probability, 0);
    assert.equal(data.bottleneck, null);
  });

  it('nights with no data: the gaps are filled and said, the daytime level is kept, and confidence reflects the gaps', () => {
    const noise = gaussian(7);
    const times: number[] = [];
    const values: number[] = [];
    for (let t = 0; t < DAYS * 24; t++) {
      const hour = t % 24;
      if (hour < 7 || hour >= 21) continue; // the exporter sleeps at night
      times.push(START + t * HOUR);
      values.push(60 + 15 * wave(t) + noise());
    }
    const set = toMetricSet('nights.csv', [
      { name: 'api_cpu', unit: '%', capacity: 95, breach: 'above', times, values },
    ]);
    assert.ok(set.warnings.some((w) => /gaps? longer than/.test(w)));
    const data = forecastMetricSet(set, { clock: new FakeClock() });
    const m = metricOf(data, 'api_cpu');
    const at15 = m.points.filter((p) => p.t.slice(11, 13) === '15').map((p) => p.value);
    assert.ok(at15.length >= 5 && at15.every((v) => Math.abs(v - 75) < 5), `15:00 forecasts ${at15.join(', ')}`);
    assert.ok(m.confidence.components.dataQuality < 0.8, `data quality ${m.confidence.components.dataQuality}`);
    assert.equal(m.levelShift, undefined);
    assert.equal(m.breach?.expected, null);
  });

  it('weekly cycle with a holiday dip: the holiday is not a new level, and the next weekdays are forecast as weekdays', () => {
    const noise = gaussian(8);
    const days = 50; // seven weeks and a day: it ends on a Monday night, so the forecast starts on a Tuesday
    const holiday = 42; // last week's Monday ran at weekend level
    const traffic = series(
      'requests',
      (t) => {
        const day = Math.floor(t / 24);
        const quiet = day % 7 >= 5 || day === holiday; // START is a Monday
        return (quiet ? 400 : 1000) + (quiet ? 100 : 300) * wave(t) + 20 * noise();
      },
      { unit: 'req/s', capacity: 2000 },
      days * 24,
    );
    const data = forecast(traffic);
    const m = metricOf(data, 'requests');
    assert.equal(m.levelShift, undefined);
    const peak = (day: number): number => Math.max(...m.points.slice(day * 24, (day + 1) * 24).map((p) => p.value));
    for (const day of [0, 1, 2, 3])
      assert.ok(Math.abs(peak(day) - 1300) < 100, `weekday ${day}: peak ${peak(day)}, truth 1300`);
    for (const day of [4, 5])
      assert.ok(Math.abs(peak(day) - 500) < 100, `weekend day ${day}: peak ${peak(day)}, truth 500`);
    assert.equal(m.breach?.expected, null, 'no weekday peak reaches 2000');
    assert.equal(m.breach?.risk, 'none');
  });

  it('the bottleneck of a set is the metric that gets there first', () => {
    const noise = gaussian(9);
    const disk = series('disk_used', (t) => 20 + 0.12 * t + 0.3 * noise(), { unit: '%', capacity: 90 });
    const memory = series('memory_used', (t) => 40 + 0.06 * t + 0.3 * noise(), { unit: '%', capacity: 90 });
    const cpu = series('cpu', (t) => 45 + 10 * wave(t) + noise(), { unit: '%', capacity: 85 });
    const data = forecast(cpu, memory, disk);
    assert.equal(data.bottleneck?.metric, 'disk_used');
    assert.equal(metricOf(data, 'cpu').breach?.expected, null);
  });
});
