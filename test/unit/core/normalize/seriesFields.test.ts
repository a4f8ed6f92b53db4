import * as assert from 'node:assert/strict';
import { normalize } from '../../../../src/core/normalize/normalize';
import { normalizeKey } from '../../../../src/core/normalize/seriesFields';
import { builtinPrediction, type MetricPrediction } from '../../../../src/core/forecast/forecastMetricSet';
import { type ForecastData } from '../../../../src/core/base/forecastSchema';
import { FakeClock } from '../../../support/helpers';
import { CPU, FIRST_TIME, normalizeHistory, PRODUCER, REQUEST } from '../../../support/normalizeHelpers';

const HOUR = 3_600_000;
const DISK = [120, 119, 118, 117, 116, 115];
const LOWER = CPU.map((v) => v - 2);
const UPPER = CPU.map((v) => v + 2);
const iso = (k: number): string => new Date(FIRST_TIME + k * HOUR).toISOString();

// the built-in forecasts, computed once for every fixture
const histories = { one: normalizeHistory('one'), two: normalizeHistory('two') };
const reference = new Map<string, MetricPrediction>(
  histories.two.metrics.map((m) => [m.name, builtinPrediction(m, REQUEST.horizon, REQUEST.level)]),
);
const read = (answer: unknown, which: 'one' | 'two' = 'one'): ForecastData =>
  normalize(JSON.stringify(answer), PRODUCER, REQUEST, histories[which], { clock: new FakeClock(), reference });
const points = (data: ForecastData, metric = 'cpu') => data.metrics.find((m) => m.name === metric)?.points ?? [];
const valuesOf = (data: ForecastData, metric = 'cpu') => points(data, metric).map((p) => p.value);
const boundsOf = (data: ForecastData) => points(data).map((p) => [p.lower, p.upper]);

/** Every alias the normalizer accepts, each in an answer that only it can make readable. */
describe('normalization: every key alias has a fixture', () => {
  describe('the point forecast', () => {
    for (const key of [
      'values',
      'value',
      'forecast',
      'forecasts',
      'predictions',
      'prediction',
      'yhat',
      'mean',
      'point',
      'points',
      'y',
      'expected',
      'data',
      'v',
    ])
      it(`reads a series' values under "${key}"`, () => {
        assert.deepEqual(valuesOf(read({ cpu: { [key]: CPU } })), CPU);
      });
  });

  describe('the bounds', () => {
    for (const key of ['lower', 'lo', 'low', 'lower_bound', 'lowerbound', 'yhat_lower', 'min'])
      it(`reads the lower bound under "${key}"`, () => {
        const data = read({ cpu: { values: CPU, [key]: LOWER, upper: UPPER } });
        assert.deepEqual(
          boundsOf(data),
          LOWER.map((l, i) => [l, UPPER[i]]),
        );
      });
    for (const key of ['upper', 'hi', 'high', 'upper_bound', 'upperbound', 'yhat_upper', 'max'])
      it(`reads the upper bound under "${key}"`, () => {
        const data = read({ cpu: { values: CPU, lower: LOWER, [key]: UPPER } });
        assert.deepEqual(
          boundsOf(data),
          LOWER.map((l, i) => [l, UPPER[i]]),
        );
      });
    for (const key of ['interval', 'intervals', 'bounds', 'prediction_interval', 'quantiles', 'percentiles'])
      it(`reads bounds inside an interval object under "${key}"`, () => {
        const data = read({ cpu: { values: CPU, [key]: { lower: LOWER, upper: UPPER } } });
        assert.deepEqual(
          boundsOf(data),
          LOWER.map((l, i) => [l, UPPER[i]]),
        );
      });
  });

  describe('the times', () => {
    // rows given newest first: only their times put them in order
    const isoRows = (key: string) => CPU.map((v, k) => ({ [key]: iso(k), value: v })).reverse();
    const stepRows = (key: string) => CPU.map((v, k) => ({ [key]: k + 1, value: v })).reverse();
    for (const key of ['t', 'time', 'timestamp', 'ds', 'date', 'datetime', 'step', 'index', 'i', 'h', 'x', 'ts'])
      it(`places rows by their time under "${key}"`, () => {
        assert.deepEqual(valuesOf(read({ cpu: isoRows(key) })), CPU, 'ISO times');
        assert.deepEqual(valuesOf(read({ cpu: stepRows(key) })), CPU, 'step numbers');
      });
  });

  describe('the metric names', () => {
    for (const key of [
      'name',
      'metric',
      'metric_name',
      'metricname',
      'unique_id',
      'series',
      'series_id',
      'item_id',
      'id',
    ])
      it(`matches series to metrics by "${key}"`, () => {
        const data = read(
          [
            { [key]: 'disk_free', values: DISK },
            { [key]: 'cpu', values: CPU },
          ],
          'two',
        );
        assert.deepEqual([valuesOf(data), valuesOf(data, 'disk_free')], [CPU, DISK]);
      });
  });

  describe('the narrative', () => {
    for (const key of ['narrative', 'summary', 'explanation', 'reasoning', 'analysis', 'notes', 'comment', 'rationale'])
      it(`takes the narrative from "${key}"`, () => {
        assert.equal(
          read({ cpu: CPU, [key]: 'cpu rises with the weekly peak' }).narrative,
          'cpu rises with the weekly peak',
        );
      });
  });

  describe('wrappers around the series', () => {
    for (const key of [
      'metrics',
      'forecast',
      'forecasts',
      'predictions',
      'result',
      'results',
      'data',
      'output',
      'series',
    ])
      it(`looks inside "${key}"`, () => {
        const data = read({ [key]: { cpu: CPU, disk_free: DISK } }, 'two');
        assert.deepEqual([valuesOf(data), valuesOf(data, 'disk_free')], [CPU, DISK]);
      });
  });

  describe('keys that describe a series, not hold one', () => {
    const meta = ['unit', 'units', 'capacity', 'level', 'model', 'method', 'cutoff', 'horizon', 'freq', 'frequency'];
    for (const key of [...meta, 'type', 'description'])
      it(`does not take a numeric "${key}" for the forecast column of a timed row`, () => {
        const data = read({ cpu: CPU.map((v, k) => ({ ds: iso(k), [key]: 90, MSTL: v })) });
        assert.deepEqual(valuesOf(data), CPU);
        assert.ok(!data.warnings.some((w) => w.includes('several forecast columns')), data.warnings.join(' | '));
      });
    for (const [list, key] of [
      ['name', 'id'],
      ['lower', 'min'],
      ['upper', 'max'],
      ['narrative', 'notes'],
    ] as const)
      it(`does not take a numeric ${list} key ("${key}") for the forecast column of a timed row`, () => {
        const data = read({ cpu: CPU.map((v, k) => ({ ds: iso(k), [key]: 7, MSTL: v })) });
        assert.deepEqual(valuesOf(data), CPU);
      });
  });

  it('compares keys lower-cased, with spaces and dashes as underscores', () => {
    assert.equal(normalizeKey('Yhat Lower'), 'yhat_lower');
    assert.equal(normalizeKey('Upper-Bound'), 'upper_bound');
    const data = read({ cpu: { VALUES: CPU, 'Lower Bound': LOWER, 'upper-bound': UPPER } });
    assert.deepEqual(
      boundsOf(data),
      LOWER.map((l, i) => [l, UPPER[i]]),
    );
  });
});
