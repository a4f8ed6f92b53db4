import * as vscode from 'vscode';
import { SNIFF_CHARS, isForecastable } from '../core/sources/forecastable';
import { CONTEXT_KEYS } from './commandIds';
import { Disposable } from './lifecycle';

/**
 * Keeps `bottleneck.activeFileIsForecastable` true while the active editor holds a CSV file,
 * a capacity plan, or a JSON metrics file (or Prometheus answer), so Run Forecast shows on
 * those title bars and not on package.json's. Only the first SNIFF_CHARS characters of a
 * document are read, on each switch of editor and each edit of the active document.
 */
export class ForecastableContext extends Disposable {
  private value: boolean | undefined;

  constructor() {
    super();
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.update();
      }),
    );
    // a change of language reopens the document
    this._register(
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (d === vscode.window.activeTextEditor?.document) this.update();
      }),
    );
    this.update();
  }

  /** The value last given to the context key. */
  get current(): boolean {
    return this.value === true;
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const value =
      document !== undefined &&
      isForecastable(
        document.uri.path,
        document.languageId,
        document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(SNIFF_CHARS))),
      );
    if (value === this.value) return;
    this.value = value;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.activeFileIsForecastable, value);
  }
}
