import * as assert from 'node:assert/strict';
import {
  ForecastScheduler,
  type SchedulerDeps,
  type ScheduledRun,
} from '../../../../src/core/scheduler/forecastScheduler';
import { type Logger, silentLogger } from '../../../../src/core/logging';
import { FakeClock, FakeTimers, settle } from '../../../support/helpers';

/** A scheduler on a fake clock whose runs count up from 1; the warnings it logs are kept. */
function setup(overrides: Partial<SchedulerDeps<number>> = {}) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const warnings: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
  let n = 0;
  const scheduler = new ForecastScheduler<number>({
    enabled: () => true,
    intervalMs: () => 60_000,
    run: async () => ++n,
    clock,
    timers,
    logger,
    ...overrides,
  });
  return { clock, timers, warnings, scheduler };
}

describe('forecast scheduler', () => {
  it('runs first one interval after it is scheduled, not before', async () => {
    const { clock, timers, scheduler } = setup();
    const start = clock.now().getTime();
    scheduler.reschedule();
    assert.equal(scheduler.hasPendingTimer, true);
    await timers.advance(59_999);
    assert.equal(scheduler.runs.length, 0);
    await timers.advance(1);
    assert.equal(JSON.stringify(scheduler.runs), JSON.stringify([{ at: start + 60_000, ok: true, result: 1 }]));
    scheduler.dispose();
  });

  it('keeps running every interval, each run one interval after the last', async () => {
    const { clock, timers, scheduler } = setup();
    const start = clock.now().getTime();
    scheduler.reschedule();
    await timers.advance(3 * 60_000);
    assert.deepEqual(
      scheduler.runs.map((r) => [r.at - start, r.result]),
      [
        [60_000, 1],
        [120_000, 2],
        [180_000, 3],
      ],
    );
    assert.equal(scheduler.scheduled, 4, 'three ticks fired and the fourth is pending');
    scheduler.dispose();
  });

  it('reads the interval again at each tick', async () => {
    let interval = 60_000;
    const { clock, timers, scheduler } = setup({ intervalMs: () => interval });
    const start = clock.now().getTime();
    scheduler.reschedule();
    interval = 10_000;
    await timers.advance(60_000 + 10_000);
    assert.deepEqual(
      scheduler.runs.map((r) => r.at - start),
      [60_000, 70_000],
    );
    scheduler.dispose();
  });

  it('replaces the pending tick when rescheduled instead of adding a second chain', async () => {
    const { clock, timers, scheduler } = setup();
    const start = clock.now().getTime();
    scheduler.reschedule();
    await timers.advance(30_000);
    scheduler.reschedule();
    assert.equal(timers.pending, 1);
    await timers.advance(60_000);
    assert.deepEqual(
      scheduler.runs.map((r) => r.at - start),
      [90_000],
      'the first chain was cancelled; the new one runs one interval after the reschedule',
    );
    scheduler.dispose();
  });

  it('schedules nothing while disabled, and stops the chain once disabled', async () => {
    let enabled = false;
    const { timers, scheduler } = setup({ enabled: () => enabled });
    scheduler.reschedule();
    assert.equal(scheduler.hasPendingTimer, false);
    assert.equal(scheduler.scheduled, 0);
    assert.equal(timers.pending, 0);

    enabled = true;
    scheduler.reschedule();
    await timers.advance(60_000);
    assert.equal(scheduler.runs.length, 1);
    enabled = false;
    await timers.advance(5 * 60_000);
    assert.equal(scheduler.runs.length, 2, 'the tick already set runs; it sets no next one');
    assert.equal(scheduler.hasPendingTimer, false);
    assert.equal(timers.pending, 0);
  });

  it('disabling clears a pending tick when rescheduled', async () => {
    let enabled = true;
    const { timers, scheduler } = setup({ enabled: () => enabled });
    scheduler.reschedule();
    enabled = false;
    scheduler.reschedule();
    assert.equal(timers.pending, 0);
    assert.equal(scheduler.hasPendingTimer, false);
    await timers.advance(10 * 60_000);
    assert.equal(scheduler.runs.length, 0);
  });

  it('never overlaps ticks: the next is set only once a slow run has finished', async () => {
    let release: () => void = () => {};
    let n = 0;
    const { clock, timers, scheduler } = setup({
      run: () =>
        new Promise<number>((resolve) => {
          n++;
          release = () => resolve(n);
        }),
    });
    const start = clock.now().getTime();
    scheduler.reschedule();
    await timers.advance(60_000);
    assert.equal(n, 1);
    assert.equal(scheduler.hasPendingTimer, false, 'no tick pending while the run is in flight');
    await timers.advance(5 * 60_000);
    assert.equal(n, 1, 'no second run started');
    assert.equal(scheduler.runs.length, 0);
    release();
    await settle();
    assert.equal(scheduler.runs.length, 1);
    assert.equal(scheduler.runs[0]?.at, start + 60_000, 'a run is dated when it starts');
    assert.equal(scheduler.hasPendingTimer, true);
    await timers.advance(60_000);
    assert.equal(n, 2);
    release();
    await settle();
    scheduler.dispose();
  });

  it('records a failure with its message, logs it, and keeps the chain going', async () => {
    let n = 0;
    const { timers, warnings, scheduler } = setup({
      run: async () => {
        n++;
        if (n === 1) throw new Error('provider timed out');
        if (n === 2) throw 'a thrown string';
        return n;
      },
    });
    scheduler.reschedule();
    await timers.advance(3 * 60_000);
    assert.deepEqual(
      scheduler.runs.map(({ ok, result, error }) => ({ ok, result, error })),
      [
        { ok: false, result: undefined, error: 'provider timed out' },
        { ok: false, result: undefined, error: 'a thrown string' },
        { ok: true, result: 3, error: undefined },
      ],
    );
    assert.equal('result' in (scheduler.runs[0] as object), false);
    assert.equal('error' in (scheduler.runs[2] as object), false);
    assert.deepEqual(warnings, [
      'scheduled forecast failed: provider timed out',
      'scheduled forecast failed: a thrown string',
    ]);
    assert.equal(scheduler.hasPendingTimer, true);
    scheduler.dispose();
  });

  it('runNow runs at once, outside the chain, and returns what it recorded', async () => {
    const { clock, timers, scheduler } = setup();
    const heard: ScheduledRun<number>[] = [];
    scheduler.onDidRun((run) => heard.push(run));
    clock.advance(5_000);
    const run = await scheduler.runNow();
    assert.deepEqual(run, { at: clock.now().getTime(), ok: true, result: 1 });
    assert.equal(scheduler.runs.length, 1);
    assert.equal(scheduler.runs[0], run);
    assert.equal(heard.length, 1);
    assert.equal(heard[0], run);
    assert.equal(scheduler.hasPendingTimer, false, 'runNow starts no chain');
    assert.equal(timers.pending, 0);
    assert.equal(scheduler.scheduled, 0);
  });

  it('tells listeners of every scheduled run, failed or not', async () => {
    let n = 0;
    const { timers, scheduler } = setup({
      run: async () => {
        if (++n === 2) throw new Error('bad answer');
        return n;
      },
    });
    const heard: string[] = [];
    scheduler.onDidRun((run) => heard.push(run.ok ? `ok ${run.result}` : `failed: ${run.error}`));
    scheduler.reschedule();
    await timers.advance(3 * 60_000);
    assert.deepEqual(heard, ['ok 1', 'failed: bad answer', 'ok 3']);
    scheduler.dispose();
  });

  it('keeps the last 200 runs by default, dropping the oldest', async () => {
    const { scheduler } = setup();
    for (let i = 0; i < 200; i++) await scheduler.runNow();
    assert.equal(scheduler.runs.length, 200);
    assert.equal(scheduler.runs[0]?.result, 1);
    await scheduler.runNow();
    assert.equal(scheduler.runs.length, 200);
    assert.equal(scheduler.runs[0]?.result, 2);
    assert.equal(scheduler.runs[199]?.result, 201);
  });

  it('keeps as many runs as its history limit says', async () => {
    const { scheduler } = setup({ historyLimit: 3 });
    for (let i = 0; i < 3; i++) await scheduler.runNow();
    assert.deepEqual(
      scheduler.runs.map((r) => r.result),
      [1, 2, 3],
    );
    await scheduler.runNow();
    assert.deepEqual(
      scheduler.runs.map((r) => r.result),
      [2, 3, 4],
    );
  });

  it('once disposed, clears its tick, schedules no more and tells no one', async () => {
    const { timers, scheduler } = setup();
    const heard: ScheduledRun<number>[] = [];
    scheduler.onDidRun((run) => heard.push(run));
    scheduler.reschedule();
    scheduler.dispose();
    assert.equal(timers.pending, 0);
    assert.equal(scheduler.hasPendingTimer, false);
    scheduler.reschedule();
    assert.equal(timers.pending, 0);
    assert.equal(scheduler.scheduled, 1, 'the reschedule after dispose counted nothing');
    await timers.advance(10 * 60_000);
    assert.equal(scheduler.runs.length, 0);
    await scheduler.runNow();
    assert.equal(heard.length, 0, 'listeners were let go');
  });

  it('a tick in flight when disposed records its run and sets no next one', async () => {
    let release: () => void = () => {};
    const { timers, scheduler } = setup({
      run: () => new Promise<number>((resolve) => (release = () => resolve(7))),
    });
    scheduler.reschedule();
    await timers.advance(60_000);
    scheduler.dispose();
    release();
    await settle();
    assert.equal(scheduler.runs.length, 1);
    assert.equal(scheduler.hasPendingTimer, false);
    assert.equal(timers.pending, 0);
  });
});
