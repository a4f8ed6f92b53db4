import * as assert from 'node:assert/strict';
import { type ForecastData } from '../../../../src/core/base/forecastSchema';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { formatForecastCsv, formatForecastTable } from '../../../../src/core/forecast/formatReport';
import { FakeClock } from '../../../support/helpers';
import { ORIGIN, breachAt, forecastData, metricForecast } from '../../../support/forecastFixture';
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

describe('formatForecastTable on a forecast written out by hand: the whole report, exactly', () => {
  // times from the last observation, 2026-11-02 00:00 UTC
  const cpu = metricForecast({
    name: 'cpu_utilization',
    lastObserved: { t: ORIGIN, value: 71.25 },
    breach: breachAt('2026-11-05T13:00:00.000Z', '2026-11-04T02:00:00.000Z', '2026-11-07T20:00:00.000Z', {
      probability: 0.834,
      risk: 'high',
      riskScore: 70,
    }),
    method: {
      ...metricForecast({ name: 'x' }).method,
      chosen: ['ets', 'theta', 'seasonalNaive'],
      combination: 'median',
    },
    confidence: { score: 0.61, components: metricForecast({ name: 'x' }).confidence.components },
  });
  // free disk breaches below its capacity, and only its pessimistic bound crosses
  const disk = metricForecast({
    name: 'disk_free',
    unit: 'GB',
    capacity: 10,
    breachSide: 'below',
    lastObserved: { t: ORIGIN, value: 42.5 },
    breach: breachAt(null, '2026-11-08T06:30:00.000Z', null, { probability: 0.12, risk: 'low', riskScore: 8 }),
    method: { ...metricForecast({ name: 'x' }).method, chosen: ['theta'] },
    confidence: { score: 0.4, components: metricForecast({ name: 'x' }).confidence.components },
  });
  const requests = metricForecast({
    name: 'requests_per_second',
    unit: null,
    capacity: null,
    lastObserved: { t: ORIGIN, value: 1520 },
    method: { ...metricForecast({ name: 'x' }).method, chosen: ['seasonalNaive'] },
    confidence: { score: 0.7, components: metricForecast({ name: 'x' }).confidence.components },
  });
  const three = forecastData([cpu, disk, requests], {
    bottleneck: {
      metric: 'cpu_utilization',
      expected: '2026-11-05T13:00:00.000Z',
      earliest: '2026-11-04T02:00:00.000Z',
      probability: 0.834,
      risk: 'high',
    },
    risk: { level: 'high', score: 70, reasons: [] },
    confidence: { score: 0.55, components: cpu.confidence.components },
    warnings: [
      'cpu_utilization: 2 gaps filled from 2026-11-01T10:00:00Z',
      'disk_free: 2 gaps filled from 2026-11-01T10:00:00Z',
      'rows were sorted by time',
    ],
  });

  it('three metrics: the answer, the reasons riskiest first, a row each (breach above ↑ and below ↓, no capacity —), the warnings merged', () => {
    assert.equal(
      formatForecastTable(three),
      [
        'Bottleneck Forecast: metrics.csv',
        '3 metrics every 1 h, horizon 7 d (168 steps), 95% intervals, by the built-in forecaster',
        '',
        'Bottleneck: cpu_utilization reaches 85 % in 3 d 13 h (2026-11-05 13:00 UTC), probability 83%',
        'Risk: HIGH (70/100)   Confidence: 0.55',
        '  - cpu_utilization is expected to reach 85 % in 3 d 13 h (probability 83%).',
        '  - disk_free could fall to 10 GB in 6 d 6 h at the earliest (probability 12%).',
        '',
        'metric               last     capacity  expected breach  earliest    latest       prob.  risk  conf.  method',
        '-------------------  -------  --------  ---------------  ----------  -----------  -----  ----  -----  -------------',
        'cpu_utilization      71.25 %  85 % ↑    in 3 d 13 h      in 2 d 2 h  in 5 d 20 h  83%    high  0.61   ets +2',
        'disk_free            42.5 GB  10 GB ↓   —                in 6 d 6 h  —            12%    low   0.40   theta',
        'requests_per_second  1520     —         —                —           —            —      —     0.70   seasonalNaive',
        '',
        'Warnings:',
        '  - 2 metrics (cpu_utilization, disk_free): 2 gaps filled from 2026-11-01 10:00 UTC',
        '  - rows were sorted by time',
      ].join('\n'),
    );
  });

  it('the same report in German: every line, column and unit, the metric names and the warnings as they are', () => {
    assert.equal(
      formatForecastTable(three, germanL10n()),
      [
        'Bottleneck Forecast: metrics.csv',
        '3 Metriken alle 1 Std., Horizont 7 Tg. (168 Schritte), 95-%-Intervalle, von dem integrierten Prognosemodell',
        '',
        'Engpass: cpu_utilization erreicht 85 % in 3 Tg. 13 Std. (2026-11-05 13:00 UTC), Wahrscheinlichkeit 83 %',
        'Risiko: HOCH (70/100)   Konfidenz: 0.55',
        '  - cpu_utilization erreicht voraussichtlich 85 % in 3 Tg. 13 Std. (Wahrscheinlichkeit 83 %).',
        '  - disk_free könnte frühestens in 6 Tg. 6 Std. auf 10 GB fallen (Wahrscheinlichkeit 12 %).',
        '',
        'Metrik               zuletzt  Kapazität  erwartete Überschreitung  frühestens       spätestens        Wahrsch.  Risiko   Konf.  Methode',
        '-------------------  -------  ---------  ------------------------  ---------------  ----------------  --------  -------  -----  -------------',
        'cpu_utilization      71.25 %  85 % ↑     in 3 Tg. 13 Std.          in 2 Tg. 2 Std.  in 5 Tg. 20 Std.  83 %      hoch     0.61   ets +2',
        'disk_free            42.5 GB  10 GB ↓    —                         in 6 Tg. 6 Std.  —                 12 %      niedrig  0.40   theta',
        'requests_per_second  1520     —          —                         —                —                 —         —        0.70   seasonalNaive',
        '',
        'Warnungen:',
        '  - 2 metrics (cpu_utilization, disk_free): 2 gaps filled from 2026-11-01 10:00 UTC',
        '  - rows were sorted by time',
      ].join('\n'),
    );
  });

  it('one metric already beyond capacity, from a provider: its model named, its reasons kept, the breach now, no warnings', () => {
    const full = metricForecast({
      name: 'disk_free',
      unit: 'GB',
      capacity: 10,
      breachSide: 'below',
      lastObserved: { t: ORIGIN, value: 8 },
      breach: breachAt(null, null, null, { alreadyBreached: true, probability: 1, risk: 'critical', riskScore: 95 }),
      method: { ...disk.method, chosen: ['gpt-4o-mini'], combination: 'provider' },
    });
    const data = forecastData([full], {
      producer: { provider: 'openai', model: 'gpt-4o-mini', method: 'llm', promptHash: 'abc' },
      level: 0.8,
      bottleneck: { metric: 'disk_free', expected: null, earliest: null, probability: 1, risk: 'critical' },
      risk: { level: 'critical', score: 95, reasons: ['the model says the disk is full'] },
    });
    assert.equal(
      formatForecastTable(data),
      [
        'Bottleneck Forecast: metrics.csv',
        '1 metric every 1 h, horizon 7 d (168 steps), 80% intervals, by openai gpt-4o-mini',
        '',
        'Bottleneck: disk_free is already beyond 10 GB, probability 100%',
        'Risk: CRITICAL (95/100)   Confidence: 0.50',
        '  - the model says the disk is full',
        '',
        'metric     last  capacity  expected breach  earliest  latest  prob.  risk      conf.  method',
        '---------  ----  --------  ---------------  --------  ------  -----  --------  -----  -----------',
        'disk_free  8 GB  10 GB ↓   now              —         —       100%   critical  0.50   gpt-4o-mini',
      ].join('\n'),
    );
    assert.equal(
      formatForecastTable(data, germanL10n()).split('\n')[1],
      '1 Metrik alle 1 Std., Horizont 7 Tg. (168 Schritte), 80-%-Intervalle, von openai gpt-4o-mini',
    );
    const local = { ...data, producer: { ...data.producer, provider: 'ollama' as const, model: null } };
    assert.equal(
      formatForecastTable(local).split('\n')[1],
      '1 metric every 1 h, horizon 7 d (168 steps), 80% intervals, by ollama',
    );
  });

  it('no capacity anywhere: no bottleneck, and the reason says to set capacities', () => {
    const data = forecastData([requests]);
    assert.equal(
      formatForecastTable(data),
      [
        'Bottleneck Forecast: metrics.csv',
        '1 metric every 1 h, horizon 7 d (168 steps), 95% intervals, by the built-in forecaster',
        '',
        'Bottleneck: No metric is expected to reach its capacity in the next 7 d',
        'Risk: NONE (0/100)   Confidence: 0.50',
        '  - No metric has a capacity, so none can be a bottleneck; set capacities to get a risk.',
        '',
        'metric               last  capacity  expected breach  earliest  latest  prob.  risk  conf.  method',
        '-------------------  ----  --------  ---------------  --------  ------  -----  ----  -----  -------------',
        'requests_per_second  1520  —         —                —         —       —      —     0.70   seasonalNaive',
      ].join('\n'),
    );
  });
});

describe('formatForecastCsv: the forecast points as CSV', () => {
  it('one line per point of every metric of every forecast, the source and names quoted or neutralized as a spreadsheet needs', () => {
    const points = [
      { t: '2026-11-02T01:00:00.000Z', value: 51, lower: 49.5, upper: 53 },
      { t: '2026-11-02T02:00:00.000Z', value: 52.25, lower: -1, upper: 60 },
    ];
    const a = forecastData(
      [
        metricForecast({ name: 'cpu', points }),
        metricForecast({ name: '=HYPERLINK("x")', points: points.slice(0, 1) }),
      ],
      {
        source: 'east, west.csv',
      },
    );
    const b = forecastData([metricForecast({ name: 'disk', points: points.slice(1) })], { source: 'b.csv' });
    assert.equal(
      formatForecastCsv([a, b]),
      [
        'source,metric,timestamp,value,lower,upper',
        '"east, west.csv",cpu,2026-11-02T01:00:00.000Z,51,49.5,53',
        '"east, west.csv",cpu,2026-11-02T02:00:00.000Z,52.25,-1,60',
        `"east, west.csv","'=HYPERLINK(""x"")",2026-11-02T01:00:00.000Z,51,49.5,53`,
        'b.csv,disk,2026-11-02T02:00:00.000Z,52.25,-1,60',
      ].join('\n'),
    );
    assert.equal(formatForecastCsv([]), 'source,metric,timestamp,value,lower,upper');
  });
});
