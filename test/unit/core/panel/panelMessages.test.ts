import * as assert from 'node:assert/strict';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { buildPanelModel } from '../../../../src/core/panel/panelModel';
import { checkHostMessage } from '../../../../src/core/panel/checkHostMessage';
import {
  hostMessageSchema,
  pageMessageSchema,
  panelModelSchema,
  panelSavedStateSchema,
  parseMessage,
} from '../../../../src/core/panel/panelMessages';
import { SAMPLE } from '../../../support/paths';

describe('Forecast panel messages', () => {
  it('accepts each page message the page sends', () => {
    for (const m of [
      { type: 'ready', showing: null },
      { type: 'command', command: 'forecastSample' },
      { type: 'export', format: 'csv' },
      { type: 'png', requestId: 'r1', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'rendered', id: 'x', charts: 2, created: 1, points: 10, drawnMs: 2.5, ms: 3.5, palette: ['#fff'] },
      { type: 'log', level: 'warn', message: 'x' },
      { type: 'choose', file: '/w/a.csv', control: 'horizon', choice: '1d' },
      { type: 'choose', file: '/w/a.csv', control: 'level', choice: 'settings' },
    ])
      assert.equal(parseMessage(pageMessageSchema, m).ok, true, JSON.stringify(m));
  });

  it('refuses unknown types, commands outside the list, and non-PNG data, naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'runCommand', command: 'workbench.action.terminal.new' }, /^runCommand: type:/],
      [{ type: 'command', command: 'workbench.action.terminal.new' }, /^command: command:/],
      [{ type: 'png', requestId: null, dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }, /^png: dataUrl:/],
      [{ type: 'export', format: 'xlsx' }, /^export: format:/],
      [{ type: 'choose', file: '/w/a.csv', control: 'provider', choice: 'groq' }, /^choose: control:/],
      [{ type: 'choose', file: '/w/a.csv', control: 'level', choice: '9'.repeat(41) }, /^choose: choice:/],
      [{ type: 'choose', file: '/w/a.csv', control: 'level', choice: 95 }, /^choose: choice:/],
      [{ type: 'choose', control: 'level', choice: '95' }, /^choose: file:/],
      ['ready', /^string: message:/],
      [null, /^object: /],
    ];
    for (const [raw, problem] of cases) {
      const parsed = parseMessage(pageMessageSchema, raw);
      assert.equal(parsed.ok, false, JSON.stringify(raw));
      if (!parsed.ok) assert.match(parsed.problem, problem);
    }
  });

  it('refuses a forecast model with a non-finite value', async () => {
    const set = await loadMetricFile(SAMPLE);
    const model = buildPanelModel(forecastMetricSet(set), set);
    const bad = { ...model, metrics: [{ ...model.metrics[0], lastValue: Number.NaN }] };
    assert.equal(parseMessage(panelModelSchema, bad).ok, false);
  });

  it('refuses series that are not Float64Arrays of finite numbers, of one length per forecast, naming the field', async () => {
    const set = await loadMetricFile(SAMPLE);
    const model = buildPanelModel(forecastMetricSet(set), set);
    const metric = model.metrics[0];
    assert.ok(metric);
    const withMetric = (m: object): object => ({
      type: 'forecast',
      model: { ...model, metrics: [{ ...metric, ...m }] },
    });
    const cases: [object, RegExp][] = [
      [withMetric({ history: { ...metric.history, values: Array.from(metric.history.values) } }), /history\.values:/],
      [withMetric({ history: { ...metric.history, values: new Float64Array(0) } }), /history: expected at least one/],
      [withMetric({ forecast: { ...metric.forecast, lower: Float32Array.from(metric.forecast.lower) } }), /lower:/],
      [
        withMetric({
          forecast: { ...metric.forecast, value: metric.forecast.value.map((v, i) => (i === 3 ? NaN : v)) },
        }),
        /value:/,
      ],
      [
        withMetric({ forecast: { ...metric.forecast, upper: metric.forecast.upper.subarray(1) } }),
        /forecast: expected t, value, lower and upper of one length/,
      ],
    ];
    for (const [raw, problem] of cases) {
      const parsed = parseMessage(hostMessageSchema, raw);
      assert.equal(parsed.ok, false, problem.source);
      if (!parsed.ok) assert.match(parsed.problem, problem);
      assert.equal(checkHostMessage(raw).ok, false, `the page refuses it too: ${problem.source}`);
    }
    assert.equal(parseMessage(hostMessageSchema, { type: 'forecast', model }).ok, true);
  });

  it('parses the saved state the page restores from', () => {
    assert.equal(parseMessage(panelSavedStateSchema, { model: null, mode: 'percent' }).ok, true);
    assert.equal(parseMessage(panelSavedStateSchema, { model: null, mode: 'stacked' }).ok, false);
  });
});
