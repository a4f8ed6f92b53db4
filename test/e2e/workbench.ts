import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Page } from 'playwright-core';
import { type TestEnv, REPO_ROOT, ensureTestEnv } from '../harness/testEnv';
import { VsCodeServer } from '../harness/vscodeServer';
import { copyWorkspace, launchBrowser } from '../harness/browser';

export const ARTIFACTS = path.join(REPO_ROOT, 'test-results');

/** A real VS Code workbench in Chromium with this extension loaded on a fresh workspace copy. */
export class Workbench {
  private constructor(readonly page: Page, private readonly cleanup: () => Promise<void>) {}

  static async open(env: TestEnv = ensureTestEnv()): Promise<Workbench> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const workspace = copyWorkspace(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'));
    const server = await VsCodeServer.start(env, { logFile: path.join(ARTIFACTS, 'e2e-server.log') });
    const browser = await launchBrowser(env);
    const page = await browser.context.newPage();
    await page.goto(server.url(workspace, { extensionDevelopmentPath: REPO_ROOT }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return new Workbench(page, async () => {
      await browser.close();
      await server.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    });
  }

  /** The status bar entry of this extension. */
  providerStatus() {
    return this.page.locator('.statusbar-item[id="bottleneck-forecast.bottleneck-forecast.bottleneck.providerLock"], .statusbar-item[id$="bottleneck.providerLock"]').first();
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
