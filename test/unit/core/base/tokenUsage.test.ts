import * as assert from 'node:assert/strict';
import {
  MAX_TOKENS_PER_ANSWER,
  estimateCost,
  formatEstimate,
  readUsage,
  usageLine,
} from '../../../../src/core/base/tokenUsage';

describe('token usage from a completion', () => {
  it('reads prompt and completion tokens as the provider reports them', () => {
    assert.deepEqual(readUsage({ prompt_tokens: 1234, completion_tokens: 56, total_tokens: 1290 }), {
      promptTokens: 1234,
      completionTokens: 56,
    });
    assert.deepEqual(readUsage({ prompt_tokens: 0, completion_tokens: 0 }), { promptTokens: 0, completionTokens: 0 });
  });

  it('is unknown (null), not zero, when the provider does not report it', () => {
    assert.equal(readUsage(undefined), null);
    assert.equal(readUsage(null), null);
    assert.equal(readUsage({}), null);
    assert.equal(readUsage({ total_tokens: 100 }), null, 'a total alone does not say what was prompt and what answer');
    assert.equal(readUsage({ prompt_tokens: 10 }), null, 'half a report is no report');
  });

  it('refuses what is not a count: negative, fractional, text, non-finite, or beyond any context window', () => {
    for (const bad of [-1, 1.5, '12', Number.NaN, Number.POSITIVE_INFINITY, MAX_TOKENS_PER_ANSWER + 1, 1e300, true])
      assert.equal(readUsage({ prompt_tokens: bad, completion_tokens: 5 }), null, String(bad));
    assert.equal(readUsage('1234'), null);
    assert.equal(readUsage([1, 2]), null);
    assert.deepEqual(readUsage({ prompt_tokens: MAX_TOKENS_PER_ANSWER, completion_tokens: 1 }), {
      promptTokens: MAX_TOKENS_PER_ANSWER,
      completionTokens: 1,
    });
  });
});

describe('estimates', () => {
  it('prices prompt and completion tokens per million, each at its own price', () => {
    const price = { promptPerMillion: 0.15, completionPerMillion: 0.6 };
    assert.equal(estimateCost({ promptTokens: 2_000_000, completionTokens: 500_000 }, price), 0.6);
    assert.equal(estimateCost({ promptTokens: 0, completionTokens: 1_000_000 }, price), 0.6);
  });

  it('says it is an estimate and names no currency', () => {
    assert.equal(formatEstimate(0.6), '≈ 0.6 price units (estimate)');
    assert.equal(formatEstimate(0.000123456), '≈ 0.0001235 price units (estimate)');
    assert.equal(formatEstimate(0), '≈ 0 price units (estimate)');
    assert.equal(formatEstimate(123456.78), '≈ 123,457 price units (estimate)');
    assert.equal(formatEstimate(1000), '≈ 1,000 price units (estimate)', 'from 1,000 on, grouped');
    assert.equal(formatEstimate(999.94), '≈ 999.9 price units (estimate)');
    assert.doesNotMatch(formatEstimate(5), /[$€£¥]|USD|EUR/);
  });

  it('writes a forecast line with the tokens, and the estimate only when a price is set', () => {
    const usage = { promptTokens: 1234, completionTokens: 56 };
    assert.equal(usageLine(usage), '1,234 prompt + 56 completion tokens');
    assert.equal(
      usageLine(usage, { promptPerMillion: 1000, completionPerMillion: 2000 }),
      '1,234 prompt + 56 completion tokens, ≈ 1.346 price units (estimate)',
    );
    assert.equal(
      usageLine(null, { promptPerMillion: 1, completionPerMillion: 1 }),
      'tokens not reported by the provider',
    );
  });
});
