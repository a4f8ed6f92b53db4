import * as assert from 'node:assert/strict';
import { systemTimers } from '../../../../src/core/time/timers';

describe('systemTimers', () => {
  it('calls back after the delay, and its pending timer never keeps the process alive', async () => {
    let called = 0;
    await new Promise<void>((resolve) => {
      const handle = systemTimers.setTimeout(() => {
        called++;
        resolve();
      }, 5) as NodeJS.Timeout;
      assert.equal(handle.hasRef(), false, 'unref’d: a pending probe or refresh does not hold the CLI open');
    });
    assert.equal(called, 1);
  });

  it('clearTimeout cancels a pending callback', async () => {
    let called = false;
    const handle = systemTimers.setTimeout(() => {
      called = true;
    }, 5);
    systemTimers.clearTimeout(handle);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(called, false);
  });
});
