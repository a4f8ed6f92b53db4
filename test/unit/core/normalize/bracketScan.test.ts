import * as assert from 'node:assert/strict';
import { scanBrackets } from '../../../../src/core/normalize/bracketScan';

const spans = (text: string, keep = 8) => scanBrackets(text, keep).blocks.map((b) => [b.start, b.end, b.depth]);

describe('scanBrackets: outermost blocks, their depth, and what is left open', () => {
  it('nesting deeper than its stacks start with (64), and depth counted inside siblings', () => {
    for (const depth of [64, 65, 100, 200])
      assert.deepEqual(spans('['.repeat(depth) + ']'.repeat(depth)), [[0, 2 * depth, depth]], `depth ${depth}`);
    const deep = '{"a":'.repeat(70) + '1' + '}'.repeat(70);
    assert.deepEqual(spans(`[${deep}, [], ${deep}]`), [[0, 2 * deep.length + 8, 71]]);
    assert.deepEqual(spans('[[1], [[2]], []]'), [[0, 16, 3]]);
    assert.deepEqual(spans('[[[1]], [2]]'), [[0, 12, 3]]);
  });

  it('a wrong closer drops every open bracket; the scan goes on', () => {
    const scan = scanBrackets('[1} [2] {[}] {}', 8);
    assert.deepEqual(
      scan.blocks.map((b) => [b.start, b.end]),
      [
        [4, 7],
        [13, 15],
      ],
    );
    assert.equal(scan.unbalanced, true);
    assert.equal(scan.total, 2);
    assert.equal(scanBrackets('[1] {"a": [2]}', 8).unbalanced, false);
  });

  it('strings: escaped quotes, even runs of backslashes, escaped line breaks', () => {
    assert.deepEqual(spans('["a\\"]"] x'), [[0, 8, 1]]);
    assert.deepEqual(spans('["a\\\\"] ["b"]'), [
      [0, 7, 1],
      [8, 13, 1],
    ]);
    assert.deepEqual(spans('["a\\\nb]"]'), [[0, 9, 1]]);
    const broken = scanBrackets('["a\nb"] [1]', 8);
    assert.deepEqual(
      broken.blocks.map((b) => [b.start, b.end]),
      [[8, 11]],
    );
    assert.equal(broken.unbalanced, true);
    const open = scanBrackets('[1] ["never closed', 8);
    assert.deepEqual(
      open.blocks.map((b) => [b.start, b.end]),
      [[0, 3]],
    );
    assert.equal(open.unbalanced, true);
  });

  it('comments inside brackets hide brackets; outside, a quote or a slash is prose', () => {
    assert.deepEqual(spans('[1, // ]\n2]'), [[0, 11, 1]]);
    assert.deepEqual(spans('[1, /* ] */ 2]'), [[0, 14, 1]]);
    assert.equal(scanBrackets('[1, // ]', 8).unbalanced, true);
    assert.equal(scanBrackets('[1, /* ]', 8).unbalanced, true);
    assert.deepEqual(spans('[/*/ ] */ 1]'), [[0, 12, 1]], "'/*/' does not close itself");
    assert.deepEqual(spans('[1 /* x *// 2]\n]'), [[0, 14, 1]], "the '/' that closes a comment starts no other");
    assert.deepEqual(spans('He said "x" // [1]\n[2]'), [
      [15, 18, 1],
      [19, 22, 1],
    ]);
  });

  it('keeps the largest blocks, in order, the later ones on a tie, and counts them all', () => {
    const scan = scanBrackets('[1] [22] [333] [4444] [55] [6]', 3);
    assert.deepEqual(
      scan.blocks.map((b) => b.end - b.start),
      [5, 6, 4],
    );
    assert.equal(scan.total, 6);
    assert.deepEqual(
      scanBrackets('[1] [2] [3] [4]', 3).blocks.map((b) => b.start),
      [4, 8, 12],
    );
    assert.deepEqual(
      scanBrackets('[333] [1] [22] [4444]', 1).blocks.map((b) => b.start),
      [15],
    );
    assert.deepEqual(
      scanBrackets('[4444] [1] [22] [333]', 2).blocks.map((b) => b.start),
      [0, 16],
      'the largest, wherever they are',
    );
    assert.deepEqual(
      scanBrackets('[333] [22] [22]', 2).blocks.map((b) => b.start),
      [0, 11],
      'the later of two equal blocks, even when a larger one comes before both',
    );
    assert.deepEqual(scanBrackets('no brackets', 8), { blocks: [], total: 0, unbalanced: false });
  });
});
