import * as assert from 'node:assert/strict';
import { auditToMarkdown } from '../../../../src/core/lock/auditFormat';
import { type AuditEntry } from '../../../../src/core/lock/lockState';
import { germanL10n } from '../../../support/germanL10n';

describe('auditToMarkdown', () => {
  const entry = (reason: string, time: string): AuditEntry => ({
    time,
    action: 'switch',
    from: 'builtin',
    to: 'groq',
    who: 'user',
    reason,
    generation: 1,
  });

  it('lists entries newest first with provider names', () => {
    const md = auditToMarkdown(
      [entry('alpha-reason', '2026-01-01T00:00:00.000Z'), entry('beta-reason', '2026-01-02T00:00:00.000Z')],
      0,
    );
    assert.ok(md.indexOf('beta-reason') < md.indexOf('alpha-reason'));
    assert.match(md, /\| switch \| Built-in \| Groq \| user \|/);
  });

  it('says how many entries were dropped', () => {
    assert.match(auditToMarkdown([entry('x', '2026-01-01T00:00:00.000Z')], 12), /12 older entries were dropped/);
  });

  it('escapes pipes in reasons so the table stays intact', () => {
    assert.match(auditToMarkdown([entry('a|b', '2026-01-01T00:00:00.000Z')], 0), /a\\\|b/);
  });

  it('writes the whole document: title, count, table, one row per entry, a dash for no provider', () => {
    const entries: AuditEntry[] = [
      { ...entry('first run', '2026-01-01T08:00:00.000Z'), action: 'acquire', from: null, who: 'startup' },
      { ...entry('two\nlines', '2026-01-02T09:30:15.250Z'), action: 'release', from: 'groq', to: null },
    ];
    assert.equal(
      auditToMarkdown(entries, 0),
      [
        '# Bottleneck Forecast: provider lock audit trail',
        '',
        '2 entries, newest first.',
        '',
        '| Time (UTC) | Action | From | To | Who | Reason |',
        '|---|---|---|---|---|---|',
        '| 2026-01-02 09:30:15Z | release | Groq | — | user | two lines |',
        '| 2026-01-01 08:00:00Z | acquire | — | Groq | startup | first run |',
        '',
      ].join('\n'),
    );
  });

  it('an empty trail says no changes were recorded', () => {
    assert.equal(
      auditToMarkdown([], 0),
      '# Bottleneck Forecast: provider lock audit trail\n\nNo changes recorded yet.\n',
    );
  });

  it('names the setting that dropped the older entries', () => {
    assert.match(
      auditToMarkdown([entry('x', '2026-01-01T00:00:00.000Z')], 12),
      /^1 entries, newest first \(12 older entries were dropped to respect `bottleneck.auditTrailLimit`\)\.$/m,
    );
  });

  it('keeps a time without fractional seconds as it is', () => {
    assert.match(auditToMarkdown([entry('x', '2026-01-01T00:00:00Z')], 0), /\| 2026-01-01 00:00:00Z \|/);
  });

  it('is written in the language of the translator it is given; a reason stays as recorded', () => {
    const de = germanL10n();
    const md = auditToMarkdown(
      [
        { ...entry('first run', '2026-01-01T08:00:00.000Z'), action: 'acquire', from: null, who: 'startup' },
        { ...entry('by hand', '2026-01-02T08:00:00.000Z'), who: 'cli' },
      ],
      3,
      de,
    ).split('\n');
    assert.equal(md[0], '# Bottleneck Forecast: Prüfprotokoll der Anbietersperre');
    assert.equal(
      md[2],
      '2 Einträge, neueste zuerst (3 ältere Einträge wurden verworfen, um `bottleneck.auditTrailLimit` einzuhalten).',
    );
    assert.equal(md[4], '| Zeit (UTC) | Aktion | Von | Nach | Wer | Grund |');
    assert.equal(md[6], '| 2026-01-02 08:00:00Z | Wechsel | Built-in | Groq | CLI | by hand |');
    assert.equal(md[7], '| 2026-01-01 08:00:00Z | Übernahme | — | Groq | Start | first run |');
    assert.match(auditToMarkdown([], 0, de), /^Noch keine Änderungen aufgezeichnet\.$/m);
  });
});
