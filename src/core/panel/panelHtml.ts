export interface PanelHtmlInput {
  /** `webview.cspSource`: the origin the webview serves the extension's files from. */
  readonly cspSource: string;
  /** A fresh nonce per render, from `crypto`. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/**
 * The panel's page: a shell the script fills in. The policy allows nothing by default;
 * the one script runs by its nonce, styles and images come from the extension's own
 * files (images also as `data:` for the PNG export), and nothing may be fetched.
 */
export function renderPanelHtml({ cspSource, nonce, scriptUri, styleUri }: PanelHtmlInput): string {
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(styleUri)}">
<title>Bottleneck Forecast</title>
</head>
<body>
<main id="app"><p class="muted">Loading the forecast panel…</p></main>
<div id="announce" class="sr-only" role="status" aria-live="polite"></div>
<script nonce="${nonce}" src="${escapeAttr(scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
