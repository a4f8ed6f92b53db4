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

  it('leaves text without comments or trailing commas exactly as it is', () => {
    for (const text of [
      '[1,2]',
      '{"a": [1, "x"], "b": {"c": null}}',
      '["a"]',
      ']]',
      '{"a": 1 / 2, "b": 3 * 4, "c": 5 */ 6}',
      '{"quote": "say \\"hi\\" // not a comment /* nor this */", "url": "https://x/*"}',
      '{"a": "x\\" // y"}',
      '{"a": "open',
      '{"a": "open\n}',
    ])
      assert.equal(blankJsonc(text), text, text);
  });

  it('blanks a trailing comma before "]" or "}" across spaces, tabs, line breaks and comments', () => {
    for (const [text, value] of [
      ['[1,]', [1]],
      ['[1, ]', [1]],
      ['[1,\t]', [1]],
      ['{"a": 1,\n}', { a: 1 }],
      ['{"a": 1,\r\n}', { a: 1 }],
      ['[1, // last\n]', [1]],
      ['[1, /* last */ ]', [1]],
      ['{"a": [1, 2,], "b": "x",}', { a: [1, 2], b: 'x' }],
      ['[[1,],]', [[1]]],
      ['{"a": [1,]}', { a: [1] }],
      ['["a\\"b", 1,] // c', ['a"b', 1]],
    ] as const) {
      const blanked = blankJsonc(text);
      assert.equal(blanked.length, text.length, text);
      assert.deepEqual(JSON.parse(blanked), value, text);
    }
  });

  it('blanks a line comment to the end of its line or of the text, keeping the line break', () => {
    assert.equal(blankJsonc('[1] // end'), '[1]       ');
    assert.equal(blankJsonc('// a\n[1]'), '    \n[1]');
    assert.equal(blankJsonc('// a\r\n[1]'), '     \n[1]', 'a CR ending the comment is blanked with it');
  });

  it('blanks a block comment, keeping its line breaks, up to its own "*/" or the end of the text', () => {
    assert.equal(blankJsonc('[1/* c */]'), '[1       ]');
    assert.equal(blankJsonc('/* a\r\nb */1'), '    \r\n    1');
    assert.equal(blankJsonc('[1, /*/ still a comment */ 2]'), '[1,                        2]');
    assert.equal(blankJsonc('[1] /* open'), '[1]        ');
    assert.equal(blankJsonc('[1] /**/'), '[1]     ');
  });

  it('ends a string that is never closed at its line break, so the next line is still read', () => {
    assert.equal(blankJsonc('"open\n// note'), '"open\n       ');
  });

  it('counts lines and 1-based columns from line breaks, the break itself ending its line', () => {
    assert.deepEqual(lineColumn('abc', 0), { line: 1, column: 1 });
    assert.deepEqual(lineColumn('abc', 2), { line: 1, column: 3 });
    assert.deepEqual(lineColumn('ab\ncd', 2), { line: 1, column: 3 });
    assert.deepEqual(lineColumn('ab\ncd', 3), { line: 2, column: 1 });
    assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
    assert.deepEqual(lineColumn('\nx', 1), { line: 2, column: 1 });
    assert.deepEqual(lineColumn('a\n\n\nb', 4), { line: 4, column: 1 });
  });

  it('parses JSONC to its value and the blanked text, or says where and why it is not', () => {
    const text = '{"a": 1, // one\n}';
    assert.deepEqual(parseJsonc(text), { value: { a: 1 }, blanked: `{"a": 1${' '.repeat(8)}\n}` });
    assert.deepEqual(parseJsonc('{"a": 1 /* x */ "b": 2}'), { offset: 16, problem: 'expected "," or "}"' });
  });

  it('finds a key or an index past values of every kind: strings with brackets and quotes, nested containers', () => {
    const text =
      '{"s": "x, y]} \\"q\\"", "say \\"hi\\"": 1, "n": {"k": "}", "m": {"d": [1, {"e": 2}]}}, "a": [[1], [2, [3]], "]"], "last": true}';
    const value = (path: readonly PropertyKey[]): unknown => {
      const at = offsetOfPath(text, path);
      return JSON.parse(text.slice(at, at + 4).replace(/[,}\]].*$/, ''));
    };
    assert.equal(value(['last']), true);
    assert.equal(value(['say "hi"']), 1);
    assert.equal(text.slice(offsetOfPath(text, ['n', 'm', 'd', 1, 'e'])).slice(0, 1), '2');
    assert.equal(text.slice(offsetOfPath(text, ['a', 1, 1, 0])).slice(0, 1), '3');
    assert.equal(text.slice(offsetOfPath(text, ['a', 2])).slice(0, 3), '"]"');
  });

  it('stops at a closing bracket for a key or an index that is not there, and at a value that holds no keys', () => {
    const text = '{"a": [1, 2], "b": 5}';
    assert.equal(offsetOfPath(text, ['a', 5]), text.indexOf(']'));
    assert.equal(offsetOfPath(text, ['a', 5, 'x']), text.indexOf(']'));
    assert.equal(offsetOfPath(text, ['a', 'name']), text.indexOf(']'), 'an array has no names');
    assert.equal(offsetOfPath(text, ['missing', 'x']), text.length - 1);
    assert.equal(offsetOfPath(text, ['b', 'c']), text.indexOf('5'));
    assert.equal(offsetOfPath(' [ ] ', [0]), 3);
    assert.equal(offsetOfPath(' {"a": 1}', []), 1);
  });
});
