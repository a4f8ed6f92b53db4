import * as assert from 'node:assert/strict';
import { nextMonth, usageReport } from '../../../../src/core/ledger/usageReport';
import { type ProviderId } from '../../../../src/core/base/providerIds';
import { type TokenPrice } from '../../../../src/core/base/tokenUsage';

const tally = (provider: string, promptTokens: number, completionTokens: number, answers = 1, unreported = 0) => ({
  provider,
  promptTokens,
  completionTokens,
  answers,
  unreported,
});

describe('Show Usage report', () => {
  it('lists each provider with its tokens, budget and estimate', () => {
    const text = usageReport({
      month: '2026-11',
      providers: [tally('openai', 900_000, 150_000, 12, 2), tally('groq', 1000, 10)],
      budget: {
        monthlyTokens: new Map<ProviderId, number>([
          ['openai', 1_000_000],
          ['groq', 100_000],
        ]),
        prices: new Map<ProviderId, TokenPrice>([['openai', { promptPerMillion: 0.15, completionPerMillion: 0.6 }]]),
      },
      stack: ['openai', 'groq', 'ollama', 'builtin'],
    });
    const lines = text.split('\n');
    assert.equal(lines[0], '# Token usage in 2026-11 (UTC)');
    assert.ok(
      lines.includes(
        '| OpenAI | 900,000 | 150,000 | 1,050,000 | 1,000,000: **spent** (100% used) | ≈ 0.225 price units (estimate) |',
      ),
      text,
    );
    assert.ok(lines.includes('| Groq | 1,000 | 10 | 1,010 | 100,000: 98,990 left (1% used) | no price set |'), text);
    assert.ok(lines.includes('| Ollama | 0 | 0 | 0 | none | no price set |'), 'a stack tier not used yet');
    assert.ok(!text.includes('Built-in'), 'the built-in forecaster spends no tokens');
    assert.ok(
      lines.includes(
        '- OpenAI did not report the tokens of 2 of its 12 answers: they are not counted above or against its budget.',
      ),
    );
    assert.match(text, /no currency is assumed, and they are estimates, not a bill/);
    assert.match(text, /may be used again from 2026-12-01 00:00 UTC/);
  });

  it('says when nothing is used or configured', () => {
    const text = usageReport({
      month: '2026-12',
      providers: [],
      budget: { monthlyTokens: new Map(), prices: new Map() },
      stack: ['builtin'],
    });
    assert.match(text, /\| \(no LLM provider used or configured\) \| 0 \| 0 \| 0 \| none \| no price set \|/);
    assert.match(text, /from 2027-01-01 00:00 UTC/);
  });

  it('turns the year after December', () => {
    assert.equal(nextMonth('2026-12'), '2027-01');
    assert.equal(nextMonth('2026-09'), '2026-10');
  });
});
