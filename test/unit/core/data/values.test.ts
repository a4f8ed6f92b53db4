import * as assert from 'node:assert/strict';
import { isPlainNumber, parseValue, valueProblem } from '../../../../src/core/data/values';

describe('values in a metric file', () => {
  it('a plain number has an optional sign, fraction and exponent, and nothing else', () => {
    for (const text of ['0', '42', '-3', '+3', '1.5', '-0.25', '1e3', '1E-3', '2.5e+10'])
      assert.equal(isPlainNumber(text), true, text);
    for (const text of [
      '',
      '.5',
      '5.',
      '1,5',
      '0x10',
      'Infinity',
      'NaN',
      '1e',
      ' 1',
      '1 ',
      '1_000',
      'e5',
      '--1',
      '1.2.3',
    ])
      assert.equal(isPlainNumber(text), false, text);
  });

  it('a cell: empty (or blank) is a missing value, a plain number its value, anything else NaN', () => {
    assert.equal(parseValue(''), undefined);
    assert.equal(parseValue('   '), undefined);
    assert.equal(parseValue(' 12.5 '), 12.5, 'spaces around are ignored');
    assert.equal(parseValue('-1e2'), -100);
    assert.ok(Number.isNaN(parseValue('n/a')));
    assert.ok(Number.isNaN(parseValue('0x10')), 'not read as 16');
    assert.ok(Number.isNaN(parseValue('Infinity')));
  });

  it('a value is a number of at most 1e30 either way', () => {
    assert.equal(valueProblem(0, '0'), undefined);
    assert.equal(valueProblem(1e30, '1e30'), undefined);
    assert.equal(valueProblem(-1e30, '-1e30'), undefined);
    const tooLarge = (text: string) =>
      `"${text}" is too large: values and capacities are at most ±1e+30 (larger ones overflow the forecaster's arithmetic)`;
    assert.equal(valueProblem(1.0000001e30, '1.0000001e30'), tooLarge('1.0000001e30'));
    assert.equal(valueProblem(-2e30, '-2e30'), tooLarge('-2e30'));
    assert.equal(valueProblem(Infinity, '1e999'), tooLarge('1e999'));
    assert.equal(valueProblem(NaN, 'n/a'), '"n/a" is not a number');
  });
});
