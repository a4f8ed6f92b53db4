import * as assert from 'node:assert/strict';
import { selectAndCombine } from '../../../../src/core/forecast/ensemble';
import { type ForecastMethod } from '../../../../src/core/forecast/methods/method';
import { seasonalAr } from '../../../../src/core/forecast/methods/seasonalAr';
import { seasonalNaive } from '../../../../src/core/forecast/methods/seasonalNaive';
import { seededRandom } from '../../../../src/core/random';

/** A positive daily-periodic series with a slow trend and noise. */
function series(n: number, p: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from(
    { length: n },
    (_, t) => 50 + 0.01 * t + 10 * Math.sin((2 * Math.PI * t) / p) + 3 * (random() - 0.5),
  );
}

/** The method, counting the calls that reach it and the origins each call asks for. */
function counted(method: ForecastMethod, onePass: boolean): { method: ForecastMethod; calls: number[][] } {
  const calls: number[][] = [];
  const { forecast, forecastOrigins } = method;
  if (!forecastOrigins) throw new Error('a method with forecastOrigins is needed');
  return {
    calls,
    method: {
      id: method.id,
      minLength: method.minLength,
      forecast: (y, c) => forecast(y, c),
      forecastOrigins: (y, origins, c) => {
        calls.push([...origins]);
        return forecastOrigins(y, origins, c);
      },
      ...(onePass ? { originsInOnePass: true } : {}),
    },
  };
}

describe('selectAndCombine', () => {
  const p = 24;
  const context = { horizon: 12, periods: [p] };
  const options = { windows: 3, topK: 2, combine: 'mean' as const, calibrationWindows: 10 };

  it('asks a one-pass method for the calibration origins in its backtest call, with the same result as a second call', () => {
    for (const seed of [1, 2, 3]) {
      const y = series(600, p, seed);
      const one = counted(seasonalAr(3, 7 * p, true, p + 1), true);
      const two = counted(seasonalAr(3, 7 * p, true, p + 1), false);
      const naive = seasonalNaive(1);
      const a = selectAndCombine(y, context, [one.method, naive], naive, options);
      const b = selectAndCombine(y, context, [two.method, naive], naive, options);
      assert.deepEqual(a.chosen, b.chosen);
      assert.ok(a.chosen.includes(one.method.id), `the autoregression is chosen (seed ${seed})`);
      // one call with every origin: the 7 calibration origins beyond the selection's 3, the 3, and the end
      assert.equal(one.calls.length, 1);
      assert.deepEqual(one.calls[0], Array.from({ length: 10 }, (_, w) => 600 - (10 - w) * 12).concat([600]));
      // without the flag: the backtest's call, then one for the calibration origins
      assert.equal(two.calls.length, 2);
      assert.deepEqual(
        two.calls[1],
        Array.from({ length: 7 }, (_, w) => 600 - (10 - w) * 12),
      );
      assert.equal(a.residuals.length, 10);
      assert.equal(JSON.stringify(a.residuals.map((r) => [...r])), JSON.stringify(b.residuals.map((r) => [...r])));
      assert.deepEqual([...a.forecast], [...b.forecast]);
      assert.equal(a.combinedMase, b.combinedMase);
    }
  });

  it('asks a one-pass method only for calibration origins its history allows', () => {
    const y = series(600, p, 4);
    // needs 500 points: of the calibration origins beyond the selection's (552 … 480), 552 … 504 qualify
    const one = counted(seasonalAr(3, 7 * p, true, 500), true);
    const naive = seasonalNaive(1);
    const result = selectAndCombine(y, context, [one.method, naive], naive, options);
    assert.deepEqual(one.calls[0], [504, 516, 528, 540, 552, 564, 576, 588, 600]);
    assert.ok(result.chosen.includes(one.method.id));
    assert.equal(result.residuals.length, 8);
  });
  it('makes the forecast from the whole history only for the methods the selection reaches, in score order', () => {
    const y = series(600, p, 5);
    const asked: string[] = [];
    /** A method that refits at each origin, recording which ones ask for the whole history. */
    const fromHistory = (id: string, f: (h: Float64Array, horizon: number) => Float64Array): ForecastMethod => ({
      id,
      minLength: 2 * p,
      forecast: (h, c) => {
        if (h.length === y.length) asked.push(id);
        return f(h, c.horizon);
      },
    });
    const seasonal = (h: Float64Array, horizon: number): Float64Array =>
      Float64Array.from({ length: horizon }, (_, j) => h[h.length - p + (j % p)] as number);
    const pool = [
      // best in the backtest (a seasonal naive), but its forecast from the whole history overflows
      fromHistory('a-overflows', (h, horizon) =>
        h.length === y.length ? new Float64Array(horizon).fill(Infinity) : seasonal(h, horizon),
      ),
      // the same forecast, so the same score: second and third by id
      fromHistory('b-seasonal', seasonal),
      fromHistory('c-seasonal', seasonal),
      // worse: the last value, then a constant far from the data
      fromHistory('d-last', (h, horizon) => new Float64Array(horizon).fill(h[h.length - 1] as number)),
      fromHistory('e-zero', (_, horizon) => new Float64Array(horizon)),
    ];
    const naive = seasonalNaive(1);
    const result = selectAndCombine(y, context, pool, naive, { ...options, topK: 2 });
    assert.deepEqual(result.chosen, ['b-seasonal', 'c-seasonal']);
    // the overflowing one was asked and left out; nothing ranked after the two chosen was asked
    assert.deepEqual(asked, ['a-overflows', 'b-seasonal', 'c-seasonal']);
    assert.ok(result.forecast.every(Number.isFinite));
  });
});
