import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstLeastError, type GridRuns } from '../../../../../src/core/forecast/methods/gridSearch';

/*
 * The grid search's driver on its own, with runs whose every step adds a chosen cost to the
 * run's error: what it finds (the plain search's answer) and how much of each run it does
 * (the guess first and whole, the others four at a time, dropped at the check after their
 * error passes the bound).
 */

/** Runs of `size` grid points where step t adds cost(i, t) to run i's error; every call is recorded. */
function recorded(
  size: number,
  cost: (i: number, t: number) => number,
): { runs: GridRuns; steps: number[]; calls: string[]; bad: string[] } {
  const error = new Float64Array(size);
  const steps = new Array<number>(size).fill(0);
  const calls: string[] = [];
  const bad: string[] = [];
  const step = (start: number, end: number, i: number): void => {
    if (!Number.isInteger(i) || i < 0 || i >= size) bad.push(`run ${i} is not a grid point`);
    for (let t = start; t < end; t++) error[i] = (error[i] as number) + cost(i, t);
    steps[i] = (steps[i] as number) + (end - start);
  };
  const runs: GridRuns = {
    error,
    four(start, end, i0, i1, i2, i3) {
      calls.push(`four ${start}-${end} ${i0},${i1},${i2},${i3}`);
      for (const i of [i0, i1, i2, i3]) step(start, end, i);
    },
    one(start, end, i) {
      calls.push(`one ${start}-${end} ${i}`);
      step(start, end, i);
    },
  };
  return { runs, steps, calls, bad };
}

/** The plain search: every run over every step, the first least finite error; -1 if none is finite. */
function plain(size: number, cost: (i: number, t: number) => number, start: number, end: number): number {
  let best = -1;
  let bound = Infinity;
  for (let i = 0; i < size; i++) {
    let sse = 0;
    for (let t = start; t < end; t++) sse += cost(i, t);
    if (sse < bound) {
      bound = sse;
      best = i;
    }
  }
  return best;
}

describe('grid search: the first grid point of least error, with less work', () => {
  it('finds what the plain search finds, calling only grid points, and for no steps only the guess', () => {
    // small costs so that ties are common; ∞ and NaN so that some runs never win
    const step = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(0, 1, 2, 3) },
      { weight: 1, arbitrary: fc.constantFrom(Infinity, Number.NaN) },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 24, maxLength: 24 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: -2, max: 26 }),
        (size, span, start, pattern, until, guess) => {
          // run i adds its pattern's costs in turn until step until[i], nothing after
          const cost = (i: number, t: number): number => {
            const p = pattern[i] as number[];
            return t < (until[i] as number) ? (p[t % p.length] as number) : 0;
          };
          const { runs, steps, calls, bad } = recorded(size, cost);
          const found = firstLeastError(runs, start, start + span, guess);
          assert.equal(found, plain(size, cost, start, start + span));
          assert.deepEqual(bad, []);
          const empty = calls.filter((c) => /^\S+ (\d+)-\1 /.test(c));
          assert.deepEqual(empty, guess >= 0 && guess < size && span === 0 ? [`one ${start}-${start} ${guess}`] : []);
          for (const s of steps) assert.ok(s <= span, `a run taken through ${s} of ${span} steps`);
          if (guess >= 0 && guess < size && span > 0) assert.equal(calls[0], `one ${start}-${start + span} ${guess}`);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('runs the guess first and whole, then drops each run at the first check (every 64 steps) after its error passes the guess’s', () => {
    // 640 steps; the guess (0) errs 1 a step: 640 in all, the bound
    const perStep = [1, 20, 2, 1, 0.5, 0.5, 0.5, 0.5];
    const { runs, steps, calls } = recorded(8, (i) => perStep[i] as number);
    assert.equal(firstLeastError(runs, 1, 641, 0), 4);
    // run 1 is past the bound after one check (1,280), run 2 after six (768); the rest go on
    assert.deepEqual(steps, [640, 64, 384, 640, 640, 640, 640, 640]);
    assert.deepEqual(calls.slice(0, 9), [
      'one 1-641 0',
      'four 1-65 1,2,3,4',
      'one 1-65 5',
      'one 1-65 6',
      'one 1-65 7',
      'four 65-129 2,3,4,5',
      'one 65-129 6',
      'one 65-129 7',
      'four 129-193 2,3,4,5',
    ]);
    assert.deepEqual(calls.slice(-2), ['four 577-641 3,4,5,6', 'one 577-641 7']);
  });

  it('a run that ties the guess and comes before it in the grid wins, even when it reached the tie early', () => {
    // runs 2 and 5 err 10 a step over the first 5 steps and nothing after: 50 each
    const { runs } = recorded(8, (i, t) => (i === 2 || i === 5 ? (t < 6 ? 10 : 0) : 3));
    assert.equal(firstLeastError(runs, 1, 301, 5), 2);
    // a tie after the guess does not win
    const after = recorded(8, (i, t) => (i === 6 || i === 5 ? (t < 6 ? 10 : 0) : 3));
    assert.equal(firstLeastError(after.runs, 1, 301, 5), 5);
  });

  it('with no guess, a run whose error overflows is dropped at the next check; ties go to the first', () => {
    const { runs, steps, calls } = recorded(6, (i, t) => (i === 0 && t === 3 ? Infinity : i === 1 ? Number.NaN : 1));
    assert.equal(firstLeastError(runs, 1, 201, -1), 2);
    assert.deepEqual(steps, [64, 64, 200, 200, 200, 200]);
    // the four runs left go together
    assert.deepEqual(calls.slice(0, 4), ['four 1-65 0,1,2,3', 'one 1-65 4', 'one 1-65 5', 'four 65-129 2,3,4,5']);
  });

  it('no run of finite error: -1; no steps at all: the first grid point (every error is zero)', () => {
    assert.equal(firstLeastError(recorded(5, () => Infinity).runs, 0, 100, 3), -1);
    const none = recorded(5, () => 1);
    assert.equal(firstLeastError(none.runs, 7, 7, 3), 0);
    assert.deepEqual(none.calls, ['one 7-7 3']);
  });
});
