import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type BottleneckApi } from '../../src/vscode/api';

export const EXTENSION_ID = 'bottleneck-forecast.bottleneck-forecast';

export async function getApi(): Promise<BottleneckApi> {
  const extension = vscode.extensions.getExtension<BottleneckApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** Waits for a condition that the extension reaches asynchronously (no fixed sleeps). */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${await logTail()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The extension's log file as written so far ('' when there is none yet). */
export async function extensionLog(): Promise<string> {
  const api = await getApi();
  const logUri = api.testing?.logUri;
  if (!logUri) return '';
  const files = await vscode.workspace.fs.readDirectory(logUri);
  const log = files.find(([name]) => name.endsWith('.log'));
  if (!log) return '';
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(logUri, log[0])));
}

/** The end of the extension's log, to say what happened when a wait times out. */
async function logTail(lines = 15): Promise<string> {
  try {
    const text = await extensionLog();
    if (!text) return '';
    return `\n  the extension's log ends:\n    ${text.trimEnd().split('\n').slice(-lines).join('\n    ')}`;
  } catch {
    return '';
  }
}
