import { type AuditEntry } from './lockState';
import { providerLabel } from '../base/providerIds';

const label = (id: AuditEntry['from']): string => (id === null ? '—' : providerLabel(id));

/** The audit trail as a Markdown document, newest first, for people to read. */
export function auditToMarkdown(entries: readonly AuditEntry[], dropped: number): string {
  const lines = ['# Bottleneck Forecast: provider lock audit trail', ''];
  if (entries.length === 0) {
    lines.push('No changes recorded yet.');
  } else {
    lines.push(
      `${entries.length} entries, newest first${dropped ? ` (${dropped} older entries were dropped to respect \`bottleneck.auditTrailLimit\`)` : ''}.`,
      '',
    );
    lines.push('| Time (UTC) | Action | From | To | Who | Reason |', '|---|---|---|---|---|---|');
    for (const e of [...entries].reverse()) {
      lines.push(
        // Stryker disable next-line Regex: stored times are ISO 8601 in UTC, so they always end in Z and the anchor changes nothing
        `| ${e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} | ${e.action} | ${label(e.from)} | ${label(e.to)} | ${e.who} | ${e.reason.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
