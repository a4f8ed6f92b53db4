import * as assert from 'node:assert/strict';
import { hasControlCharacter, quoteText } from '../../../../src/core/data/quoteText';

describe('quoteText and hasControlCharacter', () => {
  it('quotes text of up to 60 characters whole, longer text cut at 60 with an ellipsis', () => {
    assert.equal(quoteText('cpu'), '"cpu"');
    assert.equal(quoteText('a'.repeat(60)), `"${'a'.repeat(60)}"`);
    assert.equal(quoteText('a'.repeat(61)), `"${'a'.repeat(60)}…"`);
  });

  it('escapes quotes and control characters', () => {
    assert.equal(quoteText('say "hi"'), '"say \\"hi\\""');
    assert.equal(quoteText('a\r\nb\u0000'), '"a\\r\\nb\\u0000"');
  });

  it('finds C0, DEL and C1 control characters, nothing else', () => {
    for (const c of ['\u0000', '\t', '\n', '\u001f', '\u007f', '\u0080', '\u009f'])
      assert.equal(hasControlCharacter(`a${c}b`), true, JSON.stringify(c));
    for (const text of ['', 'plain text', ' ', '~', '\u00a0', 'é', '€'])
      assert.equal(hasControlCharacter(text), false, JSON.stringify(text));
  });
});
