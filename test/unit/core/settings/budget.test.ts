import * as assert from 'node:assert/strict';
import { parseBudgetSettings } from '../../../../src/core/settings/budget';

const none = { monthlyTokens: undefined, promptPricePerMillion: undefined, completionPricePerMillion: undefined };

describe('bottleneck.budget settings', () => {
  it('reads budgets and prices keyed by provider id', () => {
    const b = parseBudgetSettings({
      monthlyTokens: { openai: 2_000_000, groq: 500 },
      promptPricePerMillion: { openai: 0.15 },
      completionPricePerMillion: { openai: 0.6 },
    });
    assert.deepEqual(
      [...b.monthlyTokens],
      [
        ['openai', 2_000_000],
        ['groq', 500],
      ],
    );
    assert.deepEqual(b.prices.get('openai'), { promptPerMillion: 0.15, completionPerMillion: 0.6 });
    assert.deepEqual(b.problems, []);
  });

  it('is empty with nothing set', () => {
    const b = parseBudgetSettings(none);
    assert.equal(b.monthlyTokens.size, 0);
    assert.equal(b.prices.size, 0);
    assert.deepEqual(b.problems, []);
  });

  it('skips each bad entry with a sentence naming it, and keeps the others', () => {
    const b = parseBudgetSettings({
      monthlyTokens: { openai: 1000, nope: 5, builtin: 10, groq: 0, ollama: 2.5, huggingface: '100' },
      promptPricePerMillion: { openai: -1 },
      completionPricePerMillion: { openai: 1 },
    });
    assert.deepEqual([...b.monthlyTokens.keys()], ['openai']);
    assert.deepEqual(b.problems, [
      'bottleneck.budget.monthlyTokens["nope"] was skipped: not a provider id',
      'bottleneck.budget.monthlyTokens["builtin"] was skipped: the built-in forecaster uses no tokens',
      'bottleneck.budget.monthlyTokens["groq"] was skipped: it must be a whole number of tokens from 1 to 1000000000000000',
      'bottleneck.budget.monthlyTokens["ollama"] was skipped: it must be a whole number of tokens from 1 to 1000000000000000',
      'bottleneck.budget.monthlyTokens["huggingface"] was skipped: it must be a number',
      'bottleneck.budget.promptPricePerMillion["openai"] was skipped: it must be a price per million tokens from 0 to 1000000000',
      'OpenAI has a completion price but no prompt price (bottleneck.budget.promptPricePerMillion), so no estimate is made for it',
    ]);
    assert.equal(b.prices.size, 0, 'half a price makes no estimate');
  });

  it('refuses a setting that is not an object, and reads at most 50 entries of one', () => {
    const b = parseBudgetSettings({ ...none, monthlyTokens: [1, 2] });
    assert.deepEqual(b.problems, ['bottleneck.budget.monthlyTokens must be an object of provider id → number']);
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`p${i}`, 1]));
    const big = parseBudgetSettings({ ...none, promptPricePerMillion: many });
    assert.equal(big.problems.length, 51, 'one for the cut, one per entry read');
    assert.match(big.problems[0] ?? '', /has 5000 entries; only the first 50 were read/);
  });
});

describe('bottleneck.budget: the bounds of each entry, on both sides', () => {
  it('takes a budget from 1 to 10^15 tokens', () => {
    const b = parseBudgetSettings({
      ...none,
      monthlyTokens: { openai: 1, groq: 1e15, ollama: 0, huggingface: 1e15 + 2 },
    });
    assert.deepEqual(
      [...b.monthlyTokens],
      [
        ['openai', 1],
        ['groq', 1e15],
      ],
    );
    assert.deepEqual(b.problems, [
      'bottleneck.budget.monthlyTokens["ollama"] was skipped: it must be a whole number of tokens from 1 to 1000000000000000',
      'bottleneck.budget.monthlyTokens["huggingface"] was skipped: it must be a whole number of tokens from 1 to 1000000000000000',
    ]);
  });

  it('takes a price from 0 to 10^9 per million, on each side, and refuses one beyond or not finite', () => {
    const b = parseBudgetSettings({
      ...none,
      promptPricePerMillion: { openai: 0, groq: 1e9, ollama: 1e9 + 1, huggingface: Number.POSITIVE_INFINITY },
      completionPricePerMillion: { openai: 1e9, groq: 0, ollama: 1, huggingface: 1 },
    });
    assert.deepEqual(
      [...b.prices],
      [
        ['openai', { promptPerMillion: 0, completionPerMillion: 1e9 }],
        ['groq', { promptPerMillion: 1e9, completionPerMillion: 0 }],
      ],
    );
    assert.deepEqual(b.problems, [
      'bottleneck.budget.promptPricePerMillion["ollama"] was skipped: it must be a price per million tokens from 0 to 1000000000',
      'bottleneck.budget.promptPricePerMillion["huggingface"] was skipped: it must be a number',
      'Ollama has a completion price but no prompt price (bottleneck.budget.promptPricePerMillion), so no estimate is made for it',
      'Hugging Face has a completion price but no prompt price (bottleneck.budget.promptPricePerMillion), so no estimate is made for it',
    ]);
  });

  it('says which half of a price is missing', () => {
    const b = parseBudgetSettings({ ...none, promptPricePerMillion: { groq: 0.5 } });
    assert.deepEqual(b.problems, [
      'Groq has a prompt price but no completion price (bottleneck.budget.completionPricePerMillion), so no estimate is made for it',
    ]);
    assert.equal(b.prices.size, 0);
  });

  it('names each setting when it is not an object, and reads null as not set', () => {
    const b = parseBudgetSettings({ monthlyTokens: null, promptPricePerMillion: 5, completionPricePerMillion: 'x' });
    assert.deepEqual(b.problems, [
      'bottleneck.budget.promptPricePerMillion must be an object of provider id → number',
      'bottleneck.budget.completionPricePerMillion must be an object of provider id → number',
    ]);
  });

  it('reads exactly 50 entries without a problem, and names an entry by its first 60 characters', () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, 1]));
    const b = parseBudgetSettings({ ...none, monthlyTokens: fifty });
    assert.equal(b.problems.length, 50, 'one per entry, none for the count');
    assert.ok(b.problems.every((p) => p.endsWith('was skipped: not a provider id')));
    const long = parseBudgetSettings({ ...none, monthlyTokens: { ['k'.repeat(80)]: 1 } });
    assert.deepEqual(long.problems, [
      `bottleneck.budget.monthlyTokens["${'k'.repeat(60)}"] was skipped: not a provider id`,
    ]);
  });
});
