import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fft } from '../../../../src/core/forecast/fft';

/** The discrete Fourier transform by its definition: X_k = Σ_t x_t·e^(∓2πikt/n), over n when inverse. */
function plainDft(re: ArrayLike<number>, im: ArrayLike<number>, inverse: boolean): { re: number[]; im: number[] } {
  const n = re.length;
  const out = { re: Array<number>(n).fill(0), im: Array<number>(n).fill(0) };
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const angle = (sign * 2 * Math.PI * ((k * t) % n)) / n;
      const xr = re[t] as number;
      const xi = im[t] as number;
      out.re[k] = (out.re[k] as number) + xr * Math.cos(angle) - xi * Math.sin(angle);
      out.im[k] = (out.im[k] as number) + xr * Math.sin(angle) + xi * Math.cos(angle);
    }
    if (inverse) {
      out.re[k] = (out.re[k] as number) / n;
      out.im[k] = (out.im[k] as number) / n;
    }
  }
  return out;
}

const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void => {
  assert.equal(actual.length, expected.length, `${what} length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    assert.ok(Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)), `${what}[${i}] = ${a}, expected ${e}`);
  }
};

/** A complex signal of a power-of-two length (1 … 256) with small whole and fractional values. */
const signalArb = fc
  .integer({ min: 0, max: 8 })
  .chain((log2) =>
    fc.tuple(
      fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1 << log2, maxLength: 1 << log2 }),
      fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1 << log2, maxLength: 1 << log2 }),
    ),
  );

describe('fft: the radix-2 transform, in place', () => {
  it('equals the DFT by its definition, forward and inverse, at every power-of-two length up to 256', () => {
    fc.assert(
      fc.property(signalArb, fc.boolean(), ([xr, xi], inverse) => {
        const re = Float64Array.from(xr);
        const im = Float64Array.from(xi);
        fft(re, im, inverse);
        const expected = plainDft(xr, xi, inverse);
        close(re, expected.re, `re (n=${xr.length}, inverse=${inverse})`);
        close(im, expected.im, `im (n=${xr.length}, inverse=${inverse})`);
      }),
      { numRuns: 150 },
    );
  });

  it('by hand: an impulse is flat, a constant is all at frequency zero, a cosine at its own frequency', () => {
    const impulse = { re: Float64Array.from([1, 0, 0, 0]), im: new Float64Array(4) };
    fft(impulse.re, impulse.im);
    assert.deepEqual([...impulse.re], [1, 1, 1, 1]);
    assert.deepEqual([...impulse.im], [0, 0, 0, 0]);
    const constant = { re: Float64Array.from([3, 3, 3, 3, 3, 3, 3, 3]), im: new Float64Array(8) };
    fft(constant.re, constant.im);
    close(constant.re, [24, 0, 0, 0, 0, 0, 0, 0], 'constant re');
    close(constant.im, [0, 0, 0, 0, 0, 0, 0, 0], 'constant im');
    // cos(2π·2t/8): half its weight at k = 2, half at k = 6
    const cosine = {
      re: Float64Array.from({ length: 8 }, (_, t) => Math.cos((2 * Math.PI * 2 * t) / 8)),
      im: new Float64Array(8),
    };
    fft(cosine.re, cosine.im);
    close(cosine.re, [0, 0, 4, 0, 0, 0, 4, 0], 'cosine re');
    close(cosine.im, [0, 0, 0, 0, 0, 0, 0, 0], 'cosine im');
  });

  it('the inverse undoes the forward transform, scale included', () => {
    const xr = [5, -2, 7.5, 0, 1, 3, -4, 2, 9, 1, 0, -6, 2.25, 8, -1, 4];
    const xi = [0, 1, -1, 2, 0, 0, 3, -2, 1, 0, 0, 5, -3, 0, 1, 0];
    const re = Float64Array.from(xr);
    const im = Float64Array.from(xi);
    fft(re, im);
    fft(re, im, true);
    close(re, xr, 're');
    close(im, xi, 'im');
  });

  it('a length of one is left as it is, either way', () => {
    const re = Float64Array.from([7]);
    const im = Float64Array.from([-2]);
    fft(re, im, true);
    assert.deepEqual([...re, ...im], [7, -2]);
  });
});
