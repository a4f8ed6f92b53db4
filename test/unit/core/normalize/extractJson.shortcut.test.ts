import * as assert from 'node:assert/strict';
import { extractJsonBlocksByScan, singleBlock } from '../../../../src/core/normalize/extractJson';
import { MAX_JSON_DEPTH } from '../../../../src/core/normalize/answerLimits';

/**
 * Which answers take the one-block shortcut (parsed without a scan) and which are left to
 * the scan. The property test holds the two to the same result; this pins the shortcut's
 * reach, so that most answers keep skipping the character-by-character scan.
 */
describe('extractJsonBlocks: the answers the one-block shortcut takes', () => {
  const takes = (text: string): void => {
    const fast = singleBlock(text);
    assert.notEqual(fast, undefined, `the shortcut should take ${JSON.stringify(text)}`);
    assert.deepEqual(fast, extractJsonBlocksByScan(text), JSON.stringify(text));
  };
  const leaves = (text: string): void =>
    assert.equal(singleBlock(text), undefined, `the shortcut should leave ${JSON.stringify(text)} to the scan`);

  it('JSON alone, an object or an array, with any JSON white space around it', () => {
    takes('{"cpu": [1, 2]}');
    takes('[1, 2]');
    takes(' \n\r\t{"cpu": [1, 2]}\t\r\n ');
    assert.deepEqual(singleBlock('\t [1]\r\n'), { blocks: [{ value: [1], start: 2, end: 5 }], prose: '' });
  });

  it('one fenced block, with prose around it that holds no bracket', () => {
    takes('```json\n{"cpu": [1, 2]}\n```');
    takes('Here is the forecast:\n```json\n{"cpu": [1, 2]}\n```\nIt rises.');
    takes('```\n[1, 2]\n```');
    const text = 'So:\n```json\n  [1]  \n```\nok';
    assert.deepEqual(singleBlock(text), {
      blocks: [{ value: [1], start: 14, end: 17 }],
      prose: 'So:\n \n     \n \nok',
    });
  });

  it('nested up to the depth limit, with nulls and scalars inside', () => {
    takes('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH));
    takes('{"a":'.repeat(MAX_JSON_DEPTH - 1) + '{}' + '}'.repeat(MAX_JSON_DEPTH - 1));
    takes('[null, 1, "x", true, {"a": null, "b": [null]}]');
  });

  it('leaves to the scan: other white space, text that is not one block, or prose with brackets', () => {
    leaves('\f{"a": 1}');
    leaves('\v[1]');
    leaves('{"a": 1}\u00a0');
    leaves('   ');
    leaves('');
    leaves('{"a": 1] ');
    leaves('[1}');
    leaves('{"a": 1} and more');
    leaves('see {"a": 1}');
    leaves('{"a": 1} {"b": 2}x');
    leaves('see [1]:\n```json\n{"a": 1}\n```');
    leaves('```json\n{"a": 1}\n```\n(or {"a": 2})');
    leaves('```json\n{"a": 1}\n```\n}');
  });

  it('leaves to the scan: fences that are not one complete block', () => {
    leaves('```{"a": 1}```');
    leaves('```json\n{"a": 1}');
    leaves('```json\n{"a": 1}\n``` and ```json\n{"a": 2}\n```');
    leaves('```json\n{"a": 1}\n``````');
  });

  it('leaves to the scan: what JSON.parse refuses, and JSON nested beyond the limit', () => {
    leaves("{'a': 1}");
    leaves('{"a": 1,}');
    leaves('[NaN]');
    leaves('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1));
    leaves('{"a":'.repeat(MAX_JSON_DEPTH) + '{}' + '}'.repeat(MAX_JSON_DEPTH));
    leaves('[' + '{"a":'.repeat(MAX_JSON_DEPTH - 1) + '[]' + '}'.repeat(MAX_JSON_DEPTH - 1) + ']');
  });

  it('finds the deep branch after shallow siblings, in arrays and in objects', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    const atLimit = '['.repeat(MAX_JSON_DEPTH - 1) + ']'.repeat(MAX_JSON_DEPTH - 1);
    leaves(`[1, null, {"a": [2]}, "x", ${deep}]`);
    leaves(`{"a": 1, "b": null, "c": {"d": [2]}, "e": ${deep}, "f": 3}`);
    takes(`[1, null, {"a": [2]}, "x", ${atLimit}]`);
    takes(`{"a": 1, "b": null, "c": {"d": [2]}, "e": ${atLimit}, "f": 3}`);
  });
});
