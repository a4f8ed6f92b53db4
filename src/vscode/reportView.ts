import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ForecastData } from '../core/base/forecastSchema';
import { formatForecastTable } from '../core/forecast/formatReport';
import { Disposable } from './lifecycle';

export const REPORT_SCHEME = 'bottleneck-report';
/** Reports kept for open tabs; an older one's tab says to run the forecast again. */
const KEPT = 20;

/**
 * Show Report: the text report of a forecast as a read-only document titled after its
 * source ("Forecast Report: service-metrics.csv"), never an untitled buffer that asks to
 * be saved. Each forecast has its own URI (its creation time in the query), so a tab keeps
 * the report it was opened with.
 */
export class ReportView extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.reports.get(uri.toString()) ??
      vscode.l10n.t('This report is no longer kept in this window. Run the forecast again and choose Show Report.') +
        '\n'
    );
  }

  async show(data: ForecastData): Promise<vscode.TextDocument> {
    const uri = reportUri(data);
    this.reports.delete(uri.toString());
    this.reports.set(uri.toString(), formatForecastTable(data, vscode.l10n) + '\n');
    for (const old of [...this.reports.keys()].slice(0, Math.max(0, this.reports.size - KEPT)))
      this.reports.delete(old);
    this.changeEmitter.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    // the title ends in the source's name; its extension (.csv) must not choose a language
    if (doc.languageId !== 'plaintext') doc = await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }
}

/** The report's address: its title is the path's last segment, the forecast's time the query. */
export function reportUri(data: Pick<ForecastData, 'source' | 'createdAt'>): vscode.Uri {
  const name = path.basename(data.source).replace(/[/\\]/g, '_') || 'metrics';
  return vscode.Uri.from({
    scheme: REPORT_SCHEME,
    path: `/${vscode.l10n.t('Forecast Report: {0}', name)}`,
    query: data.createdAt,
  });
}
