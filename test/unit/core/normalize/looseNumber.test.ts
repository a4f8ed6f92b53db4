import * as assert from 'node:assert/strict';
import { looseNumber } from '../../../../src/core/normalize/looseNumber';

describe('looseNumber: numbers as models write them', () => {
  it('takes a number as it is, and nothing but a number or a string', () => {
    assert.equal(looseNumber(42.5), 42.5);
    assert.ok(Number.isNaN(looseNumber(Number.NaN)));
    for (const v of [null, undefined, true, {}, [1]]) assert.ok(Number.isNaN(looseNumber(v)), String(v));
  });

  it('a lone k, M, G or T multiplies, in either case; longer unit words are dropped', () => {
    assert.deepEqual(
      ['2k', '2K', '2m', '2M', '2g', '2G', '2t', '2T'].map(looseNumber),
      [2e3, 2e3, 2e6, 2e6, 2e9, 2e9, 2e12, 2e12],
    );
    assert.deepEqual(['5 kB', '12 ms', '85%', '3 µs', '7/s', '9 x'].map(looseNumber), [5, 12, 85, 3, 7, 9]);
    assert.deepEqual(
      ['5 constructor', '5 toString', '5 __proto__'].map(looseNumber),
      [5, 5, Number.NaN],
      'a unit word is a word, even one an object answers to',
    );
  });

  it('digit groups of three, by comma, underscore or space; anything else is not a number', () => {
    assert.deepEqual(['1,234,567', '1_000', '1 000', '12,345.5'].map(looseNumber), [1234567, 1000, 1000, 12345.5]);
    for (const s of ['12,34', '1,2345', ',100', '1.2.3', 'k', '', '-', 'e5', '5 5 5'])
      assert.ok(Number.isNaN(looseNumber(s)), s);
  });

  it('signs, exponents, a leading point, and spaces around', () => {
    assert.deepEqual(
      ['+5', '-5', '1e3', '1E-2', '-2.5e+3', '.5', '-.5', '+.25k', '  7  ', '\t8\n'].map(looseNumber),
      [5, -5, 1000, 0.01, -2500, 0.5, -0.5, 250, 7, 8],
    );
    assert.equal(looseNumber('1e10'), 1e10);
    assert.equal(looseNumber('2.5E-12 s'), 2.5e-12);
    for (const s of ['.5 kB extra', '.5 5', '5 kB extra']) assert.ok(Number.isNaN(looseNumber(s)), s);
  });
});
