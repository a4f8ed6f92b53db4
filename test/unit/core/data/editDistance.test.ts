import * as assert from 'node:assert/strict';
import { editDistance } from '../../../../src/core/data/editDistance';

describe('editDistance (for "did you mean")', () => {
  it('counts insertions, deletions and substitutions, one each', () => {
    assert.equal(editDistance('cpu', 'cpu'), 0);
    assert.equal(editDistance('', ''), 0);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('cpu', 'cpuu'), 1, 'an insertion');
    assert.equal(editDistance('memory', 'memry'), 1, 'a deletion');
    assert.equal(editDistance('disk', 'desk'), 1, 'a substitution');
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('flaw', 'lawn'), 2);
    assert.equal(editDistance('ab', 'ba'), 2, 'a swap is two edits');
  });

  it('is case-sensitive', () => {
    assert.equal(editDistance('CPU', 'cpu'), 3);
  });

  it('compares only the first 64 characters of each side', () => {
    const long = 'x'.repeat(64);
    assert.equal(editDistance(long + 'aaaa', long + 'bbbbbbbb'), 0);
    assert.equal(editDistance('y' + 'x'.repeat(63) + 'tail', 'x'.repeat(64)), 1);
    assert.equal(editDistance('x'.repeat(63), 'x'.repeat(100)), 1, 'the 64th character still counts');
  });

  it('stops at limit + 1 once the answer must be larger than the limit', () => {
    assert.equal(editDistance('kitten', 'sitting', 3), 3, 'at the limit: the true distance');
    assert.equal(editDistance('kitten', 'sitting', 2), 3);
    assert.equal(editDistance('abcdef', 'uvwxyz', 1), 2);
    assert.equal(editDistance('a', 'abcdef', 2), 3, 'the lengths alone differ by more than the limit');
    assert.equal(editDistance('a', 'abc', 2), 2, 'lengths differing by the limit: measured');
    assert.equal(editDistance('abcd', 'abxy', 0), 1);
    assert.equal(editDistance('same', 'same', 0), 0);
  });
});
