import { type BreachSide } from '../src/core/base/forecastSchema';
import { type FleetSeries } from '../src/core/fleet/fleetTasks';
import { seededRandom } from '../src/core/random';

/**
 * The generated fleet of `npm run bench:fleet`: series of 14 days at 5-minute steps (4,032
 * points), deterministic (series k is the same in every run), of many shapes. Each series
 * is a noise-free signal plus noise; the signal is known beyond the history, so each one's
 * true breach (the first step after the last observation where the signal is beyond its
 * capacity, within the horizon) is known, and the fleet's ranking can be scored against it.
 */
export const FLEET_STEP_MS = 300_000;
export const FLEET_POINTS = 4032;
/** The forecaster's default horizon for this history: a week, capped at a quarter of the history. */
export const FLEET_HORIZON = 1008;
export const FLEET_START = Date.parse('2026-03-02T00:00:00Z');
const DAY = 288;

export type FleetShape =
  | 'flat'
  | 'daily'
  | 'daily+weekly'
  | 'trend'
  | 'trend+daily'
  | 'level shift'
  | 'level shift+trend'
  | 'falling (below)'
  | 'already breached';

export interface GeneratedSeries {
  readonly series: FleetSeries;
  readonly shape: FleetShape;
  /**
   * Steps after the last observation to the signal's first step beyond capacity (1 = the
   * first forecast step); 0 when the signal is beyond it at the last observation; null
   * when it stays on the safe side throughout the horizon.
   */
  readonly trueBreach: number | null;
}

const SHAPES: readonly { readonly shape: FleetShape; readonly weight: number }[] = [
  { shape: 'flat', weight: 12 },
  { shape: 'daily', weight: 14 },
  { shape: 'daily+weekly', weight: 12 },
  { shape: 'trend', weight: 14 },
  { shape: 'trend+daily', weight: 18 },
  { shape: 'level shift', weight: 8 },
  { shape: 'level shift+trend', weight: 8 },
  { shape: 'falling (below)', weight: 10 },
  { shape: 'already breached', weight: 4 },
];
const TOTAL_WEIGHT = SHAPES.reduce((s, x) => s + x.weight, 0);

/** Series k of the fleet: its shape, values, capacity and true breach. */
export function generateSeries(k: number, points = FLEET_POINTS, horizon = FLEET_HORIZON): GeneratedSeries {
  const random = seededRandom(0x5eed + k * 7919);
  const pick = (lo: number, hi: number): number => lo + (hi - lo) * random();
  let r = random() * TOTAL_WEIGHT;
  let shape: FleetShape = 'flat';
  for (const s of SHAPES) {
    r -= s.weight;
    if (r < 0) {
      shape = s.shape;
      break;
    }
  }
  const total = points + horizon;
  const signal = new Float64Array(total);
  const base = pick(20, 50);
  const dailyAmp = shape === 'flat' || shape === 'trend' ? 0 : pick(3, 12);
  const weeklyAmp = shape === 'daily+weekly' ? pick(3, 8) : 0;
  const phase = pick(0, 2 * Math.PI);
  for (let t = 0; t < total; t++) {
    const day = Math.floor(t / DAY);
    const weekend = day % 7 >= 5;
    signal[t] =
      base +
      dailyAmp * Math.sin((2 * Math.PI * t) / DAY + phase) +
      (weekend ? -weeklyAmp : weeklyAmp * 0.4) * (0.5 + 0.5 * Math.sin((2 * Math.PI * t) / DAY + phase));
  }
  let breach: BreachSide = 'above';
  let capacity: number;
  const last = points - 1;
  const peakAhead = (from: number, to: number): number => {
    let m = -Infinity;
    for (let t = from; t < to; t++) m = Math.max(m, signal[t] as number);
    return m;
  };
  switch (shape) {
    case 'flat':
    case 'daily':
    case 'daily+weekly':
      // capacity above the signal's peak, a few at 60–90 % of the way there
      capacity = peakAhead(0, total) + pick(5, 40);
      break;
    case 'trend':
    case 'trend+daily':
    case 'level shift+trend': {
      // a slope that takes the signal to the capacity at a chosen time, within the horizon for most
      const slope = pick(0.001, 0.01); // per step: 0.3 to 3 units a day
      for (let t = 0; t < total; t++) signal[t] = (signal[t] as number) + slope * t;
      if (shape === 'level shift+trend') shift(signal, points, pick);
      const crossAt = last + Math.round(pick(-0.05, 1.4) * horizon);
      capacity = Math.max(peakAhead(0, last + 1) + 2, (signal[Math.min(total - 1, crossAt)] as number) + dailyAmp);
      break;
    }
    case 'level shift': {
      shift(signal, points, pick);
      // the new level sits below capacity, or its daily peaks reach it
      capacity = peakAhead(points - 2 * DAY, points) + pick(-dailyAmp * 0.5, 20);
      if (capacity <= (signal[last] as number) + 1) capacity = (signal[last] as number) + 1 + pick(0, dailyAmp);
      break;
    }
    case 'falling (below)': {
      breach = 'below';
      const slope = pick(0.001, 0.008);
      for (let t = 0; t < total; t++) signal[t] = (signal[t] as number) + 40 - slope * t;
      const crossAt = last + Math.round(pick(0.05, 1.5) * horizon);
      let trough = Infinity;
      for (let t = 0; t <= last; t++) trough = Math.min(trough, signal[t] as number);
      capacity = Math.min(trough - 2, (signal[Math.min(total - 1, crossAt)] as number) - dailyAmp);
      break;
    }
    case 'already breached': {
      // a step up beyond capacity two to five days ago, and it stays there
      const at = points - Math.round(pick(2, 5) * DAY);
      capacity = base + pick(10, 25);
      const jump = capacity - base + dailyAmp + pick(5, 15);
      for (let t = at; t < total; t++) signal[t] = (signal[t] as number) + jump;
      break;
    }
  }
  const noise = pick(0.3, 3);
  const values = new Float64Array(points);
  for (let t = 0; t < points; t++) {
    // noise: mostly Gaussian-like (sum of uniforms), an occasional spike
    const g = random() + random() + random() - 1.5;
    const spike = random() < 0.002 ? pick(5, 20) : 0;
    values[t] = Math.max(0.01, (signal[t] as number) + noise * 2 * g + spike);
  }
  const beyond = (v: number): boolean => (breach === 'above' ? v >= capacity : v <= capacity);
  let trueBreach: number | null = null;
  if (beyond(signal[last] as number)) trueBreach = 0;
  else
    for (let j = 1; j <= horizon; j++)
      if (beyond(signal[last + j] as number)) {
        trueBreach = j;
        break;
      }
  const name = `node_metric{instance="node-${String(k).padStart(4, '0')}",shape="${shape}"}`;
  return {
    shape,
    trueBreach,
    series: {
      name,
      group: 'fleet',
      unit: '%',
      capacity: Math.round(capacity * 1000) / 1000,
      breach,
      start: FLEET_START,
      stepMs: FLEET_STEP_MS,
      values,
      filled: 0,
    },
  };
}

/** A level shift that stays: a step of ±5–20 between 2 and 7 days before the end. */
function shift(signal: Float64Array, points: number, pick: (lo: number, hi: number) => number): void {
  const at = points - Math.round(pick(2, 7) * DAY);
  const jump = pick(5, 20) * (pick(0, 1) < 0.75 ? 1 : -1);
  for (let t = at; t < signal.length; t++) signal[t] = (signal[t] as number) + jump;
}
