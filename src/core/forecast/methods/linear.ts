/**
 * Solves the symmetric positive (semi)definite system A·x = b by Cholesky with a ridge λ on the diagonal (in place on
 * copies). Only the diagonal and the lower triangle of `a` are read: the upper triangle may hold anything.
 */
export function solveRidge(a: Float64Array, b: Float64Array, size: number, ridge: number): Float64Array {
  const m = Float64Array.from(a);
  for (let i = 0; i < size; i++) m[i * size + i] = (m[i * size + i] as number) + ridge;
  // Cholesky: m = L·Lᵀ, L stored in the lower triangle
  for (let j = 0; j < size; j++) {
    let d = m[j * size + j] as number;
    for (let k = 0; k < j; k++) d -= (m[j * size + k] as number) ** 2;
    d = Math.sqrt(Math.max(d, 1e-12));
    m[j * size + j] = d;
    for (let i = j + 1; i < size; i++) {
      let s = m[i * size + j] as number;
      for (let k = 0; k < j; k++) s -= (m[i * size + k] as number) * (m[j * size + k] as number);
      m[i * size + j] = s / d;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < size; i++) {
    let s = x[i] as number;
    for (let k = 0; k < i; k++) s -= (m[i * size + k] as number) * (x[k] as number);
    x[i] = s / (m[i * size + i] as number);
  }
  for (let i = size - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < size; k++) s -= (m[k * size + i] as number) * (x[k] as number);
    x[i] = s / (m[i * size + i] as number);
  }
  return x;
}
