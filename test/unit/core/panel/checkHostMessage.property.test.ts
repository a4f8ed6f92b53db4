import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkHostMessage, checkSavedState } from '../../../../src/core/panel/checkHostMessage';
import {
  hostMessageSchema,
  type PanelModel,
  panelSavedStateSchema,
  parseMessage,
} from '../../../../src/core/panel/panelMessages';
import { buildPanelModel } from '../../../../src/core/panel/panelModel';
import { toSavedModel } from '../../../../src/core/panel/savedModel';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { FakeClock, hourlySet } from '../../../support/helpers';

/** Values that break one rule or another of the schema. */
const ODD: readonly unknown[] = [
  NaN,
  Infinity,
  -1,
  0,
  2,
  1.5,
  '',
  'x',
  'x'.repeat(4001),
  'critical',
  'above',
  'retry',
  'skynet',
  null,
  true,
  {},
  [],
  [1, NaN],
  [1, 2],
  ['a'],
  // series: the host sends Float64Arrays, of one length per forecast, finite
  new Float64Array(0),
  Float64Array.of(1, 2),
  Float64Array.of(1, NaN),
  Float64Array.of(Infinity),
  Float32Array.of(1, 2),
];

/** Every path to a value in a JSON-like tree (arrays and typed arrays count once, at index 0). */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const list = v as ArrayLike<unknown>;
    if (list.length > 0) paths(list[0], [...at, 0], out);
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, child] of Object.entries(v)) paths(child, [...at, k], out);
  }
  return out;
}

function replaced(root: unknown, path: readonly (string | number)[], value: unknown, drop: boolean): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (drop) Reflect.deleteProperty(node, last);
  else node[last] = value;
  return copy;
}

/**
 * The page checks host messages without zod. On a real forecast's model changed at any one
 * place to any odd value, its verdict must be the schema's.
 */
describe("checkHostMessage: the page's check agrees with the host's schema", function () {
  this.timeout(60_000);
  let model: PanelModel;
  before(() => {
    const set = hourlySet(24 * 10);
    model = buildPanelModel(forecastMetricSet(set, { horizon: { steps: 24 }, clock: new FakeClock() }), set);
  });
  const odd = fc.constantFrom<unknown>(...ODD);

  it('on every message kind, changed at each place to each odd value, or with it removed', () => {
    const shifted = { t: 1, before: 34, after: 70, text: 'stepped 34 % → 70 %' };
    const messages = [
      { type: 'forecast', model },
      { type: 'forecast', model: { ...model, metrics: model.metrics.map((m) => ({ ...m, levelShift: shifted })) } },
      { type: 'status', status: { kind: 'error', source: 's', message: 'm', actions: ['retry', 'showLogs'] } },
      { type: 'status', status: { kind: 'loading', source: 's', provider: 'Groq' } },
      { type: 'status', status: { kind: 'empty' } },
      { type: 'requestPng', requestId: 'r1' },
      { type: 'controls', controls: null },
      {
        type: 'controls',
        controls: {
          file: '/w/a.csv',
          busy: false,
          horizon: { label: 'Horizon', selected: 'settings', options: [{ id: 'settings', label: 'Settings: 1 d' }] },
          level: { label: 'Intervals', selected: '90', options: [{ id: '90', label: '90%' }] },
        },
      },
    ];
    let cases = 0;
    for (const message of messages)
      for (const path of paths(message))
        for (const [value, drop] of [...ODD.map((v) => [v, false] as const), [undefined, true] as const]) {
          const changed = replaced(message, path, value, drop);
          const page = checkHostMessage(changed).ok;
          const host = parseMessage(hostMessageSchema, changed).ok;
          assert.equal(page, host, `${path.join('.')} := ${drop ? '(removed)' : JSON.stringify(value)}`);
          cases++;
        }
    assert.ok(cases > 1_500, `${cases} cases`);
  });

  it('on saved states, and on what is not a message at all', () => {
    for (const raw of [null, undefined, 5, 'x', [], {}, { type: 'nope' }, { type: 'forecast' }])
      assert.equal(checkHostMessage(raw).ok, parseMessage(hostMessageSchema, raw).ok, JSON.stringify(raw));
    fc.assert(
      fc.property(fc.nat(), odd, fc.boolean(), (pick, value, drop) => {
        const state = { model: toSavedModel(model), mode: 'perMetric' };
        const all = paths(state);
        const changed = replaced(state, all[pick % all.length] as (string | number)[], value, drop);
        assert.equal(checkSavedState(changed).ok, parseMessage(panelSavedStateSchema, changed).ok);
      }),
      { numRuns: 1_000 },
    );
    assert.equal(checkSavedState({ model: null, mode: 'percent' }).ok, true);
    assert.equal(checkSavedState({ model: toSavedModel(model), mode: 'percent' }).ok, true);
    assert.equal(checkHostMessage({ type: 'forecast', model }).ok, true);
    // each side holds its own form: number lists on the wire, typed arrays in a saved state, are refused by both
    const wrong = [
      { type: 'forecast', model: toSavedModel(model) },
      { model, mode: 'percent' },
    ] as const;
    assert.equal(checkHostMessage(wrong[0]).ok, false);
    assert.equal(parseMessage(hostMessageSchema, wrong[0]).ok, false);
    assert.equal(checkSavedState(wrong[1]).ok, false);
    assert.equal(parseMessage(panelSavedStateSchema, wrong[1]).ok, false);
  });
});
