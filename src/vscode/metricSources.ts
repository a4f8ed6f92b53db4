import * as vscode from 'vscode';
import { type ForecastSource } from '../core/pipeline/runForecast';
import { DataError } from '../core/base/dataError';
import { MAX_CSV_BYTES, MAX_JSON_BYTES } from '../core/data/limits';
import { formatBytes } from '../core/format';
import { MAX_PLAN_BYTES, isPlanName } from '../core/sources/loadPlan';

/** How a source is named in ForecastData, events and the panel: a local path, or the URI itself. */
export function sourceName(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/** The URI back from a name (the panel's Retry, a setting): a URI with a scheme, else a local path. */
export function sourceUri(name: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(name) && !/^[a-z]:[\\/]/i.test(name)
    ? vscode.Uri.parse(name, true)
    : vscode.Uri.file(name);
}

/**
 * A metrics source as the editor has it. An open document (untitled ones included) gives
 * its text. A file of another scheme (a remote or virtual workspace) is read through the
 * workspace file system, after its size is checked against the format's cap. A local file
 * is named only: the core reads it with its bounded reader, which refuses devices and
 * pipes before reading (the workspace file system cannot tell them apart).
 */
export async function readSource(uri: vscode.Uri): Promise<ForecastSource> {
  const name = sourceName(uri);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const format = isPlanName(uri.path)
    ? 'plan'
    : open?.languageId === 'json' || /\.json$/i.test(uri.path)
      ? 'json'
      : 'csv';
  if (open) return { name, text: open.getText(), format };
  if (uri.scheme === 'file') return { name, format };
  const cap = format === 'plan' ? MAX_PLAN_BYTES : format === 'json' ? MAX_JSON_BYTES : MAX_CSV_BYTES;
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (err) {
    const code = err instanceof vscode.FileSystemError ? err.code : 'error';
    throw new DataError(name, (l10n) => l10n.t('cannot be read ({0})', code));
  }
  if (stat.type & vscode.FileType.Directory)
    throw new DataError(name, (l10n) => l10n.t('is a directory, not a metrics file'));
  // checked before reading; the core holds the text it is given to the same cap
  if (stat.size > cap)
    throw new DataError(name, (l10n) =>
      format === 'plan'
        ? l10n.t('is larger than the {0} a capacity plan may have', formatBytes(cap))
        : l10n.t('is larger than the {0} a {1} metrics file may have', formatBytes(cap), format.toUpperCase()),
    );
  const bytes = await vscode.workspace.fs.readFile(uri);
  return { name, text: new TextDecoder('utf-8').decode(bytes), format };
}
