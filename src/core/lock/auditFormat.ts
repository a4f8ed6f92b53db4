import { type AuditEntry } from './lockState';
import { providerLabel } from '../base/providerIds';
import { type L10n, english } from '../l10n';

const label = (id: AuditEntry['from']): string => (id === null ? '—' : providerLabel(id));

/** What an entry did, as a person reads it. */
function actionInWords(action: AuditEntry['action'], l10n: L10n): string {
  switch (action) {
    case 'acquire':
      return l10n.t('acquire');
    case 'release':
      return l10n.t('release');
    case 'switch':
      return l10n.t('switch');
    case 'failover':
      return l10n.t('failover');
    case 'failback':
      return l10n.t('failback');
    case 'reset':
      return l10n.t('reset');
  }
}

/** Who made a change, as a person reads it. */
function actorInWords(who: AuditEntry['who'], l10n: L10n): string {
  switch (who) {
    case 'user':
      return l10n.t('user');
    case 'monitor':
      return l10n.t('monitor');
    case 'startup':
      return l10n.t('startup');
    case 'cli':
      return l10n.t('cli');
  }
}

/**
 * The audit trail as a Markdown document, newest first, for people to read, in the language
 * `l10n` speaks (English unless the editor passes its own). A reason is shown as recorded.
 */
export function auditToMarkdown(entries: readonly AuditEntry[], dropped: number, l10n: L10n = english): string {
  const lines = [`# ${l10n.t('Bottleneck Forecast: provider lock audit trail')}`, ''];
  if (entries.length === 0) {
    lines.push(l10n.t('No changes recorded yet.'));
  } else {
    lines.push(
      dropped
        ? l10n.t(
            '{0} entries, newest first ({1} older entries were dropped to respect `bottleneck.auditTrailLimit`).',
            entries.length,
            dropped,
          )
        : l10n.t('{0} entries, newest first.', entries.length),
      '',
    );
    const header = [
      l10n.t('Time (UTC)'),
      l10n.t('Action'),
      l10n.t('From'),
      l10n.t('To'),
      l10n.t('Who'),
      l10n.t('Reason'),
    ];
    lines.push(`| ${header.join(' | ')} |`, '|---|---|---|---|---|---|');
    for (const e of [...entries].reverse()) {
      lines.push(
        // Stryker disable next-line Regex: stored times are ISO 8601 in UTC, so they always end in Z and the anchor changes nothing
        `| ${e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} | ${actionInWords(e.action, l10n)} | ${label(e.from)} | ${label(e.to)} | ${actorInWords(e.who, l10n)} | ${e.reason.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
