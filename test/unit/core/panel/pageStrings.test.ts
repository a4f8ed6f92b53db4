import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { riskLevelSchema } from '../../../../src/core/base/forecastSchema';
import { type FleetStatus } from '../../../../src/core/fleet/fleetRow';
import { formatDuration } from '../../../../src/core/format';
import { type L10n, english } from '../../../../src/core/l10n';
import { pageStrings } from '../../../../src/core/panel/pageStrings';
import { MAX_PAGE_STRINGS } from '../../../../src/core/panel/panelVocabulary';
import { germanL10n } from '../../../support/germanL10n';
import { REPO_ROOT } from '../../../support/paths';

const WEBVIEW = path.join(REPO_ROOT, 'src', 'webview');

/** The page's source files, parsed. */
function pageSources(): ts.SourceFile[] {
  return (fs.readdirSync(WEBVIEW, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ts.createSourceFile(f, fs.readFileSync(path.join(WEBVIEW, f), 'utf8'), ts.ScriptTarget.Latest, true));
}

/** The messages the page names as literals: `t('…')`. */
function literalWords(sources: readonly ts.SourceFile[]): Set<string> {
  const used = new Set<string>();
  for (const source of sources)
    source.forEachChild(function walk(n): void {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 't') {
        const first = n.arguments[0];
        if (first && ts.isStringLiteralLike(first)) used.add(first.text);
      }
      n.forEachChild(walk);
    });
  return used;
}

/** The buttons' words, which the page says with `t(ACTION_LABELS[action])`. */
function actionLabels(sources: readonly ts.SourceFile[]): string[] {
  const labels: string[] = [];
  for (const source of sources)
    source.forEachChild(function walk(n): void {
      if (
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        n.name.text === 'ACTION_LABELS' &&
        n.initializer &&
        ts.isObjectLiteralExpression(n.initializer)
      )
        for (const p of n.initializer.properties)
          if (ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer)) labels.push(p.initializer.text);
      n.forEachChild(walk);
    });
  return labels;
}

/** The messages formatDuration asks its translator for, over durations that take each of its forms. */
function durationWords(): string[] {
  const asked: string[] = [];
  const recording: L10n = { t: (message, ...args) => (asked.push(message), english.t(message, ...args)) };
  const MIN = 60_000;
  for (const ms of [5 * MIN, 2 * 60 * MIN, 125 * MIN, 2 * 1440 * MIN, 2 * 1440 * MIN + 180 * MIN])
    formatDuration(ms, recording);
  return asked;
}

/** A fleet row's statuses, which the page says with `t(status)` (a Record so a new status must be added here). */
const FLEET_STATUSES: Record<FleetStatus, null> = { ok: null, warning: null, critical: null };

describe('The words the host sends the panel page (pageStrings)', () => {
  let used: Set<string>;
  let labels: string[];
  let durations: string[];
  let byValue: string[];
  let sent: Record<string, string>;
  before(() => {
    const sources = pageSources();
    used = literalWords(sources);
    labels = actionLabels(sources);
    durations = durationWords();
    byValue = [...labels, ...riskLevelSchema.options, ...Object.keys(FLEET_STATUSES), ...durations];
    sent = pageStrings(english);
  });

  it("sends every word the page's own t('…') calls name", () => {
    assert.ok(used.size > 50, `${used.size} words used`);
    assert.deepEqual(
      [...used].filter((w) => !Object.hasOwn(sent, w)),
      [],
      'words the page uses that pageStrings does not send',
    );
  });

  it('sends the words the page translates by value: button labels, risk levels, fleet statuses, durations', () => {
    assert.deepEqual(labels, [
      'Try Again',
      'Forecast the Sample Data',
      'Forecast a Metrics File…',
      'Switch Provider',
      'Set API Key',
      'Show Logs',
      'Open Settings',
    ]);
    assert.deepEqual(durations, ['{0} min', '{0} h', '{0} h {1} min', '{0} d', '{0} d {1} h']);
    assert.deepEqual(
      byValue.filter((w) => !Object.hasOwn(sent, w)),
      [],
      'words the page says by value that pageStrings does not send',
    );
  });

  it('sends nothing the page does not say, within what the page accepts', () => {
    const said = new Set([...used, ...byValue]);
    assert.deepEqual(
      Object.keys(sent).filter((w) => !said.has(w)),
      [],
    );
    assert.ok(Object.keys(sent).length <= MAX_PAGE_STRINGS);
  });

  it('in English, each word is itself, placeholders kept for the page to fill', () => {
    for (const [key, value] of Object.entries(sent)) assert.equal(value, key);
    assert.equal(sent['Forecasting {0} with {1}…'], 'Forecasting {0} with {1}…');
  });

  it('under the German bundle, each word is its shipped translation, placeholders kept', () => {
    const de = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<
      string,
      string
    >;
    const german = pageStrings(germanL10n());
    assert.deepEqual(Object.keys(german), Object.keys(sent), 'the same English keys, in the same order');
    const missing = Object.keys(sent).filter((w) => !Object.hasOwn(de, w));
    assert.deepEqual(missing, [], 'page words without a German translation');
    for (const [key, value] of Object.entries(german)) assert.equal(value, de[key], key);
    assert.notEqual(german['Run Again'], 'Run Again');
    assert.match(german['Forecasting {0} with {1}…'] ?? '', /\{0\}.*\{1\}/);
  });
});
