import * as assert from 'node:assert/strict';
import { FROM_SETTINGS, buildPanelControls, readChoice } from '../../../../src/core/panel/panelControls';
import { hostMessageSchema, parseMessage } from '../../../../src/core/panel/panelMessages';
import { hourlySet } from '../../../support/helpers';
import { germanL10n } from '../../../support/germanL10n';

const metrics = hourlySet(240).metrics; // 10 days of hours: 1h … 3d
const ids = (s: { options: { id: string }[] }) => s.options.map((o) => o.id);

describe('buildPanelControls (the header selectors)', () => {
  it('offers the settings value first, then automatic and the horizons the history allows, then the levels', () => {
    const c = buildPanelControls('/w/a.csv', metrics, { horizon: { ms: 5 * 3_600_000 }, level: 0.9 }, {}, false);
    assert.deepEqual(ids(c.horizon), [FROM_SETTINGS, 'auto', '1h', '6h', '12h', '1d', '2d', '3d']);
    assert.equal(c.horizon.options[0]?.label, 'Settings: 5 h', 'a setting that is none of the durations is shown');
    assert.equal(c.horizon.selected, FROM_SETTINGS);
    assert.deepEqual(ids(c.level), [FROM_SETTINGS, '80', '90', '95', '99']);
    assert.deepEqual(
      c.level.options.map((o) => o.label),
      ['Settings: 90%', '80%', '90%', '95%', '99%'],
    );
    assert.equal(c.level.selected, FROM_SETTINGS);
    assert.equal(c.file, '/w/a.csv');
    assert.equal(c.busy, false);
  });

  it('names an automatic or step-count setting, and selects the file choice', () => {
    const auto = buildPanelControls('f', metrics, { level: 0.95 }, { horizon: '1d', level: 0.99 }, true);
    assert.equal(auto.horizon.options[0]?.label, 'Settings: automatic');
    assert.equal(auto.horizon.selected, '1d');
    assert.equal(auto.level.selected, '99');
    assert.equal(auto.busy, true);
    const steps = buildPanelControls('f', metrics, { horizon: { steps: 48 }, level: 0.95 }, {}, false);
    assert.equal(steps.horizon.options[0]?.label, 'Settings: 48 steps');
  });

  it('still lists a choice the history no longer allows, so the selector shows what is in force', () => {
    const c = buildPanelControls('f', hourlySet(100).metrics, { level: 0.95 }, { horizon: '2w' }, false);
    assert.deepEqual(ids(c.horizon), [FROM_SETTINGS, 'auto', '1h', '6h', '12h', '1d', '2d', '2w']);
    assert.equal(c.horizon.selected, '2w');
  });

  it('lists a level that is no longer offered last, once, so the selector shows what is in force', () => {
    const c = buildPanelControls('f', metrics, { level: 0.95 }, { level: 0.975 }, false);
    assert.deepEqual(ids(c.level), [FROM_SETTINGS, '80', '90', '95', '99', '97.5']);
    assert.equal(c.level.options.at(-1)?.label, '97.5%');
    assert.equal(c.level.selected, '97.5');
    const offered = buildPanelControls('f', metrics, { level: 0.95 }, { level: 0.9 }, false);
    assert.deepEqual(
      ids(offered.level),
      [FROM_SETTINGS, '80', '90', '95', '99'],
      'an offered level is not listed twice',
    );
  });

  it('passes the host schema of its message', () => {
    const c = buildPanelControls('/w/a.csv', metrics, { level: 0.95 }, {}, false);
    assert.equal(parseMessage(hostMessageSchema, { type: 'controls', controls: c }).ok, true);
  });
});

describe('readChoice (a choice from the page, checked against what was offered)', () => {
  const offered = buildPanelControls('/w/a.csv', metrics, { level: 0.95 }, {}, false);
  const choose = (control: 'horizon' | 'level', choice: string, file = '/w/a.csv') =>
    readChoice(offered, { file, control, choice });

  it('turns an offered choice into the change to keep', () => {
    assert.deepEqual(choose('horizon', '2d'), { ok: true, change: { horizon: '2d' } });
    assert.deepEqual(choose('horizon', 'auto'), { ok: true, change: { horizon: 'auto' } });
    assert.deepEqual(choose('level', '80'), { ok: true, change: { level: 0.8 } });
    assert.deepEqual(choose('level', '99'), { ok: true, change: { level: 0.99 } });
    assert.deepEqual(choose('horizon', FROM_SETTINGS), { ok: true, change: { horizon: null } });
    assert.deepEqual(choose('level', FROM_SETTINGS), { ok: true, change: { level: null } });
  });

  it('refuses a choice that was not offered: a horizon the history does not allow, another level, a made-up id', () => {
    for (const [control, choice] of [
      ['horizon', '1w'],
      ['horizon', '90m'],
      ['horizon', '__proto__'],
      ['level', '50'],
      ['level', '0.95'],
      ['level', 'auto'],
    ] as const) {
      const read = choose(control, choice);
      assert.equal(read.ok, false, `${control} ${choice}`);
      if (!read.ok) assert.equal(read.problem, `the ${control} choice is not one the panel offered`);
    }
  });

  it('refuses a choice for another file, while a forecast is under way, or with no selectors', () => {
    assert.deepEqual(choose('level', '80', '/etc/passwd'), {
      ok: false,
      problem: 'the choice is for a file the panel no longer shows',
    });
    assert.deepEqual(readChoice({ ...offered, busy: true }, { file: '/w/a.csv', control: 'level', choice: '80' }), {
      ok: false,
      problem: 'a forecast is under way',
    });
    assert.deepEqual(readChoice(undefined, { file: '/w/a.csv', control: 'level', choice: '80' }), {
      ok: false,
      problem: 'the panel offers no forecast controls now',
    });
  });
});

describe('buildPanelControls: the words of the selectors', () => {
  it('names each selector and each horizon by its duration, in English', () => {
    const c = buildPanelControls('f', hourlySet(24 * 30).metrics, { level: 0.95 }, {}, false);
    assert.equal(c.horizon.label, 'Horizon');
    assert.equal(c.level.label, 'Intervals');
    assert.deepEqual(
      c.horizon.options.map((o) => [o.id, o.label]),
      [
        [FROM_SETTINGS, 'Settings: automatic'],
        ['auto', 'Automatic'],
        ['1h', '1 h'],
        ['6h', '6 h'],
        ['12h', '12 h'],
        ['1d', '1 d'],
        ['2d', '2 d'],
        ['3d', '3 d'],
        ['1w', '7 d'],
        ['2w', '14 d'],
      ],
    );
  });

  it('speaks the language it is given: the shipped German bundle', () => {
    const c = buildPanelControls('f', metrics, { horizon: { ms: 6 * 3_600_000 }, level: 0.9 }, {}, false, germanL10n());
    assert.equal(c.horizon.label, 'Horizont');
    assert.equal(c.level.label, 'Intervalle');
    assert.deepEqual(
      c.horizon.options.slice(0, 4).map((o) => o.label),
      ['Einstellungen: 6 Std.', 'Automatisch', '1 Std.', '6 Std.'],
    );
    assert.equal(c.level.options[0]?.label, 'Einstellungen: 90%');
  });
});
