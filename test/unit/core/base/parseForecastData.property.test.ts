import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ForecastColumns, parseForecastData } from '../../../../src/core/base/parseForecastData';
import { type ForecastData, forecastDataSchema, type MetricSet } from '../../../../src/core/base/forecastSchema';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { FIRST_ISO_MS, LAST_ISO_MS } from '../../../../src/core/time/isoFormatter';
import { FakeClock, hourlySet } from '../../../support/helpers';

/** What a parse gives: the value as JSON (key order included), or the error's message. */
const outcome = (parse: () => ForecastData): string => {
  try {
    return `ok ${JSON.stringify(parse())}`;
  } catch (err) {
    return `error ${(err as Error).message}`;
  }
};

type Columns = { after: number; stepMs: number; value: unknown[]; lower: unknown[]; upper: unknown[] };
type Data = Omit<ForecastData, 'metrics'> & {
  metrics: (Omit<ForecastData['metrics'][number], 'points'> & { points: Columns })[];
};

/** A forecast with its points as columns (plain arrays, so that any value can be put in them). */
const toColumns = (f: ForecastData): Data => {
  const copy = structuredClone(f);
  const stepMs = f.horizon.stepSeconds * 1000;
  return {
    ...copy,
    metrics: copy.metrics.map((m) => ({
      ...m,
      points: {
        after: Date.parse(m.points[0]?.t ?? '') - stepMs,
        stepMs,
        value: m.points.map((p) => p.value),
        lower: m.points.map((p) => p.lower),
        upper: m.points.map((p) => p.upper),
      },
    })),
  };
};

/** The same forecast as the schema sees it: point j at after + (j + 1)·step, with the j-th of each column, as many as there are values. */
const toRows = (d: Data): unknown => ({
  ...d,
  metrics: d.metrics.map((m) => ({
    ...m,
    points: Array.from(m.points.value, (value, j) => ({
      t: new Date(m.points.after + (j + 1) * m.points.stepMs).toISOString(),
      value,
      lower: m.points.lower[j],
      upper: m.points.upper[j],
    })),
  })),
});

const same = (d: Data): void =>
  assert.equal(
    outcome(() => parseForecastData(d as unknown as ForecastColumns)),
    outcome(() => forecastDataSchema.parse(toRows(d))),
  );

describe('parseForecastData: points built from columns by a loop, with the schema’s answers', function () {
  this.timeout(60_000);
  let base: ForecastData;
  before(() => {
    const set = hourlySet(24 * 10);
    const cpu = set.metrics[0] as MetricSet['metrics'][number];
    const metrics = [cpu, { ...cpu, name: 'queue', unit: 'jobs', values: cpu.values.map((v) => v * 3) }];
    base = forecastMetricSet({ ...set, metrics }, { horizon: { steps: 24 }, clock: new FakeClock() });
    assert.equal(base.metrics.length, 2);
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
    0,
    -1e308,
    Number.MAX_VALUE,
    -0,
  );

  const DAY = 86_400_000;
  /** Where the points start: ordinary times, and times whose points cross the first or the last four-digit year. */
  const after = fc.oneof(
    fc.integer({ min: 0, max: 4e12 }),
    fc.integer({ min: LAST_ISO_MS - 30 * DAY, max: LAST_ISO_MS + DAY }),
    fc.integer({ min: FIRST_ISO_MS - 30 * DAY, max: FIRST_ISO_MS + DAY }),
    fc.double({ min: 0, max: 4e12, noNaN: true }),
    fc.constantFrom(LAST_ISO_MS - 3_600_000, FIRST_ISO_MS - 3_600_000, FIRST_ISO_MS - 1, 8.64e15 - DAY, NaN),
  );
  const step = fc.constantFrom(3_600_000, 300_000, 60_000, 1, 0.5, 0, -3_600_000, 86_400_000);

  it('gives what forecastDataSchema.parse gives, or fails with its message, when columns are changed at random', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            metric: fc.nat(),
            point: fc.nat(),
            key: fc.constantFrom('value', 'lower', 'upper'),
            value: odd,
            cut: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
        fc.boolean(),
        fc.option(fc.record({ metric: fc.nat(), after: after, stepMs: step })),
        (changes, emptyPoints, times) => {
          const data = toColumns(base);
          for (const c of changes) {
            const m = data.metrics[c.metric % data.metrics.length];
            if (!m) continue;
            const column = m.points[c.key as 'value' | 'lower' | 'upper'];
            // cut: the column is shorter than the values (its last points read undefined), or longer
            if (c.cut) column.length = c.point % (column.length + 3);
            else column[c.point % column.length] = c.value;
          }
          if (emptyPoints && data.metrics[0]) data.metrics[0].points = { ...data.metrics[0].points, value: [] };
          const m = times && data.metrics[times.metric % data.metrics.length];
          if (times && m) m.points = { ...m.points, after: times.after, stepMs: times.stepMs };
          same(data);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('gives the same answer when the rest of the forecast is wrong', () => {
    const broken: ((d: Data) => void)[] = [
      (d) => (d.metrics = []),
      (d) => ((d as { level: number }).level = 2),
      (d) => ((d.metrics[0] as { name: string }).name = ''),
      (d) => ((d.metrics[0] as { capacity: number | null }).capacity = NaN),
      (d) => ((d.metrics[1] as { confidence: { score: number } }).confidence.score = 1.5),
      (d) => ((d as { narrative: string | null }).narrative = 'x'.repeat(1001)),
      (d) => ((d as { createdAt: string }).createdAt = 'yesterday'),
      (d) => ((d.metrics[0] as { method: { chosen: string[] } }).method.chosen = []),
      (d) => {
        (d as { level: number }).level = 2;
        d.metrics[0]?.points.value.splice(0, 1, NaN);
      },
    ];
    for (const breakIt of broken) {
      const data = toColumns(base);
      breakIt(data);
      same(data);
      assert.match(
        outcome(() => parseForecastData(data as unknown as ForecastColumns)),
        /^error /,
      );
    }
  });

  it('takes a valid forecast whole, with the points in their place and in the schema’s key order', () => {
    const data = toColumns(base);
    same(data);
    const parsed = parseForecastData(data as unknown as ForecastColumns);
    assert.equal(JSON.stringify(parsed), JSON.stringify(base));
    assert.deepEqual(Object.keys(parsed.metrics[0] ?? {}), Object.keys(base.metrics[0] ?? {}));
  });

  it('checks the points of a valid forecast in its loop: the schema never parses them, even at the first and last instants', () => {
    const original = forecastDataSchema.parse.bind(forecastDataSchema);
    let wholeParses = 0;
    forecastDataSchema.parse = ((data: unknown) => {
      wholeParses++;
      return original(data);
    }) as typeof forecastDataSchema.parse;
    try {
      const data = toColumns(base);
      parseForecastData(data as unknown as ForecastColumns);
      const [first, second] = data.metrics;
      assert.ok(first && second);
      // point j is at after + (j + 1)·step: the first point at the first instant, the last at the last
      first.points = { ...first.points, after: FIRST_ISO_MS - first.points.stepMs };
      second.points = { ...second.points, after: LAST_ISO_MS - second.points.value.length * second.points.stepMs };
      const parsed = parseForecastData(data as unknown as ForecastColumns);
      assert.equal(parsed.metrics[0]?.points[0]?.t, '0000-01-01T00:00:00.000Z');
      assert.equal(parsed.metrics[1]?.points.at(-1)?.t, '9999-12-31T23:59:59.999Z');
      assert.equal(wholeParses, 0, 'only the rest of the forecast went through the schema');
      second.points = { ...second.points, after: second.points.after + 1 }; // one past the last instant
      assert.throws(() => parseForecastData(data as unknown as ForecastColumns));
      assert.equal(wholeParses, 1, 'a forecast the loop refuses is parsed whole, for the schema’s own message');
    } finally {
      forecastDataSchema.parse = original;
    }
  });

  it('reads the columns as Float64Arrays, as the forecast computes them', () => {
    const data = toColumns(base);
    const typed = {
      ...data,
      metrics: data.metrics.map((m) => ({
        ...m,
        points: {
          after: m.points.after,
          stepMs: m.points.stepMs,
          value: Float64Array.from(m.points.value as number[]),
          lower: Float64Array.from(m.points.lower as number[]),
          upper: Float64Array.from(m.points.upper as number[]),
        },
      })),
    };
    assert.equal(JSON.stringify(parseForecastData(typed)), JSON.stringify(base));
    (typed.metrics[0]?.points.upper as Float64Array)[3] = Infinity;
    assert.throws(
      () => parseForecastData(typed),
      (err: Error) => err.message.includes('"upper"') && err.message.includes('"points"'),
    );
  });
});
