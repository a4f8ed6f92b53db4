import * as assert from 'node:assert/strict';
import { loggable, messageOf } from '../../../src/core/errors';

describe('how anything thrown is said', () => {
  it('messageOf gives an Error its message and anything else as text', () => {
    assert.equal(messageOf(new TypeError('fetch failed')), 'fetch failed');
    assert.equal(messageOf('a plain string'), 'a plain string');
    assert.equal(messageOf(42), '42');
    assert.equal(messageOf(undefined), 'undefined');
  });

  it('loggable keeps an Error itself (with its stack) and turns anything else into text', () => {
    const err = new RangeError('out of range');
    assert.equal(loggable(err), err);
    assert.equal(loggable({ toString: () => 'an object' }), 'an object');
    assert.equal(loggable(null), 'null');
  });
});
