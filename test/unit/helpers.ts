import { type MetricSet } from '../../src/core/forecast/schema';
import { type Clock } from '../../src/core/time/clock';

/** A clock that moves only when told. */
export class FakeClock implements Clock {
  constructor(private ms = Date.parse('2026-01-05T00:00:00.000Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Deterministic PRNG (mulberry32), so randomized tests replay exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two weeks of an hourly CPU metric with a daily cycle and a slow rise. */
export function hourlySet(n = 24 * 14): MetricSet {
  const values = Float64Array.from({ length: n }, (_, t) => 50 + 10 * Math.sin(((t % 24) / 24) * 2 * Math.PI) + t * 0.02);
  return { source: 'metrics.csv', warnings: [], metrics: [{ name: 'cpu', unit: '%', capacity: 90, breach: 'above', start: Date.UTC(2026, 0, 1), stepMs: 3_600_000, values, filled: 0 }] };
}
