import * as assert from 'node:assert/strict';
import { bottleneckHeadline, summarize } from '../../../../src/core/forecast/headline';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { formatForecastTable } from '../../../../src/core/forecast/formatReport';
import { buildPanelModel } from '../../../../src/core/panel/panelModel';
import { renderHtmlReport } from '../../../../src/cli/htmlReport';
import { type ForecastData, type MetricSet } from '../../../../src/core/base/forecastSchema';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { FakeClock } from '../../../support/helpers';
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
