import * as assert from 'node:assert/strict';
import { type FleetRow, type FleetStatus } from '../../../../src/core/fleet/fleetRow';
import { germanL10n } from '../../../support/germanL10n';
import {
  DEFAULT_COOLDOWN_MS,
  EMPTY_WATCH,
  MAX_WATCHED,
  type WatchState,
  announcement,
  isSnoozed,
  observe,
  readWatchState,
  snooze,
  watchKey,
} from '../../../../src/core/fleet/thresholdWatch';
import { row } from '../../../support/fleetRows';

const H = 3_600_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');

function at(status: FleetStatus, series = 'disk{host="a"}', over: Partial<FleetRow> = {}): FleetRow {
  const ms = status === 'critical' ? 10 * H : status === 'warning' ? 3 * 24 * H : null;
  return row(series, { status, msToBreach: ms, ...over });
}

/** Runs refreshes one hour apart; returns what each announced and recovered. */
function refreshes(statuses: FleetStatus[][], start: WatchState = EMPTY_WATCH) {
  let state = start;
  return statuses.map((list, i) => {
    const out = observe(
      state,
      'plan.json',
      list.map((s, k) => at(s, `s${k}`)),
      T0 + i * H,
    );
    state = out.state;
    return {
      announce: out.announce.map((c) => `${c.row.series}:${c.from}>${c.to}`),
      recovered: out.recovered.map((c) => `${c.row.series}:${c.from}>${c.to}`),
      state,
    };
  });
}

describe('threshold watch: a warning worth reading', () => {
  it('announces a crossing once: ok → warning → critical, and nothing while the status stays', () => {
    const runs = refreshes([['ok'], ['warning'], ['warning'], ['critical'], ['critical']]);
    assert.deepEqual(
      runs.map((r) => r.announce),
      [[], ['s0:ok>warning'], [], ['s0:warning>critical'], []],
    );
  });

  it('a series first seen beyond a threshold is announced (it comes from ok)', () => {
    const [first] = refreshes([['critical', 'ok', 'warning']]);
    assert.deepEqual(first?.announce, ['s0:ok>critical', 's2:ok>warning']);
  });

  it('many series crossing together are one group: one outcome, one sentence', () => {
    const out = observe(
      EMPTY_WATCH,
      'p',
      [
        at('critical', 'a', { msToBreach: 5 * H }),
        at('critical', 'b', { msToBreach: 2 * H }),
        at('warning', 'c'),
        at('ok', 'd'),
      ],
      T0,
    );
    assert.equal(out.announce.length, 3);
    assert.equal(
      announcement(out.announce),
      '3 series crossed a capacity threshold (2 critical, 1 warning); the soonest: b, may breach in 2 h.',
    );
  });

  it('one series is named in the sentence', () => {
    const out = observe(EMPTY_WATCH, 'p', [at('critical', 'disk{host="a"}')], T0);
    assert.equal(announcement(out.announce), 'disk{host="a"} is now critical: may breach in 10 h.');
    assert.equal(
      announcement(
        observe(EMPTY_WATCH, 'p', [at('critical', 'x', { alreadyBreached: true, msToBreach: 0 })], T0).announce,
      ),
      'x is now critical: already beyond its capacity.',
    );
    assert.equal(announcement([]), undefined);
  });

  it('is said in the language of the translator it is given', () => {
    const de = germanL10n();
    const one = observe(EMPTY_WATCH, 'p', [at('critical', 'disk{host="a"}')], T0).announce;
    assert.equal(announcement(one, de), 'disk{host="a"} steht jetzt auf „kritisch“: kann in 10 Std. überschreiten.');
    const many = observe(EMPTY_WATCH, 'p', [at('critical', 'a', { msToBreach: 30 * H }), at('warning', 'b')], T0);
    assert.equal(
      announcement(many.announce, de),
      '2 Reihen haben eine Kapazitätsschwelle überschritten (1 kritisch, 1 Warnung); die früheste: a, kann in 1 Tg. 6 Std. überschreiten.',
    );
  });

  it('recovery is reported (for the log and the view), never announced', () => {
    const runs = refreshes([['critical'], ['warning'], ['ok']]);
    assert.deepEqual(
      runs.map((r) => [r.announce, r.recovered]),
      [
        [['s0:ok>critical'], []],
        [[], ['s0:critical>warning']],
        [[], ['s0:warning>ok']],
      ],
    );
  });

  it('a series that flaps back within the cool-down is not announced again; after it, it is', () => {
    const runs = refreshes([['warning'], ['ok'], ['warning']]);
    assert.deepEqual(runs[2]?.announce, []);
    const later = observe(
      (runs[1] as { state: WatchState }).state,
      'plan.json',
      [at('warning', 's0')],
      T0 + DEFAULT_COOLDOWN_MS + H,
    );
    assert.deepEqual(
      later.announce.map((c) => c.to),
      ['warning'],
    );
    // but a worse level than the one announced is announced at once
    const worse = observe((runs[1] as { state: WatchState }).state, 'plan.json', [at('critical', 's0')], T0 + 2 * H);
    assert.deepEqual(
      worse.announce.map((c) => c.to),
      ['critical'],
    );
  });

  it('state survives a reload: the stored state read back announces nothing new', () => {
    const first = observe(EMPTY_WATCH, 'p', [at('critical', 'a')], T0);
    const stored: unknown = JSON.parse(JSON.stringify(first.state));
    const again = observe(readWatchState(stored), 'p', [at('critical', 'a')], T0 + H);
    assert.equal(again.announce.length, 0);
    assert.equal(again.raised.length, 0);
  });

  it('a stored state that is not one starts afresh', () => {
    for (const bad of [
      undefined,
      null,
      42,
      {},
      { version: 2, entries: {} },
      { version: 1, entries: { k: { status: 'bad' } } },
    ])
      assert.deepEqual(readWatchState(bad), EMPTY_WATCH);
  });

  it('a snoozed series is watched but not announced until the snooze ends', () => {
    const key = watchKey('p', { group: 'g', series: 'a' });
    let state = snooze(EMPTY_WATCH, [key], T0 + 5 * H, T0);
    assert.ok(isSnoozed(state, key, T0));
    assert.ok(!isSnoozed(state, key, T0 + 5 * H));
    const out = observe(state, 'p', [at('critical', 'a')], T0 + H);
    assert.equal(out.raised.length, 1);
    assert.equal(out.announce.length, 0);
    state = observe(out.state, 'p', [at('ok', 'a')], T0 + 2 * H).state;
    // after the snooze, a new crossing is announced (the snoozed one never was)
    const after = observe(state, 'p', [at('critical', 'a')], T0 + 6 * H);
    assert.equal(after.announce.length, 1);
  });

  it('a failed row keeps the status its series had', () => {
    const first = observe(EMPTY_WATCH, 'p', [at('critical', 'a')], T0);
    const failed = observe(first.state, 'p', [at('ok', 'a', { error: 'worker died' })], T0 + H);
    assert.equal(failed.recovered.length, 0);
    assert.equal(failed.state.entries[watchKey('p', { group: 'g', series: 'a' })]?.status, 'critical');
  });

  it('series gone from a source are forgotten; other sources are left alone', () => {
    let state = observe(EMPTY_WATCH, 'p', [at('warning', 'a'), at('warning', 'b')], T0).state;
    state = observe(state, 'q', [at('warning', 'a')], T0).state;
    state = observe(state, 'p', [at('warning', 'a')], T0 + H).state;
    assert.deepEqual(
      Object.keys(state.entries).sort(),
      [watchKey('p', { group: 'g', series: 'a' }), watchKey('q', { group: 'g', series: 'a' })].sort(),
    );
  });

  it(`remembers at most ${MAX_WATCHED} series, forgetting the longest unchanged`, () => {
    const rows = Array.from({ length: MAX_WATCHED + 5 }, (_, i) => at('warning', `s${i}`));
    const state = observe(EMPTY_WATCH, 'p', rows, T0).state;
    assert.equal(Object.keys(state.entries).length, MAX_WATCHED);
  });
});
