import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../support/paths';

const root = REPO_ROOT;

async function lint(code: string, file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('layering (lint rule)', function () {
  this.timeout(60_000);

  it('fails when src/core imports vscode at run time', async () => {
    const messages = await lint(
      "import * as vscode from 'vscode';\nexport const x = vscode.version;\n",
      'src/core/example.ts',
    );
    assert.ok(
      messages.some((m) => m.includes('src/core must not import vscode')),
      messages.join('\n'),
    );
  });

  it('fails when src/core imports the editor adapters', async () => {
    const messages = await lint(
      "import { activate } from '../vscode/extension';\nexport const a = activate;\n",
      'src/core/example.ts',
    );
    assert.ok(
      messages.some((m) => m.includes('must not import the editor adapters')),
      messages.join('\n'),
    );
  });

  it('allows type-only vscode imports in src/core and runtime imports in src/vscode', async () => {
    assert.deepEqual(
      await lint("import type * as vscode from 'vscode';\nexport type U = vscode.Uri;\n", 'src/core/example.ts'),
      [],
    );
    assert.deepEqual(
      await lint("import * as vscode from 'vscode';\nexport const v = vscode.version;\n", 'src/vscode/example.ts'),
      [],
    );
  });

  it('fails when a core folder imports a higher floor (data → health, base → providers, a root file → lock, a method → providers)', async () => {
    const cases: [string, string][] = [
      [
        "import { HealthMonitor } from '../health/healthMonitor';\nexport const h = HealthMonitor;\n",
        'src/core/data/example.ts',
      ],
      [
        "import { ProviderClient } from '../providers/providerClient';\nexport const p = ProviderClient;\n",
        'src/core/base/example.ts',
      ],
      ["import { ProviderLock } from './lock/providerLock';\nexport const l = ProviderLock;\n", 'src/core/example.ts'],
      [
        "import { buildPrompt } from '../../providers/prompt';\nexport const b = buildPrompt;\n",
        'src/core/forecast/methods/example.ts',
      ],
    ];
    for (const [code, file] of cases) {
      const messages = await lint(code, file);
      assert.ok(
        messages.some((m) => m.includes('may import only its own floor and those below it')),
        `${file}: ${messages.join('\n')}`,
      );
      assert.ok(
        messages.every((m) => !m.includes('vscode')),
        'the editor rule is unaffected',
      );
    }
  });

  it('allows a core folder its own floor and those below, and keeps the editor rule on every floor', async () => {
    assert.deepEqual(
      await lint(
        "import { DataError } from '../base/dataError';\nimport { formatValue } from '../format';\nexport const d = [DataError, formatValue];\n",
        'src/core/data/example.ts',
      ),
      [],
    );
    assert.deepEqual(
      await lint(
        "import { normalize } from '../normalize/normalize';\nexport const n = normalize;\n",
        'src/core/providers/example.ts',
      ),
      [],
    );
    const messages = await lint(
      "import * as vscode from 'vscode';\nexport const v = vscode.version;\n",
      'src/core/health/example.ts',
    );
    assert.ok(
      messages.some((m) => m.includes('src/core must not import vscode')),
      messages.join('\n'),
    );
  });

  it('fails when the panel page (or a core module it bundles) imports Node, vscode or host code', async () => {
    const cases: [string, string, string][] = [
      ["import * as fs from 'node:fs';\nexport const f = fs;\n", 'src/webview/example.ts', 'runs in a browser'],
      [
        "import * as vscode from 'vscode';\nexport const v = vscode;\n",
        'src/webview/example.ts',
        'cannot use the editor API',
      ],
      [
        "import { activate } from '../vscode/extension';\nexport const a = activate;\n",
        'src/webview/example.ts',
        'cannot import extension-host code',
      ],
      [
        "import * as path from 'node:path';\nexport const p = path;\n",
        'src/core/panel/panelMessages.ts',
        'runs in a browser',
      ],
    ];
    for (const [code, file, expected] of cases) {
      const messages = await lint(code, file);
      assert.ok(
        messages.some((m) => m.includes(expected)),
        `${file}: ${messages.join('\n')}`,
      );
    }
  });

  it('allows the page its core imports', async () => {
    assert.deepEqual(
      await lint(
        "import { formatValue } from '../core/format';\nexport const f = formatValue;\n",
        'src/webview/example.ts',
      ),
      [],
    );
  });

  it('fails when a provider client is made anywhere but connectProvider, and allows it there', async () => {
    const code =
      "import { ProviderClient } from './providerClient';\nexport const make = (o: never) => new ProviderClient(o);\n";
    const elsewhere = await lint(code, 'src/core/providers/example.ts');
    assert.ok(
      elsewhere.some((m) => m.includes('Make provider clients with connectProvider')),
      elsewhere.join('\n'),
    );
    const there = await lint(code, 'src/core/providers/connectProvider.ts');
    assert.ok(!there.some((m) => m.includes('connectProvider')), there.join('\n'));
  });
});
