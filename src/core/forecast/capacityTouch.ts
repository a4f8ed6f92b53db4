import { type MetricSeries } from '../base/forecastSchema';

/**
 * The last time a history was at or beyond its capacity on its breach side (at or above
 * for "above", at or below for "below"), in epoch ms; null when it never was. A history
 * that spiked past its capacity and came back is not "already beyond" it, but a person
 * should know it has touched it, and when.
 */
export function lastTouch(
  series: Pick<MetricSeries, 'start' | 'stepMs' | 'values'>,
  capacity: number,
  side: 'above' | 'below',
): number | null {
  // Stryker disable next-line ArithmeticOperator: starting past the end only reads undefined, which touches nothing
  for (let i = series.values.length - 1; i >= 0; i--) {
    const v = series.values[i] as number;
    if (side === 'above' ? v >= capacity : v <= capacity) return series.start + i * series.stepMs;
  }
  return null;
}
