import { twoDigits, utcTimeOfDay } from '../time/isoParser';
import { MAX_TIME_MS, MIN_TIME_MS } from './limits';
import { quoteText } from './quoteText';
import { isPlainNumber } from './values';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_MS = 86_400_000;
/** Real UTC offsets lie between −12:00 and +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** A timestamp read from a file: epoch milliseconds, or why the text is not one. */
export type TimestampResult = { readonly ms: number } | { readonly problem: string };

/**
 * A timestamp cell to epoch milliseconds, or undefined when it is not one:
 * ISO 8601 (a time without a zone is taken as UTC), epoch seconds (a number below 10^11,
 * i.e. before the year 5138) or epoch milliseconds (10^11 and above).
 */
export function parseTimestamp(text: string): number | undefined {
  const r = readTimestamp(text);
  return 'ms' in r ? r.ms : undefined;
}

/**
 * As parseTimestamp, with the reason when the text is not a timestamp: the calendar is
 * checked (month 1–12, the day within its month, leap years, hour ≤ 23, minute and second
 * ≤ 59, an offset within ±14:00), and the time must lie in MIN_TIME_MS…MAX_TIME_MS.
 */
export function readTimestamp(text: string): TimestampResult {
  const ms = readUtc(text);
  return ms === undefined ? readTimestampByPattern(text) : { ms };
}

/** `readTimestamp` through the ISO pattern, for any text (exported for the test that holds readUtc to it). */
export function readTimestampByPattern(text: string): TimestampResult {
  const s = text.trim();
  if (s === '') return { problem: 'missing timestamp' };
  let ms: number;
  if (isPlainNumber(s)) {
    const n = Number(s);
    ms = Math.abs(n) < 1e11 ? Math.round(n * 1000) : Math.round(n);
  } else {
    const match = ISO.exec(s);
    if (!match)
      return { problem: `${quoteText(s)} is not a timestamp (ISO 8601, epoch seconds or epoch milliseconds)` };
    const calendar = fromCalendar(match);
    if (typeof calendar === 'string') return { problem: `${quoteText(s)} is not a valid time: ${calendar}` };
    ms = calendar;
  }
  if (!(ms >= MIN_TIME_MS && ms <= MAX_TIME_MS)) {
    return { problem: `${quoteText(s)} is outside the supported times (1900-01-01 to 2999-12-31 UTC)` };
  }
  return { ms };
}

/** The last date readUtc read, and its days since 1970: a file's rows share a date for hours. */
let lastDate = '';
let lastDays = 0;

/**
 * The time of the UTC forms files mostly hold, read from their digits without the pattern:
 * "2026-10-31T00:00Z", "…T00:00:00Z" and "…T00:00:00.000Z", a valid date and time in the
 * supported range. Undefined for anything else (another form, an invalid or outside time),
 * which the pattern then reads, with its reasons. A property test holds the two equal.
 */
export function readUtc(s: string): number | undefined {
  const clock = utcTimeOfDay(s, true);
  if (Number.isNaN(clock)) return undefined;
  if (!s.startsWith(lastDate) || lastDate === '') {
    const year = twoDigits(s, 0) * 100 + twoDigits(s, 2);
    const month = twoDigits(s, 5);
    const day = twoDigits(s, 8);
    const valid = s[4] === '-' && s[7] === '-' && year >= 0 && month >= 1 && month <= 12;
    if (!(valid && day >= 1 && day <= daysInMonth(year, month))) return undefined;
    lastDate = s.slice(0, 10);
    lastDays = daysFromCivil(year, month, day);
  }
  const ms = lastDays * DAY_MS + clock;
  return ms >= MIN_TIME_MS && ms <= MAX_TIME_MS ? ms : undefined;
}

function fromCalendar(m: RegExpExecArray): number | string {
  // each group read at its own line, with no array per timestamp: a file holds hundreds of thousands
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${MONTHS[month - 1] ?? ''} ${year} has ${days} days`;
  if (hour > 23) return `hour ${hour} is beyond 23`;
  if (minute > 59) return `minute ${minute} is beyond 59`;
  if (second > 59) return `second ${second} is beyond 59`;
  const fraction = m[7] === undefined ? 0 : Number((m[7] + '000').slice(0, 3));
  const offset = offsetMinutes(m[8]);
  if (!(Math.abs(offset) <= MAX_OFFSET_MINUTES)) return `the offset ${m[8] ?? ''} is not a UTC offset (at most ±14:00)`;
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute - offset) * 60 + second) * 1000 + fraction;
}

/** Minutes east of UTC for "Z", "+02:00", "-0530" or "+02"; NaN when the minutes exceed 59. */
function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (minutes > 59) return NaN;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; no Date, so years 0–99 are not shifted to 19xx). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
