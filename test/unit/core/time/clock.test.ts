import * as assert from 'node:assert/strict';
import { systemClock } from '../../../../src/core/time/clock';

describe('systemClock', () => {
  it('tells the time now, as a new Date each call', () => {
    const before = Date.now();
    const first = systemClock.now();
    const second = systemClock.now();
    const after = Date.now();
    assert.ok(first instanceof Date);
    assert.ok(
      first.getTime() >= before && second.getTime() <= after,
      `${first.toISOString()} in [${before}, ${after}]`,
    );
    assert.notEqual(first, second, 'a caller may change the Date it gets');
  });
});
