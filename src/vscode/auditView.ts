import * as vscode from 'vscode';
import { type ProviderLock } from '../core/lock/providerLock';
import { auditToMarkdown } from '../core/lock/auditFormat';
import { Disposable } from './lifecycle';
import { showMarkdown } from './markdownPreview';

export const AUDIT_SCHEME = 'bottleneck-audit';
/** The trail's address: its path is the tab's title, in the display language. */
const auditUri = (): vscode.Uri =>
  vscode.Uri.from({ scheme: AUDIT_SCHEME, path: `/${vscode.l10n.t('Provider Lock Audit Trail')}.md` });

/** A read-only Markdown document of the audit trail, newest first, kept current, shown rendered. */
export class AuditView extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly lock: ProviderLock) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(AUDIT_SCHEME, this));
    this._register({ dispose: lock.onDidChange(() => this.changeEmitter.fire(auditUri())).dispose });
  }

  provideTextDocumentContent(): string {
    return auditToMarkdown(this.lock.audit, this.lock.droppedAuditEntries, vscode.l10n);
  }

  /**
   * Opens the trail rendered (the Markdown preview of the read-only document, titled
   * "Preview Provider Lock Audit Trail.md"), or as the document itself where no Markdown
   * preview is installed.
   */
  async show(): Promise<vscode.TextDocument> {
    return showMarkdown(await vscode.workspace.openTextDocument(auditUri()));
  }

  /** Saves the trail as JSON Lines to `target`, or where the user picks. */
  async export(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export Provider Lock Audit Trail'),
        filters: { [vscode.l10n.t('JSON Lines')]: ['jsonl'] },
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'bottleneck-audit.jsonl') } : {}),
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(this.lock.exportJsonLines()));
    return uri;
  }
}
