import * as assert from 'node:assert/strict';
import { type MetricSet } from '../../../../src/core/base/forecastSchema';
import { buildPanelControls } from '../../../../src/core/panel/panelControls';
import { readShownForecast, restoredControls, shownForecast } from '../../../../src/core/panel/shownForecast';
import { hourlySet } from '../../../support/helpers';

const settings = { level: 0.95 } as const;

/** An hourly set whose metrics hold these many points. */
function setOf(...lengths: number[]): MetricSet {
  const base = hourlySet(Math.max(...lengths));
  return {
    ...base,
    metrics: lengths.map((n, i) => ({
      ...(base.metrics[0] as MetricSet['metrics'][number]),
      name: `m${i}`,
      values: (base.metrics[0] as MetricSet['metrics'][number]).values.slice(0, n),
    })),
  };
}

describe('shownForecast (what the host remembers of the forecast the panel shows)', () => {
  it('keeps the id, the source, the step and the shortest history: what the selectors depend on', () => {
    const shown = shownForecast('id-1', '/w/a.csv', setOf(240, 100, 300));
    assert.deepEqual(shown, { id: 'id-1', file: '/w/a.csv', stepMs: 3_600_000, shortest: 100 });
  });

  it('remembers nothing for a set without metrics, or a source it could not store', () => {
    assert.equal(shownForecast('id', '/w/a.csv', { ...setOf(10), metrics: [] }), undefined);
    assert.equal(shownForecast('id', '', setOf(10)), undefined);
    assert.equal(shownForecast('id', 'x'.repeat(4097), setOf(10)), undefined);
    assert.ok(shownForecast('id', 'x'.repeat(4096), setOf(10)), 'the longest source a choice may have');
    assert.equal(shownForecast('i'.repeat(4096 + 257), 'f', setOf(10)), undefined);
  });

  it('reads back what it stored, and nothing else (stored state is input)', () => {
    const shown = shownForecast('id-1', '/w/a.csv', setOf(240));
    assert.deepEqual(readShownForecast(JSON.parse(JSON.stringify(shown))), shown);
    for (const bad of [
      undefined,
      null,
      'id-1',
      { ...shown, extra: 1 },
      { ...shown, id: '' },
      { ...shown, file: '' },
      { ...shown, file: 'x'.repeat(4097) },
      { ...shown, stepMs: 0 },
      { ...shown, stepMs: 1.5 },
      { ...shown, shortest: -1 },
      { ...shown, shortest: '240' },
      { id: 'id-1', file: '/w/a.csv', stepMs: 3_600_000 },
    ])
      assert.equal(readShownForecast(bad), undefined, JSON.stringify(bad));
  });
});

describe('restoredControls (the selectors of a panel restored after a reload)', () => {
  const set = setOf(240, 120);
  const shown = shownForecast('id-1', '/w/a.csv', set);

  it('are the selectors the forecast had, for the forecast the restored page shows', () => {
    for (const choice of [{}, { horizon: '1d' as const, level: 0.99 }]) {
      for (const busy of [false, true]) {
        const restored = restoredControls(shown, 'id-1', settings, choice, busy);
        const made = buildPanelControls('/w/a.csv', set.metrics, settings, choice, busy);
        assert.equal(JSON.stringify(restored), JSON.stringify(made));
      }
    }
    // the horizons the shortest history allows (120 hours), not the longest
    const restored = restoredControls(shown, 'id-1', settings, {}, false);
    assert.deepEqual(
      restored?.horizon.options.map((o) => o.id),
      ['settings', 'auto', '1h', '6h', '12h', '1d', '2d'],
    );
  });

  it('are none for another forecast than the one remembered, or with nothing remembered', () => {
    assert.equal(restoredControls(shown, 'id-2', settings, {}, false), undefined);
    assert.equal(restoredControls(undefined, 'id-1', settings, {}, false), undefined);
  });
});
