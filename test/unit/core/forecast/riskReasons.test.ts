import * as assert from 'node:assert/strict';
import {
  type Breach,
  type ForecastData,
  type MetricForecast,
  type MetricSet,
} from '../../../../src/core/base/forecastSchema';
import { assembleForecast, BUILTIN_PRODUCER } from '../../../../src/core/forecast/forecastMetricSet';
import { forecastRiskReasons, riskReasons } from '../../../../src/core/forecast/riskReasons';
import { english } from '../../../../src/core/l10n';
import { FakeClock } from '../../../support/helpers';
import { germanL10n } from '../../../support/germanL10n';

const HOUR = 3_600_000;
/** The last observation, from which every breach time is told. */
const ORIGIN = Date.UTC(2026, 0, 1, 12);
const at = (ms: number): string => new Date(ORIGIN + ms).toISOString();

type Scored = Pick<MetricForecast, 'name' | 'unit' | 'capacity' | 'breachSide' | 'breach'>;

/** A metric with a breach: none expected and no earliest crossing unless given, risk score 50. */
function scored(name: string, breach: Partial<Breach>, metric: Partial<Scored> = {}): Scored {
  return {
    name,
    unit: '%',
    capacity: 90,
    breachSide: 'above',
    breach: {
      expected: null,
      earliest: null,
      latest: null,
      probability: 0.5,
      alreadyBreached: false,
      risk: 'high',
      riskScore: 50,
      ...breach,
    },
    ...metric,
  };
}
const uncapped = (name: string): Scored => ({ name, unit: null, capacity: null, breachSide: 'above', breach: null });

/** The reason of one metric, in English and in German. */
const both = (m: Scored): [string, string] => [
  riskReasons([m], ORIGIN, 48 * HOUR)[0] ?? '',
  riskReasons([m], ORIGIN, 48 * HOUR, germanL10n())[0] ?? '',
];

describe('riskReasons: why the built-in forecaster gives its risk', () => {
  describe('the sentence of each metric', () => {
    it('a metric already beyond its capacity says so, with the capacity in its unit, whatever else it expects', () => {
      const m = scored('cpu', { alreadyBreached: true, expected: at(2 * HOUR), probability: 1, riskScore: 100 });
      assert.deepEqual(both(m), [
        'cpu is already beyond its capacity of 90 %.',
        'cpu liegt bereits jenseits der Kapazität von 90 %.',
      ]);
    });

    it('an expected crossing above: how long after the last observation, and how likely (a whole percentage)', () => {
      const m = scored('cpu', { expected: at(5 * HOUR), earliest: at(2 * HOUR), probability: 0.826 });
      assert.deepEqual(both(m), [
        'cpu is expected to reach 90 % in 5 h (probability 83%).',
        'cpu erreicht voraussichtlich 90 % in 5 Std. (Wahrscheinlichkeit 83 %).',
      ]);
    });

    it('an expected crossing below: the metric falls to its capacity', () => {
      const m = scored(
        'disk_free',
        { expected: at(51 * HOUR), probability: 0.6 },
        { unit: 'GB', capacity: 10, breachSide: 'below' },
      );
      assert.deepEqual(both(m), [
        'disk_free is expected to fall to 10 GB in 2 d 3 h (probability 60%).',
        'disk_free fällt voraussichtlich in 2 Tg. 3 Std. auf 10 GB (Wahrscheinlichkeit 60 %).',
      ]);
    });

    it('only the pessimistic bound crosses, above: it could reach the capacity, at the earliest then', () => {
      const m = scored('latency_p95', { earliest: at(90 * 60_000), probability: 0.3 }, { unit: 'ms', capacity: 250 });
      assert.deepEqual(both(m), [
        'latency_p95 could reach 250 ms in 1 h 30 min at the earliest (probability 30%).',
        'latency_p95 könnte 250 ms frühestens in 1 Std. 30 Min. erreichen (Wahrscheinlichkeit 30 %).',
      ]);
    });

    it('only the pessimistic bound crosses, below: it could fall to the capacity, at the earliest then', () => {
      const m = scored(
        'free_memory',
        { earliest: at(30 * 60_000), probability: 0.04 },
        { unit: null, capacity: 0.5, breachSide: 'below' },
      );
      assert.deepEqual(both(m), [
        'free_memory could fall to 0.5 in 30 min at the earliest (probability 4%).',
        'free_memory könnte frühestens in 30 Min. auf 0.5 fallen (Wahrscheinlichkeit 4 %).',
      ]);
    });

    it('no crossing at all, only a probability of being beyond the capacity at some step', () => {
      const m = scored('queue', { probability: 0.2, riskScore: 5 }, { unit: null, capacity: 1000 });
      assert.deepEqual(both(m), [
        'queue has a 20% probability of reaching 1000 within the horizon.',
        'queue erreicht 1000 innerhalb des Horizonts mit einer Wahrscheinlichkeit von 20 %.',
      ]);
    });
  });

  describe('which metrics have a reason', () => {
    it('a risk score of 5 gives a reason; 4.9 does not', () => {
      assert.deepEqual(riskReasons([scored('cpu', { probability: 0.2, riskScore: 5 })], ORIGIN, 48 * HOUR), [
        'cpu has a 20% probability of reaching 90 % within the horizon.',
      ]);
      assert.deepEqual(riskReasons([scored('cpu', { probability: 0.196, riskScore: 4.9 })], ORIGIN, 48 * HOUR), [
        'No metric is likely to reach its capacity in the next 2 d.',
      ]);
    });

    it('the riskiest first, whatever the order of the metrics; a metric without capacity has none', () => {
      const metrics = [
        scored('low', { probability: 0.1, riskScore: 10 }),
        uncapped('rps'),
        scored('critical', { alreadyBreached: true, probability: 1, riskScore: 100 }),
        scored('calm', { probability: 0.01, riskScore: 1 }),
        scored('high', { probability: 0.6, riskScore: 60 }),
      ];
      const expected = [
        'critical is already beyond its capacity of 90 %.',
        'high has a 60% probability of reaching 90 % within the horizon.',
        'low has a 10% probability of reaching 90 % within the horizon.',
      ];
      assert.deepEqual(riskReasons(metrics, ORIGIN, 48 * HOUR), expected);
      assert.deepEqual(riskReasons([...metrics].reverse(), ORIGIN, 48 * HOUR), expected);
    });

    it('none risky: nothing is likely to breach within the horizon, said with its length', () => {
      const calm = [scored('cpu', { riskScore: 0, probability: 0 }), uncapped('rps')];
      assert.deepEqual(riskReasons(calm, ORIGIN, 7 * 24 * HOUR), [
        'No metric is likely to reach its capacity in the next 7 d.',
      ]);
      assert.deepEqual(riskReasons(calm, ORIGIN, 7 * 24 * HOUR, germanL10n()), [
        'Keine Metrik erreicht voraussichtlich in den nächsten 7 Tg. ihre Kapazität.',
      ]);
    });

    it('none with a capacity: nothing can be a bottleneck, and how to get a risk', () => {
      assert.deepEqual(riskReasons([uncapped('rps')], ORIGIN, HOUR), [
        'No metric has a capacity, so none can be a bottleneck; set capacities to get a risk.',
      ]);
      assert.deepEqual(riskReasons([uncapped('rps')], ORIGIN, HOUR, germanL10n()), [
        'Keine Metrik hat eine Kapazität, also kann keine ein Engpass sein; legen Sie Kapazitäten fest, um ein Risiko zu erhalten.',
      ]);
    });
  });

  describe('forecastRiskReasons: the reasons of a forecast, in the language asked for', () => {
    // 48 hourly values ending at 80 %; the point forecast climbs 2 a step and meets the capacity
    // (90 %) at its fifth step, 5 h after the last observation
    const set: MetricSet = {
      source: 'test',
      warnings: [],
      metrics: [
        {
          name: 'cpu',
          unit: '%',
          capacity: 90,
          breach: 'above',
          start: ORIGIN - 47 * HOUR,
          stepMs: HOUR,
          values: new Float64Array(48).fill(80),
          filled: 0,
        },
      ],
    };
    const forecast = (point: (j: number) => number): ForecastData => {
      const values = Float64Array.from({ length: 24 }, (_, j) => point(j));
      return assembleForecast(set, {
        horizon: 24,
        level: 0.95,
        producer: BUILTIN_PRODUCER,
        clock: new FakeClock(),
        predictions: new Map([
          [
            'cpu',
            {
              point: values,
              lower: values.map((v) => v - 1),
              upper: values.map((v) => v + 1),
              method: {
                chosen: ['naive'],
                combination: 'single',
                scores: [],
                backtestCoverage: null,
                skill: null,
                periods: [],
              },
              confidence: { skill: null, coverage: null },
            },
          ],
        ]),
      });
    };

    it('tells breach times from the last observation, one step before the horizon starts', () => {
      const data = forecast((j) => 82 + 2 * j);
      assert.deepEqual(data.risk.reasons, ['cpu is expected to reach 90 % in 5 h (probability 100%).']);
      assert.deepEqual(forecastRiskReasons(data, english), data.risk.reasons);
      assert.deepEqual(forecastRiskReasons(data, germanL10n()), [
        'cpu erreicht voraussichtlich 90 % in 5 Std. (Wahrscheinlichkeit 100 %).',
      ]);
    });

    it('says the length of the horizon (its steps times the step) when nothing is likely to breach', () => {
      const data = forecast(() => 70);
      assert.deepEqual(data.risk.reasons, ['No metric is likely to reach its capacity in the next 1 d.']);
      assert.deepEqual(forecastRiskReasons(data, germanL10n()), [
        'Keine Metrik erreicht voraussichtlich in den nächsten 1 Tg. ihre Kapazität.',
      ]);
    });

    it("keeps a provider's reasons as the provider gave them", () => {
      const data = forecast((j) => 82 + 2 * j);
      const llm: ForecastData = {
        ...data,
        producer: { ...data.producer, provider: 'openai' },
        risk: { ...data.risk, reasons: ['the model says so'] },
      };
      assert.deepEqual(forecastRiskReasons(llm, germanL10n()), ['the model says so']);
    });
  });
});
