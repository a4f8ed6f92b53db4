import * as assert from 'node:assert/strict';
import { lenientJson } from '../../../../src/core/normalize/lenientJson';

/** What lenientJson makes of JSON as models write it, character for character. */
describe('lenient JSON made strict', () => {
  const cases: [string, string, string][] = [
    ['strict JSON', '{"a": [1, 2.5e3, "x"]}', '{"a": [1, 2.5e3, "x"]}'],
    ['double-quoted strings as they are', `{"u": "http://x/*y*/", "s": "it's"}`, `{"u": "http://x/*y*/", "s": "it's"}`],
    ['escaped quotes in a string', '{"a": "say \\"hi\\" // no"}', '{"a": "say \\"hi\\" // no"}'],
    ['single quotes', "{'a': 'b'}", '{"a": "b"}'],
    ['an escaped single quote', "{'a': 'it\\'s'}", '{"a": "it\'s"}'],
    ['a double quote in single quotes', `{'a': 'say "hi"'}`, '{"a": "say \\"hi\\""}'],
    ['other escapes in single quotes', "['a\\nb', 'c\\\\']", '["a\\nb", "c\\\\"]'],
    ['a single quote in double quotes', `["it's", 'x']`, `["it's", "x"]`],
    ['a line comment, keeping its line break', '[1, // one\n 2]', '[1, \n 2]'],
    ['a line comment at the end', '[1] // end', '[1] '],
    ['a line comment right after a line break', '[1,\n// c\n2]', '[1,\n\n2]'],
    ['a block comment', '[1, /* x */ 2]', '[1,  2]'],
    ['a block comment never closed', '[1, /* x', '[1, '],
    ['a block comment whose star is its opening one', '[1, /*/ 2 */ 3]', '[1,  3]'],
    ["a \\' in double quotes, left as written", `["it\\'s"]`, `["it\\'s"]`],
    ['a slash that starts no comment', '[1/2]', '[1/2]'],
    ['trailing commas', '{"a": [1, 2, ],\n}', '{"a": [1, 2 ]\n}'],
    ['NaN, infinities and undefined', '[NaN, -Infinity, Infinity, undefined]', '[null, null, null, null]'],
    [
      'those words inside keys, strings and other words',
      '{"NaN": "Infinity", "x": NaNa}',
      '{"NaN": "Infinity", "x": NaNa}',
    ],
    ['those words after a dot or a letter', '[1.NaN, aInfinity]', '[1.NaN, aInfinity]'],
  ];
  for (const [what, input, output] of cases)
    it(what, () => {
      assert.equal(lenientJson(input), output);
    });
});
