import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { type TestEnv } from './testEnv';

/** Debian's Chromium, headless, with a fresh persistent profile (webviews need one). */
export async function launchBrowser(env: TestEnv): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: env.chromium,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A fresh copy of a fixture workspace, so tests never change the repository's files. */
export function copyWorkspace(fixture: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-workspace-'));
  fs.cpSync(fixture, target, { recursive: true });
  return target;
}
