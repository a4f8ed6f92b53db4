import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FrameLocator, type Page } from 'playwright-core';
import { type TestEnv, REPO_ROOT, ensureTestEnv } from '../harness/testEnv';
import { VsCodeServer } from '../harness/vscodeServer';
import { copyWorkspace, launchBrowser } from '../harness/browser';

export const ARTIFACTS = path.join(REPO_ROOT, 'test-results');

export interface WorkbenchOptions {
  /** Run the extensions installed in this folder, with no extension under development. The caller owns the folder. */
  readonly extensionsDir?: string;
  /** The folder to open (the caller owns it); default: a fresh copy of the fixture workspace. */
  readonly workspace?: string;
  /** The server log's name in test-results/; default `e2e-server.log`. */
  readonly serverLog?: string;
  /** The workbench as a user gets it: notification toasts shown, the welcome page not skipped (see VsCodeServer). */
  readonly asUser?: boolean;
  /** The display language the server runs in (default English); see VsCodeServer's `locale`. */
  readonly locale?: string;
}

/** The little of a page's canvas the pixel checks use (the tests compile without the DOM types). */
interface PageCanvas {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

/** A real VS Code workbench in Chromium with this extension loaded on a fresh workspace copy. */
export class Workbench {
  /** Every console message of the workbench and its frames (webviews included). */
  readonly console: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly cleanup: () => Promise<void>,
  ) {
    page.on('console', (m) => this.console.push(`[${m.type()}] ${m.text()}`));
  }

  /**
   * Opens the workbench. By default this repository is the extension under development and
   * the folder is a fresh copy of the fixture workspace; `options` can run the extensions
   * installed in a folder instead (no development path at all) and open another folder.
   */
  static async open(env: TestEnv = ensureTestEnv(), options: WorkbenchOptions = {}): Promise<Workbench> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const workspace = options.workspace ?? copyWorkspace(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'));
    const server = await VsCodeServer.start(env, {
      logFile: path.join(ARTIFACTS, options.serverLog ?? 'e2e-server.log'),
      ...(options.extensionsDir ? { extensionsDir: options.extensionsDir } : {}),
      ...(options.asUser ? { asUser: true } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
    });
    const browser = await launchBrowser(env);
    const page = await browser.context.newPage();
    await page.goto(server.url(workspace, options.extensionsDir ? {} : { extensionDevelopmentPath: REPO_ROOT }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return new Workbench(page, async () => {
      await browser.close();
      await server.stop();
      if (!options.workspace) fs.rmSync(workspace, { recursive: true, force: true });
    });
  }

  /** The status bar entry of this extension. */
  providerStatus() {
    return this.page
      .locator(
        '.statusbar-item[id="bottleneck-forecast.bottleneck-forecast.bottleneck.providerLock"], .statusbar-item[id$="bottleneck.providerLock"]',
      )
      .first();
  }

  /**
   * Runs a command the way a person does: F1, type its title, Enter on the row.
   * If the palette does not open (focus inside a webview), or closes before the title is
   * typed (a webview taking focus as it is revealed), clicks the status bar and tries again.
   */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // A palette still closing from the previous command would swallow this one.
    await input.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => this.page.keyboard.press('Escape'));
    for (let attempt = 0; ; attempt++) {
      await this.page.keyboard.press('F1');
      const typed = await input
        .waitFor({ timeout: 5_000 })
        .then(() => input.fill(`>${title}`, { timeout: 5_000 }))
        .then(
          () => true,
          () => false,
        );
      if (typed) break;
      if (attempt === 2) throw new Error(`the command palette did not open for "${title}"`);
      await this.page.locator('.part.statusbar').click({ position: { x: 5, y: 5 } });
    }
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }

  /** Gives the editor area to the panel: side bars hidden, the panel's editor group maximized. */
  async focusOnPanel(): Promise<void> {
    await this.runCommand('Bottleneck: Show Forecast Panel');
    await this.runCommand('View: Maximize Editor Group and Hide Side Bars');
  }

  /** Opens a file with a command (its tab becomes active), then runs Bottleneck: Run Forecast on it from the palette. */
  async forecastFrom(openCommand: string, tab: string): Promise<void> {
    await this.runCommand(openCommand);
    // by the tab's resource name: the panel's tab title also names the file
    await this.page.locator(`.tab.active[data-resource-name="${tab}"]:visible`).first().waitFor({ timeout: 30_000 });
    await this.runCommand('Bottleneck: Run Forecast');
  }

  /** Picks an item in an open quick pick by its label. */
  async pick(label: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(label);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 15_000 });
    await input.press('Enter');
  }

  /** The page of the (only) visible webview: VS Code's outer frame holds the extension's page in #active-frame. */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
  }

  /**
   * Scrolls each chart of the panel into view in turn, waiting for its canvas (a chart is
   * created when it comes into view); returns how many there are.
   */
  async showEveryChart(): Promise<number> {
    const charts = this.webview().locator('.chart');
    const count = await charts.count();
    for (let i = 0; i < count; i++) {
      await charts.nth(i).scrollIntoViewIfNeeded();
      await charts.nth(i).locator('canvas').waitFor({ timeout: 15_000 });
    }
    return count;
  }

  /** For each chart canvas of the panel, every chart scrolled into view first: the fraction of its pixels that are drawn (not transparent). */
  async chartsDrawn(): Promise<number[]> {
    await this.showEveryChart();
    return this.webview()
      .locator('.chart canvas')
      .evaluateAll((canvases) =>
        (canvases as unknown as PageCanvas[]).map((c) => {
          const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let drawn = 0;
          for (let i = 3; i < data.length; i += 4) if ((data[i] as number) !== 0) drawn++;
          return c.width * c.height === 0 ? 0 : drawn / (c.width * c.height);
        }),
      );
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(ARTIFACTS, name);
    await this.page.screenshot({ path: file });
    return file;
  }

  close(): Promise<void> {
    return this.cleanup();
  }
}
