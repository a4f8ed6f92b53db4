import * as assert from 'node:assert/strict';
import { globMatch } from '../../../../src/core/data/globMatch';

describe('globMatch (* for any run of characters)', () => {
  it('without a star, the whole text and nothing else', () => {
    assert.equal(globMatch('cpu', 'cpu'), true);
    assert.equal(globMatch('cpu', 'cpu0'), false);
    assert.equal(globMatch('cpu', 'CPU'), false, 'case-sensitive');
    assert.equal(globMatch('', ''), true);
  });

  it('a star matches any run, the empty one included', () => {
    assert.equal(globMatch('*', ''), true);
    assert.equal(globMatch('*', 'anything'), true);
    assert.equal(globMatch('cpu*', 'cpu'), true);
    assert.equal(globMatch('cpu*', 'cpu_load'), true);
    assert.equal(globMatch('cpu*', 'a_cpu'), false, 'the head is at the start');
    assert.equal(globMatch('*_load', 'cpu_load'), true);
    assert.equal(globMatch('*_load', 'cpu_load2'), false, 'the tail is at the end');
    assert.equal(globMatch('**', 'x'), true);
  });

  it('head and tail may not overlap in the text', () => {
    assert.equal(globMatch('ab*ba', 'aba'), false);
    assert.equal(globMatch('ab*ba', 'abba'), true);
    assert.equal(globMatch('a*a', 'a'), false);
    assert.equal(globMatch('a*a', 'aa'), true);
  });

  it('middle pieces appear in order, between head and tail', () => {
    assert.equal(globMatch('a*b*c', 'axxbyyc'), true);
    assert.equal(globMatch('a*b*c', 'abc'), true);
    assert.equal(globMatch('a*c*b', 'abc'), false, 'out of order');
    assert.equal(globMatch('*b*', 'abc'), true);
    assert.equal(globMatch('*b*', 'ac'), false);
    assert.equal(globMatch('*x*y*', 'yx'), false);
    assert.equal(globMatch('*x*y*', 'xy'), true);
    assert.equal(globMatch('a*bc*c', 'abc'), false, 'a middle piece may not reach into the tail');
    assert.equal(globMatch('a*bc*c', 'abcc'), true);
    assert.equal(globMatch('*a*a*', 'a'), false, 'each middle piece after the one before');
    assert.equal(globMatch('*a*a*', 'aa'), true);
    assert.equal(globMatch('h*ab*t', 'hxabt'), true);
  });
});
