/**
 * Order statistics without a whole sort. For values without NaN and without −0 (see
 * `plainValues`), values that compare equal have the same bits, so the k-th smallest
 * found by selection is bit for bit the value a sort puts at k.
 */

/** No NaN and no −0 among the values. */
export function plainValues(a: ArrayLike<number>): boolean {
  // Stryker disable next-line EqualityOperator: a read one past the end is undefined, neither NaN nor 0
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    // Stryker disable next-line EqualityOperator: v is ±0 there, so 1 / v is ±Infinity, never 0
    if (v !== v || (v === 0 && 1 / v < 0)) return false;
  }
  return true;
}

/**
 * Rearranges `a` so that a[k] holds its k-th smallest value (0-based), everything before
 * it no larger and everything after no smaller (Hoare's selection, median-of-three pivots).
 * For plain values only (see plainValues).
 */
export function selectKth(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  // Stryker disable next-line EqualityOperator: a range of one value is already in place
  while (hi > lo) {
    const m = (lo + hi) >> 1;
    // median of three as the pivot, moved into a[lo]. Any pivot partitions right (a[lo] holds
    // it, and stops the scan down): the choice only keeps sorted input from quadratic time.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,CallExpression: pivot choice, speed only
    if ((a[m] as number) < (a[lo] as number)) swap(a, m, lo);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,CallExpression: pivot choice, speed only
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,CallExpression: pivot choice, speed only
    if ((a[hi] as number) < (a[m] as number)) swap(a, hi, m);
    // Stryker disable next-line CallExpression: pivot choice, speed only
    swap(a, lo, m);
    const pivot = a[lo] as number;
    let i = lo;
    let j = hi + 1;
    for (;;) {
      do i++;
      while (
        // Stryker disable next-line ConditionalExpression,EqualityOperator: past j the pass ends anyway (i ≥ j), and a[hi + 1] is no less than the pivot
        i <= hi &&
        (a[i] as number) < pivot
      );
      do j--;
      while ((a[j] as number) > pivot);
      // Stryker disable next-line EqualityOperator: at i = j that value equals the pivot; one more step ends the pass one place lower, still a partition
      if (i >= j) break;
      swap(a, i, j);
    }
    swap(a, lo, j);
    // Stryker disable next-line ConditionalExpression: without it the search goes on beside k and leaves a[k] as it is: speed only
    if (j === k) return;
    // Stryker disable next-line EqualityOperator: j = k has returned above
    if (j < k) lo = j + 1;
    else hi = j - 1;
  }
}

/** The largest of a[from … to − 1]. */
export function maxOf(a: Float64Array, from: number, to: number): number {
  let max = a[from] as number;
  for (let i = from + 1; i < to; i++)
    // Stryker disable next-line EqualityOperator: on plain values (its only use) equal values have the same bits
    if ((a[i] as number) > max) max = a[i] as number;
  return max;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}
