import { type MetricSet } from '../../src/core/base/forecastSchema';
import { type Timers } from '../../src/core/time/timers';
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

export { seededRandom } from '../../src/core/random';

/** Two weeks of an hourly CPU metric with a daily cycle and a slow rise. */
export function hourlySet(n = 24 * 14): MetricSet {
  const values = Float64Array.from(
    { length: n },
    (_, t) => 50 + 10 * Math.sin(((t % 24) / 24) * 2 * Math.PI) + t * 0.02,
  );
  return {
    source: 'metrics.csv',
    warnings: [],
    metrics: [
      {
        name: 'cpu',
        unit: '%',
        capacity: 90,
        breach: 'above',
        start: Date.UTC(2026, 0, 1),
        stepMs: 3_600_000,
        values,
        filled: 0,
      },
    ],
  };
}

/** Timers on a FakeClock: `advance` runs every timer that falls due, in order, letting async work settle. */
export class FakeTimers implements Timers {
  private next = 1;
  private readonly queue = new Map<number, { due: number; fn: () => void }>();
  constructor(private readonly clock: FakeClock) {}
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.queue.set(id, { due: this.clock.now().getTime() + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue.delete(handle as number);
  }
  get pending(): number {
    return this.queue.size;
  }
  async advance(ms: number): Promise<void> {
    const target = this.clock.now().getTime() + ms;
    await settle();
    for (;;) {
      let first: [number, { due: number; fn: () => void }] | undefined;
      for (const entry of this.queue)
        if (entry[1].due <= target && (!first || entry[1].due < first[1].due)) first = entry;
      if (!first) break;
      this.queue.delete(first[0]);
      this.clock.advance(first[1].due - this.clock.now().getTime());
      first[1].fn();
      await settle();
    }
    this.clock.advance(target - this.clock.now().getTime());
  }
}

/** Lets pending promise chains run to completion. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}
