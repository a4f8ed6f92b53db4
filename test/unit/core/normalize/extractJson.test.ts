/* eslint-disable no-control-regex -- these tests look for control characters in the output */
import * as assert from 'node:assert/strict';
import { extractJson, extractJsonBlocks } from '../../../../src/core/normalize/extractJson';
import { scanBrackets } from '../../../../src/core/normalize/bracketScan';
import { lenientJson } from '../../../../src/core/normalize/lenientJson';
import { MAX_JSON_BLOCKS, MAX_JSON_DEPTH } from '../../../../src/core/normalize/answerLimits';

const KB60 = 60 * 1024;
const MB = 1024 * 1024;
const fill = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length));
const errorOf = (text: string): string => {
  const r = extractJsonBlocks(text);
  assert.ok('error' in r, `expected an error, got ${'blocks' in r ? r.blocks.length : 0} blocks`);
  return r.error;
};
const valuesOf = (text: string): unknown[] => {
  const r = extractJsonBlocks(text);
  assert.ok(!('error' in r), 'error' in r ? r.error : '');
  return r.blocks.map((b) => b.value);
};

describe('normalization: JSON extraction in linear time (each case bounded: a quadratic scan would take minutes)', function () {
  this.timeout(20_000);

  for (const [name, size] of [
    ['60 KB', KB60],
    ['1 MB', MB],
  ] as const) {
    it(`${name} of "[", of "{" and of "[{\\"a\\":" (never closed): cut-off JSON, quickly`, () => {
      for (const unit of ['[', '{', '[{"a":']) assert.match(errorOf(fill(unit, size)), /cut off|do not balance/);
    });

    it(`${name} of '"' and of '["' and of '["\\' (strings that never end): no JSON, quickly`, () => {
      assert.match(errorOf(fill('"', size)), /no JSON object or array/);
      for (const unit of ['["', '["\\', '{"a": "']) assert.match(errorOf(fill(unit, size)), /cut off|do not balance/);
    });

    it(`${name} of alternating junk and wrong closers: a parse problem, quickly`, () => {
      assert.match(errorOf(fill('[x] {y} ', size)), /could not be parsed/);
      assert.match(errorOf(fill('[}', size)), /do not balance/);
      assert.match(errorOf(fill('[/*', size)), /cut off|do not balance/);
      assert.match(errorOf(fill('{//\n', size)), /cut off|do not balance/);
    });

    it(`${name} of tiny blocks: only the ${MAX_JSON_BLOCKS} largest are parsed, and a forecast among them is found`, () => {
      const text = fill('[1]', size / 2) + '{"cpu": [60, 61]}' + fill('[]', size / 2);
      const values = valuesOf(text);
      assert.equal(values.length, MAX_JSON_BLOCKS);
      assert.ok(values.some((v) => JSON.stringify(v) === '{"cpu":[60,61]}'));
    });
  }

  it('a 100,000-deep [[[…]]] is rejected as nested too deep, without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.match(errorOf(deep), /nested 100,000 levels deep, more than the 64 accepted/);
    const objects = '{"values":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    assert.match(errorOf(objects), /nested 100,000 levels deep/);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and rejects ${MAX_JSON_DEPTH + 1}`, () => {
    const nest = (d: number): string => '['.repeat(d) + '1' + ']'.repeat(d);
    assert.equal(valuesOf(nest(MAX_JSON_DEPTH)).length, 1);
    assert.match(errorOf(nest(MAX_JSON_DEPTH + 1)), /nested 65 levels deep/);
  });

  it('a forecast after a million unclosed brackets is still found', () => {
    const values = valuesOf('['.repeat(MB) + '{"cpu": [1, 2]}');
    assert.deepEqual(values, [{ cpu: [1, 2] }]);
  });
});

describe('normalization: finding JSON blocks', () => {
  it('finds every outermost block, in order, with the prose around them', () => {
    const r = extractJsonBlocks('Draft: {"a": 1}\nCorrected:\n```json\n{"a": 2}\n```\nDone.');
    assert.ok(!('error' in r));
    assert.deepEqual(
      r.blocks.map((b) => b.value),
      [{ a: 1 }, { a: 2 }],
    );
    assert.equal(r.prose.replace(/\s+/g, ' '), 'Draft: Corrected: Done.');
  });

  it('skips brackets inside strings and comments, and keeps a block inside a bracket never closed', () => {
    assert.deepEqual(valuesOf('{"note": "a ] b } c", /* ] */ "v": [1]}'), [{ note: 'a ] b } c', v: [1] }]);
    assert.deepEqual(valuesOf('Values in [units: {"cpu": [1, 2]}'), [{ cpu: [1, 2] }]);
    assert.deepEqual(valuesOf('He said "hi, then {"cpu": [3]}'), [{ cpu: [3] }], 'a quote in prose is not a string');
  });

  it('a string broken by a line break drops the brackets open around it, and the scan goes on', () => {
    assert.deepEqual(valuesOf('[see "this\n{"cpu": [4]}'), [{ cpu: [4] }]);
  });

  it('scanBrackets reports depth and whether something was left open', () => {
    const scan = scanBrackets('x [[1], {"a": [[2]]}] y {', 8);
    assert.deepEqual(
      scan.blocks.map((b) => [b.start, b.end, b.depth]),
      [[2, 21, 4]],
    );
    assert.equal(scan.unbalanced, true);
    assert.equal(scanBrackets('[] [] []', 2).total, 3);
    assert.deepEqual(
      scanBrackets('[1] [22] [333] [4]', 2).blocks.map((b) => b.start),
      [4, 9],
      'the two largest, in order',
    );
    assert.deepEqual(
      scanBrackets('[1] [2] [3]', 2).blocks.map((b) => b.start),
      [4, 8],
      'the later ones on a tie',
    );
  });

  it('reads lenient JSON: comments, trailing commas, single quotes with escapes, NaN', () => {
    assert.deepEqual(JSON.parse(lenientJson("{'a': 'it\\'s \"x\"', // c\n 'b': [1, NaN, Infinity,], /* d */}")), {
      a: 'it\'s "x"',
      b: [1, null, null],
    });
    assert.deepEqual(extractJson('```json\n{"a": [1, 2,],}\n```'), { value: { a: [1, 2] }, prose: '' });
  });

  it('a parse error is reported as plain text', () => {
    assert.match(errorOf('{"a": \u001b[31m}'), /^the JSON in the answer could not be parsed \([^\u001b]*\)$/);
  });
});
