import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractJsonBlocks, extractJsonBlocksByScan } from '../../../../src/core/normalize/extractJson';

/**
 * extractJsonBlocks parses the common answer (JSON alone, or one fenced block in prose
 * without brackets) without scanning it first; on every text it must give what the scan
 * gives: the same blocks, values, positions and prose, or the same error.
 */
describe('extractJsonBlocks: the one-block shortcut gives what the scan gives', () => {
  const same = (text: string): void =>
    assert.deepEqual(extractJsonBlocks(text), extractJsonBlocksByScan(text), JSON.stringify(text));
  const prose = fc.string({ maxLength: 20 });
  const bit = fc.constantFrom(
    '```',
    '```json\n',
    '\n```',
    '{',
    '}',
    '[',
    ']',
    '"',
    '\\',
    ' ',
    '\n',
    'a',
    ',',
    ':',
    '//',
  );

  it('on JSON alone, fenced, with prose, and deeply nested', () => {
    fc.assert(
      fc.property(fc.json(), prose, prose, fc.nat(3), (json, before, after, shape) => {
        const texts = [
          json,
          ` \n${json}\t`,
          `\`\`\`json\n${json}\n\`\`\``,
          `${before}\n\`\`\`json\n${json}\n\`\`\`\n${after}`,
          `${before}${json}${after}`,
          `\`\`\`\n${json}\n\`\`\` and \`\`\`\n${json}\n\`\`\``,
        ];
        same(texts[shape] as string);
        same(texts[(shape + 2) % texts.length] as string);
      }),
      { numRuns: 3_000 },
    );
  });

  it('on random texts made of fences, brackets, quotes and prose', () => {
    fc.assert(
      fc.property(fc.array(bit, { maxLength: 30 }), (parts) => same(parts.join(''))),
      { numRuns: 5_000 },
    );
  });

  it('at the depth limit and one beyond it', () => {
    for (const depth of [63, 64, 65, 200]) {
      same('['.repeat(depth) + ']'.repeat(depth));
      same('```json\n' + '{"a":'.repeat(depth - 1) + '1' + '}'.repeat(depth - 1) + '\n```');
    }
  });
});
