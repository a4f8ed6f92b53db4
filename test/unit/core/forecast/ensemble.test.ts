import * as assert from 'node:assert/strict';
import { combine, selectAndCombine } from '../../../../src/core/forecast/ensemble';
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

  it('forecasts from a one-pass method’s later fits only when it is combined, with the same result as making them all', () => {
    for (const seed of [1, 2, 3]) {
      const y = series(600, p, seed);
      /** The autoregression, recording the origins whose deferred forecast is made. */
      const made: number[] = [];
      const sar = seasonalAr(3, 7 * p, true, p + 1);
      const watched: ForecastMethod = {
        ...sar,
        deferOrigins: (h, origins, c) =>
          (sar.deferOrigins?.(h, origins, c) ?? []).map((f, i) => () => {
            made.push(origins[i] as number);
            return f();
          }),
      };
      const { deferOrigins: _, ...eager } = sar;
      // a method off by 0.01 at every step beats it: with one method combined, only the backtest's
      // three origins of the autoregression are forecast from
      const close: ForecastMethod = {
        id: 'close',
        minLength: 1,
        forecast: (h, { horizon }) => Float64Array.from({ length: horizon }, (_, j) => (y[h.length + j] ?? 0) + 0.01),
      };
      const one = { ...options, topK: 1 };
      const a = selectAndCombine(y, context, [watched, close], close, one);
      assert.deepEqual(a.chosen, ['close']);
      assert.deepEqual(made, [588, 576, 564]);
      // chosen, its fits at the seven later calibration origins and the whole history are forecast from too
      made.length = 0;
      const both = selectAndCombine(y, context, [watched, seasonalNaive(1)], seasonalNaive(1), options);
      assert.ok(both.chosen.includes(sar.id), `the autoregression is chosen (seed ${seed})`);
      assert.deepEqual(
        [...made].sort((x, z) => x - z),
        [...Array.from({ length: 10 }, (_, w) => 480 + 12 * w), 600],
      );
      // and the results are those of forecasts made all at once
      for (const [lazy, pool] of [
        [a, [eager, close]],
        [both, [eager, seasonalNaive(1)]],
      ] as const) {
        const b = selectAndCombine(y, context, pool, pool[1], lazy === a ? one : options);
        assert.equal(JSON.stringify(lazy.scores), JSON.stringify(b.scores));
        assert.equal(JSON.stringify([...lazy.forecast]), JSON.stringify([...b.forecast]));
        assert.equal(JSON.stringify(lazy.residuals.map((r) => [...r])), JSON.stringify(b.residuals.map((r) => [...r])));
      }
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

/**
 * A method whose backtest errors are set by hand: from the history up to the k-th origin back
 * (k = 0 the latest) it forecasts the actual values plus `offsets[k]` (0 past the list, NaN
 * where the entry is NaN); from the whole history it forecasts `final` at every step.
 */
function scripted(
  id: string,
  y: Float64Array,
  offsets: readonly number[],
  { final = 0, minLength = 1 }: { final?: number; minLength?: number } = {},
): ForecastMethod {
  return {
    id,
    minLength,
    forecast: (history, { horizon }) => {
      const o = history.length;
      if (o === y.length) return new Float64Array(horizon).fill(final);
      const offset = offsets[Math.round((y.length - o) / horizon) - 1] ?? 0;
      return Float64Array.from({ length: horizon }, (_, j) => (y[o + j] as number) + offset);
    },
  };
}

/** 0, 2, 0, 2, … ending on 0 at the latest point: the in-sample one-step error (the scale) is 2. */
const zigzag = (n: number): Float64Array => Float64Array.from({ length: n }, (_, t) => ((n - 1 - t) % 2 === 0 ? 0 : 2));

describe('selectAndCombine: which methods are combined, and how they are scored', () => {
  // 41 points, horizon 1, 3 windows: origins 40 (the latest), 39 and 38; scale 2
  const y = zigzag(41);
  const context = { horizon: 1, periods: [] };
  const options = { windows: 3, topK: 3, combine: 'mean' as const, calibrationWindows: 3 };
  const naive = seasonalNaive(1);

  it('weights the windows 3 : 2 : 1 from the latest back, so a miss of 2 at the latest origin counts as one of 6 at the earliest', () => {
    const pool = [
      scripted('at-earliest', y, [0, 0, 12]), // scaled error 6 at weight 1/6
      scripted('at-middle', y, [0, 6, 0]), // 3 at weight 2/6
      scripted('at-latest', y, [4, 0, 0]), // 2 at weight 3/6
      scripted('late-and-small', y, [1, 0, 0]), // 0.5 at weight 3/6
    ];
    const result = selectAndCombine(y, context, pool, naive, options);
    assert.deepEqual(
      result.scores.map((s) => [s.method, s.mase, s.windows]),
      [
        ['late-and-small', 0.25, 3],
        ['at-earliest', 1, 3],
        ['at-latest', 1, 3],
        ['at-middle', 1, 3],
      ],
    );
  });

  it('breaks ties by id whatever the order of the pool', () => {
    const make = (): ForecastMethod[] => [
      scripted('c', y, [2, 0, 0]),
      scripted('a', y, [2, 0, 0]),
      scripted('b', y, [2, 0, 0]),
    ];
    for (const pool of [make(), make().reverse(), [...make().slice(1), ...make().slice(0, 1)]]) {
      const result = selectAndCombine(y, context, pool, naive, options);
      assert.deepEqual(
        result.scores.map((s) => s.method),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(result.chosen, ['a', 'b', 'c']);
    }
  });

  it('combines the best topK that score within 1.5 times the best, exactly 1.5 times included', () => {
    // one window: a score is the latest error over the scale 2
    const one = { ...options, windows: 1, topK: 4 };
    const pool = [
      scripted('one', y, [2]),
      scripted('one-and-a-half', y, [3]),
      scripted('one-point-six', y, [3.2]),
      scripted('one-point-two', y, [2.4]),
    ];
    const result = selectAndCombine(y, context, pool, naive, one);
    assert.deepEqual(
      result.scores.map((s) => [s.method, s.mase]),
      [
        ['one', 1],
        ['one-point-two', 1.2],
        ['one-and-a-half', 1.5],
        ['one-point-six', 1.6],
      ],
    );
    assert.deepEqual(result.chosen, ['one', 'one-point-two', 'one-and-a-half']);
    // with topK 2 only the best two, though the third is within the cut
    assert.deepEqual(selectAndCombine(y, context, pool, naive, { ...one, topK: 2 }).chosen, ['one', 'one-point-two']);
  });

  it('leaves out a method clearly worse than naive at the latest origin (over 1.5 times naive’s error plus 0.1)', () => {
    // naive misses the latest point by 2: a scaled error of 1, so the bar is 1.5 × 1 + 0.1 = 1.6
    const bar = 1.5 * 1 + 0.1;
    const pool = [
      naive,
      scripted('at-the-bar', y, [2 * bar, 0, 0]), // 1.6 at the latest: kept; score 0.8
      scripted('over-the-bar', y, [3.4, 0, 0]), // 1.7 at the latest: left out, though it scores 0.85
      scripted('missed-long-ago', y, [0, 0, 10]), // 5 at the earliest, 0 at the latest: kept; score 5 / 6
    ];
    const result = selectAndCombine(y, context, pool, naive, { ...options, topK: 5 });
    assert.deepEqual(
      result.scores.map((s) => s.method),
      ['at-the-bar', 'missed-long-ago', 'over-the-bar', 'naive'],
    );
    // naive scores 1 (up to rounding), within 1.5 × 0.8
    assert.deepEqual(result.chosen, ['at-the-bar', 'missed-long-ago', 'naive']);
  });

  it('without naive in the pool there is no guard', () => {
    const pool = [scripted('far-off-lately', y, [20, 0, 0]), scripted('also-far', y, [24, 0, 0])];
    assert.deepEqual(selectAndCombine(y, context, pool, naive, options).chosen, ['far-off-lately', 'also-far']);
  });

  it('leaves out a method whose backtest error is not finite, or whose forecast from the whole history is not', () => {
    const pool = [
      scripted('nan-in-backtest', y, [NaN, 0, 0]),
      scripted('overflows', y, [0, 0, 0], { final: Infinity }),
      scripted('fine', y, [2, 0, 0], { final: 5 }),
    ];
    const result = selectAndCombine(y, context, pool, naive, options);
    assert.deepEqual(result.chosen, ['fine']);
    assert.deepEqual([...result.forecast], [5]);
  });

  it('when no method is usable, still combines the best topK by score (never nothing)', () => {
    const pool = [
      scripted('a-best', y, [2, 0, 0], { final: Infinity }),
      scripted('b-second', y, [2.4, 0, 0], { final: Infinity }),
      scripted('c-third', y, [2.8, 0, 0], { final: Infinity }),
    ];
    assert.deepEqual(selectAndCombine(y, context, pool, naive, { ...options, topK: 2 }).chosen, ['a-best', 'b-second']);
    // a method that scores NaN is still combined when it is all there is
    const lost = selectAndCombine(y, context, [scripted('lost', y, [NaN, NaN, NaN], { final: NaN })], naive, options);
    assert.deepEqual(lost.chosen, ['lost']);
  });

  it('scores only the methods whose shortest history reaches back to the earliest origin, else the baseline alone', () => {
    // the earliest of the origins 40, 39, 38 is 38
    const pool = [
      scripted('needs-38', y, [2, 0, 0], { minLength: 38 }),
      scripted('needs-39', y, [0, 0, 0], { minLength: 39 }),
    ];
    const result = selectAndCombine(y, context, pool, naive, options);
    assert.deepEqual(
      result.scores.map((s) => s.method),
      ['needs-38'],
    );
    const none = selectAndCombine(y, context, [scripted('needs-39', y, [], { minLength: 39 })], naive, options);
    assert.deepEqual(
      none.scores.map((s) => s.method),
      ['naive'],
    );
    assert.deepEqual(none.chosen, ['naive']);
    // the last value
    assert.deepEqual([...none.forecast], [0]);
  });
});

describe('selectAndCombine: windows, calibration residuals and the baseline', () => {
  // 42 points, horizon 4: at most (42 − 4) / 4 = 9 windows, at origins 38, 34, …, 6
  const y = zigzag(42);
  const context = { horizon: 4, periods: [] };
  const options = { windows: 3, topK: 3, combine: 'mean' as const, calibrationWindows: 10 };
  const naive = seasonalNaive(1);

  it('scores on as many windows as the history holds after one horizon, and none when it holds only one horizon', () => {
    const short = zigzag(14); // (14 − 4) / 4 = 2 windows of the 3 asked
    assert.deepEqual(
      selectAndCombine(short, context, [scripted('m', short, [])], naive, options).scores.map((s) => s.windows),
      [2],
    );
    const four = zigzag(4);
    const none = selectAndCombine(four, context, [scripted('m', four, [2])], naive, options);
    assert.deepEqual(
      none.scores.map((s) => [s.method, s.mase, s.windows]),
      [['m', 0, 0]],
    );
    assert.deepEqual(none.residuals, []);
  });

  it('calibrates on at most (n − horizon) / horizon windows, the selection’s and older ones', () => {
    const result = selectAndCombine(y, context, [scripted('m', y, [1, 2, 3, 4, 5, 6, 7, 8, 9])], naive, options);
    // the method is off by the window's number (counted from 1 at the latest), and the level is the same
    // throughout, so each window's residuals are minus that number
    assert.deepEqual(
      result.residuals.map((r) => [...r]),
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => [-k, -k, -k, -k]),
    );
  });

  it('combinedMase is the plain mean over the selection windows of the combination’s scaled error; baselineMase is seasonal naive’s', () => {
    // off by 2, 4, 6 at the three selection windows (scale 2), by 18 at the fourth
    const result = selectAndCombine(y, context, [scripted('m', y, [2, 4, 6, 18])], naive, options);
    assert.equal(result.combinedMase, 2);
    // naive repeats the last value: on 0, 2, 0, 2 it misses by 2 every other step, a scaled error of 0.5
    assert.equal(result.baselineMase, 0.5);
  });

  it('measures the combination against the observed values when it was fitted on a cleaned copy', () => {
    const observed = Float64Array.from(y);
    observed[41] = (observed[41] as number) + 24; // a spike at the last step of the latest window
    const result = selectAndCombine(y, context, [scripted('m', y, [2, 4, 6])], naive, options, observed);
    // the selection saw the cleaned history: the same score as without the spike
    assert.equal(
      result.scores[0]?.mase,
      selectAndCombine(y, context, [scripted('m', y, [2, 4, 6])], naive, options).scores[0]?.mase,
    );
    // the latest window misses the spike by 22 instead of 2 (scaled errors 3.5, 2 and 3 instead of 1, 2 and 3)
    assert.ok(Math.abs(result.combinedMase - (3.5 + 2 + 3) / 3) < 1e-12, `${result.combinedMase}`);
    assert.deepEqual([...(result.residuals[0] as Float64Array)], [-2, -2, -2, 22]);
    // naive misses it by 24 instead of 0: 3.5 instead of 0.5 at the latest window
    assert.equal(result.baselineMase, (3.5 + 0.5 + 0.5) / 3);
  });

  it('calibrates on the origins every chosen method can forecast from', () => {
    const pool = [
      scripted('from-22', y, [2, 2, 2], { minLength: 22 }),
      scripted('from-10', y, [2, 2, 2.2], { minLength: 10 }),
    ];
    const result = selectAndCombine(y, context, pool, naive, options);
    assert.deepEqual(result.chosen, ['from-22', 'from-10']);
    // origins 38, 34, 30, 26 and 22
    assert.equal(result.residuals.length, 5);
  });

  it('asks a one-pass method in the same call for the calibration origins its history allows, its shortest included', () => {
    const asked: number[][] = [];
    const inner = scripted('one-pass', y, [2]);
    const onePass: ForecastMethod = {
      id: inner.id,
      minLength: 22,
      originsInOnePass: true,
      forecast: inner.forecast,
      forecastOrigins: (h, origins, c) => {
        asked.push([...origins]);
        return origins.map((o) => inner.forecast(h.subarray(0, o), c));
      },
    };
    const result = selectAndCombine(y, context, [onePass], naive, options);
    assert.deepEqual(asked, [[22, 26, 30, 34, 38, 42]]);
    assert.equal(result.residuals.length, 5);
  });

  it('drops a calibration window the combination could not forecast at every step', () => {
    const nanAtFirstStep: ForecastMethod = {
      id: 'gap',
      minLength: 1,
      // off by 2 everywhere, and no forecast for the first step from origin 10
      forecast: (h, { horizon }) =>
        Float64Array.from({ length: horizon }, (_, j) =>
          h.length === 10 && j === 0 ? NaN : (y[h.length + j] ?? 0) + 2,
        ),
    };
    const result = selectAndCombine(y, context, [nanAtFirstStep], naive, options);
    assert.equal(result.residuals.length, 8);
    assert.ok(result.residuals.every((r) => r.every((v) => v === -2)));
  });

  it('rescales each window’s residuals by the level now over the level before its origin (mean |y| of the last 24 points, fewer early on)', () => {
    // 1 up to step 30, 2 from there; the method is 1 too low everywhere, a residual of 1 before rescaling
    const steps = Float64Array.from({ length: 60 }, (_, t) => (t < 30 ? 1 : 2));
    const h6 = { horizon: 6, periods: [] };
    const result = selectAndCombine(steps, h6, [scripted('low', steps, Array(9).fill(-1))], naive, options);
    // origins 54, 48, …, 6; the level now is 2; before 48 it is (6 × 1 + 18 × 2) / 24 = 1.75, before 42
    // 1.5, before 36 1.25, before 30 and earlier 1 (before 18, 12 and 6 over the 18, 12 and 6 points there are)
    const expected = [2 / 2, 2 / 1.75, 2 / 1.5, 2 / 1.25, 2, 2, 2, 2, 2];
    assert.equal(result.residuals.length, expected.length);
    result.residuals.forEach((r, w) => {
      for (const v of r) assert.ok(Math.abs(v - (expected[w] as number)) < 1e-12, `window ${w}: ${v}`);
    });
  });
});

describe('combine', () => {
  const forecasts = [Float64Array.from([1, 10]), Float64Array.from([5, 2]), Float64Array.from([3, 30])];

  it('mean: the average per step', () => {
    assert.deepEqual([...combine(forecasts, 'mean')], [3, 14]);
  });

  it('median of an odd count: the middle value per step', () => {
    assert.deepEqual([...combine(forecasts, 'median')], [3, 10]);
  });

  it('median of an even count: the mean of the two middle values per step', () => {
    const four = [...forecasts, Float64Array.from([7, 4])];
    assert.deepEqual([...combine(four, 'median')], [4, 7]);
  });

  it('one forecast comes back as it is, as a copy', () => {
    const only = Float64Array.from([-0, 2.5]);
    for (const how of ['mean', 'median'] as const) {
      const out = combine([only], how);
      assert.ok(Object.is(out[0], -0));
      assert.equal(out[1], 2.5);
      out[1] = 9;
      assert.equal(only[1], 2.5);
    }
  });

  it('refuses to combine nothing', () => {
    assert.throws(() => combine([], 'mean'), /^Error: nothing to combine$/);
  });
});
