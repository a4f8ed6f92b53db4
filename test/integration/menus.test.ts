import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { getApi, waitFor } from './util';

/** Run Forecast's title-bar button follows `bottleneck.activeFileIsForecastable`: metrics files, not any JSON. */
describe('Run Forecast is offered for metrics files only (the active editor context key)', function () {
  this.timeout(60_000);
  const folder = (): string => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  // a folder of its own: a document stays open in the extension host a while after its editor
  // closes, and a later test that writes a file of the same path must not read this one's text
  const own = (): string => path.join(folder(), 'menus');
  const write = (name: string, text: string): vscode.Uri => {
    fs.mkdirSync(own(), { recursive: true });
    const file = path.join(own(), name);
    fs.writeFileSync(file, text);
    return vscode.Uri.file(file);
  };
  const open = async (uri: vscode.Uri): Promise<vscode.TextEditor> =>
    vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.One });
  const expectKey = async (value: boolean, what: string): Promise<void> => {
    const api = await getApi();
    await waitFor(
      `the context key to be ${value} for ${what}`,
      () => api.testing?.activeFileIsForecastable() === value,
    );
  };

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(own(), { recursive: true, force: true });
  });

  it('is set for a CSV file and cleared for package.json and tsconfig.json', async () => {
    await open(vscode.Uri.file(path.join(folder(), 'metrics.csv')));
    await expectKey(true, 'metrics.csv');
    await open(write('package.json', JSON.stringify({ name: 'x', version: '1.0.0', scripts: { metrics: 'x' } })));
    await expectKey(false, 'package.json');
    await open(vscode.Uri.file(path.join(folder(), 'metrics.csv')));
    await expectKey(true, 'metrics.csv again');
    await open(write('tsconfig.json', '{ "compilerOptions": { "strict": true } }'));
    await expectKey(false, 'tsconfig.json');
  });

  it('is set for a JSON metrics file, even a large one, and for a capacity plan', async () => {
    const points = Array.from({ length: 150_000 }, (_, i) => [1767225600 + i * 60, 40 + (i % 7)]);
    const big = write('big-metrics.json', JSON.stringify({ metrics: [{ name: 'cpu', points }] }));
    assert.ok(fs.statSync(big.fsPath).size > 2_000_000, 'a file of some megabytes');
    await open(big);
    await expectKey(true, 'big-metrics.json');
    await open(write('package.json', '{ "name": "x" }'));
    await expectKey(false, 'package.json');
    await open(write('fleet.plan.json', '// a plan\n{ "sources": [] }'));
    await expectKey(true, 'fleet.plan.json');
  });

  it('follows edits: a JSON document that becomes a metrics file gets it, and loses it again', async () => {
    const editor = await open(write('draft.json', '{ "name": "x" }'));
    await expectKey(false, 'draft.json as written');
    const whole = (): vscode.Range => new vscode.Range(0, 0, editor.document.lineCount, 0);
    await editor.edit((e) => e.replace(whole(), '{ "metrics": [ { "name": "cpu", "points": [[1, 2]] } ] }'));
    await expectKey(true, 'draft.json edited into metrics');
    await editor.edit((e) => e.replace(whole(), '{ "dependencies": {} }'));
    await expectKey(false, 'draft.json edited back');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('is cleared when no text editor is active', async () => {
    await open(vscode.Uri.file(path.join(folder(), 'metrics.csv')));
    await expectKey(true, 'metrics.csv');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await expectKey(false, 'no editor');
  });
});
