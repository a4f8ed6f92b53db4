import * as assert from 'node:assert/strict';
import {
  autocorrelations,
  candidatePeriods,
  detectPeriods,
  isSeasonal,
} from '../../../../src/core/forecast/seasonality';
import { seededRandom } from '../../../../src/core/random';
import fc from 'fast-check';

/** The definition, summed directly: O(n · maxLag). */
function direct(y: ArrayLike<number>, maxLag: number): number[] {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] as number;
  mean /= n;
  const d = Array.from({ length: n }, (_, i) => (y[i] as number) - mean);
  const c0 = d.reduce((s, v) => s + v * v, 0);
  return Array.from({ length: maxLag + 1 }, (_, k) => {
    if (k === 0) return 1;
    if (k >= n || !(c0 > 0)) return 0;
    let s = 0;
    for (let i = k; i < n; i++) s += (d[i] as number) * (d[i - k] as number);
    return s / c0;
  });
}

describe('seasonality', () => {
  it('autocorrelations agree with the direct sum, for odd, even and power-of-two lengths', () => {
    const random = seededRandom(7);
    for (const n of [1, 2, 3, 4, 5, 7, 8, 31, 64, 100, 257, 1000, 2048]) {
      const y = Float64Array.from({ length: n }, (_, t) => 10 + Math.sin(t / 3) + random() * (t % 5));
      const maxLag = Math.min(n + 2, 300);
      const got = autocorrelations(y, maxLag);
      const want = direct(y, maxLag);
      assert.equal(got.length, maxLag + 1);
      want.forEach((w, k) =>
        assert.ok(Math.abs((got[k] as number) - w) < 1e-9, `n=${n} r_${k} = ${got[k]}, want ${w}`),
      );
    }
  });

  it('autocorrelations of a constant series are 1 then 0, of a plain array as of a typed one', () => {
    assert.deepEqual([...autocorrelations([4, 4, 4, 4, 4], 3)], [1, 0, 0, 0]);
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    assert.deepEqual([...autocorrelations(values, 4)], [...autocorrelations(Float64Array.from(values), 4)]);
  });

  it('the lags of an alternating series alternate in sign', () => {
    const acf = autocorrelations(
      Float64Array.from({ length: 64 }, (_, t) => (t % 2 ? 1 : -1)),
      4,
    );
    assert.ok((acf[1] as number) < -0.9 && (acf[2] as number) > 0.9 && (acf[3] as number) < -0.9);
  });

  it('candidate periods are a day and a week in whole steps of at least 2', () => {
    assert.deepEqual(candidatePeriods(3_600_000), [24, 168]);
    assert.deepEqual(candidatePeriods(300_000), [288, 2016]);
    assert.deepEqual(candidatePeriods(7 * 3_600_000), [24]);
    assert.deepEqual(candidatePeriods(43_200_000), [2, 14]);
    assert.deepEqual(candidatePeriods(86_400_000), [7]);
    assert.deepEqual(candidatePeriods(5 * 86_400_000), []);
  });

  it('a daily cycle is seasonal at 24 and noise is not; and fewer than two periods are never', () => {
    const random = seededRandom(11);
    // a nightly batch job: one busy hour a day (a smooth sine is too correlated at short lags for the test)
    const daily = Float64Array.from({ length: 24 * 8 }, (_, t) => 50 + (t % 24 === 3 ? 30 : 0) + random());
    const noise = Float64Array.from({ length: 24 * 8 }, () => random());
    assert.equal(isSeasonal(daily, 24), true);
    assert.equal(isSeasonal(noise, 24), false);
    assert.equal(isSeasonal(daily.subarray(0, 24 * 3), 24), true);
    assert.equal(isSeasonal(daily.subarray(0, 47), 24), false);
    assert.equal(isSeasonal(daily, 1), false);
    assert.equal(isSeasonal([...daily], 24), true);
    assert.deepEqual(detectPeriods(daily, 3_600_000), [24]);
    assert.deepEqual(detectPeriods(noise, 3_600_000), []);
  });

  it('the test uses the last four periods only: an old cycle that stopped does not count', () => {
    const random = seededRandom(3);
    const y = Float64Array.from({ length: 24 * 20 }, (_, t) =>
      t < 24 * 14 ? 10 * Math.sin((2 * Math.PI * t) / 24) + random() : random(),
    );
    assert.equal(isSeasonal(y, 24), false);
    assert.equal(isSeasonal(y.subarray(0, 24 * 14), 24), true);
  });
});

describe('seasonality: the test as its definition states it', () => {
  /** Bartlett's test by hand on the last 4·m values (at least 2·m), from the direct autocorrelations. */
  function plainIsSeasonal(y: number[], m: number): boolean {
    if (m < 2 || y.length < 2 * m) return false;
    const tail = y.slice(Math.max(0, y.length - 4 * m));
    const r = direct(tail, m);
    let sum = 0;
    for (let k = 1; k < m; k++) sum += (r[k] as number) ** 2;
    return (r[m] as number) > 1.645 * Math.sqrt((1 + 2 * sum) / tail.length);
  }

  it('agrees with Bartlett’s test written plainly, on cycles of every strength in noise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (m, extra, strength, seed) => {
          const random = seededRandom(seed);
          const shape = Array.from({ length: m }, () => random() - 0.5);
          const y = Array.from({ length: 2 * m + extra }, (_, t) => strength * (shape[t % m] as number) + random());
          assert.equal(isSeasonal(y, m), plainIsSeasonal(y, m), `m=${m} n=${y.length}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a cycle seen for under two periods is not seasonal, however strong; at two periods it can be', () => {
    // one busy hour a day, seen twice within 26 hours: the autocorrelation alone would pass
    const busy = (n: number): number[] =>
      Array.from({ length: n }, (_, t) => (t % 24 === 1 ? 30 : 0) + ((t * 7) % 5) / 10);
    assert.equal(isSeasonal(busy(26), 24), false);
    assert.equal(isSeasonal(busy(47), 24), false);
    assert.equal(isSeasonal(busy(48), 24), true);
  });

  it('a period of two can pass (lag 2 strong, lag 1 weak)', () => {
    assert.equal(isSeasonal([2, -3, 5, -7, -1, -10, -4, -7], 2), true);
  });

  it('lags at or past the length are 0 exactly', () => {
    const acf = autocorrelations([3, 1, 4, 1, 5, 9, 2, 6], 11);
    assert.deepEqual([...acf.subarray(8)], [0, 0, 0, 0]);
  });
});
