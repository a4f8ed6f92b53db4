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
});
