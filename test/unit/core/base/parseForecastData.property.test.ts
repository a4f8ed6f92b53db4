import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseForecastData } from '../../../../src/core/base/parseForecastData';
import { type ForecastData, forecastDataSchema } from '../../../../src/core/base/forecastSchema';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { FakeClock, hourlySet } from '../../../support/helpers';

/** What a parse gives: the value as JSON (key order included), or the error's message. */
const outcome = (parse: (d: unknown) => ForecastData, data: unknown): string => {
  try {
    return `ok ${JSON.stringify(parse(data))}`;
  } catch (err) {
    return `error ${(err as Error).message}`;
  }
};

describe('parseForecastData: the schema with a loop over the points, and the same answers', function () {
  this.timeout(60_000);
  let base: ForecastData;
  before(() => {
    base = forecastMetricSet(hourlySet(24 * 10), { horizon: { steps: 24 }, clock: new FakeClock() });
  });

  const odd = fc.constantFrom<unknown>(
    NaN,
    Infinity,
    -Infinity,
    '1',
    null,
    undefined,
    {},
    [],
    'not a time',
    '2026-02-30T00:00:00Z',
    '2026-01-01T00:00:00',
    '2026-01-01T00:00:00+01:00',
    '2026-01-01T24:00:00Z',
    '2024-02-29T12:00:00.5Z',
    0,
    -1e308,
  );

  it('gives what forecastDataSchema.parse gives, or fails with its message, when points are changed at random', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            metric: fc.nat(),
            point: fc.nat(),
            key: fc.constantFrom('t', 'value', 'lower', 'upper', 'extra'),
            value: odd,
            drop: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
        fc.boolean(),
        (changes, emptyPoints) => {
          const data = structuredClone(base) as unknown as { metrics: { points: Record<string, unknown>[] }[] };
          for (const c of changes) {
            const m = data.metrics[c.metric % data.metrics.length];
            const p = m?.points[c.point % m.points.length];
            if (!p) continue;
            if (c.drop) Reflect.deleteProperty(p, c.key);
            else p[c.key] = c.value;
          }
          if (emptyPoints && data.metrics[0]) data.metrics[0].points = [];
          assert.equal(
            outcome(parseForecastData, data),
            outcome((d) => forecastDataSchema.parse(d), data),
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('gives the same answer when the rest of the forecast is wrong, or is not a forecast at all', () => {
    const broken = [
      null,
      42,
      { ...base, metrics: 'x' },
      { ...base, metrics: [] },
      { ...base, level: 2 },
      { ...base, metrics: [{ ...base.metrics[0], name: '' }] },
      { ...base, metrics: [{ ...base.metrics[0], points: 'x' }] },
      { ...base, metrics: [null] },
    ];
    for (const data of broken)
      assert.equal(
        outcome(parseForecastData, data),
        outcome((d) => forecastDataSchema.parse(d), data),
      );
    assert.equal(
      outcome(parseForecastData, base),
      outcome((d) => forecastDataSchema.parse(d), base),
    );
    assert.match(outcome(parseForecastData, base), /^ok /);
  });
});
