/** Steps run between checks of the bound. */
const CHUNK = 64;

/**
 * The runs of a grid search of a smoothing method: one run per grid point, each a chain
 * through the data that keeps its own state (a level, a trend) and its sum of squared
 * one-step errors. `four` and `one` are small functions of their own so that V8 optimizes
 * them within a process's first series (as loops inside a larger function they ran
 * unoptimized for longer, and the code compiled for a loop was dropped at each chunk's end).
 */
export interface GridRuns {
  /** Each grid point's sum of squared one-step errors so far, zero before its run starts. */
  readonly error: Float64Array;
  /** Runs grid points i0 … i3 through steps [start, end): four independent chains the processor overlaps. */
  four(start: number, end: number, i0: number, i1: number, i2: number, i3: number): void;
  /** Runs grid point i through steps [start, end). */
  one(start: number, end: number, i: number): void;
}

/**
 * The index of the grid's first point of least error over steps [start, end), or -1 when no
 * run's error is finite: what running the grid in order finds, with less work.
 * - `guess` (a grid index, e.g. the previous origin's winner; -1 for none) is run first, and
 *   its error bounds the others: a run is dropped once its error exceeds the bound. Errors
 *   only grow along a run (a sum of squares), so a dropped run could not have been the
 *   minimum; a run that ties the bound goes on, so ties are still broken by grid order.
 * - the other runs go four at a time through the data, checked against the bound every
 *   CHUNK steps.
 * Every run does the very same floating-point operations, in the same order, as a run on
 * its own, so the winner and its final state are bit for bit those of the plain search.
 * The winner's state is left in the caller's arrays, at its index.
 */
export function firstLeastError(runs: GridRuns, start: number, end: number, guess: number): number {
  const error = runs.error;
  const size = error.length;
  let best = -1;
  let bound = Infinity;
  if (guess >= 0 && guess < size) {
    runs.one(start, end, guess);
    const sse = error[guess] as number;
    if (sse < Infinity) {
      bound = sse;
      best = guess;
    }
  } else guess = -1;
  const active = new Int32Array(size);
  let m = 0;
  for (let i = 0; i < size; i++) if (i !== guess) active[m++] = i;
  for (let from = start; from < end && m > 0; from += CHUNK) {
    const to = Math.min(end, from + CHUNK);
    let q = 0;
    for (; q + 4 <= m; q += 4)
      runs.four(
        from,
        to,
        active[q] as number,
        active[q + 1] as number,
        active[q + 2] as number,
        active[q + 3] as number,
      );
    for (; q < m; q++) runs.one(from, to, active[q] as number);
    // keep, in grid order, the runs still at or under the bound (NaN and ∞ never win)
    let kept = 0;
    for (let k = 0; k < m; k++) {
      const i = active[k] as number;
      const sse = error[i] as number;
      if (sse <= bound && sse < Infinity) active[kept++] = i;
    }
    m = kept;
  }
  for (let k = 0; k < m; k++) {
    const i = active[k] as number;
    const sse = error[i] as number;
    if (sse < bound || (sse === bound && i < best)) {
      bound = sse;
      best = i;
    }
  }
  return best;
}
