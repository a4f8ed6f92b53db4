import * as assert from 'node:assert/strict';
import { checkSavedState } from '../../../../src/core/panel/checkHostMessage';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { buildPanelModel } from '../../../../src/core/panel/panelModel';
import { type PanelModel } from '../../../../src/core/panel/panelMessages';
import { fromSavedModel, toSavedModel } from '../../../../src/core/panel/savedModel';
import { FakeClock, hourlySet } from '../../../support/helpers';

describe('The saved panel model (setState keeps JSON)', () => {
  const set = hourlySet(24 * 10);
  const model = buildPanelModel(forecastMetricSet(set, { horizon: { steps: 24 }, clock: new FakeClock() }), set);
  const seriesOf = (m: PanelModel): number[][] =>
    m.metrics.flatMap((x) =>
      [x.history.values, x.forecast.t, x.forecast.value, x.forecast.lower, x.forecast.upper].map((s) => Array.from(s)),
    );

  it('survives JSON, as VS Code stores it, and comes back as the same typed arrays', () => {
    const stored: unknown = JSON.parse(JSON.stringify({ model: toSavedModel(model), mode: 'perMetric' }));
    const checked = checkSavedState(stored);
    assert.equal(checked.ok, true, checked.ok ? '' : checked.problem);
    assert.ok(checked.ok && checked.message.model);
    const restored = fromSavedModel(checked.message.model);
    assert.ok(
      restored.metrics.every((m) => m.history.values instanceof Float64Array && m.forecast.t instanceof Float64Array),
    );
    assert.deepEqual(seriesOf(restored), seriesOf(model));
    assert.equal(JSON.stringify({ ...restored, metrics: [] }), JSON.stringify({ ...model, metrics: [] }));
  });

  it('while a typed array written as JSON directly comes back as an object, which the check refuses', () => {
    const stored: unknown = JSON.parse(JSON.stringify({ model, mode: 'perMetric' }));
    const checked = checkSavedState(stored);
    assert.equal(checked.ok, false);
    assert.ok(
      !checked.ok && /history\.values: expected an array of finite numbers/.test(checked.problem),
      checked.ok ? '' : checked.problem,
    );
  });
});
