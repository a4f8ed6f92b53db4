import * as assert from 'node:assert/strict';
import { auditToMarkdown } from '../../../../src/core/lock/auditFormat';
import { type AuditEntry } from '../../../../src/core/lock/lockState';

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
});
