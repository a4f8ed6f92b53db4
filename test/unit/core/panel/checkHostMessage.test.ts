import * as assert from 'node:assert/strict';
import { checkHostMessage, checkSavedState } from '../../../../src/core/panel/checkHostMessage';
import { type PanelModel } from '../../../../src/core/panel/panelMessages';
import { buildPanelModel } from '../../../../src/core/panel/panelModel';
import { toSavedModel } from '../../../../src/core/panel/savedModel';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { FakeClock, hourlySet } from '../../../support/helpers';

/** The one line the page logs for a refused message, or 'ok'. */
const verdict = (raw: unknown): string => {
  const v = checkHostMessage(raw);
  return v.ok ? 'ok' : v.problem;
};
const savedVerdict = (raw: unknown): string => {
  const v = checkSavedState(raw);
  return v.ok ? 'ok' : v.problem;
};

const selector = (selected: string, options: number) => ({
  label: 'Horizon',
  selected,
  options: Array.from({ length: options }, (_, i) => ({ id: `o${i}`, label: `option ${i}` })),
});
const controls = (horizon = selector('settings', 1)) => ({
  type: 'controls',
  controls: { file: '/w/a.csv', busy: false, horizon, level: selector('90', 1) },
});
const errorStatus = (actions: unknown[]) => ({
  type: 'status',
  status: { kind: 'error', source: 's', message: 'm', actions },
});

/** The page's own check of what the host posts: what it refuses, and the line that says where. */
describe("checkHostMessage: the page's guard, message by message", () => {
  let model: PanelModel;
  before(() => {
    const set = hourlySet(24 * 4);
    model = buildPanelModel(forecastMetricSet(set, { horizon: { steps: 6 }, clock: new FakeClock() }), set);
  });

  it('names the type it could not place, or what arrived instead of a message', () => {
    const types = 'message.type: expected strings, controls, status, forecast or requestPng';
    assert.equal(verdict(5), `number: ${types}`);
    assert.equal(verdict(null), `object: ${types}`);
    assert.equal(verdict({ type: 7 }), `object: ${types}`);
    assert.equal(verdict({ type: 'nope' }), `nope: ${types}`);
    assert.equal(verdict({ type: 'x'.repeat(50) }), `${'x'.repeat(40)}: ${types}`, 'a long type is cut to 40');
  });

  it("refuses a type that is only an object's inherited property", () => {
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty'])
      assert.equal(
        verdict({ type }),
        `${type}: message.type: expected strings, controls, status, forecast or requestPng`,
        type,
      );
  });

  it("takes the page's words as at most 1,000 strings of at most 4000 characters, and nothing else", () => {
    assert.equal(verdict({ type: 'strings', strings: { Risk: 'Risiko', 'in {0}': 'in {0}' } }), 'ok');
    assert.equal(verdict({ type: 'strings', strings: {} }), 'ok');
    assert.equal(verdict({ type: 'strings', strings: ['Risk'] }), 'strings: message.strings: expected an object');
    assert.equal(
      verdict({ type: 'strings', strings: { Risk: 3 } }),
      'strings: message.strings.Risk: expected a string of at most 4000 characters',
    );
    assert.equal(
      verdict({ type: 'strings', strings: { Risk: 'r'.repeat(4001) } }),
      'strings: message.strings.Risk: expected a string of at most 4000 characters',
    );
    assert.equal(
      verdict({ type: 'strings', strings: { ['k'.repeat(4001)]: 'v' } }),
      'strings: message.strings key: expected a string of at most 4000 characters',
    );
    const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`w${i}`, 'x']));
    assert.equal(
      verdict({ type: 'strings', strings: many }),
      'strings: message.strings: expected at most 1000 entries',
    );
  });

  it('takes a text of up to 4000 characters', () => {
    assert.equal(verdict({ type: 'requestPng', requestId: 'r'.repeat(4000) }), 'ok');
    assert.equal(
      verdict({ type: 'requestPng', requestId: 'r'.repeat(4001) }),
      'requestPng: message.requestId: expected a string of at most 4000 characters',
    );
    assert.equal(
      verdict({ type: 'requestPng', requestId: 5 }),
      'requestPng: message.requestId: expected a string of at most 4000 characters',
    );
  });

  it('takes each status kind, and no other', () => {
    assert.equal(verdict({ type: 'status', status: { kind: 'empty' } }), 'ok');
    assert.equal(verdict({ type: 'status', status: { kind: 'loading', source: 's', provider: 'Groq' } }), 'ok');
    assert.equal(verdict(errorStatus(['retry'])), 'ok');
    for (const kind of ['done', 'toString', 7])
      assert.equal(
        verdict({ type: 'status', status: { kind } }),
        'status: message.status.kind: expected empty, loading or error',
        String(kind),
      );
    assert.equal(
      verdict({ type: 'status', status: 'empty' }),
      'status: message.status.kind: expected empty, loading or error',
    );
  });

  it('checks every item of a list and points at the first bad one', () => {
    assert.equal(verdict(errorStatus(['retry', 'showLogs', 'openSettings'])), 'ok');
    assert.equal(
      verdict(errorStatus(['retry', 'runCommand'])),
      'status: message.status.actions.1: expected one of retry, forecastSample, pickFile, switchProvider, setApiKey, showLogs, openSettings',
    );
    assert.equal(
      verdict(errorStatus('retry' as unknown as unknown[])),
      'status: message.status.actions: expected an array',
    );
  });

  it('takes a choice id of up to 40 characters', () => {
    assert.equal(verdict(controls(selector('h'.repeat(40), 1))), 'ok');
    assert.equal(
      verdict(controls(selector('h'.repeat(41), 1))),
      'controls: message.controls.horizon.selected: expected a string of at most 40 characters',
    );
  });

  it('takes up to 20 options in a selector', () => {
    assert.equal(verdict(controls(selector('o0', 20))), 'ok');
    assert.equal(
      verdict(controls(selector('o0', 21))),
      'controls: message.controls.horizon.options: expected at most 20',
    );
    assert.equal(verdict({ type: 'controls', controls: null }), 'ok');
  });

  it('takes finite numbers only', () => {
    assert.equal(verdict({ type: 'forecast', model }), 'ok');
    for (const now of ['1', Infinity, NaN, null])
      assert.equal(
        verdict({ type: 'forecast', model: { ...model, now } }),
        'forecast: message.model.now: expected a number',
        String(now),
      );
  });

  it("takes each status of a fleet's rows, and no other", () => {
    const row = { series: 'a', group: 'g', breach: 'in 2 d', probability: 0.5, risk: 'high', confidence: 0.7 };
    const fleet = (status: string) => ({
      type: 'forecast',
      model: { ...model, fleet: { total: 1, rows: [{ ...row, status }] } },
    });
    for (const status of ['ok', 'warning', 'critical']) assert.equal(verdict(fleet(status)), 'ok', status);
    assert.equal(
      verdict(fleet('fine')),
      'forecast: message.model.fleet.rows.0.status: expected one of ok, warning, critical',
    );
  });

  it("takes a saved state's series as arrays of finite numbers, in one of the two modes", () => {
    const saved = toSavedModel(model);
    assert.equal(savedVerdict({ model: saved, mode: 'perMetric' }), 'ok');
    assert.equal(savedVerdict({ model: null, mode: 'percent' }), 'ok');
    assert.equal(savedVerdict({ model: null, mode: 'chart' }), 'state.mode: expected one of perMetric, percent');
    const values = (history: unknown[]) => ({
      model: { ...saved, metrics: saved.metrics.map((m) => ({ ...m, history: { ...m.history, values: history } })) },
      mode: 'percent',
    });
    assert.equal(savedVerdict(values([1, 2.5])), 'ok');
    for (const bad of [['1'], [1, null], [NaN]])
      assert.equal(
        savedVerdict(values(bad)),
        'state.model.metrics.0.history.values: expected an array of finite numbers',
        JSON.stringify(bad),
      );
  });
});
