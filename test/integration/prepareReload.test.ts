import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getApi } from './util';

describe('Before the window reload', () => {
  it('a person chooses Groq (checked again after the reload)', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'groq');
    assert.equal(api.getLock().holder, 'groq');
    assert.equal(api.getAuditTrail().length, 5);
  });
});
