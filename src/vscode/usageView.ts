import * as vscode from 'vscode';
import { type UsageLedger } from '../core/ledger/usageLedger';
import { usageReport } from '../core/ledger/usageReport';
import { type BudgetSettings } from '../core/settings/budget';
import { type ProviderEntry } from '../core/settings/providerStack';
import { Disposable } from './lifecycle';
import { showMarkdown } from './markdownPreview';

export const USAGE_SCHEME = 'bottleneck-usage';
/** The report's address: its path is the tab's title, in the display language. */
const usageUri = (): vscode.Uri =>
  vscode.Uri.from({ scheme: USAGE_SCHEME, path: `/${vscode.l10n.t('Token Usage')}.md` });

/**
 * Show Usage: this month's tokens per provider, budgets and estimates, as a read-only
 * Markdown document (rendered where a Markdown preview is installed), current each time
 * it is shown.
 */
export class UsageView extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly usage: UsageLedger,
    private readonly budget: () => BudgetSettings,
    private readonly stack: () => readonly ProviderEntry[],
  ) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(USAGE_SCHEME, this));
  }

  provideTextDocumentContent(): string {
    return usageReport(
      {
        ...this.usage.thisMonth(),
        budget: this.budget(),
        stack: this.stack().map((e) => e.id),
      },
      vscode.l10n,
    );
  }

  /** Opens the report as it is now (a tab already open is brought up to date first). */
  async show(): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(usageUri());
    const now = this.provideTextDocumentContent();
    if (doc.getText() !== now) await this.updated(now);
    return showMarkdown(doc);
  }

  /** Tells VS Code the report changed and waits (at most 5 s) until the open document shows `text`. */
  private updated(text: string): Promise<void> {
    const uri = usageUri();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === uri.toString() && e.document.getText() === text) done();
      });
      const timer = setTimeout(done, 5000);
      this.changeEmitter.fire(uri);
    });
  }
}
