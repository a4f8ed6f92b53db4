import * as assert from 'node:assert/strict';
import { extractJsonBlocks, singleBlock } from '../../../../src/core/normalize/extractJson';

const errorOf = (text: string): string => {
  const r = extractJsonBlocks(text);
  assert.ok('error' in r, `expected an error for ${JSON.stringify(text.slice(0, 40))}`);
  return r.error;
};
const nest = (depth: number): string => '['.repeat(depth) + '1' + ']'.repeat(depth);
/** V8's words for a parse error are not ours to pin: only that they are there, in parentheses. */
const PARSE = /^the JSON in the answer could not be parsed \((?!it is cut off)[^()]+\)$/;

describe('extractJsonBlocks: why no JSON could be used, each reason once', () => {
  it('no bracket at all, or brackets that never balance', () => {
    assert.equal(errorOf('no json here'), 'no JSON object or array was found in the answer');
    assert.equal(
      errorOf('{"a": 1'),
      'the JSON in the answer could not be parsed (it is cut off, or its brackets do not balance)',
    );
    assert.equal(
      errorOf('[1}'),
      'the JSON in the answer could not be parsed (it is cut off, or its brackets do not balance)',
    );
  });

  it('blocks too deep: the deepest is named', () => {
    assert.equal(errorOf(nest(65)), 'the JSON in the answer is nested 65 levels deep, more than the 64 accepted');
    assert.equal(
      errorOf(`${nest(70)} ${nest(66)}`),
      'the JSON in the answer is nested 70 levels deep, more than the 64 accepted',
    );
    assert.equal(
      errorOf(`${nest(66)} ${nest(70)}`),
      'the JSON in the answer is nested 70 levels deep, more than the 64 accepted',
    );
  });

  it('blocks that do not parse, even leniently', () => {
    assert.match(errorOf('{"a": }'), PARSE);
  });

  it('both: the depth, then the parse error', () => {
    const [deep, parse, ...rest] = errorOf(`${nest(66)} and {"a": } x`).split('; ');
    assert.equal(deep, 'the JSON in the answer is nested 66 levels deep, more than the 64 accepted');
    assert.match(parse ?? '', PARSE);
    assert.deepEqual(rest, []);
  });

  it('the shortcut takes only objects and arrays, not JSON strings or numbers', () => {
    for (const text of ['"abc"', '42', 'true']) {
      assert.equal(singleBlock(text), undefined, text);
      assert.equal(errorOf(text), 'no JSON object or array was found in the answer', text);
    }
  });
});
