import * as assert from 'node:assert/strict';
import { type MetricSeries } from '../../../../src/core/base/forecastSchema';
import { type MetricPrediction } from '../../../../src/core/forecast/forecastMetricSet';
import { type TrackRecord } from '../../../../src/core/base/trackRecord';
import { toPrediction } from '../../../../src/core/normalize/metricPrediction';
import { type RawSeries } from '../../../../src/core/normalize/rawSeries';
import { FIRST_TIME, normalizeHistory, REQUEST } from '../../../support/normalizeHelpers';

const HOUR = 3_600_000;
const iso = (k: number): string => new Date(FIRST_TIME + k * HOUR).toISOString();
const base = normalizeHistory('one').metrics[0] as MetricSeries;
/** A metric of this history, in requests per second (never below 0, no upper limit). */
const metric = (values: readonly number[], unit = 'req/s'): MetricSeries => ({
  ...base,
  name: 'load',
  unit,
  values: Float64Array.from(values),
});
const CONSTANT = metric(Array.from({ length: 12 }, () => 10));
/** 54 hourly values rising by one: a daily period fits (2 × 24 + 6), and its seasonal-naive error is 24. */
const RAMP = metric(Array.from({ length: 54 }, (_, k) => k));
const REF_POINT = [60, 60, 60, 60, 60, 60];
/** The built-in forecast it is compared with: 2 below and 3 above its point. */
const reference = (point: readonly number[] = REF_POINT): MetricPrediction => ({
  point: Float64Array.from(point),
  lower: Float64Array.from(point, (v) => v - 2),
  upper: Float64Array.from(point, (v) => v + 3),
  method: {
    chosen: ['builtin'],
    combination: 'single',
    scores: [],
    backtestCoverage: null,
    skill: null,
    periods: [24],
  },
  confidence: { skill: 0.9, coverage: 0.9 },
});

interface Predicted {
  prediction: MetricPrediction | undefined;
  problems: string[];
  warnings: string[];
}
const predict = (
  raw: RawSeries,
  { series = CONSTANT, track }: { series?: MetricSeries; track?: TrackRecord } = {},
): Predicted => {
  const problems: string[] = [];
  const warnings: string[] = [];
  const prediction = toPrediction(series, raw, REQUEST, 'custom:m', () => reference(), track, problems, warnings);
  return { prediction, problems, warnings };
};
const rows = (p: MetricPrediction | undefined): number[][] =>
  [...(p?.point ?? [])].map((v, j) => [v, p?.lower[j] as number, p?.upper[j] as number]);
const near = (actual: number | null | undefined, expected: number, what: string): void =>
  assert.ok(actual != null && Math.abs(actual - expected) < 1e-12, `${what}: ${actual} is not ${expected}`);
const NO_INTERVAL =
  '"load": the answer had no prediction interval; bounds were derived from the built-in forecaster\'s backtest errors.';
const UNUSABLE =
  '"load": the answer\'s bounds were unusable, so they were derived from the built-in forecaster\'s backtest errors.';

describe('one series to a prediction: what is kept of the answer', () => {
  it('names the provider as the method, and keeps the periods of the built-in forecast', () => {
    const { prediction, problems } = predict({ values: [1, 2, 3, 4, 5, 6] });
    assert.deepEqual(problems, []);
    assert.deepEqual(prediction?.method, {
      chosen: ['custom:m'],
      combination: 'provider',
      scores: [],
      backtestCoverage: null,
      skill: null,
      periods: [24],
    });
  });

  it("without bounds, the built-in forecast's distances from its point, around the answer's point", () => {
    const { prediction, warnings } = predict({ values: [11, 12, 13, 14, 15, 16] });
    assert.deepEqual(
      rows(prediction),
      [11, 12, 13, 14, 15, 16].map((v) => [v, v - 2, v + 3]),
    );
    assert.deepEqual(warnings, [NO_INTERVAL]);
    assert.deepEqual(rows(predict({ values: [1, 1, 1, 1, 1, 1] }).prediction)[0], [1, 0, 4], 'clipped at 0');
  });

  it('notes made reading the series become warnings', () => {
    assert.deepEqual(predict({ values: [1, 2, 3, 4, 5, 6], notes: ['one', 'two'] }).warnings, [
      '"load": one.',
      '"load": two.',
      NO_INTERVAL,
    ]);
  });
});

describe('one series to a prediction: times', () => {
  const values = [1, 2, 3, 4, 5, 6];
  const backwards = { values: [...values].reverse(), times: [5, 4, 3, 2, 1, 0].map(iso) };

  it('places values by their times when every value has one', () => {
    assert.deepEqual(predict(backwards).prediction?.point, Float64Array.from(values));
  });

  it('ignores times that are all missing, or not one per value', () => {
    assert.deepEqual(predict({ values, times: values.map(() => null) }).prediction?.point, Float64Array.from(values));
    // rows without their time field
    assert.deepEqual(
      predict({ values, times: values.map(() => undefined) }).prediction?.point,
      Float64Array.from(values),
    );
    assert.deepEqual(predict({ values, times: [undefined, undefined] }).prediction?.point, Float64Array.from(values));
    assert.deepEqual(predict({ values, times: [iso(5), iso(4)] }).prediction?.point, Float64Array.from(values));
  });

  it('a time missing among the others cannot be read', () => {
    assert.deepEqual(predict({ values, times: [iso(0), null, iso(2), iso(3), iso(4), iso(5)] }).problems, [
      '"load": its timestamps could not be read',
    ]);
  });

  it('bounds with one entry per value go where their values go; others are read in order', () => {
    const lower = [...values].reverse().map((v) => v - 1);
    const upper = [...values].reverse().map((v) => v + 1);
    assert.deepEqual(
      rows(predict({ ...backwards, lower, upper }).prediction),
      values.map((v) => [v, v - 1, v + 1]),
    );
    const inOrder = { ...backwards, lower: [...values.map((v) => v - 1), 0], upper: [...values.map((v) => v + 1), 9] };
    assert.deepEqual(
      rows(predict(inOrder).prediction),
      values.map((v) => [v, v - 1, v + 1]),
    );
  });
});

describe('one series to a prediction: bounds the answer gave', () => {
  const values = [10, 10, 10, 10, 10, 10];

  it('bounds equal to the point are kept, with nothing to say', () => {
    const { prediction, warnings } = predict({ values, lower: values, upper: values });
    assert.deepEqual(warnings, []);
    assert.deepEqual(rows(prediction)[0], [10, 10, 10]);
  });

  it('an interval below or above its point is widened to reach it', () => {
    const below = predict({ values, lower: values.map(() => 7), upper: values.map(() => 9) });
    assert.deepEqual(below.warnings, [
      '"load": the answer\'s interval did not contain its forecast at 6 steps; it was widened to contain it.',
    ]);
    assert.deepEqual(rows(below.prediction)[0], [10, 7, 10]);
    const above = predict({ values, lower: values.map(() => 11), upper: values.map(() => 12) });
    assert.deepEqual(rows(above.prediction)[0], [10, 10, 12]);
  });

  it('one side alone is no interval', () => {
    assert.deepEqual(predict({ values, lower: values }).warnings, [UNUSABLE]);
    assert.deepEqual(predict({ values, upper: values }).warnings, [NO_INTERVAL]);
    assert.deepEqual(rows(predict({ values, lower: values }).prediction)[0], [10, 8, 13]);
  });

  it('a side too short, or with a value that is not a number, is unusable', () => {
    assert.deepEqual(predict({ values, lower: values, upper: [11, 11, 11, 11] }).warnings, [UNUSABLE]);
    assert.deepEqual(predict({ values, lower: [9, 9, 9, 9], upper: values }).warnings, [UNUSABLE]);
    assert.deepEqual(predict({ values, lower: values, upper: [11, 11, 'n/a', 11, 11, 11] }).warnings, [UNUSABLE]);
    assert.deepEqual(predict({ values, lower: [9, 9, 9, 9, 9, null], upper: values }).warnings, [UNUSABLE]);
  });

  it('a metric that can be negative is not clipped below', () => {
    const signed = metric([-5, 5, -5, 5, -5, 5, -5, 5, -5, 5, -5, 5]);
    const { prediction } = predict({ values: [-20, 0, 0, 0, 0, 0] }, { series: signed });
    assert.deepEqual(rows(prediction)[0], [-20, -22, -17]);
  });
});

describe('one series to a prediction: problems', () => {
  it('says which points are not numbers, the first five', () => {
    assert.deepEqual(predict({ values: ['a', 'b', 'c', 'd', 'e', 1] }).problems, [
      '"load": 5 values are not a finite number (points 0, 1, 2, 3, 4)',
    ]);
    assert.deepEqual(predict({ values: ['a', 'b', 'c', 'd', 'e', 'f'] }).problems, [
      '"load": 6 values are not a finite number (points 0, 1, 2, 3, 4, …)',
    ]);
  });

  it('a value too large for a number (Infinity) is not a finite number either', () => {
    assert.deepEqual(predict({ values: [1, 2, '1e400', 4, 5, 6] }).problems, [
      '"load": 1 value is not a finite number (point 2)',
    ]);
  });

  it('values up to a thousand times the history (plus one) are read; beyond that they are a problem', () => {
    // the history is 10 throughout: the limit is 1000 × (10 + 1)
    assert.deepEqual(predict({ values: [11_000, 1, 1, 1, 1, 1] }).problems, []);
    assert.deepEqual(predict({ values: [1, 1, 1, 1, 1, -11_000] }).problems, []);
    assert.deepEqual(predict({ values: [11_000.5, 1, 1, 1, 1, 1] }).problems, [
      '"load": values up to 1.10e+4 are far outside anything in the history (largest 10.0)',
    ]);
  });

  it('the limit is on sizes: as far below zero is a problem too, and a history below zero sets it', () => {
    assert.deepEqual(predict({ values: [1, 1, -11_000.5, 1, 1, 1] }).problems, [
      '"load": values up to 1.10e+4 are far outside anything in the history (largest 10.0)',
    ]);
    // a history around −5,000: an answer around −4,000 is of its size
    const negative = metric(Array.from({ length: 12 }, (_, k) => -5_000 + k));
    assert.deepEqual(
      predict({ values: [-4_000, -4_000, -4_000, -4_000, -4_000, -4_000] }, { series: negative }).problems,
      [],
    );
  });
});

describe('one series to a prediction: confidence', () => {
  it('agreement with the built-in forecast: 1 / (1 + mean distance in seasonal-naive errors), less ½', () => {
    // the ramp's daily seasonal-naive error is 24: 12 apart is half an error, agreement 2/3
    const apart = (by: number, series: MetricSeries, track?: TrackRecord) =>
      predict({ values: REF_POINT.map((v) => v + by) }, { series, ...(track ? { track } : {}) }).prediction?.confidence;
    near(apart(12, RAMP)?.skill, 2 / 3 - 0.5, 'ramp, 12 apart');
    near(apart(-12, RAMP)?.skill, 2 / 3 - 0.5, 'ramp, 12 below');
    near(apart(0, RAMP)?.skill, 0.5, 'identical');
    // a flat history has no seasonal-naive error: distances count as they are
    near(apart(3, CONSTANT)?.skill, 0.25 - 0.5, 'flat, 3 apart');
    // a short history has no period: the error from one step to the next
    near(apart(2, metric([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]))?.skill, 0, 'short, 2 apart');
    assert.equal(apart(12, RAMP)?.coverage, null, 'no track record, no coverage');
  });

  it("a track record counts half: clamp(1.5 − its MASE), and its coverage is the prediction's", () => {
    const withTrack = (track: TrackRecord) =>
      predict({ values: REF_POINT.map((v) => v + 12) }, { series: RAMP, track }).prediction?.confidence;
    const good = withTrack({ mase: 0.5, coverage: 0.93, count: 3 });
    near(good?.skill, 0.5 * (2 / 3) + 0.5 * 1 - 0.5, 'MASE 0.5');
    assert.equal(good?.coverage, 0.93);
    near(withTrack({ mase: 1.2, coverage: 0.8, count: 1 })?.skill, 0.5 * (2 / 3) + 0.5 * 0.3 - 0.5, 'MASE 1.2');
    near(withTrack({ mase: 3, coverage: 0.8, count: 1 })?.skill, 0.5 * (2 / 3) - 0.5, 'MASE 3');
    const none = withTrack({ mase: 0.1, coverage: 0.5, count: 0 });
    near(none?.skill, 2 / 3 - 0.5, 'an empty track record is none');
    assert.equal(none?.coverage, null);
  });
});
