import * as assert from 'node:assert/strict';
import { clamp, clamp01, round } from '../../../src/core/numbers';

describe('numbers', () => {
  it('clamp keeps a value inside [lo, hi] and moves one outside to the nearer end', () => {
    assert.equal(clamp(5, 0, 10), 5);
    assert.equal(clamp(0, 0, 10), 0);
    assert.equal(clamp(10, 0, 10), 10);
    assert.equal(clamp(-0.5, 0, 10), 0);
    assert.equal(clamp(10.5, 0, 10), 10);
    assert.equal(clamp(-7, -5, -1), -5);
    assert.equal(clamp(3, -5, -1), -1);
  });

  it('clamp01 limits to [0, 1]', () => {
    assert.equal(clamp01(0.25), 0.25);
    assert.equal(clamp01(-0.1), 0);
    assert.equal(clamp01(1.2), 1);
  });

  it('round keeps the given number of decimals, half away from zero the way Math.round does', () => {
    assert.equal(round(2.5678, 2), 2.57);
    assert.equal(round(0.12345, 3), 0.123);
    assert.equal(round(87.25, 1), 87.3);
    assert.equal(round(2.5, 0), 3);
    assert.equal(round(1234.5678, 0), 1235);
  });
});
