import * as assert from 'node:assert/strict';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { type ForecastData, forecastOrigin, type MetricSet } from '../../../../src/core/base/forecastSchema';
import { buildPanelModel, decimate, panelModelId } from '../../../../src/core/panel/panelModel';
import { formatDuration } from '../../../../src/core/format';
import { checkHostMessage } from '../../../../src/core/panel/checkHostMessage';
import { hostMessageSchema, parseMessage } from '../../../../src/core/panel/panelMessages';
import { formatForecastTable } from '../../../../src/core/forecast/formatReport';
import { FakeClock, hourlySet } from '../../../support/helpers';
import { SAMPLE } from '../../../support/paths';

describe('Forecast panel model', () => {
  let set: MetricSet;
  let data: ForecastData;
  before(async () => {
    set = await loadMetricFile(SAMPLE);
    data = forecastMetricSet(set);
  });

  it('is valid against the schema the page parses it with', () => {
    const parsed = parseMessage(hostMessageSchema, { type: 'forecast', model: buildPanelModel(data, set) });
    assert.equal(parsed.ok, true, parsed.ok ? '' : parsed.problem);
  });

  it('flags a metric whose history already reached its capacity, with when', () => {
    const model = buildPanelModel(data, set);
    const latency = (model.touched ?? []).find((t) => t.startsWith('latency_p95 '));
    assert.match(
      latency ?? '',
      /^latency_p95 already reached 350 ms in its history: at or above it at \d{4}-\d\d-\d\d \d\d:\d\d UTC, \d+ (d|h)\b.* before the last data point\.$/,
    );
    assert.deepEqual(buildPanelModel(data, undefined).touched, [], 'no history, nothing to flag');
  });

  it('says a metric that breaches below reached its capacity at or below it; one already beyond it is breached now', () => {
    const below = (capacity: number): MetricSet => ({
      ...hourlySet(),
      metrics: hourlySet().metrics.map((m) => ({ ...m, name: 'free', capacity, breach: 'below' as const })),
    });
    // the daily troughs (about 40 %) dip under 45 %; the last value (about 54 %) is above it
    const dipped = below(45);
    const touched = buildPanelModel(forecastMetricSet(dipped, { clock: new FakeClock() }), dipped).touched ?? [];
    assert.deepEqual(touched, [
      'free already reached 45 % in its history: at or below it at 2026-01-10 18:00 UTC, 4 d 5 h before the last data point.',
    ]);
    // 55 % is above the last value: the metric is already beyond its capacity, said as now, not as a past touch
    const beyond = below(55);
    const model = buildPanelModel(forecastMetricSet(beyond, { clock: new FakeClock() }), beyond);
    assert.equal(model.metrics[0]?.breach?.alreadyBreached, true);
    assert.equal(model.metrics[0]?.breach?.expectedIn, 'now');
    assert.deepEqual(model.touched, []);
  });

  it('says who was asked and failed when the forecast was made after a failover; nothing otherwise', () => {
    assert.equal(buildPanelModel(data, set).failover, null);
    const model = buildPanelModel(data, set, {
      failover: { asked: 'groq', failure: 'Groq rejected the API key (HTTP 401).', madeBy: 'builtin' },
    });
    assert.equal(
      model.failover,
      'Groq was asked first and failed: Groq rejected the API key (HTTP 401). The lock moved to Built-in, which made this forecast.',
    );
    assert.equal(parseMessage(hostMessageSchema, { type: 'forecast', model }).ok, true);
  });

  it('shows an LLM forecast’s tokens, with the estimate when a price is set; nothing for the built-in', () => {
    assert.equal(buildPanelModel(data, set).usage, null);
    const llm: ForecastData = {
      ...data,
      producer: { ...data.producer, provider: 'openai', usage: { promptTokens: 12_000, completionTokens: 800 } },
    };
    assert.equal(buildPanelModel(llm, set).usage, '12,000 prompt + 800 completion tokens');
    const priced = buildPanelModel(llm, set, { price: { promptPerMillion: 0.15, completionPerMillion: 0.6 } });
    assert.equal(priced.usage, '12,000 prompt + 800 completion tokens, ≈ 0.00228 price units (estimate)');
    const unknown = buildPanelModel({ ...llm, producer: { ...llm.producer, usage: null } }, set);
    assert.equal(unknown.usage, 'tokens not reported by the provider');
    for (const model of [priced, unknown]) {
      assert.equal(parseMessage(hostMessageSchema, { type: 'forecast', model }).ok, true);
      assert.equal(checkHostMessage({ type: 'forecast', model }).ok, true, 'the page accepts it too');
    }
  });

  it('names the bottleneck the engine reported, with the same relative and absolute time as the CLI report', () => {
    const model = buildPanelModel(data, set);
    assert.ok(data.bottleneck, 'the sample has a bottleneck');
    assert.equal(model.headline.metric, data.bottleneck.metric);
    const cliLine =
      formatForecastTable(data)
        .split('\n')
        .find((l) => l.startsWith('Bottleneck:')) ?? '';
    assert.ok(
      model.headline.relative && cliLine.includes(model.headline.relative),
      `${cliLine} / ${model.headline.relative}`,
    );
    assert.ok(
      model.headline.absolute && cliLine.includes(model.headline.absolute),
      `${cliLine} / ${model.headline.absolute}`,
    );
    assert.match(model.headline.text, new RegExp(`^${data.bottleneck.metric} reaches .+ in \\d`));
  });

  it('has one metric per forecast metric with its history ending at the last observation', () => {
    const model = buildPanelModel(data, set);
    assert.deepEqual(
      model.metrics.map((m) => m.name),
      data.metrics.map((m) => m.name),
    );
    for (const m of model.metrics) {
      const source = set.metrics.find((s) => s.name === m.name);
      assert.ok(source);
      const lastT = m.history.start + (m.history.values.length - 1) * m.history.step;
      assert.equal(lastT, model.now, `${m.name} history ends at now`);
      assert.equal(m.history.values.at(-1), source.values[source.values.length - 1]);
      assert.equal(m.forecast.t.length, data.horizon.count);
      assert.ok(m.viewFrom >= m.history.start && m.viewFrom < model.now);
    }
  });

  it('sends every series as a Float64Array on a buffer of its own, exact, the forecast in one length', () => {
    const model = buildPanelModel(data, set);
    for (const [i, m] of model.metrics.entries()) {
      const source = data.metrics[i];
      assert.ok(source);
      const series = [m.history.values, m.forecast.t, m.forecast.value, m.forecast.lower, m.forecast.upper];
      for (const s of series) {
        assert.ok(s instanceof Float64Array, `${m.name}: a Float64Array`);
        // VS Code sends a typed array's whole buffer: a view into a shared one would send all of it
        assert.equal(s.byteOffset, 0);
        assert.equal(s.buffer.byteLength, s.byteLength);
      }
      assert.equal(new Set(series.map((s) => s.buffer)).size, series.length, `${m.name}: five buffers`);
      assert.deepEqual(
        Array.from(m.forecast.t),
        source.points.map((p) => Date.parse(p.t)),
      );
      assert.deepEqual(
        Array.from(m.forecast.upper),
        source.points.map((p) => p.upper),
      );
    }
  });

  it('keeps the risk, confidence, provider and warnings of the forecast', () => {
    const model = buildPanelModel({ ...data, warnings: ['gap filled'] }, set);
    assert.equal(model.risk.level, data.risk.level);
    assert.equal(model.confidence.score, data.confidence.score);
    assert.equal(model.producer.provider, 'Built-in');
    assert.deepEqual(model.warnings, ['gap filled']);
  });

  it('merges the sample’s five identical gap warnings into one, its time written as the rest of the panel; the JSON keeps all five', () => {
    const model = buildPanelModel(data, set);
    assert.equal(data.warnings.length, 5, 'ForecastData is unchanged');
    assert.match(data.warnings[0] ?? '', /2026-11-17T09:00:00\.000Z/);
    assert.deepEqual(model.warnings, [
      '5 metrics (cpu_utilization, memory_used, disk_free, queue_depth, latency_p95): 1 gap longer than 18 min filled (longest 2 h from 2026-11-17 09:00 UTC); forecasts near them are less certain.',
    ]);
  });

  it('says methods and confidence parts in words, the ids kept for the tooltip', () => {
    const model = buildPanelModel(data, set);
    for (const [i, m] of model.metrics.entries()) {
      assert.equal(m.method, data.metrics[i]?.method.chosen.join(' + '));
      assert.ok(m.methodText && !/\b(sar|snaive|hl)-?\d/.test(m.methodText), m.methodText);
    }
    assert.equal(model.metrics.find((m) => m.name === 'memory_used')?.methodText, 'last week repeated');
    const bottleneck = data.metrics.find((m) => m.name === data.bottleneck?.metric);
    assert.equal(bottleneck?.confidence.score, data.confidence.score, 'the overall confidence is the bottleneck’s');
    assert.match(
      model.confidenceText ?? '',
      new RegExp(
        `^backtest errors \\d+% smaller than repeating the last season · backtest intervals held ${Math.round((bottleneck?.method.backtestCoverage ?? 0) * 100)}% of the time \\(target 95%\\) · data quality \\d+% \\(gaps, seasons of history\\) · the horizon is 25% of the history$`,
      ),
    );
    assert.equal(checkHostMessage({ type: 'forecast', model }).ok, true);
  });

  it('says so when no metric is expected to breach', () => {
    const calm = forecastMetricSet({
      ...hourlySet(),
      metrics: hourlySet().metrics.map((m) => ({ ...m, capacity: 1000 })),
    });
    const model = buildPanelModel(calm, undefined);
    assert.equal(model.headline.metric, null);
    assert.match(model.headline.text, /^No metric is expected to reach its capacity in the next /);
    assert.equal(model.metrics[0]?.history.values.length, 1, 'without the set, only the last observation');
  });
});

describe('History decimation for the panel', () => {
  const series = (values: number[], breach: 'above' | 'below' = 'above') => ({
    start: 0,
    stepMs: 10,
    values: Float64Array.from(values),
    breach,
  });

  it('passes a short history through unchanged', () => {
    assert.deepEqual(decimate(series([1, 2, 3]), 10), { start: 0, step: 10, values: Float64Array.of(1, 2, 3) });
  });

  it('keeps at most the limit, with the last bucket ending at the last observation', () => {
    const values = Array.from({ length: 1001 }, (_, i) => i);
    const out = decimate(series(values), 100);
    assert.ok(out.values.length <= 100);
    assert.equal(out.start + (out.values.length - 1) * out.step, 1000 * 10);
    assert.equal(out.values.at(-1), 1000);
  });

  it('keeps a one-step spike toward the breach side (peak for above, trough for below)', () => {
    const flat = Array.from({ length: 10_000 }, () => 5);
    flat[4321] = 99;
    assert.equal(Math.max(...decimate(series(flat), 50).values), 99);
    const dip = Array.from({ length: 10_000 }, () => 5);
    dip[777] = -3;
    assert.equal(Math.min(...decimate(series(dip, 'below'), 50).values), -3);
  });
});

describe('Forecast panel model: the level shift marker', () => {
  const HOUR = 3_600_000;
  const START = Date.parse('2026-10-01T00:00:00Z');
  const set = (values: (t: number) => number): MetricSet => ({
    source: 'step.csv',
    warnings: [],
    metrics: [
      {
        name: 'cpu',
        unit: '%',
        capacity: 90,
        breach: 'above',
        start: START,
        stepMs: HOUR,
        filled: 0,
        values: Float64Array.from({ length: 21 * 24 }, (_, t) => values(t)),
      },
    ],
  });
  const wave = (t: number): number => 5 * Math.sin(((t % 24) / 24) * 2 * Math.PI);

  it('carries the break the forecast found, at its time, with the levels before and after', () => {
    const breakAt = 21 * 24 - 40;
    const stepped = set((t) => (t < breakAt ? 34 : 70) + wave(t) + ((t * 7919) % 13) / 13);
    const data = forecastMetricSet(stepped, { clock: new FakeClock() });
    const shift = data.metrics[0]?.levelShift;
    assert.ok(shift, 'the forecast found the break');
    const marker = buildPanelModel(data, stepped).metrics[0]?.levelShift;
    assert.ok(marker, 'the panel has a marker for it');
    assert.equal(marker.t, Date.parse(shift.t));
    assert.equal(marker.before, shift.before);
    assert.equal(marker.after, shift.after);
    assert.match(marker.text, /^stepped 3\d(\.\d+)? % → [67]\d(\.\d+)? %$/);
    assert.ok(Math.abs(marker.t - (START + breakAt * HOUR)) <= 2 * HOUR);
  });

  it('has no marker without a break', () => {
    const steady = set((t) => 40 + wave(t) + ((t * 7919) % 13) / 13);
    const data = forecastMetricSet(steady, { clock: new FakeClock() });
    assert.equal(buildPanelModel(data, steady).metrics[0]?.levelShift, null);
  });
});

describe('buildPanelModel with a fleet (a source with more series than charts)', () => {
  it('carries the ranked rows, at most 1,000, and both checks accept it; a bad row is refused by both', async () => {
    const set = await loadMetricFile(SAMPLE);
    const data = forecastMetricSet(set, { clock: new FakeClock(Date.parse('2026-11-28T00:00:00Z')) });
    const row = {
      series: 'disk{host="a"}',
      group: 'disk',
      status: 'critical' as const,
      breach: 'breached',
      probability: 1,
      risk: 'critical' as const,
      confidence: 0.7,
    };
    const model = buildPanelModel(data, set, { fleet: { total: 1200, rows: Array.from({ length: 1200 }, () => row) } });
    assert.equal(model.fleet?.total, 1200);
    assert.equal(model.fleet?.rows.length, 1000);
    const message = { type: 'forecast', model };
    assert.ok(parseMessage(hostMessageSchema, message).ok);
    assert.ok(checkHostMessage(message).ok);
    assert.equal(buildPanelModel(data, set).fleet, undefined);
    for (const bad of [
      { ...model, fleet: { total: 1, rows: [{ ...row, status: 'bad' }] } },
      { ...model, fleet: { total: 1, rows: Array.from({ length: 1001 }, () => row) } },
      { ...model, fleet: { rows: [] } },
    ]) {
      assert.equal(parseMessage(hostMessageSchema, { type: 'forecast', model: bad }).ok, false);
      assert.equal(checkHostMessage({ type: 'forecast', model: bad }).ok, false);
    }
  });
});

describe('Forecast panel model: the horizon, the touches and the scores beside each chart', () => {
  const HOUR = 3_600_000;
  const START = Date.UTC(2026, 0, 1);
  const wave = (t: number): number => 10 * Math.sin(((t % 24) / 24) * 2 * Math.PI);
  const series = (name: string, capacity: number | undefined, unit: string | undefined, f: (t: number) => number) => ({
    name,
    ...(unit === undefined ? {} : { unit }),
    ...(capacity === undefined ? {} : { capacity }),
    breach: 'above' as const,
    start: START,
    stepMs: HOUR,
    filled: 0,
    values: Float64Array.from({ length: 24 * 14 }, (_, t) => f(t)),
  });
  // conns has no capacity; cpu's daily peaks passed 62 % and come back above it within hours
  // (the bottleneck, second in the file); disk never comes near its 1000 GB
  const set: MetricSet = {
    source: '/data/three.csv',
    warnings: [],
    metrics: [
      series('conns', undefined, undefined, (t) => 100 + ((t * 7919) % 17) + wave(t)),
      series('cpu', 62, '%', (t) => 50 + wave(t) + t * 0.02),
      series('disk', 1000, 'GB', (t) => 200 + t * 0.1),
    ],
  };
  let data: ForecastData;
  before(() => {
    data = forecastMetricSet(set, { clock: new FakeClock(), horizon: { steps: 72 } });
  });
  const metric = (d: ForecastData, name: string) => {
    const m = d.metrics.find((x) => x.name === name);
    assert.ok(m, name);
    return m;
  };

  it('says the horizon as a duration, its steps and the interval level, and ends the view at its end', () => {
    const model = buildPanelModel(data, set);
    assert.equal(model.horizonText, '3 d (72 steps of 1 h), 95% intervals');
    assert.equal(model.now, Date.parse('2026-01-14T23:00:00Z'), 'the last observation');
    assert.equal(model.horizonEnd, model.now + 72 * HOUR);
    assert.equal(model.metrics[0]?.forecast.t.at(-1), model.horizonEnd);
    const eighty = buildPanelModel(
      forecastMetricSet(set, { clock: new FakeClock(), horizon: { steps: 30 }, level: 0.8 }),
      set,
    );
    assert.equal(eighty.horizonText, '1 d 6 h (30 steps of 1 h), 80% intervals');
  });

  it('opens each chart on the last four horizons of history', () => {
    const model = buildPanelModel(data, set);
    for (const m of model.metrics) assert.equal(m.viewFrom, model.now - 4 * 72 * HOUR, m.name);
  });

  it('says when a metric’s history reached its capacity; nothing for one without a capacity or one that never did', () => {
    assert.equal(metric(data, 'cpu').breach?.alreadyBreached, false);
    assert.deepEqual(buildPanelModel(data, set).touched, [
      'cpu already reached 62 % in its history: at or above it at 2026-01-14 09:00 UTC, 14 h before the last data point.',
    ]);
  });

  it('builds from a history that lacks a metric: that metric shows its last observation and no touch', () => {
    const partial: MetricSet = { ...set, metrics: set.metrics.filter((m) => m.name !== 'cpu') };
    const model = buildPanelModel(data, partial);
    assert.deepEqual(model.touched, []);
    const cpu = model.metrics.find((m) => m.name === 'cpu');
    assert.deepEqual(Array.from(cpu?.history.values ?? []), [metric(data, 'cpu').lastObserved.value]);
    assert.equal(model.metrics.find((m) => m.name === 'disk')?.history.values.length, 24 * 14);
  });

  it('scores the confidence’s coverage from the bottleneck’s backtest, not from the first metric’s', () => {
    const pct = (v: number | null | undefined): number => Math.round((v ?? NaN) * 100);
    const cpu = metric(data, 'cpu');
    assert.equal(data.bottleneck?.metric, 'cpu');
    assert.notEqual(pct(metric(data, 'conns').method.backtestCoverage), pct(cpu.method.backtestCoverage));
    assert.ok(
      buildPanelModel(data, set).confidenceText?.includes(
        ` · backtest intervals held ${pct(cpu.method.backtestCoverage)}% of the time (target 95%) · `,
      ),
    );
  });

  it('says an LLM’s confidence as agreement with the built-in forecast, without the built-in’s backtest', () => {
    const llm: ForecastData = { ...data, producer: { ...data.producer, provider: 'openai', model: 'gpt-4o-mini' } };
    const text = buildPanelModel(llm, set).confidenceText ?? '';
    assert.match(
      text,
      /^agreement with the built-in forecast and track record \d+% · backtest intervals (within|held their)/,
    );
    assert.doesNotMatch(text, /of the time/);
  });

  it('shows the backtest MASE and sMAPE of the method used, even when a better-scored one was not used', () => {
    const conns = metric(data, 'conns');
    const used = conns.method.scores.find((s) => s.method === conns.method.chosen[0]);
    assert.ok(used);
    // a method can score best and still not be used (its forecast from the whole history was not finite)
    const unusedBest = { method: 'ses', mase: used.mase / 2, smape: used.smape / 2, windows: 3 };
    const reordered: ForecastData = {
      ...data,
      metrics: data.metrics.map((m) =>
        m.name === 'conns' ? { ...m, method: { ...m.method, scores: [unusedBest, ...m.method.scores] } } : m,
      ),
    };
    const shown = buildPanelModel(reordered, set).metrics.find((m) => m.name === 'conns');
    assert.equal(shown?.mase, used.mase);
    assert.equal(shown?.smape, used.smape);
    const cpu = buildPanelModel(data, set).metrics.find((m) => m.name === 'cpu');
    assert.equal(cpu?.mase, metric(data, 'cpu').method.scores[0]?.mase);
    assert.equal(cpu?.smape, metric(data, 'cpu').method.scores[0]?.smape);
  });

  it('shows no MASE or sMAPE for a metric without backtest scores (an LLM’s)', () => {
    const unscored: ForecastData = {
      ...data,
      metrics: data.metrics.map((m) => ({
        ...m,
        method: {
          ...m.method,
          chosen: ['openai'],
          combination: 'provider' as const,
          scores: [],
          backtestCoverage: null,
        },
      })),
    };
    for (const m of buildPanelModel(unscored, set).metrics) {
      assert.equal(m.mase, null, m.name);
      assert.equal(m.smape, null, m.name);
    }
  });

  it('says when a breach is expected and at the earliest as a time from the last data point', () => {
    const cpu = metric(data, 'cpu');
    assert.ok(cpu.breach?.expected && cpu.breach.earliest);
    const now = forecastOrigin(data);
    const shown = buildPanelModel(data, set).metrics.find((m) => m.name === 'cpu')?.breach;
    assert.equal(shown?.expectedIn, `in ${formatDuration(Date.parse(cpu.breach.expected) - now)}`);
    assert.equal(shown?.earliestIn, `in ${formatDuration(Date.parse(cpu.breach.earliest) - now)}`);
    assert.match(shown?.expectedIn ?? '', /^in \d+ h( \d+ min)?$/, 'within the day');
    assert.equal(buildPanelModel(data, set).metrics.find((m) => m.name === 'disk')?.breach?.expectedIn, null);
  });

  it('names a model by when it was made, from which source, by whom: a change in any of them is another model', () => {
    const id = panelModelId(data);
    assert.equal(id, panelModelId({ ...data }));
    for (const other of [
      { ...data, createdAt: '2026-01-05T00:00:01.000Z' },
      { ...data, source: '/data/other.csv' },
      { ...data, producer: { ...data.producer, provider: 'openai' as const } },
    ])
      assert.notEqual(panelModelId(other), id);
    assert.equal(buildPanelModel(data, set).id, id);
  });
});

describe('History decimation for the panel: the buckets', () => {
  const series = (values: number[], breach: 'above' | 'below' = 'above') => ({
    start: 0,
    stepMs: 10,
    values: Float64Array.from(values),
    breach,
  });

  it('cuts ten values into three buckets of four, the first partial, each placed at its last step', () => {
    const values = [5, 1, 9, 2, 3, 4, 0, 8, 7, 6];
    const above = decimate(series(values), 3);
    assert.deepEqual(above, { start: 10, step: 40, values: Float64Array.of(5, 9, 8) });
    const below = decimate(series(values, 'below'), 3);
    assert.deepEqual(below, { start: 10, step: 40, values: Float64Array.of(1, 2, 0) });
  });

  it('cuts a history that divides evenly into whole buckets', () => {
    assert.deepEqual(decimate(series([3, 1, 4, 1, 5, 9, 2, 6]), 4), {
      start: 10,
      step: 20,
      values: Float64Array.of(3, 4, 9, 6),
    });
  });

  it('gives an uncut history on a buffer of its own, even when the series is a view into a larger one', () => {
    const shared = Float64Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    const view = shared.subarray(2, 5);
    const out = decimate({ start: 0, stepMs: 10, values: view, breach: 'above' }, 10);
    assert.deepEqual(Array.from(out.values), [2, 3, 4]);
    assert.equal(out.values.byteOffset, 0);
    assert.equal(out.values.buffer.byteLength, 3 * 8, 'only its own values');
    assert.notEqual(out.values.buffer, shared.buffer);
  });
});
