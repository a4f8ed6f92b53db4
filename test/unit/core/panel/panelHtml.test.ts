import * as assert from 'node:assert/strict';
import { renderPanelHtml } from '../../../../src/core/panel/panelHtml';

describe('Forecast panel HTML', () => {
  const html = renderPanelHtml({
    cspSource: 'https://x.vscode-cdn.net',
    nonce: 'abc123XYZ',
    scriptUri: 'https://x/dist/webview/panel.js',
    styleUri: 'https://x/dist/webview/panel.css',
  });

  it('allows nothing by default, scripts only by nonce, styles only from the extension', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], ["'nonce-abc123XYZ'"]);
    assert.deepEqual(directives['style-src'], ['https://x.vscode-cdn.net']);
    assert.deepEqual(directives['img-src'], ['https://x.vscode-cdn.net', 'data:']);
    assert.deepEqual(directives['font-src'], ['https://x.vscode-cdn.net']);
    assert.deepEqual(Object.keys(directives), ['default-src', 'script-src', 'style-src', 'img-src', 'font-src']);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('loads its one script with the nonce and has no inline script or handler', () => {
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123XYZ" src="https:\/\/x\/dist\/webview\/panel\.js"><\/script>/);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /style="/);
  });

  it('writes the script and style addresses as attribute values: &, " and < escaped, nothing breaks out', () => {
    const page = renderPanelHtml({
      cspSource: 'https://x.vscode-cdn.net',
      nonce: 'n0nce',
      scriptUri: 'https://x/panel.js?a=1&b="2"<x>',
      styleUri: 'https://x/panel.css?v=1&theme="dark"<y>',
    });
    assert.match(page, /<link rel="stylesheet" href="https:\/\/x\/panel\.css\?v=1&amp;theme=&quot;dark&quot;&lt;y>">/);
    assert.match(page, /<script nonce="n0nce" src="https:\/\/x\/panel\.js\?a=1&amp;b=&quot;2&quot;&lt;x>"><\/script>/);
    assert.equal((page.match(/<script\b/g) ?? []).length, 1);
    assert.equal((page.match(/<link\b/g) ?? []).length, 1);
  });
});
