import { type MetricSet } from '../../src/core/base/forecastSchema';
import { type ForecastRequest } from '../../src/core/base/forecastRequest';
import { normalize } from '../../src/core/normalize/normalize';
import { type ForecastData } from '../../src/core/base/forecastSchema';
import { FakeClock } from './helpers';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);
const N = 24 * 14;

/** Two weeks of hourly cpu (%, capacity 90; with `jitter`, a little deterministic noise) and, with 'two', disk_free (GB, falling). */
export function normalizeHistory(which: 'one' | 'two', { jitter = false }: { jitter?: boolean } = {}): MetricSet {
  const cpu = Float64Array.from(
    { length: N },
    (_, t) => 55 + 5 * Math.sin(((t % 24) / 24) * 2 * Math.PI) + t * 0.01 + (jitter ? ((t * 7919) % 13) / 4 : 0),
  );
  const disk = Float64Array.from({ length: N }, (_, t) => 160 - t * 0.12);
  return {
    source: 'fixture.csv',
    warnings: [],
    metrics: [
      { name: 'cpu', unit: '%', capacity: 90, breach: 'above', start: START, stepMs: HOUR, values: cpu, filled: 0 },
      ...(which === 'two'
        ? [
            {
              name: 'disk_free',
              unit: 'GB',
              capacity: 40,
              breach: 'below' as const,
              start: START,
              stepMs: HOUR,
              values: disk,
              filled: 0,
            },
          ]
        : []),
    ],
  };
}

/** Six hourly points from 2026-01-15T00:00Z, the hour after the history's last. */
export const REQUEST: ForecastRequest = {
  horizon: 6,
  stepMs: HOUR,
  lastObserved: START + (N - 1) * HOUR,
  level: 0.95,
  outputStride: 1,
  outputCount: 6,
};
export const FIRST_TIME = START + N * HOUR;
export const PRODUCER = { provider: 'custom' as const, model: 'fixture-model', mode: 'prompt', promptHash: null };

export function normalizeText(
  text: string,
  which: 'one' | 'two' = 'one',
  request: ForecastRequest = REQUEST,
): ForecastData {
  return normalize(text, PRODUCER, request, normalizeHistory(which), { clock: new FakeClock() });
}

export const CPU = [61.2, 62.0, 63.1, 64.5, 66.0, 67.2];
