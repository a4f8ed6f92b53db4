import * as assert from 'node:assert/strict';
import { bottleneckHeadline, riskInWords, summarize } from '../../../../src/core/forecast/headline';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { formatForecastTable } from '../../../../src/core/forecast/formatReport';
import { buildPanelModel } from '../../../../src/core/panel/panelModel';
import { renderHtmlReport } from '../../../../src/cli/htmlReport';
import { type ForecastData, type MetricForecast, type MetricSet } from '../../../../src/core/base/forecastSchema';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { FakeClock } from '../../../support/helpers';
import { breachAt, forecastData, metricForecast } from '../../../support/forecastFixture';
import { germanL10n } from '../../../support/germanL10n';
import { SAMPLE } from '../../../support/paths';
import { type L10n, fillPlaceholders } from '../../../../src/core/l10n';

describe('the headline: one sentence for every surface', function () {
  this.timeout(60_000);
  let data: ForecastData;
  let set: MetricSet;
  before(async () => {
    set = await loadMetricFile(SAMPLE);
    data = forecastMetricSet(set, { clock: new FakeClock() });
  });

  it('says which metric reaches which capacity, and when from the last observation', () => {
    const h = bottleneckHeadline(data);
    // the sample's generator drives latency_p95 and cpu_utilization past capacity on the same afternoon
    assert.match(h.sentence, /^(latency_p95 reaches 350 ms|cpu_utilization reaches 85 %) in \d+ d \d+ h$/);
    assert.equal(h.relative, h.sentence.slice(h.sentence.indexOf('in ')));
    assert.equal(h.earliest, false);
    assert.ok(h.at && h.probability !== null);
  });

  it('the CLI table, the HTML report, the notification and the panel all say that sentence', () => {
    const { sentence } = bottleneckHeadline(data);
    assert.ok(formatForecastTable(data).includes(`Bottleneck: ${sentence} (`));
    assert.ok(renderHtmlReport(data, set).includes(sentence));
    assert.ok(summarize(data).startsWith(`Bottleneck: ${sentence} (risk `));
    assert.equal(buildPanelModel(data, undefined).headline.text, sentence);
  });

  it('speaks the language of the translator the host passes: the sentence, the panel and the notification', () => {
    const german: Record<string, string> = {
      '{0} reaches {1} in {2}': '{0} erreicht {1} in {2}',
      'in {0}': 'in {0}',
      'Bottleneck: {0} (risk {1}, confidence {2}).': 'Engpass: {0} (Risiko {1}, Konfidenz {2}).',
      high: 'hoch',
      critical: 'kritisch',
      medium: 'mittel',
      '{0} ({1} steps of {2}), {3}% intervals': '{0} ({1} Schritte zu {2}), {3}-%-Intervalle',
    };
    const asked: string[] = [];
    const l10n: L10n = {
      t: (message, ...args) => {
        asked.push(message);
        return fillPlaceholders(german[message] ?? message, args);
      },
    };
    const h = bottleneckHeadline(data, l10n);
    assert.match(h.sentence, /^(latency_p95 erreicht 350 ms|cpu_utilization erreicht 85 %) in \d+ d \d+ h$/);
    assert.ok(asked.includes('{0} reaches {1} in {2}'), 'the English message is the key');
    assert.match(
      summarize(data, l10n),
      /^Engpass: .* erreicht .* \(Risiko (hoch|kritisch|mittel), Konfidenz \d\.\d\d\)\.$/,
    );
    const model = buildPanelModel(data, undefined, { l10n });
    assert.equal(model.headline.text, h.sentence);
    assert.match(model.horizonText, /Schritte zu .*-%-Intervalle$/);
    // without a translator, English as before
    assert.match(bottleneckHeadline(data).sentence, / reaches /);
  });

  it('the earliest crossing, a metric already beyond capacity, and no bottleneck each have their sentence', () => {
    const b = data.bottleneck;
    assert.ok(b);
    const earliestOnly: ForecastData = { ...data, bottleneck: { ...b, expected: null, earliest: b.expected } };
    assert.match(
      bottleneckHeadline(earliestOnly).sentence,
      /^(latency_p95 could reach 350 ms|cpu_utilization could reach 85 %) in .* at the earliest$/,
    );
    const already: ForecastData = {
      ...data,
      metrics: data.metrics.map((m) =>
        m.name === b.metric && m.breach ? { ...m, breach: { ...m.breach, alreadyBreached: true } } : m,
      ),
    };
    assert.deepEqual(
      [bottleneckHeadline(already).sentence, bottleneckHeadline(already).relative],
      [
        b.metric === 'latency_p95' ? 'latency_p95 is already beyond 350 ms' : 'cpu_utilization is already beyond 85 %',
        'now',
      ],
    );
    const none: ForecastData = { ...data, bottleneck: null };
    assert.match(bottleneckHeadline(none).sentence, /^No metric is expected to reach its capacity in the next 7 d$/);
    assert.equal(
      formatForecastTable(none)
        .split('\n')
        .find((l) => l.startsWith('Bottleneck:')),
      'Bottleneck: No metric is expected to reach its capacity in the next 7 d',
    );
  });

  it('names every metric that breaches at the same instant as the bottleneck, with each capacity', () => {
    const b = data.bottleneck;
    assert.ok(b?.expected);
    const other = b.metric === 'latency_p95' ? 'cpu_utilization' : 'latency_p95';
    const tie: ForecastData = {
      ...data,
      metrics: data.metrics.map((m) =>
        m.name === other && m.breach ? { ...m, breach: { ...m.breach, expected: b.expected } } : m,
      ),
    };
    const h = bottleneckHeadline(tie);
    const [first, second] = data.metrics
      .filter((m) => m.name === b.metric || m.name === other)
      .sort((x) => (x.name === b.metric ? -1 : 1));
    assert.deepEqual(h.tied, [other]);
    assert.match(
      h.sentence,
      new RegExp(
        `^${b.metric} and ${other} reach their capacities \\(${first?.name === 'latency_p95' ? '350 ms, 85 %' : '85 %, 350 ms'}\\) in \\d+ d \\d+ h$`,
      ),
    );
    assert.ok(second);
    // a metric two hours later is not a tie
    assert.deepEqual(bottleneckHeadline(data).tied, []);
    assert.match(bottleneckHeadline(data).sentence, / reaches /);
  });

  it('names ties among metrics already beyond capacity too', () => {
    const already: ForecastData = {
      ...data,
      metrics: data.metrics.map((m) =>
        (m.name === 'latency_p95' || m.name === 'cpu_utilization') && m.breach
          ? { ...m, breach: { ...m.breach, alreadyBreached: true } }
          : m,
      ),
    };
    assert.match(bottleneckHeadline(already).sentence, /^\w+ and \w+ are already beyond their capacities \(.+, .+\)$/);
  });
});

describe('the headline of a forecast written out by hand: each sentence, exactly', () => {
  // times from the last observation, 2026-11-02 00:00 UTC
  const IN_3D13H = '2026-11-05T13:00:00.000Z';
  const IN_2D2H = '2026-11-04T02:00:00.000Z';
  const IN_1D6H = '2026-11-03T06:30:00.000Z';
  const cpu = metricForecast({
    name: 'cpu_utilization',
    breach: breachAt(IN_3D13H, IN_2D2H, null, { probability: 0.83, risk: 'high' }),
  });
  // a metric with a capacity that does not breach, listed before the bottleneck
  const memory = metricForecast({ name: 'memory_used', capacity: 90 });
  const cpuFirst = (over: Partial<ForecastData> = {}): ForecastData =>
    forecastData([memory, cpu], {
      bottleneck: { metric: 'cpu_utilization', expected: IN_3D13H, earliest: IN_2D2H, probability: 0.83, risk: 'high' },
      ...over,
    });
  const alreadyBeyond = (name: string, over: Partial<MetricForecast> = {}): MetricForecast =>
    metricForecast({
      name,
      breach: breachAt(null, null, null, { alreadyBreached: true, probability: 1, risk: 'critical' }),
      ...over,
    });

  it('with no bottleneck: nothing reaches its capacity within the horizon, and nothing else is said', () => {
    const calm = forecastData([memory]);
    assert.equal(
      JSON.stringify(bottleneckHeadline(calm)),
      JSON.stringify({
        sentence: 'No metric is expected to reach its capacity in the next 7 d',
        at: null,
        relative: null,
        earliest: false,
        probability: null,
        tied: [],
      }),
    );
    assert.equal(
      bottleneckHeadline(calm, germanL10n()).sentence,
      'Keine Metrik erreicht voraussichtlich in den nächsten 7 Tg. ihre Kapazität',
    );
  });

  it('an expected crossing: the bottleneck metric (not the first listed), its capacity, when from the last observation', () => {
    assert.equal(
      JSON.stringify(bottleneckHeadline(cpuFirst())),
      JSON.stringify({
        sentence: 'cpu_utilization reaches 85 % in 3 d 13 h',
        at: IN_3D13H,
        relative: 'in 3 d 13 h',
        earliest: false,
        probability: 0.83,
        tied: [],
      }),
    );
    assert.equal(
      bottleneckHeadline(cpuFirst(), germanL10n()).sentence,
      'cpu_utilization erreicht 85 % in 3 Tg. 13 Std.',
    );
  });

  it('only an earliest crossing: "could reach … at the earliest", at that time, marked as the earliest', () => {
    const data = cpuFirst({
      metrics: [memory, { ...cpu, breach: breachAt(null, IN_1D6H, null) }],
      bottleneck: { metric: 'cpu_utilization', expected: null, earliest: IN_1D6H, probability: 0.2, risk: 'low' },
    });
    assert.equal(
      JSON.stringify(bottleneckHeadline(data)),
      JSON.stringify({
        sentence: 'cpu_utilization could reach 85 % in 1 d 6 h at the earliest',
        at: IN_1D6H,
        relative: 'in 1 d 6 h',
        earliest: true,
        probability: 0.2,
        tied: [],
      }),
    );
    assert.equal(
      bottleneckHeadline(data, germanL10n()).sentence,
      'cpu_utilization könnte 85 % frühestens in 1 Tg. 6 Std. erreichen',
    );
  });

  it('already beyond capacity: "is already beyond", now, with no time to add', () => {
    const disk = alreadyBeyond('disk_free', { unit: 'GB', capacity: 10, breachSide: 'below' });
    const data = forecastData([memory, disk], {
      bottleneck: { metric: 'disk_free', expected: null, earliest: null, probability: 1, risk: 'critical' },
    });
    assert.equal(
      JSON.stringify(bottleneckHeadline(data)),
      JSON.stringify({
        sentence: 'disk_free is already beyond 10 GB',
        at: null,
        relative: 'now',
        earliest: false,
        probability: 1,
        tied: [],
      }),
    );
    const de = bottleneckHeadline(data, germanL10n());
    assert.deepEqual([de.sentence, de.relative], ['disk_free liegt bereits über 10 GB', 'jetzt']);
  });

  it('metrics crossing at the same instant are named with the bottleneck; one without a capacity, already beyond or later is not', () => {
    const queue = metricForecast({
      name: 'queue_depth',
      unit: null,
      capacity: 200,
      breach: breachAt(IN_3D13H, null, null),
    });
    // a provider may give a breach to a metric without a capacity: nothing to reach, so not named
    const uncapped = metricForecast({ name: 'requests', capacity: null, breach: breachAt(IN_3D13H, null, null) });
    const beyond = alreadyBeyond('threads', { breach: { ...breachAt(IN_3D13H, null, null), alreadyBreached: true } });
    const later = metricForecast({
      name: 'latency_p95',
      unit: 'ms',
      capacity: 350,
      breach: breachAt(IN_1D6H, null, null),
    });
    const data = cpuFirst({ metrics: [memory, uncapped, cpu, beyond, queue, later] });
    const h = bottleneckHeadline(data);
    assert.equal(h.sentence, 'cpu_utilization and queue_depth reach their capacities (85 %, 200) in 3 d 13 h');
    assert.deepEqual(h.tied, ['queue_depth']);
    assert.equal(
      bottleneckHeadline(data, germanL10n()).sentence,
      'cpu_utilization und queue_depth erreichen ihre Kapazitäten (85 %, 200) in 3 Tg. 13 Std.',
    );
  });

  it('with only earliest crossings, a tie is another metric with no expected crossing and the same earliest one', () => {
    const earliestOnly = (name: string, earliest: string, expected: string | null = null): MetricForecast =>
      metricForecast({ name, unit: null, capacity: 200, breach: breachAt(expected, earliest, null) });
    const data = forecastData(
      [
        { ...cpu, breach: breachAt(null, IN_1D6H, null) },
        earliestOnly('queue_depth', IN_1D6H),
        earliestOnly('connections', IN_1D6H, IN_3D13H), // expected later: not a tie
        earliestOnly('sessions', IN_2D2H), // earliest later: not a tie
      ],
      { bottleneck: { metric: 'cpu_utilization', expected: null, earliest: IN_1D6H, probability: 0.2, risk: 'low' } },
    );
    const h = bottleneckHeadline(data);
    assert.equal(
      h.sentence,
      'cpu_utilization and queue_depth could reach their capacities (85 %, 200) in 1 d 6 h at the earliest',
    );
    assert.deepEqual([h.tied, h.earliest], [['queue_depth'], true]);
    assert.equal(
      bottleneckHeadline(data, germanL10n()).sentence,
      'cpu_utilization und queue_depth könnten ihre Kapazitäten (85 %, 200) frühestens in 1 Tg. 6 Std. erreichen',
    );
  });

  it('three metrics already beyond capacity are listed "a, b and c", each capacity in that order', () => {
    const data = forecastData(
      [
        alreadyBeyond('cpu_utilization'),
        cpu,
        alreadyBeyond('disk_free', { unit: 'GB', capacity: 10, breachSide: 'below' }),
        alreadyBeyond('memory_used', { capacity: 90 }),
      ],
      { bottleneck: { metric: 'cpu_utilization', expected: null, earliest: null, probability: 1, risk: 'critical' } },
    );
    const h = bottleneckHeadline(data);
    assert.equal(
      h.sentence,
      'cpu_utilization, disk_free and memory_used are already beyond their capacities (85 %, 10 GB, 90 %)',
    );
    assert.deepEqual([h.tied, h.relative, h.at, h.earliest], [['disk_free', 'memory_used'], 'now', null, false]);
    assert.equal(
      bottleneckHeadline(data, germanL10n()).sentence,
      'cpu_utilization, disk_free und memory_used liegen bereits über ihren Kapazitäten (85 %, 10 GB, 90 %)',
    );
  });

  it('a bottleneck naming a metric the forecast lacks, or one without a breach, still reads as a sentence', () => {
    const ghost = cpuFirst({
      bottleneck: { metric: 'ghost', expected: IN_1D6H, earliest: null, probability: 0.5, risk: 'medium' },
    });
    assert.equal(bottleneckHeadline(ghost).sentence, 'ghost reaches its capacity in 1 d 6 h');
    assert.equal(bottleneckHeadline(ghost, germanL10n()).sentence, 'ghost erreicht seine Kapazität in 1 Tg. 6 Std.');
    const noBreach = cpuFirst({ metrics: [memory, { ...cpu, breach: null }] });
    assert.equal(bottleneckHeadline(noBreach).sentence, 'cpu_utilization reaches 85 % in 3 d 13 h');
  });

  it('says each risk level in words, in English and in German', () => {
    const levels = ['none', 'low', 'medium', 'high', 'critical'] as const;
    assert.deepEqual(
      levels.map((l) => riskInWords(l)),
      ['none', 'low', 'medium', 'high', 'critical'],
    );
    assert.deepEqual(
      levels.map((l) => riskInWords(l, germanL10n())),
      ['keines', 'niedrig', 'mittel', 'hoch', 'kritisch'],
    );
  });

  it('the notification: the headline with the risk and the confidence, titled by whether there is a bottleneck', () => {
    const risky = cpuFirst({
      risk: { level: 'high', score: 70, reasons: [] },
      confidence: { score: 0.62, components: cpu.confidence.components },
    });
    assert.equal(
      summarize(risky),
      'Bottleneck: cpu_utilization reaches 85 % in 3 d 13 h (risk high, confidence 0.62).',
    );
    assert.equal(
      summarize(risky, germanL10n()),
      'Engpass: cpu_utilization erreicht 85 % in 3 Tg. 13 Std. (Risiko hoch, Konfidenz 0.62).',
    );
    const calm = forecastData([memory], { confidence: { score: 0.5, components: cpu.confidence.components } });
    assert.equal(
      summarize(calm),
      'Bottleneck Forecast: No metric is expected to reach its capacity in the next 7 d (risk none, confidence 0.50).',
    );
    assert.equal(
      summarize(calm, germanL10n()),
      'Bottleneck Forecast: Keine Metrik erreicht voraussichtlich in den nächsten 7 Tg. ihre Kapazität (Risiko keines, Konfidenz 0.50).',
    );
  });
});
