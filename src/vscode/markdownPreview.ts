import * as vscode from 'vscode';

/**
 * Opens a read-only document as Markdown, rendered (the Markdown preview of the document)
 * or, where no Markdown preview is installed, as the document itself.
 */
export async function showMarkdown(doc: vscode.TextDocument): Promise<vscode.TextDocument> {
  const markdown =
    doc.languageId === 'markdown' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  // the built-in Markdown extension registers its command when it activates, on this very call
  const rendered = await vscode.commands.executeCommand('markdown.showPreview', markdown.uri).then(
    () => true,
    () => false,
  );
  if (!rendered) await vscode.window.showTextDocument(markdown, { preview: true });
  return markdown;
}
