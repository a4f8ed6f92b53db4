const DIGIT_0 = 48;

/** The number written by two digits at `at`, or NaN (exported for the file loaders' timestamps). */
export function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - DIGIT_0;
  const b = s.charCodeAt(at + 1) - DIGIT_0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/** The number written by three digits at `at`, or NaN. */
function threeDigits(s: string, at: number): number {
  const c = s.charCodeAt(at + 2) - DIGIT_0;
  return c >= 0 && c <= 9 ? twoDigits(s, at) * 10 + c : NaN;
}

/**
 * The time of day, in ms, of a UTC time as ISO writes it after a ten-character date (which
 * is not looked at): "…T10:35:00Z", "…T10:35:00.000Z", and "…T10:35Z" when `withoutSeconds`.
 * Read from its digits; NaN for any other form, or an hour past 23, a minute or a second
 * past 59.
 */
export function utcTimeOfDay(s: string, withoutSeconds: boolean): number {
  const n = s.length;
  const seconds = n === 20 || n === 24;
  if (
    !(seconds || (withoutSeconds && n === 17)) ||
    s[10] !== 'T' ||
    s[13] !== ':' ||
    (seconds && s[16] !== ':') ||
    s[n - 1] !== 'Z' ||
    (n === 24 && s[19] !== '.')
  )
    return Number.NaN;
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = seconds ? twoDigits(s, 17) : 0;
  const millis = n === 24 ? threeDigits(s, 20) : 0;
  // NaN (a character that is not a digit) fails every comparison
  if (!(hour <= 23 && minute <= 59 && second <= 59 && millis >= 0)) return Number.NaN;
  return ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

/**
 * Whether `s` starts with a date as ISO writes it, YYYY-MM-DD, with a month of 1 to 12 and
 * a day of 1 to 31 (Date.parse rolls a 30th of February over into March, as it does a whole
 * time; other dates it may read another way when they stand alone, so they are left to it).
 */
function isDatePrefix(s: string): boolean {
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  return (
    twoDigits(s, 0) >= 0 &&
    twoDigits(s, 2) >= 0 &&
    s[4] === '-' &&
    s[7] === '-' &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31
  );
}

/**
 * A parser equal to `Date.parse`, faster on runs of UTC times as forecasts write them,
 * "2026-09-29T10:35:00Z" or "2026-09-29T10:35:00.000Z": the date is given to Date.parse
 * once per day, the time of day is read from its digits. Anything else (another form, an
 * hour of 24, a second of 60, a lower-case t or z, a date Date.parse refuses) is
 * Date.parse's own answer. A property test holds the two equal.
 */
export function isoParser(): (s: string) => number {
  // Stryker disable next-line StringLiteral: any start that no string begins with reads the first day the same way
  let day = '';
  let dayMs = Number.NaN;
  return (s) => {
    const clock = utcTimeOfDay(s, false);
    if (Number.isNaN(clock)) return Date.parse(s);
    if (day === '' || !s.startsWith(day)) {
      if (!isDatePrefix(s)) return Date.parse(s);
      day = s.slice(0, 10);
      dayMs = Date.parse(`${day}T00:00:00Z`); // the same form, at midnight
    }
    // Stryker disable next-line ConditionalExpression: a guard: isDatePrefix admits only dates Date.parse reads at midnight
    if (Number.isNaN(dayMs)) return Date.parse(s);
    return dayMs + clock;
  };
}
