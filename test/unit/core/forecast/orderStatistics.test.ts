import * as assert from 'node:assert/strict';
import { maxOf, plainValues, selectKth } from '../../../../src/core/forecast/orderStatistics';
import { median } from '../../../../src/core/forecast/methods/method';
import { seededRandom } from '../../../../src/core/random';

/** Arrays of many kinds: ties, constants, negatives, −0, NaN, infinities, sorted and reversed. */
function samples(count: number): Float64Array[] {
  const random = seededRandom(42);
  const out: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    const n = Math.floor(random() * 120);
    const kind = k % 7;
    const a = Float64Array.from({ length: n }, (_, i) =>
      kind === 0
        ? Math.floor(random() * 3)
        : kind === 1
          ? random() - 0.5
          : kind === 2
            ? 7
            : kind === 3
              ? i
              : kind === 4
                ? n - i
                : kind === 5
                  ? random() < 0.5
                    ? -0
                    : 0
                  : random() < 0.05
                    ? NaN
                    : random() < 0.05
                      ? -Infinity
                      : random(),
    );
    out.push(a);
  }
  return out;
}

const sortMedian = (values: Float64Array): number => {
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

describe('order statistics without a whole sort', () => {
  it('selectKth puts the value a sort puts at k there, smaller ones before and larger ones after', () => {
    for (const a of samples(400).filter(plainValues)) {
      if (a.length === 0) continue;
      const sorted = Float64Array.from(a).sort();
      for (const k of [0, a.length >> 1, a.length - 1]) {
        const b = Float64Array.from(a);
        selectKth(b, k);
        assert.ok(Object.is(b[k], sorted[k]), `k = ${k} of ${a.length}`);
        for (let i = 0; i < k; i++) assert.ok((b[i] as number) <= (b[k] as number));
        for (let i = k + 1; i < b.length; i++) assert.ok((b[i] as number) >= (b[k] as number));
      }
    }
  });

  it('plainValues refuses NaN and −0, and takes +0 and infinities', () => {
    assert.equal(plainValues(Float64Array.from([1, 0, Infinity, -Infinity])), true);
    assert.equal(plainValues(Float64Array.from([-1, -2.5, -Number.MIN_VALUE])), true);
    assert.equal(plainValues(Float64Array.from([1, -0])), false);
    assert.equal(plainValues(Float64Array.from([NaN])), false);
  });

  it('maxOf is the largest of a range', () => {
    assert.equal(maxOf(Float64Array.from([3, 9, 1, 12]), 0, 3), 9);
    // only the range counts: not the larger values just before and at its end
    assert.equal(maxOf(Float64Array.from([50, 3, 9, 1, 12]), 1, 4), 9);
    assert.equal(maxOf(Float64Array.from([-7]), 0, 1), -7);
  });

  it('median gives the bits of the median of a sorted copy, whatever the values', () => {
    for (const a of samples(700)) assert.ok(Object.is(median(a), sortMedian(a)), `${a.length} values`);
  });
});
