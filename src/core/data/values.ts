import { MAX_ABS_VALUE } from './limits';
import { quoteText } from './quoteText';

const NUMBER = /^[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;

/** A plain decimal number (optional sign, fraction and exponent), as values and epoch times are written. */
export function isPlainNumber(text: string): boolean {
  return NUMBER.test(text);
}

/** A value cell: a plain number. Returns undefined for an empty cell (a missing value), NaN for anything else. */
export function parseValue(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  return NUMBER.test(s) ? Number(s) : NaN;
}

/**
 * Why a number read from a file cannot be a value or a capacity, or undefined when it can:
 * not a number, or beyond ±MAX_ABS_VALUE (which also rules out what overflowed to Infinity).
 * `text` is what the file said, for the message.
 */
export function valueProblem(v: number, text: string): string | undefined {
  if (Number.isNaN(v)) return `${quoteText(text)} is not a number`;
  if (!(Math.abs(v) <= MAX_ABS_VALUE))
    return `${quoteText(text)} is too large: values and capacities are at most ±${MAX_ABS_VALUE.toExponential()} (larger ones overflow the forecaster's arithmetic)`;
  return undefined;
}
