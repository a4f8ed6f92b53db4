import * as assert from 'node:assert/strict';
import { nextMonth, usageReport } from '../../../../src/core/ledger/usageReport';
import { type ProviderId, providerLabel } from '../../../../src/core/base/providerIds';
import { type TokenPrice } from '../../../../src/core/base/tokenUsage';
import { germanL10n } from '../../../support/germanL10n';

const tally = (provider: string, promptTokens: number, completionTokens: number, answers = 1, unreported = 0) => ({
  provider,
  promptTokens,
  completionTokens,
  answers,
  unreported,
});

/** A month of two providers: one near its budget with a price set, one well under its budget without a price. */
const NOVEMBER = {
  month: '2026-11',
  providers: [tally('openai', 900_000, 150_000, 12, 2), tally('groq', 1000, 10)],
  budget: {
    monthlyTokens: new Map<ProviderId, number>([
      ['openai', 1_000_000],
      ['groq', 100_000],
    ]),
    prices: new Map<ProviderId, TokenPrice>([['openai', { promptPerMillion: 0.15, completionPerMillion: 0.6 }]]),
  },
};

describe('Show Usage report', () => {
  it('lists each provider with its tokens, budget and estimate', () => {
    const text = usageReport({ ...NOVEMBER, stack: ['openai', 'groq', 'ollama', 'builtin'] });
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

  it('is written in the language of the translator it is given: heading, columns, budgets, estimates, notes', () => {
    const lines = usageReport({ ...NOVEMBER, stack: ['openai', 'groq', 'ollama'] }, germanL10n()).split('\n');
    assert.equal(lines[0], '# Tokenverbrauch im Monat 2026-11 (UTC)');
    assert.equal(lines[2], '| Anbieter | Prompt-Tokens | Antwort-Tokens | gesamt | Monatsbudget | Schätzung |');
    assert.ok(
      lines.includes(
        '| OpenAI | 900,000 | 150,000 | 1,050,000 | 1,000,000: **aufgebraucht** (100 % verbraucht) | ≈ 0.225 Preiseinheiten (Schätzung) |',
      ),
    );
    assert.ok(
      lines.includes('| Groq | 1,000 | 10 | 1,010 | 100,000: 98,990 übrig (1 % verbraucht) | kein Preis festgelegt |'),
    );
    assert.ok(lines.includes('| Ollama | 0 | 0 | 0 | keines | kein Preis festgelegt |'));
    assert.ok(lines.some((l) => l.startsWith('- OpenAI hat die Tokens von 2 seiner 12 Antworten nicht gemeldet')));
    assert.ok(lines.some((l) => l.endsWith('ab 2026-12-01 00:00 UTC wieder verwendet werden.')));
  });

  it('turns the year after December', () => {
    assert.equal(nextMonth('2026-12'), '2027-01');
    assert.equal(nextMonth('2026-09'), '2026-10');
  });
});

describe('Show Usage report: budgets, names and notes', () => {
  const report = (
    providers: ReturnType<typeof tally>[],
    monthlyTokens: [ProviderId, number][],
    stack: ProviderId[] = [],
    prices: [ProviderId, TokenPrice][] = [],
  ): string[] =>
    usageReport({
      month: '2026-11',
      providers,
      budget: { monthlyTokens: new Map(monthlyTokens), prices: new Map(prices) },
      stack,
    }).split('\n');
  const row = (lines: string[], label: string): string | undefined => lines.find((l) => l.startsWith(`| ${label} |`));

  it('a budget used to its last token is spent; one token short leaves one', () => {
    assert.equal(
      row(report([tally('openai', 600, 400)], [['openai', 1000]]), 'OpenAI'),
      '| OpenAI | 600 | 400 | 1,000 | 1,000: **spent** (100% used) | no price set |',
    );
    assert.equal(
      row(report([tally('openai', 600, 399)], [['openai', 1000]]), 'OpenAI'),
      '| OpenAI | 600 | 399 | 999 | 1,000: 1 left (99% used) | no price set |',
    );
  });

  it('rounds the share used down and stops it at 100%', () => {
    assert.match(
      row(report([tally('groq', 1999, 0)], [['groq', 1000]]), 'Groq') ?? '',
      /1,000: \*\*spent\*\* \(100% used\)/,
    );
    assert.match(row(report([tally('groq', 3, 0)], [['groq', 1000]]), 'Groq') ?? '', /1,000: 997 left \(0% used\)/);
  });

  it('lists a provider with a budget but no use yet, once even when it is also in the stack', () => {
    const lines = report([], [['groq', 5000]], ['groq']);
    assert.deepEqual(
      lines.filter((l) => l.startsWith('| Groq |')),
      ['| Groq | 0 | 0 | 0 | 5,000: 5,000 left (0% used) | no price set |'],
    );
    assert.equal(row(lines, '(no LLM provider used or configured)'), undefined);
  });

  it('shows a stored provider it no longer knows under its id, without budget or price', () => {
    const lines = report([tally('retired-provider', 10, 5)], []);
    assert.equal(row(lines, 'retired-provider'), '| retired-provider | 10 | 5 | 15 | none | no price set |');
  });

  it('names a custom provider and prices it', () => {
    const lines = report(
      [tally('custom:mine', 2_000_000, 0)],
      [],
      [],
      [['custom:mine', { promptPerMillion: 1.5, completionPerMillion: 0 }]],
    );
    assert.equal(
      row(lines, providerLabel('custom:mine')),
      `| ${providerLabel('custom:mine')} | 2,000,000 | 0 | 2,000,000 | none | ≈ 3 price units (estimate) |`,
    );
  });

  it('notes unreported answers only for providers that had some', () => {
    const lines = report([tally('openai', 1, 1, 3, 0), tally('groq', 1, 1, 5, 1)], []);
    assert.deepEqual(
      lines.filter((l) => l.includes('did not report')),
      ['- Groq did not report the tokens of 1 of its 5 answers: they are not counted above or against its budget.'],
    );
  });

  it('is a heading, a table, the notes and a final empty line', () => {
    const lines = report([tally('openai', 1, 1)], []);
    assert.deepEqual(lines.slice(0, 5), [
      '# Token usage in 2026-11 (UTC)',
      '',
      '| provider | prompt tokens | completion tokens | total | monthly budget | estimate |',
      '|---|--:|--:|--:|---|---|',
      '| OpenAI | 1 | 1 | 2 | none | no price set |',
    ]);
    assert.equal(lines[5], '');
    assert.equal(
      lines[6],
      '- Estimates use the prices set now (`bottleneck.budget.promptPricePerMillion` and `bottleneck.budget.completionPricePerMillion`, per million tokens). They are in the unit of your prices: no currency is assumed, and they are estimates, not a bill.',
    );
    assert.equal(
      lines[7],
      '- Budgets (`bottleneck.budget.monthlyTokens`) count prompt and completion tokens together. When one is spent, the lock moves to the built-in forecaster; the provider may be used again from 2026-12-01 00:00 UTC.',
    );
    assert.equal(lines[8], '');
    assert.equal(lines.length, 9);
  });

  it('the month after each month of the year', () => {
    assert.deepEqual(
      Array.from({ length: 12 }, (_, i) => nextMonth(`2026-${String(i + 1).padStart(2, '0')}`)),
      [
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
        '2026-12',
        '2027-01',
      ],
    );
  });
});
