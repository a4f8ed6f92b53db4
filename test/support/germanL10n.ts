import * as fs from 'node:fs';
import * as path from 'node:path';
import { type L10n, fillPlaceholders } from '../../src/core/l10n';
import { REPO_ROOT } from './paths';

/**
 * The translator the editor gives the core under `de`: the shipped German bundle
 * (l10n/bundle.l10n.de.json), English for a message it lacks, as vscode.l10n does.
 */
export function germanL10n(): L10n {
  const de = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<
    string,
    string
  >;
  return {
    t: (message, ...args) => fillPlaceholders(Object.hasOwn(de, message) ? (de[message] ?? '') : message, args),
  };
}
