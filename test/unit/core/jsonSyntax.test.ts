import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonSyntaxError } from '../../../src/core/jsonSyntax';

describe('jsonSyntaxError: where JSON goes wrong, without quoting it', () => {
  it('agrees with JSON.parse on what is valid, for generated JSON and broken variants of it', () => {
    const broken = fc
      .tuple(fc.json({ maxDepth: 5 }), fc.nat(), fc.constantFrom('', ',', ']', '}', '"', ':', 'x', '\n', '[', '{', ' '))
      .map(([text, at, insert]) => {
        const k = text.length ? at % (text.length + 1) : 0;
        return text.slice(0, k) + insert + text.slice(k + (insert ? 0 : 1));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 5 }), broken, fc.string({ maxLength: 40 })), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const found = jsonSyntaxError(text);
        assert.equal(found === undefined, valid, `${JSON.stringify(text)}: ${found?.problem ?? 'valid'}`);
        if (found) assert.ok(found.offset >= 0 && found.offset <= text.length);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('points at the place and says what is wrong', () => {
    assert.deepEqual(jsonSyntaxError('{"a": [1, 2],\n ]] }'), {
      offset: 15,
      problem: 'expected a property name in double quotes',
    });
    assert.deepEqual(jsonSyntaxError('{"metrics": [1, 2,]}'), { offset: 18, problem: 'a trailing comma before "]"' });
    assert.deepEqual(jsonSyntaxError('{"a": sk-123}'), {
      offset: 6,
      problem: 'expected a value (a number, a string in double quotes, true, false, null, an object or an array)',
    });
    assert.equal(
      jsonSyntaxError('['.repeat(100_000))?.problem,
      'the text ends where a value should be',
      'no recursion on depth',
    );
  });

  /** The fault jsonSyntaxError finds, as `offset: problem`. */
  const at = (text: string): string => {
    const found = jsonSyntaxError(text);
    return found ? `${found.offset}: ${found.problem}` : 'valid';
  };

  it('takes spaces, tabs, CR and LF between tokens, and nothing else as space', () => {
    assert.equal(at(' {\t"a" :\r\n[ 1 ,\t2 ]\r\n}\n'), 'valid');
    assert.equal(
      at('[1,\t\r\n x]'),
      '7: expected a value (a number, a string in double quotes, true, false, null, an object or an array)',
    );
    assert.equal(
      at('[1,\f2]'),
      '3: expected a value (a number, a string in double quotes, true, false, null, an object or an array)',
    );
    assert.equal(
      at('\u00a0[]'),
      '0: expected a value (a number, a string in double quotes, true, false, null, an object or an array)',
    );
  });

  it('says where an object is missing a property name, a colon, or a comma', () => {
    assert.equal(at('{x: 1}'), '1: expected a property name in double quotes');
    assert.equal(at('{ }'), 'valid');
    assert.equal(at('{"a": 1, }'), '9: expected a property name in double quotes');
    assert.equal(at('{"a": 1, 2}'), '9: expected a property name in double quotes');
    assert.equal(at('{"a" 1}'), '5: expected ":" after a property name');
    assert.equal(at('{"a": 1 "b": 2}'), '8: expected "," or "}"');
    assert.equal(at('{"a": 1]'), '7: expected "," or "}"');
    assert.equal(at('{"a": {} x}'), '9: expected "," or "}"');
  });

  it('says where an array is missing a comma, or has one too many', () => {
    assert.equal(at('[1 2]'), '3: expected "," or "]"');
    assert.equal(at('[1}'), '2: expected "," or "]"');
    assert.equal(at('[[] 1]'), '4: expected "," or "]"');
    assert.equal(at('[1, ]'), '4: a trailing comma before "]"');
    assert.equal(
      at('[1, , 2]'),
      '4: expected a value (a number, a string in double quotes, true, false, null, an object or an array)',
    );
  });

  it('says when the text ends too early, and when text follows the value', () => {
    assert.equal(at(''), '0: the text ends where a value should be');
    assert.equal(at('[1, '), '4: the text ends where a value should be');
    assert.equal(at('[1'), '2: the text ends inside an unclosed bracket');
    assert.equal(at('{"a": [1] '), '10: the text ends inside an unclosed bracket');
    assert.equal(at('1 2'), '2: unexpected text after the JSON value');
    assert.equal(at('[] x'), '3: unexpected text after the JSON value');
    assert.equal(at('{} {}'), '3: unexpected text after the JSON value');
  });

  it('reads strings: escapes, \\u with four hex digits, no raw control character, a closing quote', () => {
    assert.equal(at('["a\\"b\\\\c\\/d\\b\\f\\n\\r\\t", "\\u00e9\\uD83D\\uDE00", "\\uABCD"]'), 'valid');
    assert.equal(at('{"a\u0001b": 1}'), '3: a control character inside a string');
    assert.equal(at('["a\tb"]'), '3: a control character inside a string');
    assert.equal(at('["\\x41"]'), '2: a bad escape in a string');
    assert.equal(at('["\\'), '2: a bad escape in a string');
    assert.equal(at('["\\u00g9"]'), '2: a bad \\u escape');
    assert.equal(at('["\\u12"]'), '2: a bad \\u escape');
    assert.equal(at('["abc'), '5: a string that is never closed');
    assert.equal(at('{"abc'), '5: a string that is never closed');
  });

  it('reads numbers of any length, and points past one at the fault that follows it', () => {
    const long = '9'.repeat(1000);
    assert.equal(at(`[${long}, -0.5e+10, 0]`), 'valid');
    assert.equal(
      at(`[${long}, x]`),
      `${long.length + 3}: expected a value (a number, a string in double quotes, true, false, null, an object or an array)`,
    );
    assert.equal(at('[01]'), '2: expected "," or "]"');
    assert.equal(
      at('[-]'),
      '1: expected a value (a number, a string in double quotes, true, false, null, an object or an array)',
    );
  });
});
