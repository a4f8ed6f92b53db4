import * as assert from 'node:assert/strict';
import { formatStep } from '../../../../src/core/data/formatStep';

describe('formatStep (a sampling step in a message)', () => {
  it('milliseconds below a second, seconds below a minute, then minutes, hours and days', () => {
    assert.equal(formatStep(0), '0 ms');
    assert.equal(formatStep(250), '250 ms');
    assert.equal(formatStep(999), '999 ms');
    assert.equal(formatStep(1000), '1 s');
    assert.equal(formatStep(1500), '1.5 s');
    assert.equal(formatStep(15_000), '15 s');
    assert.equal(formatStep(59_999), '59.999 s');
    assert.equal(formatStep(60_000), '1 min');
    assert.equal(formatStep(3_600_000), '1 h');
    assert.equal(formatStep(86_400_000), '1 d');
  });

  it('keeps seconds to the millisecond, without trailing zeros', () => {
    assert.equal(formatStep(1001), '1.001 s');
    assert.equal(formatStep(1010), '1.01 s');
    assert.equal(formatStep(2000.4), '2 s');
  });
});
