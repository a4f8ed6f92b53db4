import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { NormalizationError, normalize } from '../../../../src/core/normalize/normalize';
import { looseNumber } from '../../../../src/core/normalize/looseNumber';
import { extractJson } from '../../../../src/core/normalize/extractJson';
import { type ForecastData, forecastDataSchema, type MetricSet } from '../../../../src/core/base/forecastSchema';
import { type ForecastRequest } from '../../../../src/core/base/forecastRequest';
import { builtinPrediction } from '../../../../src/core/forecast/forecastMetricSet';
import { ForecastLedger } from '../../../../src/core/ledger/forecastLedger';
import { MemoryStore } from '../../../support/memoryStore';
import { FakeClock } from '../../../support/helpers';
import { REQUEST, normalizeHistory } from '../../../support/normalizeHelpers';
import { REPO_ROOT } from '../../../support/paths';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'normalize');
const history = (which: 'one' | 'two'): MetricSet => normalizeHistory(which, { jitter: true });
const PRODUCER = {
  provider: 'custom' as const,
  model: 'fixture-model',
  mode: 'prompt',
  promptHash: 'sha256:' + '0'.repeat(64),
};

interface Expectation {
  ok: boolean;
  history: 'one' | 'two';
  first?: Record<string, number[]>;
  /** The first lower / upper bounds, when the answer's own bounds must be the ones used. */
  lower?: Record<string, number[]>;
  upper?: Record<string, number[]>;
  warnings?: string[];
  /** Text no warning may contain. */
  noWarnings?: string[];
  narrative?: string;
  /** Text the narrative may not contain. */
  narrativeExcludes?: string[];
  problems?: string[];
}

function assertFirst(
  data: ForecastData,
  expected: Record<string, number[]> | undefined,
  field: 'value' | 'lower' | 'upper',
): void {
  for (const [metric, values] of Object.entries(expected ?? {})) {
    const points = data.metrics.find((m) => m.name === metric)?.points ?? [];
    values.forEach((v, i) =>
      assert.ok(
        Math.abs((points[i]?.[field] ?? NaN) - v) < 1e-9,
        `${metric}[${i}].${field} = ${points[i]?.[field]}, expected ${v}`,
      ),
    );
  }
}

describe('normalization engine: a corpus of real-world answers', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<
    string,
    Expectation
  >;

  it('has at least 40 fixtures, each with an expected result', () => {
    assert.ok(Object.keys(manifest).length >= 40);
    for (const file of Object.keys(manifest)) assert.ok(fs.existsSync(path.join(FIXTURES, file)), file);
  });

  for (const [file, expect] of Object.entries(manifest)) {
    it(`${file}: ${expect.ok ? 'normalizes' : 'is rejected with its problems'}`, () => {
      const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      let data;
      try {
        data = normalize(text, PRODUCER, REQUEST, history(expect.history), { clock: new FakeClock() });
      } catch (err) {
        assert.ok(err instanceof NormalizationError, `only NormalizationError may be thrown, got ${String(err)}`);
        assert.equal(expect.ok, false, `unexpected problems: ${err.problems.join('; ')}`);
        for (const p of expect.problems ?? [])
          assert.ok(
            err.problems.some((q) => new RegExp(p).test(q)),
            `a problem matching /${p}/ in: ${err.problems.join(' | ')}`,
          );
        return;
      }
      assert.equal(expect.ok, true, 'it should have been rejected');
      assert.equal(forecastDataSchema.safeParse(data).success, true);
      assert.equal(data.producer.provider, 'custom');
      assertFirst(data, expect.first, 'value');
      assertFirst(data, expect.lower, 'lower');
      assertFirst(data, expect.upper, 'upper');
      for (const m of data.metrics)
        for (const p of m.points) assert.ok(p.lower <= p.value && p.value <= p.upper, 'bounds contain the point');
      for (const w of expect.warnings ?? [])
        assert.ok(
          data.warnings.some((x) => x.includes(w)),
          `a warning containing "${w}" in: ${data.warnings.join(' | ')}`,
        );
      for (const w of expect.noWarnings ?? [])
        assert.ok(
          !data.warnings.some((x) => x.includes(w)),
          `no warning containing "${w}" in: ${data.warnings.join(' | ')}`,
        );
      if (expect.narrative) assert.ok(data.narrative?.includes(expect.narrative), `narrative: ${data.narrative}`);
      for (const x of expect.narrativeExcludes ?? [])
        assert.ok(
          !(data.narrative ?? '').includes(x),
          `the narrative contains ${JSON.stringify(x)}: ${JSON.stringify(data.narrative)}`,
        );
    });
  }
});

describe('normalization engine: details', () => {
  it('upsamples a coarse answer onto every step of the horizon', () => {
    const request: ForecastRequest = { ...REQUEST, horizon: 12, outputStride: 4, outputCount: 3 };
    const data = normalize(JSON.stringify({ cpu: [60, 64, 68] }), PRODUCER, request, history('one'), {
      clock: new FakeClock(),
    });
    const values = data.metrics[0]?.points.map((p) => p.value) ?? [];
    assert.equal(values.length, 12);
    assert.equal(values[3], 60); // step 4 is the first answer point
    assert.equal(values[5], 62); // halfway to the second
    assert.equal(values[11], 68);
  });

  it('derives missing bounds from the built-in forecaster and says so', () => {
    const data = normalize(JSON.stringify({ cpu: [60, 61, 62, 63, 64, 65] }), PRODUCER, REQUEST, history('one'), {
      clock: new FakeClock(),
    });
    const p = data.metrics[0]?.points[0];
    assert.ok(p && p.lower < p.value && p.upper > p.value);
    assert.match(data.warnings.join(' '), /bounds were derived from the built-in forecaster/);
  });

  it('computes breach and risk itself, whatever the model says about them', () => {
    const text = JSON.stringify({ cpu: [80, 85, 89, 95, 99, 100], risk: 'none', bottleneck: null });
    const data = normalize(text, PRODUCER, REQUEST, history('one'), { clock: new FakeClock() });
    assert.equal(data.bottleneck?.metric, 'cpu');
    assert.notEqual(data.risk.level, 'none');
  });

  it('keeps the narrative as plain text and caps its length', () => {
    const long = 'x'.repeat(5000);
    const data = normalize(
      JSON.stringify({ cpu: [60, 61, 62, 63, 64, 65], narrative: `<script>alert(1)</script>\u0007${long}` }),
      PRODUCER,
      REQUEST,
      history('one'),
      { clock: new FakeClock() },
    );
    assert.ok((data.narrative ?? '').length <= 1000);
    assert.ok(!(data.narrative ?? '').includes('\u0007'));
  });

  it('a track record and agreement with the built-in forecast move confidence', () => {
    const near = normalize(JSON.stringify({ cpu: [55, 56, 57, 58, 59, 60] }), PRODUCER, REQUEST, history('one'), {
      clock: new FakeClock(),
    });
    const far = normalize(JSON.stringify({ cpu: [5, 6, 7, 8, 9, 10] }), PRODUCER, REQUEST, history('one'), {
      clock: new FakeClock(),
    });
    const trusted = normalize(JSON.stringify({ cpu: [55, 56, 57, 58, 59, 60] }), PRODUCER, REQUEST, history('one'), {
      clock: new FakeClock(),
      trackRecord: { mase: 0.3, coverage: 0.95, count: 5 },
    });
    assert.ok(near.confidence.components.skill > far.confidence.components.skill);
    assert.ok(trusted.confidence.components.coverage > near.confidence.components.coverage);
  });

  it('reads numbers the way models write them', () => {
    assert.deepEqual(
      ['85%', '1.2k', '3,400', '1_000', '12 ms', '1.5 GB', ' 7 ', '-2.5e3', '.5', '2M'].map(looseNumber),
      [85, 1200, 3400, 1000, 12, 1.5, 7, -2500, 0.5, 2e6],
    );
    assert.ok(['abc', '', '1,2', '12..3', null, {}, '--1'].map(looseNumber).every(Number.isNaN));
  });

  it('finds JSON inside fences, prose, with comments and trailing commas', () => {
    assert.deepEqual(extractJson('```json\n{"a": [1, 2,],}\n```'), { value: { a: [1, 2] }, prose: '' });
    assert.deepEqual((extractJson('ok: {"a": 1 /* one */} bye') as { value: unknown }).value, { a: 1 });
    assert.ok('error' in extractJson('no json here'));
  });
});

describe('normalization engine: property-based', function () {
  this.timeout(120_000);
  const hist = history('two');
  const check = (text: string): void => {
    try {
      const data = normalize(text, PRODUCER, REQUEST, hist, { clock: new FakeClock() });
      const parsed = forecastDataSchema.safeParse(data);
      assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
    } catch (err) {
      if (!(err instanceof NormalizationError)) throw err;
    }
  };

  it('any string gives ForecastData or a NormalizationError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), check), { numRuns: 500, seed: 1 });
  });

  it('any JSON value gives ForecastData or a NormalizationError', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), check), { numRuns: 500, seed: 2 });
  });

  it('answers shaped like forecasts, with hostile values, give ForecastData or a NormalizationError', () => {
    const value = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.constantFrom('NaN', 'Infinity', '85%', '1.2k', '3,400', '', 'n/a'),
      fc.constant(null),
    );
    const series = fc.oneof(
      fc.array(value, { maxLength: 9 }),
      fc.record({
        values: fc.array(value, { maxLength: 9 }),
        lower: fc.array(value, { maxLength: 9 }),
        upper: fc.array(value, { maxLength: 9 }),
      }),
      fc.array(
        fc.record({ t: fc.oneof(fc.integer(), fc.constantFrom('2026-01-15T00:00:00Z', 'soon'), fc.double()), value }),
        { maxLength: 9 },
      ),
    );
    const answer = fc.record({ cpu: series, disk_free: series });
    fc.assert(
      fc.property(answer, fc.boolean(), (a, fenced) =>
        check(fenced ? '```json\n' + JSON.stringify(a) + '\n```' : JSON.stringify(a)),
      ),
      { numRuns: 500, seed: 3 },
    );
  });
});

describe('normalization engine: bounds contain the point (property)', function () {
  this.timeout(120_000);
  const hist = history('two');
  const reference = new Map(hist.metrics.map((m) => [m.name, builtinPrediction(m, REQUEST.horizon, REQUEST.level)]));
  // values within a thousand times the history, bounds anywhere: missing, inverted, on the wrong side of the point
  const value = fc.double({ min: -500, max: 5000, noNaN: true });
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const series = fc.record(
    {
      values: fc.array(value, { minLength: 6, maxLength: 6 }),
      lower: maybe(fc.array(value, { minLength: 6, maxLength: 6 })),
      upper: maybe(fc.array(value, { minLength: 6, maxLength: 6 })),
    },
    { requiredKeys: ['values'] },
  );

  it('lower ≤ point ≤ upper at every step of every metric, whatever bounds the answer gave', () => {
    let checked = 0;
    fc.assert(
      fc.property(series, series, (cpu, disk) => {
        let data: ForecastData;
        try {
          data = normalize(JSON.stringify({ cpu, disk_free: disk }), PRODUCER, REQUEST, hist, {
            clock: new FakeClock(),
            reference,
          });
        } catch (err) {
          if (err instanceof NormalizationError) return;
          throw err;
        }
        for (const m of data.metrics)
          for (const p of m.points)
            assert.ok(p.lower <= p.value && p.value <= p.upper, `${m.name}: ${JSON.stringify(p)}`);
        checked++;
      }),
      { numRuns: 300, seed: 18 },
    );
    assert.ok(checked > 250, `${checked} of 300 answers were normalized`);
  });
});

describe('provider ledger', () => {
  it('scores a provider forecast when the actual data for its horizon arrives', async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store, () => new Date(0));
    const hist = history('one');
    const data = normalize(JSON.stringify({ cpu: [60, 61, 62, 63, 64, 65], narrative: 'n' }), PRODUCER, REQUEST, hist, {
      clock: new FakeClock(),
    });
    await ledger.record(data, hist);
    assert.equal(ledger.trackRecord('custom'), undefined, 'not scored before the actuals exist');
    const cpu = hist.metrics[0];
    assert.ok(cpu);
    const later: MetricSet = {
      ...hist,
      metrics: [{ ...cpu, values: Float64Array.from([...cpu.values, 60, 61, 62, 63, 64, 65]) }],
    };
    assert.equal(await ledger.score(later), 1);
    const record = ledger.trackRecord('custom');
    assert.ok(record);
    assert.equal(record.count, 1);
    assert.ok(record.mase < 1e-9, 'a perfect forecast scores MASE 0');
    assert.equal(record.coverage, 1);
    assert.equal(new ForecastLedger(store).trackRecord('custom')?.count, 1, 'persisted');
  });

  it('does not keep built-in forecasts, and recovers from a corrupt store', () => {
    const ledger = new ForecastLedger(new MemoryStore({ 'bottleneck.providerLedger': { version: 9 } }));
    assert.match(ledger.recovered ?? '', /started afresh/);
    assert.equal(ledger.size, 0);
  });
});
