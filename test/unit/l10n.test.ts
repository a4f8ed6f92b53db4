import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from '../support/paths';
import { BUNDLE, bundleText, extractBundle } from '../../scripts/l10nBundle';

/** Calls whose string arguments a person reads. */
const SHOWN_BY_CALL = new Set([
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'setStatusBarMessage',
  'withProgress',
]);
/** Properties and assignments a person reads: quick picks, input boxes, status bar items, tree items, dialogs. */
const SHOWN_FIELDS = new Set([
  'title',
  'placeHolder',
  'placeholder',
  'prompt',
  'label',
  'detail',
  'description',
  'tooltip',
  'text',
  'name',
  'validationMessage',
]);
/** Constructors whose first argument a person reads. */
const SHOWN_BY_NEW = new Set(['TreeItem', 'MarkdownString']);

/**
 * Words in a literal: its text outside `${…}` and codicons (`$(lock)`) has a run of two
 * lower-case letters. "CSV" and "$(add) " need no translation; "Add provider…" does.
 */
function hasWords(node: ts.Node): boolean {
  const parts = ts.isStringLiteralLike(node)
    ? [node.text]
    : ts.isTemplateExpression(node)
      ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
      : [];
  return parts.some((p) => /[a-z]{2}/.test(p.replace(/\$\([\w-]+\)/g, '')));
}

const isLiteral = (node: ts.Node): boolean =>
  ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node);

/** The results a function gives back: its expression body, its returns, and both sides of a `?:` in them. */
function results(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isParenthesizedExpression(n)) return visit(n.expression);
    if (ts.isConditionalExpression(n)) return [n.whenTrue, n.whenFalse].forEach(visit);
    out.push(n);
  };
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && !ts.isBlock(node.body)) visit(node.body);
  else
    node.forEachChild(function walk(c): void {
      if (ts.isReturnStatement(c) && c.expression) visit(c.expression);
      else if (!ts.isFunctionLike(c)) c.forEachChild(walk);
    });
  return out;
}

/** Calls that give back their receiver's text rearranged: `[…].filter(Boolean).join('\n')` shows the array's texts. */
const PASS_THROUGH = new Set(['join', 'filter', 'concat', 'slice', 'trim', 'toUpperCase', 'toLowerCase']);

/** Operators whose right side is (part of) the value: `a + 'text'`, `a ?? 'text'`, `a || 'text'`, `a && 'text'`. */
const JOINS = new Set([
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
]);

/** A line of a report that heads it or its table: a Markdown heading ("# Token usage") or a table header ("| provider |"). */
const HEADING = /^(#{1,6} |\|\s*[^\s|-])/;

/**
 * Every place in `text` where a literal with words reaches what a person reads without
 * `l10n.t` (`vscode.l10n.t` or the core's translator): the value shown, followed through
 * `?:`, `+`, template parts, arrays joined, and constants of the same file; and every
 * report heading or table header written as a bare literal.
 */
export function untranslated(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (c: ts.Node, why: string): void => {
    const { line } = source.getLineAndCharacterOfPosition(c.getStart());
    found.push(`${file}:${line + 1}: ${why}: ${c.getText().slice(0, 60)}`);
  };
  const name = (n: ts.Node): string | undefined =>
    ts.isIdentifier(n) || ts.isStringLiteral(n) ? n.text : ts.isPropertyAccessExpression(n) ? n.name.text : undefined;
  const constants = new Map<string, ts.Expression>();
  source.forEachChild(function find(n): void {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer)
      constants.set(n.name.text, n.initializer);
    n.forEachChild(find);
  });
  const isTranslation = (n: ts.Node): boolean => ts.isCallExpression(n) && name(n.expression) === 't';
  /** The literals with words that `node`, as a value shown, is made of. */
  const report = (node: ts.Node, why: string, followed = new Set<string>()): void => {
    if (ts.isParenthesizedExpression(node)) return report(node.expression, why, followed);
    if (ts.isConditionalExpression(node)) {
      report(node.whenTrue, why, followed);
      return report(node.whenFalse, why, followed);
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (
        op === ts.SyntaxKind.PlusToken ||
        op === ts.SyntaxKind.QuestionQuestionToken ||
        op === ts.SyntaxKind.BarBarToken
      )
        report(node.left, why, followed);
      if (JOINS.has(op)) report(node.right, why, followed);
      return;
    }
    if (isLiteral(node)) {
      if (hasWords(node)) at(node, why);
      // a part inside a codicon, `$(${icon})`, names the icon
      if (ts.isTemplateExpression(node))
        node.templateSpans.forEach((s, i) => {
          const before = i === 0 ? node.head.text : (node.templateSpans[i - 1]?.literal.text ?? '');
          if (!before.endsWith('$(')) report(s.expression, why, followed);
        });
      return;
    }
    if (ts.isArrayLiteralExpression(node)) {
      for (const e of node.elements) report(ts.isSpreadElement(e) ? e.expression : e, why, followed);
      return;
    }
    if (ts.isCallExpression(node) && !isTranslation(node) && ts.isPropertyAccessExpression(node.expression)) {
      if (PASS_THROUGH.has(node.expression.name.text)) report(node.expression.expression, why, followed);
      return;
    }
    if (ts.isIdentifier(node) && !followed.has(node.text)) {
      const value = constants.get(node.text);
      if (value) report(value, why, new Set([...followed, node.text]));
    }
  };
  const visit = (node: ts.Node): void => {
    // what a translation call is given is its message and its arguments, said by it
    if (isTranslation(node)) return;
    if (isLiteral(node) && hasWords(node)) {
      const head = ts.isTemplateExpression(node) ? node.head.text : (node as ts.StringLiteralLike).text;
      if (HEADING.test(head)) at(node, 'report heading');
    }
    if (ts.isCallExpression(node)) {
      const callee = name(node.expression);
      if (callee && SHOWN_BY_CALL.has(callee)) for (const a of node.arguments) report(a, callee);
    } else if (ts.isShorthandPropertyAssignment(node) && SHOWN_FIELDS.has(node.name.text)) {
      report(node.name, node.name.text);
    } else if (ts.isNewExpression(node)) {
      const callee = name(node.expression);
      const first = node.arguments?.[0];
      if (callee && SHOWN_BY_NEW.has(callee) && first) report(first, `new ${callee}`);
    } else if (ts.isPropertyAssignment(node)) {
      const key = name(node.name);
      if (key && SHOWN_FIELDS.has(key)) report(node.initializer, key);
      if (key === 'validateInput') for (const r of results(node.initializer)) report(r, 'validateInput');
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const key = ts.isPropertyAccessExpression(node.left) ? node.left.name.text : undefined;
      if (key && SHOWN_FIELDS.has(key)) report(node.right, `.${key} =`);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

const sources = (dir: string): { file: string; text: string }[] =>
  (fs.readdirSync(path.join(REPO_ROOT, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: path.join(dir, f), text: fs.readFileSync(path.join(REPO_ROOT, dir, f), 'utf8') }));

const read = (name: string): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, name), 'utf8')) as Record<string, string>;
const placeholders = (text: string): string[] => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();

describe('Runtime localization (vscode.l10n)', function () {
  this.timeout(60_000);

  it('finds a literal shown to a person in each position it watches', () => {
    const bad = [
      "vscode.window.showErrorMessage('Something broke', 'Show Logs');",
      'vscode.window.showWarningMessage(`Bottleneck: ${x} failed`);',
      "pick.placeholder = 'Choose a provider';",
      'item.tooltip = `${n} series ranked`;',
      "vscode.window.showQuickPick(items, { title: 'Bottleneck: Pick', placeHolder: ok ? 'yes please' : l10n });",
      "vscode.window.showInputBox({ validateInput: (v) => (v ? undefined : 'Cannot be empty.') });",
      "const i = new vscode.TreeItem('Open the file');",
      // a tree node's fields built in pieces, and report headings
      "const notes = [a ? 'recovered' : '', b ? l10n.t('snoozed') : ''];",
      "const node = { label, description: [timeToBreach(row), ...notes].join(' · '), tooltip: `${n}: ${k} series` };",
      "const tip = cond ? `${s}: not forecast` : [s, `Status: ${x}`].filter(Boolean).join('\\n');",
      'return { tooltip: tip };',
      "const lines = ['# Token usage', '', '| provider | total |', `| ${l10n.t('provider')} |`];",
      "lines.push(`## ${month} report`, `# ${l10n.t('Audit trail')}`);",
    ].join('\n');
    assert.deepEqual(
      untranslated('bad.ts', bad).map((f) => f.replace(/: .*/, '')),
      [1, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 10, 12, 12, 13].map((line) => `bad.ts:${line}`),
      untranslated('bad.ts', bad).join('\n'),
    );
    const good = [
      "vscode.window.showErrorMessage(vscode.l10n.t('Something broke: {0}', why), vscode.l10n.t('Show Logs'));",
      "pick.placeholder = vscode.l10n.t('Choose a provider');",
      'item.text = `$(lock) ${label}`;',
      "item.text = `$(${bad ? 'error' : 'warning'}) ${l10n.t('{0} critical', n)}`;",
      "vscode.window.showQuickPick([{ label: 'CSV', description: vscode.l10n.t('the points') }]);",
      "vscode.window.showInputBox({ validateInput: (v) => isId(`custom:${v}`) ? undefined : vscode.l10n.t('Bad.') });",
    ].join('\n');
    assert.deepEqual(untranslated('good.ts', good), []);
  });

  it('passes every string src/vscode shows through vscode.l10n.t', () => {
    const found = sources('src/vscode').flatMap(({ file, text }) => untranslated(file, text));
    assert.deepEqual(found, [], 'literals shown without vscode.l10n.t');
  });

  it('passes every string the core writes for the editor through the translator it is given', () => {
    // the core's views and reports that take a translator: the Capacity view's tree, the
    // threshold notification, Show Usage, the audit trail, the forecast report
    const translating = sources('src/core').filter(({ text }) => /from '\.\.?\/(\.\.\/)*l10n';/.test(text));
    const names = translating.map((s) => path.basename(s.file));
    for (const f of ['capacityTree.ts', 'thresholdWatch.ts', 'usageReport.ts', 'auditFormat.ts', 'formatReport.ts'])
      assert.ok(names.includes(f), `${f} takes the translator`);
    const found = translating.flatMap(({ file, text }) => untranslated(file, text));
    assert.deepEqual(found, [], 'literals shown without l10n.t');
  });

  it('keeps l10n/bundle.l10n.json in step with the sources (npm run l10n writes it)', async () => {
    const bundle = await extractBundle(REPO_ROOT);
    assert.ok(Object.keys(bundle).length > 200, `${Object.keys(bundle).length} strings found`);
    for (const key of ['Switch Provider', '{0} reaches {1} in {2}', 'No forecast yet', 'Held by {0}.'])
      assert.ok(key in bundle, `"${key}" is found (src/vscode, the core's headline, the page's words, a pure view)`);
    assert.equal(fs.readFileSync(path.join(REPO_ROOT, BUNDLE), 'utf8'), bundleText(bundle), 'run npm run l10n');
  });

  it('ships a German bundle with every entry, translated, with the same placeholders', () => {
    const en = read(BUNDLE);
    const de = read('l10n/bundle.l10n.de.json');
    assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
    const kept = ['Bottleneck Forecast', 'JSON Lines', 'Logs', 'Export', 'Status', 'Status: {0}', 'Tokens', 'in {0}'];
    for (const [key, text] of Object.entries(en)) {
      const translated = de[key] ?? '';
      assert.ok(translated.trim() !== '', `"${key}" is translated`);
      assert.deepEqual(placeholders(translated), placeholders(text), `"${key}" keeps its placeholders`);
      if (!/^[{}\d:\s().,ms]*$/.test(key) && !/^Bottleneck Forecast: \{0\}\.?$/.test(key) && !kept.includes(key))
        assert.notEqual(translated, text, `"${key}" is German`);
    }
  });

  it('names the bundles in the manifest and puts them in the package', () => {
    assert.equal((read('package.json') as { l10n?: unknown }).l10n, './l10n');
    const ignore = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!l10n\/bundle\.l10n\.json$/m);
    assert.match(ignore, /^!l10n\/bundle\.l10n\.\*\.json$/m);
  });
});
