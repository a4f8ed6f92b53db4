import * as assert from 'node:assert/strict';
import {
  autocorrelations,
  candidatePeriods,
  detectPeriods,
  isSeasonal,
} from '../../../../src/core/forecast/seasonality';
import { seededRandom } from '../../../../src/core/random';

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
