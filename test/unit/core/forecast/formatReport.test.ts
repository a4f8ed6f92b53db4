import * as assert from 'node:assert/strict';
import { type ForecastData } from '../../../../src/core/base/forecastSchema';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { formatForecastTable } from '../../../../src/core/forecast/formatReport';
import { FakeClock } from '../../../support/helpers';
import { germanL10n } from '../../../support/germanL10n';
import { SAMPLE } from '../../../support/paths';

describe('formatForecastTable: the readable report of a forecast', function () {
  this.timeout(60_000);
  let data: ForecastData;
  before(async () => {
    data = forecastMetricSet(await loadMetricFile(SAMPLE), { clock: new FakeClock() });
  });

  it('speaks English without a translator (the CLI prints it as it always has)', () => {
    const lines = formatForecastTable(data).split('\n');
    assert.match(
      lines[1] ?? '',
      /^5 metrics every 5 min, horizon 7 d \(2016 steps\), 95% intervals, by the built-in forecaster$/,
    );
    assert.match(lines[3] ?? '', /^Bottleneck: .* reaches .* in \d+ d \d+ h \(.* UTC\), probability \d+%$/);
    assert.match(lines[4] ?? '', /^Risk: [A-Z]+ \([\d.]+\/100\) {3}Confidence: \d\.\d\d$/);
    assert.ok(
      lines.some((l) =>
        /^metric +last +capacity +expected breach +earliest +latest +prob\. +risk +conf\. +method$/.test(l),
      ),
    );
  });

  it('is written in the language of the translator it is given: the lines, the headline, the columns, the units', () => {
    const lines = formatForecastTable(data, germanL10n()).split('\n');
    assert.equal(lines[0], `Bottleneck Forecast: ${data.source}`);
    assert.match(
      lines[1] ?? '',
      /^5 Metriken alle 5 Min\., Horizont 7 Tg\. \(2016 Schritte\), 95-%-Intervalle, von dem integrierten Prognosemodell$/,
    );
    assert.match(
      lines[3] ?? '',
      /^Engpass: .* erreicht .* in \d+ Tg\. \d+ Std\. \(.* UTC\), Wahrscheinlichkeit \d+ %$/,
    );
    assert.match(lines[4] ?? '', /^Risiko: (HOCH|KRITISCH|MITTEL) \([\d.]+\/100\) {3}Konfidenz: \d\.\d\d$/);
    assert.ok(
      lines.some((l) =>
        /^Metrik +zuletzt +Kapazität +erwartete Überschreitung +frühestens +spätestens +Wahrsch\. +Risiko +Konf\. +Methode$/.test(
          l,
        ),
      ),
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => /^latency_p95 .* in \d+ Tg\. \d+ Std\./.test(l)));
  });
});
