import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

/**
 * The extension's runtime strings, found by @vscode/l10n-dev in the sources: every
 * `vscode.l10n.t('…')` of src/vscode and every `l10n.t('…')` of the code that takes the
 * editor's `vscode.l10n` as an argument (src/core's headline, the panel's sentences and the
 * page's words, the pure views of src/vscode). l10n-dev looks for those calls only in a file
 * that imports `vscode`, which the core must not do at run time, so each file is handed to it
 * with that import written in front.
 *
 * `npm run l10n` writes l10n/bundle.l10n.json; a unit test fails when it is out of date.
 */
export const L10N_SOURCES = ['src/vscode', 'src/core'];
export const BUNDLE = path.join('l10n', 'bundle.l10n.json');

export async function extractBundle(root: string): Promise<Record<string, string>> {
  const files = L10N_SOURCES.flatMap((dir) =>
    (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(root, dir, f)),
  ).sort();
  const contents = files
    .map((f) => fs.readFileSync(f, 'utf8'))
    .filter((text) => text.includes('l10n.t('))
    .map((text) => ({ extension: '.ts', contents: `import * as vscode from 'vscode';\n${text}` }));
  const found = await getL10nJson(contents);
  const bundle: Record<string, string> = {};
  for (const key of Object.keys(found).sort()) {
    const value = found[key];
    bundle[key] = typeof value === 'string' ? value : (value?.message ?? key);
  }
  return bundle;
}

/** The bundle as written to disk: sorted keys, two-space JSON, a final newline. */
export function bundleText(bundle: Record<string, string>): string {
  return JSON.stringify(bundle, null, 2) + '\n';
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  void extractBundle(root).then((bundle) => {
    fs.mkdirSync(path.join(root, 'l10n'), { recursive: true });
    fs.writeFileSync(path.join(root, BUNDLE), bundleText(bundle));
    console.log(`${BUNDLE}: ${Object.keys(bundle).length} strings`);
  });
}
