/** In-place iterative radix-2 FFT of (re, im); the length must be a power of two. */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  // Stryker disable next-line EqualityOperator: at i = n the reversed index comes back to 0, so no swap follows
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    // Stryker disable next-line EqualityOperator: each pair is swapped once at either member (i = j swaps nothing)
    if (i < j) {
      const tr = re[i] as number;
      re[i] = re[j] as number;
      re[j] = tr;
      const ti = im[i] as number;
      im[i] = im[j] as number;
      im[j] = ti;
    }
  }
  // the twiddles of a stage, (cr, ci) ← (cr, ci)·(wr, wi) from (1, 0), are the same for every
  // block: worked out once per stage by that very recurrence (so with the same rounding)
  const twRe = new Float64Array(n >> 1);
  const twIm = new Float64Array(n >> 1);
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const angle = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    let cr = 1;
    let ci = 0;
    // Stryker disable next-line EqualityOperator: a twiddle past the stage's is never read (or falls beyond the array)
    for (let j = 0; j < half; j++) {
      twRe[j] = cr;
      twIm[j] = ci;
      const nr = cr * wr - ci * wi;
      ci = cr * wi + ci * wr;
      cr = nr;
    }
    // the butterflies of a stage touch distinct elements, so their order does not matter:
    // the longer loop goes inside (blocks in the early stages, steps within a block later)
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: either loop order gives the same bits
    if (half < n / len) {
      for (let j = 0; j < half; j++) {
        const cr = twRe[j] as number;
        const ci = twIm[j] as number;
        // Stryker disable next-line EqualityOperator: a step past the end reads and writes beyond the arrays, where writes are dropped
        for (let a = j; a < n; a += len) {
          const b = a + half;
          const br = re[b] as number;
          const bi = im[b] as number;
          const xr = br * cr - bi * ci;
          const xi = br * ci + bi * cr;
          const ar = re[a] as number;
          const ai = im[a] as number;
          re[b] = ar - xr;
          im[b] = ai - xi;
          re[a] = ar + xr;
          im[a] = ai + xi;
        }
      }
      continue;
    }
    // Stryker disable next-line EqualityOperator: a step past the end reads and writes beyond the arrays, where writes are dropped
    for (let i = 0; i < n; i += len) {
      for (let j = 0; j < half; j++) {
        const a = i + j;
        const b = a + half;
        const cr = twRe[j] as number;
        const ci = twIm[j] as number;
        const br = re[b] as number;
        const bi = im[b] as number;
        const xr = br * cr - bi * ci;
        const xi = br * ci + bi * cr;
        const ar = re[a] as number;
        const ai = im[a] as number;
        re[b] = ar - xr;
        im[b] = ai - xi;
        re[a] = ar + xr;
        im[a] = ai + xi;
      }
    }
  }
  if (inverse)
    // Stryker disable next-line EqualityOperator: a step past the end writes beyond the arrays, where writes are dropped
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] as number) / n;
      im[i] = (im[i] as number) / n;
    }
}
