import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { theilSenTrend } from '../../../../../src/core/forecast/methods/theilSen';

/*
 * The Theil–Sen trend against its definition, written the plain way: the period is the first
 * one the history holds three times (else none); the history's tail is cut into at most
 * `blocks` equal blocks of whole periods (n/blocks rounded down to a period, at least one);
 * the slope is the median of the slopes between every two block means (placed at their
 * blocks' centres); the intercept the median of y − slope·t over the last block; the forecast
 * the line, plus the last period's deviation from it when there is a period.
 */
const sortedMedian = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function plainTheilSen(y: Float64Array, periods: number[], blocks: number, horizon: number): number[] {
  const n = y.length;
  const period = periods.find((p) => 3 * p <= n) ?? 1;
  const size = Math.max(1, Math.floor(n / (blocks * period))) * period;
  const count = Math.min(blocks, Math.floor(n / size));
  const block = Array.from({ length: count }, (_, b) => {
    const from = n - (b + 1) * size;
    const values = Array.from(y.subarray(from, from + size));
    return { centre: from + (size - 1) / 2, mean: values.reduce((s, v) => s + v, 0) / size };
  });
  const pairSlopes: number[] = [];
  for (let a = 0; a < count; a++)
    for (let b = a + 1; b < count; b++) {
      const [later, earlier] = [block[a], block[b]] as [(typeof block)[0], (typeof block)[0]];
      pairSlopes.push((later.mean - earlier.mean) / (later.centre - earlier.centre));
    }
  const slope = pairSlopes.length ? sortedMedian(pairSlopes) : 0;
  const line = (t: number): number => intercept + slope * t;
  const intercept = sortedMedian(
    Array.from({ length: size }, (_, i) => (y[n - size + i] as number) - slope * (n - size + i)),
  );
  return Array.from({ length: horizon }, (_, j) => {
    const t = n - period + (j % period);
    return line(n + j) + (period > 1 ? (y[t] as number) - line(t) : 0);
  });
}

const close = (actual: ArrayLike<number>, expected: number[], what = ''): void => {
  assert.equal(actual.length, expected.length, `${what} length`);
  expected.forEach((e, i) => {
    const tol = 1e-9 * Math.max(1, Math.abs(e));
    assert.ok(Math.abs((actual[i] as number) - e) <= tol, `${what}[${i}] = ${actual[i]}, expected ${e}`);
  });
};
const isLine = (out: Float64Array): boolean =>
  out.every((v, j) => j < 2 || Math.abs(v - 2 * (out[j - 1] as number) + (out[j - 2] as number)) < 1e-9);

/** Trending series with a season, noise and outliers, with the period lists the forecaster passes. */
const caseArb = fc
  .record({
    n: fc.integer({ min: 16, max: 400 }),
    periods: fc.constantFrom<number[]>([], [24], [24, 168], [7], [5, 12], [200]),
    blocks: fc.constantFrom(8, 1, 2, 3, 5),
    slope: fc.constantFrom(0, 0.3, -2, 0.01),
    amplitude: fc.constantFrom(0, 10),
    noise: fc.constantFrom(0, 1, 20),
    outliers: fc.boolean(),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ n, periods, blocks, slope, amplitude, noise, outliers, seed }) => {
    let a = seed;
    const random = (): number => ((a = (a * 1103515245 + 12345) % 2147483648), a / 2147483648);
    const p = periods[0] ?? 1;
    const y = Float64Array.from(
      { length: n },
      (_, t) => 40 + slope * t + amplitude * Math.sin((2 * Math.PI * t) / p) + noise * (random() - 0.5),
    );
    if (outliers) for (let k = 0; k < 3; k++) y[Math.floor(random() * n)] = 1e4 * (random() - 0.5);
    return { y, periods, blocks };
  });

describe('Theil–Sen trend: the median of block slopes, on the last block, with the last season added back', () => {
  it('equals the plain definition, for any history, period list and block count', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 50 }), ({ y, periods, blocks }, horizon) => {
        close(
          theilSenTrend(blocks).forecast(y, { horizon, periods }),
          plainTheilSen(y, periods, blocks, horizon),
          `n=${y.length} periods=${periods} blocks=${blocks}`,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('is named theil-sen and needs 16 steps', () => {
    assert.equal(theilSenTrend().id, 'theil-sen');
    assert.equal(theilSenTrend().minLength, 16);
  });

  it('continues a seasonal line exactly: whole-period blocks cancel the season, which is then added back', () => {
    const pattern = [4, -2, 7, 0, -6, -3];
    const at = (t: number): number => 12 + 0.75 * t + (pattern[t % 6] as number);
    const y = Float64Array.from({ length: 100 }, (_, t) => at(t));
    close(
      theilSenTrend().forecast(y, { horizon: 9, periods: [6, 42] }),
      Array.from({ length: 9 }, (_, j) => at(100 + j)),
    );
  });

  it('uses a period once the history holds it three times, and none before', () => {
    const pattern = [5, -5, 10, -10, 0, 0];
    const at = (t: number): number => 3 - 0.5 * t + (pattern[t % 6] as number);
    // 18 steps: three periods of 6, the season is recognised and carried on
    const three = Float64Array.from({ length: 18 }, (_, t) => at(t));
    close(
      theilSenTrend().forecast(three, { horizon: 6, periods: [6] }),
      Array.from({ length: 6 }, (_, j) => at(18 + j)),
    );
    // 17 steps: no usable period, the forecast is a straight line
    const short = Float64Array.from({ length: 17 }, (_, t) => at(t));
    const out = theilSenTrend().forecast(short, { horizon: 6, periods: [6] });
    assert.ok(isLine(out), `${[...out]}`);
    close(out, plainTheilSen(short, [6], 8, 6));
  });

  it('takes the first usable period of the list', () => {
    // a season of 4 inside a season of 12: with [4, 12] the 4-step shape is carried on, with [12] the 12-step one
    const y = Float64Array.from({ length: 48 }, (_, t) => 20 + (t % 4) * 2 + (t % 12 === 11 ? 9 : 0));
    // the last four values, 20, 22, 24, 35 (t = 47 is a peak of the 12-step season), over and over
    close(
      theilSenTrend().forecast(y, { horizon: 12, periods: [4, 12] }),
      [20, 22, 24, 35, 20, 22, 24, 35, 20, 22, 24, 35],
    );
    const long = theilSenTrend().forecast(y, { horizon: 12, periods: [12] });
    close(long, Array.from(y.subarray(36, 48)));
  });

  it('without a period the forecast is a line: the slope of the blocks, through the median of the last one', () => {
    // 100 + 2t, 3 above at odd t and 3 below at even t; eight blocks of five steps
    const y = Float64Array.from({ length: 40 }, (_, t) => 100 + 2 * t + (t % 2 ? 3 : -3));
    // the last block (t = 35 … 39) lies 3 above the line at three of its five steps: y − 2t has median 103
    close(theilSenTrend().forecast(y, { horizon: 4, periods: [] }), [183, 185, 187, 189]);
  });

  it('with one block there is no pair of blocks: no slope, the forecast is the median of the history', () => {
    const y = Float64Array.from([5, 9, 1, 7, 3, 8, 2, 6, 4, 10, 11, 12, 13, 14, 15, 16]);
    close(theilSenTrend(1).forecast(y, { horizon: 3, periods: [] }), [8.5, 8.5, 8.5]);
  });

  it('the slope is a median over pairs of blocks: a rise in a minority of the blocks does not move it', () => {
    // flat at 10 for 60 steps, then rising by 1 a step for the last 20 (11 … 30)
    const y = Float64Array.from({ length: 80 }, (_, t) => (t < 60 ? 10 : 10 + (t - 59)));
    // eight blocks of 10: 15 of the 28 pairs are two flat blocks, so the median slope is 0, and the
    // forecast is flat at the median of the last block (21 … 30)
    close(theilSenTrend(8).forecast(y, { horizon: 2, periods: [] }), [25.5, 25.5]);
    // two blocks of 40: one pair, means 10 and 15.25, forty steps apart: a slope of 5.25/40
    const two = theilSenTrend(2).forecast(y, { horizon: 2, periods: [] });
    close(two, plainTheilSen(y, [], 2, 2));
    assert.ok(Math.abs((two[1] as number) - (two[0] as number) - 5.25 / 40) < 1e-12, `${[...two]}`);
  });
});
