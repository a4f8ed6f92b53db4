import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  type ForecastMethod,
  type MethodContext,
  forecastAtOrigins,
  mean,
  median,
} from '../../../../../src/core/forecast/methods/method';

/** The median by definition: the middle of the values as Float64Array's sort orders them (−0 before 0, NaN last). */
function sortedMedian(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
const sameBits = (a: number, b: number): boolean => Object.is(a, b);

describe('mean', () => {
  it('averages the whole array, or the values from `from` up to, not including, `to`', () => {
    const values = Float64Array.from([2, 4, 9, 1, 14]);
    assert.equal(mean(values), 6);
    assert.equal(mean(values, 1, 3), 6.5);
    assert.equal(mean(values, 3), 7.5);
    assert.equal(mean([5, -5, 3]), 1);
  });
});

describe('median', () => {
  it('is the middle value of an odd count and the mean of the two middle ones of an even count', () => {
    assert.equal(median([7]), 7);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    // the selection path, from 32 values on
    const odd = Array.from({ length: 33 }, (_, i) => (i * 17) % 33);
    assert.equal(median(odd), 16);
    const even = Array.from({ length: 32 }, (_, i) => ((i * 5) % 32) * 2);
    assert.equal(median(even), 31);
  });

  it('equals the middle of the sorted values, short or long, with ties', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 90, size: 'max' }), (xs) => {
        assert.equal(median(xs), sortedMedian(xs));
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 90, size: 'max' }),
        (xs) => {
          assert.ok(sameBits(median(xs), sortedMedian(xs)), `${xs}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with NaN or −0 among the values gives the sort’s middle, bit for bit, however many values there are', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(NaN, -0, 0, 1, -1, 2), { minLength: 1, maxLength: 80, size: 'max' }),
        (xs) => {
          assert.ok(sameBits(median(xs), sortedMedian(xs)), `${xs.map((x) => (Object.is(x, -0) ? '-0' : x))}`);
        },
      ),
      { numRuns: 400 },
    );
    // 17 −0 and 16 0: the sort puts −0 in the middle
    assert.ok(Object.is(median([...Array<number>(16).fill(0), ...Array<number>(17).fill(-0)]), -0));
    // NaN sorts last: 20 of 33 values NaN puts one in the middle
    assert.ok(Number.isNaN(median([...Array<number>(20).fill(NaN), ...Array.from({ length: 13 }, (_, i) => i)])));
  });

  it('leaves its argument as it was', () => {
    const values = Float64Array.from({ length: 40 }, (_, i) => (i * 13) % 40);
    const before = Array.from(values);
    median(values);
    assert.deepEqual(Array.from(values), before);
  });
});

describe('forecastAtOrigins', () => {
  const context: MethodContext = { horizon: 2, periods: [] };
  /** A method that forecasts the length of the history it was given, and records each call. */
  const lengthMethod = (calls: string[], withOrigins: boolean): ForecastMethod => ({
    id: 'length',
    minLength: 1,
    forecast(history, { horizon }) {
      calls.push(`forecast ${history.length}`);
      return new Float64Array(horizon).fill(history.length);
    },
    ...(withOrigins
      ? {
          forecastOrigins(history: Float64Array, origins: readonly number[], { horizon }: MethodContext) {
            calls.push(`origins ${origins.join(',')} of ${history.length}`);
            return origins.map((o) => new Float64Array(horizon).fill(-o));
          },
        }
      : {}),
  });

  it('forecasts from each origin as if the history ended there, when the method has no faster way', () => {
    const calls: string[] = [];
    const out = forecastAtOrigins(lengthMethod(calls, false), new Float64Array(10), [3, 7, 10], context);
    assert.deepEqual(
      out.map((f) => Array.from(f)),
      [
        [3, 3],
        [7, 7],
        [10, 10],
      ],
    );
    assert.deepEqual(calls, ['forecast 3', 'forecast 7', 'forecast 10']);
  });

  it('hands all the origins at once to a method that has forecastOrigins', () => {
    const calls: string[] = [];
    const out = forecastAtOrigins(lengthMethod(calls, true), new Float64Array(10), [3, 7], context);
    assert.deepEqual(
      out.map((f) => Array.from(f)),
      [
        [-3, -3],
        [-7, -7],
      ],
    );
    assert.deepEqual(calls, ['origins 3,7 of 10']);
  });
});
