import * as assert from 'node:assert/strict';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { buildPanelModel } from '../../../../src/core/panel/panelModel';
import { checkHostMessage } from '../../../../src/core/panel/checkHostMessage';
import {
  hostMessageSchema,
  pageMessageSchema,
  type PanelModel,
  panelModelSchema,
  panelSavedStateSchema,
  parseMessage,
} from '../../../../src/core/panel/panelMessages';
import { MAX_PAGE_STRINGS } from '../../../../src/core/panel/panelVocabulary';
import { toSavedModel } from '../../../../src/core/panel/savedModel';
import { FakeClock, hourlySet } from '../../../support/helpers';
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

describe('Forecast panel messages: each accepted value, and the sentence for a refused one', () => {
  const set = hourlySet(24 * 10);
  let model: PanelModel;
  before(() => {
    model = buildPanelModel(forecastMetricSet(set, { horizon: { steps: 24 }, clock: new FakeClock() }), set);
  });
  const refused = (schema: Parameters<typeof parseMessage>[0], raw: unknown): string => {
    const parsed = parseMessage(schema, raw);
    assert.equal(parsed.ok, false, JSON.stringify(raw).slice(0, 200));
    return parsed.ok ? '' : parsed.problem;
  };

  it('accepts the page’s words up to the limit, and refuses one more', () => {
    const words = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`w${i}`, `W${i}`]));
    assert.equal(parseMessage(hostMessageSchema, { type: 'strings', strings: words(MAX_PAGE_STRINGS) }).ok, true);
    assert.equal(
      refused(hostMessageSchema, { type: 'strings', strings: words(MAX_PAGE_STRINGS + 1) }),
      'strings: strings: expected at most 1000 entries',
    );
  });

  it('says which series is not a Float64Array of finite numbers', () => {
    const [first] = model.metrics;
    assert.ok(first);
    const bad = { ...first, history: { ...first.history, values: Array.from(first.history.values) } };
    assert.equal(
      refused(hostMessageSchema, { type: 'forecast', model: { ...model, metrics: [bad] } }),
      'forecast: model.metrics.0.history.values: expected a Float64Array of finite numbers',
    );
  });

  it('restores saved series of finite numbers only: a number written as text or a NaN saved as null is refused', () => {
    const saved = toSavedModel(model);
    const [first] = saved.metrics;
    assert.ok(first);
    assert.equal(parseMessage(panelSavedStateSchema, { model: saved, mode: 'perMetric' }).ok, true);
    for (const values of [['1', 2], [1, null], { 0: 1, length: 1 }])
      assert.equal(
        refused(panelSavedStateSchema, {
          model: { ...saved, metrics: [{ ...first, history: { ...first.history, values } }] },
          mode: 'perMetric',
        }),
        'object: model.metrics.0.history.values: expected an array of finite numbers',
      );
  });

  it('accepts a fleet row in each status', () => {
    const row = {
      series: 'disk{host="a"}',
      group: 'disk',
      breach: 'in 2 d',
      probability: 0.5,
      risk: 'medium',
      confidence: 0.7,
    };
    for (const status of ['ok', 'warning', 'critical'])
      assert.equal(
        parseMessage(hostMessageSchema, {
          type: 'forecast',
          model: { ...model, fleet: { total: 1, rows: [{ ...row, status }] } },
        }).ok,
        true,
        status,
      );
  });

  it('accepts an export as CSV or JSON and a log line at each level', () => {
    for (const m of [
      { type: 'export', format: 'json' },
      { type: 'log', level: 'info', message: 'x' },
      { type: 'log', level: 'error', message: 'x' },
    ])
      assert.equal(parseMessage(pageMessageSchema, m).ok, true, JSON.stringify(m));
  });

  it('takes a PNG only as a whole data URL of base64', () => {
    const png = (dataUrl: string) => ({ type: 'png', requestId: null, dataUrl });
    assert.equal(parseMessage(pageMessageSchema, png('data:image/png;base64,')).ok, true, 'empty: no chart to draw');
    for (const url of ['xdata:image/png;base64,iVBORw0KGgo=', 'data:image/png;base64,iVBORw0KGgo="><script>'])
      assert.equal(
        refused(pageMessageSchema, png(url)),
        'png: dataUrl: Invalid string: must match pattern /^data:image\\/png;base64,[A-Za-z0-9+/=]*$/',
      );
  });

  it('names a long message type by its first 40 characters only', () => {
    assert.equal(refused(pageMessageSchema, { type: 'x'.repeat(5000) }).split(': ')[0], 'x'.repeat(40));
  });
});
