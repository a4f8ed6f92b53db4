import * as assert from 'node:assert/strict';
import { blankJsonc, lineColumn, offsetOfPath, parseJsonc } from '../../../src/core/jsonc';

describe('JSON with comments (jsonc)', () => {
  it('blanks comments and trailing commas, keeping every offset and leaving strings alone', () => {
    const text = '{ "url": "http://h:9090/*x*/", // a comment\n  "a": [1, 2,], /* b */ "c": "//" ,}';
    const blanked = blankJsonc(text);
    assert.equal(blanked.length, text.length);
    assert.deepEqual(JSON.parse(blanked), { url: 'http://h:9090/*x*/', a: [1, 2], c: '//' });
  });

  it('says where a syntax error is, as line and column', () => {
    const text = '{\n  "a": 1\n  "b": 2\n}';
    const parsed = parseJsonc(text);
    assert.ok('offset' in parsed);
    assert.deepEqual(lineColumn(text, parsed.offset), { line: 3, column: 3 });
  });

  it('finds where the value at a path starts (or the deepest part of it that exists)', () => {
    const text = '{ "metrics": [ { "name": "a" }, { "name": "b", "step": 5 } ] }';
    assert.equal(text.slice(offsetOfPath(text, ['metrics', 1, 'step'])).slice(0, 1), '5');
    assert.equal(text.slice(offsetOfPath(text, ['metrics', 0, 'name'])).slice(0, 3), '"a"');
    assert.equal(text[offsetOfPath(text, ['metrics', 1, 'missing'])], '}');
  });
});
