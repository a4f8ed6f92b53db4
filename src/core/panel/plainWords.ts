import { type ConfidenceComponents } from '../base/forecastSchema';
import { formatDuration } from '../format';
import { type L10n, english } from '../l10n';

export { mergeWarnings, plainDates } from '../forecast/warningText';

/**
 * The panel's plain language: method ids, confidence parts, warnings and timestamps as a
 * person reads them. Written on the host, so the page only shows text (the technical names
 * go in a tooltip).
 */

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** A span of steps as a noun: "day", "week", "2 weeks", "3 days", "12 h". */
function span(steps: number, stepMs: number, l10n: L10n): string {
  const ms = steps * stepMs;
  if (ms === DAY) return l10n.t('day');
  if (ms === WEEK) return l10n.t('week');
  if (ms % WEEK === 0) return l10n.t('{0} weeks', ms / WEEK);
  if (ms % DAY === 0) return l10n.t('{0} days', ms / DAY);
  return formatDuration(ms, l10n);
}

/** A period as an adjective: "daily", "weekly", "12 h". */
function cycle(steps: number, stepMs: number, l10n: L10n): string {
  const ms = steps * stepMs;
  if (ms === DAY) return l10n.t('daily');
  if (ms === WEEK) return l10n.t('weekly');
  return span(steps, stepMs, l10n);
}

/**
 * One built-in method id (see src/core/forecast/methods/ and pool.ts) in words; periods and
 * half-lives are counted in steps of `stepMs`. An id it does not know (a provider's name)
 * is returned as it is.
 */
export function methodInWords(id: string, stepMs: number, l10n: L10n = english): string {
  if (id === 'naive') return l10n.t('last value carried forward');
  if (id === 'theil-sen') return l10n.t('robust straight-line trend');
  if (id === 'ses') return l10n.t('smoothed recent level');
  if (id === 'ets-damped') return l10n.t('smoothed level with a fading trend');
  let m = /^snaive-(\d+)$/.exec(id);
  if (m) return l10n.t('last {0} repeated', span(Number(m[1]), stepMs, l10n));
  m = /^sar-(\d+)(-log)?-hl(\d+)$/.exec(id);
  if (m) {
    const recent = span(Number(m[3]), stepMs, l10n);
    return m[2]
      ? l10n.t('seasonal autoregression on log values, weighted to the last {0}', recent)
      : l10n.t('seasonal autoregression, weighted to the last {0}', recent);
  }
  m = /^theta-(\d+)$/.exec(id);
  if (m) return l10n.t('smoothed trend with the {0} pattern', cycle(Number(m[1]), stepMs, l10n));
  m = /^hw-damped-(\d+)$/.exec(id);
  if (m) return l10n.t('seasonal smoothing with a fading trend ({0} pattern)', cycle(Number(m[1]), stepMs, l10n));
  m = /^profile-(\d+)-(ewm|median)(\d+)(-trend)?$/.exec(id);
  if (m) {
    const shape = profileShape(m[2] as string, Number(m[1]), stepMs, l10n);
    const last = span(Number(m[1]) * Number(m[3]), stepMs, l10n);
    return m[4] ? l10n.t('{0} of the last {1}, with a trend', shape, last) : l10n.t('{0} of the last {1}', shape, last);
  }
  return id;
}

/** A seasonal profile's shape: "typical day shape", "recent-weighted week shape". */
function profileShape(how: string, period: number, stepMs: number, l10n: L10n): string {
  const s = span(period, stepMs, l10n);
  return how === 'ewm' ? l10n.t('recent-weighted {0} shape', s) : l10n.t('typical {0} shape', s);
}

/** A method's family in a few words, for a combination: "seasonal autoregression", "last week repeated". */
function methodFamily(id: string, stepMs: number, l10n: L10n): string {
  if (/^sar-/.test(id)) return l10n.t('seasonal autoregression');
  const m = /^profile-(\d+)-(ewm|median)(\d+)(-trend)?$/.exec(id);
  if (m) return profileShape(m[2] as string, Number(m[1]), stepMs, l10n);
  return methodInWords(id, stepMs, l10n);
}

/**
 * The methods a forecast used, in words, variants of one family counted: "mean of 3
 * seasonal autoregression variants", "mean of seasonal autoregression and last week
 * repeated". A single method is said in full ("typical day shape of the last 7 days").
 */
export function methodsInWords(
  ids: readonly string[],
  combination: string,
  stepMs: number,
  l10n: L10n = english,
): string {
  if (ids.length === 1) return methodInWords(ids[0] as string, stepMs, l10n);
  const counts = new Map<string, number>();
  for (const id of ids) {
    const family = methodFamily(id, stepMs, l10n);
    counts.set(family, (counts.get(family) ?? 0) + 1);
  }
  const median = combination === 'median';
  const families = [...counts];
  if (families.length === 1) {
    const family = families[0]?.[0] ?? '';
    return median
      ? l10n.t('median of {0} {1} variants', ids.length, family)
      : l10n.t('mean of {0} {1} variants', ids.length, family);
  }
  const parts = families.map(([f, n]) => (n > 1 ? l10n.t('{0} ({1} variants)', f, n) : f));
  const list = parts.slice(0, -1).join(', ');
  const last = parts.at(-1) ?? '';
  return median ? l10n.t('median of {0} and {1}', list, last) : l10n.t('mean of {0} and {1}', list, last);
}

/** "skill 0.70 · coverage 0.94 · data 0.99 · reach 0.75": the parts as the score names them. */
export function confidenceParts(c: ConfidenceComponents): string {
  return `skill ${c.skill.toFixed(2)} · coverage ${c.coverage.toFixed(2)} · data ${c.dataQuality.toFixed(2)} · reach ${c.reach.toFixed(2)}`;
}

/**
 * The confidence parts in words, true to their definitions in src/core/forecast/risk.ts:
 * skill = 0.5 + (1 − error / seasonal-naive error) for the built-in forecaster (a
 * provider's is its agreement with the built-in forecast and its track record); coverage
 * = 1 − 4·|backtest coverage − level| (the coverage itself is said when known); data = gaps and seasons of history; reach =
 * 1 − horizon / history.
 */
export function confidenceInWords(
  c: ConfidenceComponents,
  level: number,
  builtin: boolean,
  /** The backtest coverage the coverage part was scored from, when known (the bottleneck's, built-in). */
  backtestCoverage: number | null = null,
  l10n: L10n = english,
): string {
  const pct = (v: number): number => Math.round(v * 100);
  let skill: string;
  if (!builtin) skill = l10n.t('agreement with the built-in forecast and track record {0}%', pct(c.skill));
  else {
    const gain = pct(c.skill - 0.5);
    skill =
      c.skill >= 1
        ? l10n.t('backtest errors at most half those of repeating the last season')
        : c.skill <= 0
          ? l10n.t('backtest errors at least 1.5× those of repeating the last season')
          : gain === 0
            ? l10n.t('backtest errors as large as repeating the last season')
            : gain > 0
              ? l10n.t('backtest errors {0}% smaller than repeating the last season', Math.abs(gain))
              : l10n.t('backtest errors {0}% larger than repeating the last season', Math.abs(gain));
  }
  const off = Math.round(((1 - c.coverage) / 4) * 1000) / 10;
  const coverage =
    backtestCoverage !== null
      ? l10n.t('backtest intervals held {0}% of the time (target {1}%)', pct(backtestCoverage), pct(level))
      : off === 0
        ? l10n.t('backtest intervals held their {0}% target', pct(level))
        : c.coverage <= 0
          ? l10n.t('backtest intervals 25 or more points off their {0}% target', pct(level))
          : l10n.t('backtest intervals within {0} points of their {1}% target', off, pct(level));
  const data = l10n.t('data quality {0}% (gaps, seasons of history)', pct(c.dataQuality));
  const reach =
    c.reach <= 0
      ? l10n.t('the horizon is as long as the history')
      : l10n.t('the horizon is {0}% of the history', 100 - pct(c.reach));
  return [skill, coverage, data, reach].join(' · ');
}
