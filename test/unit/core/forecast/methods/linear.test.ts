import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { solveRidge } from '../../../../../src/core/forecast/methods/linear';

/** (A + λI)·x = b by Gaussian elimination with partial pivoting, on plain arrays. */
function plainSolve(a: number[][], b: number[], ridge: number): number[] {
  const size = b.length;
  const m = a.map((row, i) => [...row.map((v, j) => (i === j ? v + ridge : v)), b[i] as number]);
  const cell = (r: number, c: number): number => (m[r] as number[])[c] as number;
  for (let c = 0; c < size; c++) {
    let pivot = c;
    for (let r = c + 1; r < size; r++) if (Math.abs(cell(r, c)) > Math.abs(cell(pivot, c))) pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    for (let r = c + 1; r < size; r++) {
      const f = cell(r, c) / cell(c, c);
      for (let j = c; j <= size; j++) (m[r] as number[])[j] = cell(r, j) - f * cell(c, j);
    }
  }
  const x = Array<number>(size).fill(0);
  for (let r = size - 1; r >= 0; r--) {
    let s = cell(r, size);
    for (let j = r + 1; j < size; j++) s -= cell(r, j) * (x[j] as number);
    x[r] = s / cell(r, r);
  }
  return x;
}

const flat = (a: number[][]): Float64Array => Float64Array.from(a.flat());
const close = (actual: Float64Array, expected: number[]): void =>
  expected.forEach((e, i) =>
    assert.ok(Math.abs((actual[i] as number) - e) <= 1e-12, `x[${i}] = ${actual[i]}, not ${e}`),
  );

describe('solveRidge: Cholesky on A + λI', () => {
  it('solves a small system exactly', () => {
    // [[4, 2], [2, 3]]·x = [6, 5] → x = [1, 1]
    close(solveRidge(Float64Array.from([4, 2, 2, 3]), Float64Array.from([6, 5]), 2, 0), [1, 1]);
  });

  it('adds the ridge to every diagonal entry, the intercept’s too', () => {
    // (I + 1·I)·x = [2, 4] → x = [1, 2]
    close(solveRidge(Float64Array.from([1, 0, 0, 1]), Float64Array.from([2, 4]), 2, 1), [1, 2]);
  });

  it('equals elimination on random positive definite systems, with or without a ridge', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 48, maxLength: 48 }),
        fc.constantFrom(0, 0.5, 10),
        (size, numbers, ridge) => {
          // A = BᵀB + I is symmetric positive definite
          const b = Array.from({ length: size }, (_, i) =>
            Array.from({ length: size }, (_, j) => numbers[i * size + j] as number),
          );
          const a = b.map((_, i) =>
            b.map((_, j) => b.reduce((s, row) => s + (row[i] as number) * (row[j] as number), 0) + (i === j ? 1 : 0)),
          );
          const rhs = Array.from({ length: size }, (_, i) => numbers[40 + i] as number);
          const got = solveRidge(flat(a), Float64Array.from(rhs), size, ridge);
          const want = plainSolve(a, rhs, ridge);
          want.forEach((w, i) =>
            assert.ok(Math.abs((got[i] as number) - w) <= 1e-9 * Math.max(1, Math.abs(w)), `x[${i}]`),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads only the diagonal and the lower triangle: what the upper holds does not matter', () => {
    const lower = Float64Array.from([4, 0, 0, 2, 5, 0, 1, -1, 6]);
    const full = Float64Array.from([4, 2, 1, 2, 5, -1, 1, -1, 6]);
    const junk = Float64Array.from([4, 1e9, NaN, 2, 5, -7, 1, -1, 6]);
    const rhs = Float64Array.from([1, 2, 3]);
    const expected = [...solveRidge(full, rhs, 3, 0.25)];
    assert.deepEqual([...solveRidge(lower, rhs, 3, 0.25)], expected);
    assert.deepEqual([...solveRidge(junk, rhs, 3, 0.25)], expected);
  });

  it('leaves its inputs as they were', () => {
    const a = Float64Array.from([4, 2, 2, 3]);
    const b = Float64Array.from([6, 5]);
    solveRidge(a, b, 2, 1);
    assert.deepEqual([...a], [4, 2, 2, 3]);
    assert.deepEqual([...b], [6, 5]);
  });

  it('gives a singular system a finite answer: a tiny pivot stands in for zero', () => {
    // [[1, 1], [1, 1]]·x = [2, 2]: the second pivot is 0, taken as 10⁻⁶
    assert.deepEqual([...solveRidge(Float64Array.from([1, 1, 1, 1]), Float64Array.from([2, 2]), 2, 0)], [2, 0]);
  });
});
