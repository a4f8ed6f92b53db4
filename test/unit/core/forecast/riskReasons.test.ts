import * as assert from 'node:assert/strict';
import { type ForecastData } from '../../../../src/core/base/forecastSchema';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { forecastRiskReasons, riskReasons } from '../../../../src/core/forecast/riskReasons';
import { english } from '../../../../src/core/l10n';
import { FakeClock } from '../../../support/helpers';
import { germanL10n } from '../../../support/germanL10n';
import { SAMPLE } from '../../../support/paths';

describe('riskReasons: why the built-in forecaster gives its risk', function () {
  this.timeout(60_000);
  let data: ForecastData;
  before(async () => {
    data = forecastMetricSet(await loadMetricFile(SAMPLE), { clock: new FakeClock() });
  });

  it('says again, in English, the reasons the forecast recorded', () => {
    assert.ok(data.risk.reasons.length > 0);
    assert.deepEqual(forecastRiskReasons(data, english), data.risk.reasons);
  });

  it('says them in the language of the translator it is given, riskiest first', () => {
    const german = forecastRiskReasons(data, germanL10n());
    assert.equal(german.length, data.risk.reasons.length);
    for (const r of german)
      assert.match(
        r,
        / (erreicht voraussichtlich .* in \d+ (Tg|Std|Min)\. .*|fällt voraussichtlich .*|könnte .*)\(Wahrscheinlichkeit \d+ %\)\.$/,
      );
    assert.equal(german[0]?.split(' ')[0], data.risk.reasons[0]?.split(' ')[0], 'the same metric first');
  });

  it("keeps a provider's reasons as the provider gave them", () => {
    const llm: ForecastData = {
      ...data,
      producer: { ...data.producer, provider: 'openai' },
      risk: { ...data.risk, reasons: ['the model says so'] },
    };
    assert.deepEqual(forecastRiskReasons(llm, germanL10n()), ['the model says so']);
  });

  it('says why there is no reason: nothing breaches within the horizon, or nothing has a capacity', () => {
    const de = germanL10n();
    const calm = data.metrics.map((m) => ({ ...m, breach: m.breach && { ...m.breach, riskScore: 0 } }));
    assert.deepEqual(riskReasons(calm, 0, 7 * 86_400_000, de), [
      'Keine Metrik erreicht voraussichtlich in den nächsten 7 Tg. ihre Kapazität.',
    ]);
    assert.deepEqual(riskReasons(calm, 0, 7 * 86_400_000), [
      'No metric is likely to reach its capacity in the next 7 d.',
    ]);
    const uncapped = data.metrics.map((m) => ({ ...m, capacity: null, breach: null }));
    assert.match(riskReasons(uncapped, 0, 1, de)[0] ?? '', /^Keine Metrik hat eine Kapazität/);
  });
});
