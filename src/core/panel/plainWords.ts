import { type ConfidenceComponents } from '../base/forecastSchema';
import { formatDuration } from '../format';

export { mergeWarnings, plainDates } from '../forecast/warningText';

/**
 * The panel's plain language: method ids, confidence parts, warnings and timestamps as a
 * person reads them. Written on the host, so the page only shows text (the technical names
 * go in a tooltip).
 */

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** A span of steps as a noun: "day", "week", "2 weeks", "3 days", "12 h". */
function span(steps: number, stepMs: number): string {
  const ms = steps * stepMs;
  if (ms === DAY) return 'day';
  if (ms === WEEK) return 'week';
  if (ms % WEEK === 0) return `${ms / WEEK} weeks`;
  if (ms % DAY === 0) return `${ms / DAY} days`;
  return formatDuration(ms);
}

/** A period as an adjective: "daily", "weekly", "12 h". */
function cycle(steps: number, stepMs: number): string {
  const s = span(steps, stepMs);
  return s === 'day' ? 'daily' : s === 'week' ? 'weekly' : `${s}`;
}

/**
 * One built-in method id (see src/core/forecast/methods/ and pool.ts) in words; periods and
 * half-lives are counted in steps of `stepMs`. An id it does not know (a provider's name)
 * is returned as it is.
 */
export function methodInWords(id: string, stepMs: number): string {
  if (id === 'naive') return 'last value carried forward';
  if (id === 'theil-sen') return 'robust straight-line trend';
  if (id === 'ses') return 'smoothed recent level';
  if (id === 'ets-damped') return 'smoothed level with a fading trend';
  let m = /^snaive-(\d+)$/.exec(id);
  if (m) return `last ${span(Number(m[1]), stepMs)} repeated`;
  m = /^sar-(\d+)(-log)?-hl(\d+)$/.exec(id);
  if (m)
    return `seasonal autoregression${m[2] ? ' on log values' : ''}, weighted to the last ${span(Number(m[3]), stepMs)}`;
  m = /^theta-(\d+)$/.exec(id);
  if (m) return `smoothed trend with the ${cycle(Number(m[1]), stepMs)} pattern`;
  m = /^hw-damped-(\d+)$/.exec(id);
  if (m) return `seasonal smoothing with a fading trend (${cycle(Number(m[1]), stepMs)} pattern)`;
  m = /^profile-(\d+)-(ewm|median)(\d+)(-trend)?$/.exec(id);
  if (m) {
    const period = Number(m[1]);
    const seasons = Number(m[3]);
    return `${m[2] === 'ewm' ? 'recent-weighted' : 'typical'} ${span(period, stepMs)} shape of the last ${span(period * seasons, stepMs)}${m[4] ? ', with a trend' : ''}`;
  }
  return id;
}

/** A method's family in a few words, for a combination: "seasonal autoregression", "last week repeated". */
function methodFamily(id: string, stepMs: number): string {
  if (/^sar-/.test(id)) return 'seasonal autoregression';
  if (/^profile-/.test(id)) return methodInWords(id.replace(/-trend$/, ''), stepMs).replace(/ of the last .*/, '');
  return methodInWords(id, stepMs);
}

/**
 * The methods a forecast used, in words, variants of one family counted: "mean of 3
 * seasonal autoregression variants", "mean of seasonal autoregression and last week
 * repeated". A single method is said in full ("typical day shape of the last 7 days").
 */
export function methodsInWords(ids: readonly string[], combination: string, stepMs: number): string {
  if (ids.length === 1) return methodInWords(ids[0] as string, stepMs);
  const counts = new Map<string, number>();
  for (const id of ids) {
    const family = methodFamily(id, stepMs);
    counts.set(family, (counts.get(family) ?? 0) + 1);
  }
  const how = combination === 'median' ? 'median' : 'mean';
  const families = [...counts];
  if (families.length === 1) return `${how} of ${ids.length} ${families[0]?.[0] ?? ''} variants`;
  const parts = families.map(([f, n]) => (n > 1 ? `${f} (${n} variants)` : f));
  return `${how} of ${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
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
): string {
  const pct = (v: number): number => Math.round(v * 100);
  let skill: string;
  if (!builtin) skill = `agreement with the built-in forecast and track record ${pct(c.skill)}%`;
  else {
    const gain = pct(c.skill - 0.5);
    skill =
      c.skill >= 1
        ? 'backtest errors at most half those of repeating the last season'
        : c.skill <= 0
          ? 'backtest errors at least 1.5× those of repeating the last season'
          : gain === 0
            ? 'backtest errors as large as repeating the last season'
            : `backtest errors ${Math.abs(gain)}% ${gain > 0 ? 'smaller' : 'larger'} than repeating the last season`;
  }
  const off = Math.round(((1 - c.coverage) / 4) * 1000) / 10;
  const coverage =
    backtestCoverage !== null
      ? `backtest intervals held ${pct(backtestCoverage)}% of the time (target ${pct(level)}%)`
      : off === 0
        ? `backtest intervals held their ${pct(level)}% target`
        : c.coverage <= 0
          ? `backtest intervals 25 or more points off their ${pct(level)}% target`
          : `backtest intervals within ${off} points of their ${pct(level)}% target`;
  const data = `data quality ${pct(c.dataQuality)}% (gaps, seasons of history)`;
  const reach =
    c.reach <= 0 ? 'the horizon is as long as the history' : `the horizon is ${100 - pct(c.reach)}% of the history`;
  return [skill, coverage, data, reach].join(' · ');
}
