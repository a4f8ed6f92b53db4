/**
 * Order statistics without a whole sort. For values without NaN and without −0 (see
 * `plainValues`), values that compare equal have the same bits, so the k-th smallest
 * found by selection is bit for bit the value a sort puts at k.
 */

/** No NaN and no −0 among the values. */
export function plainValues(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
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
  while (hi > lo) {
    const m = (lo + hi) >> 1;
    // median of three as the pivot, moved into a[lo]
    if ((a[m] as number) < (a[lo] as number)) swap(a, m, lo);
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    if ((a[hi] as number) < (a[m] as number)) swap(a, hi, m);
    swap(a, lo, m);
    const pivot = a[lo] as number;
    let i = lo;
    let j = hi + 1;
    for (;;) {
      do i++;
      while (i <= hi && (a[i] as number) < pivot);
      do j--;
      while ((a[j] as number) > pivot);
      if (i >= j) break;
      swap(a, i, j);
    }
    swap(a, lo, j);
    if (j === k) return;
    if (j < k) lo = j + 1;
    else hi = j - 1;
  }
}

/** The largest of a[from … to − 1]. */
export function maxOf(a: Float64Array, from: number, to: number): number {
  let max = a[from] as number;
  for (let i = from + 1; i < to; i++) if ((a[i] as number) > max) max = a[i] as number;
  return max;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}
