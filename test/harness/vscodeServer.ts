import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { type TestEnv } from './testEnv';

export interface ServerOptions {
  /** Extra environment for the server and so for the extension host it starts. */
  readonly env?: Record<string, string>;
  /** Where the server's own log goes (it is noisy). */
  readonly logFile: string;
  /**
   * An extensions folder to start with (e.g. one a `.vsix` was installed into with
   * {@link installExtension}); the caller owns it. Without it the server gets a fresh, empty one.
   */
  readonly extensionsDir?: string;
  /**
   * As a user runs it: without the smoke-test driver flag (with it, the workbench shows no
   * notification toasts) and without the test settings that hide tips and the welcome page.
   */
  readonly asUser?: boolean;
  /**
   * The display language (`de`): the server is started with `--locale` and given a language
   * pack for it (see {@link writeLanguagePack}), so the workbench and the extension host run
   * in it and VS Code loads the extension's `package.nls.<locale>.json` and
   * `l10n/bundle.l10n.<locale>.json`.
   */
  readonly locale?: string;
}

/** What the workbench URL asks for: an extension under development and its tests, or neither (installed extensions only). */
export interface WorkbenchPayload {
  readonly extensionDevelopmentPath?: string;
  readonly extensionTestsPath?: string;
}

/** A real VS Code server (1.139) on 127.0.0.1 with a fresh user-data and extensions folder. */
export class VsCodeServer {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    /** The server's user-data folder (removed by {@link stop}). */
    private readonly userData: string,
    private readonly dirs: string[],
    private readonly asUser: boolean,
  ) {}

  static async start(env: TestEnv, options: ServerOptions): Promise<VsCodeServer> {
    const port = await freePort();
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-vscode-data-'));
    const extensions = options.extensionsDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-vscode-ext-'));
    const machineSettings = path.join(userData, 'data', 'Machine');
    fs.mkdirSync(machineSettings, { recursive: true });
    fs.writeFileSync(
      path.join(machineSettings, 'settings.json'),
      JSON.stringify(
        {
          'security.workspace.trust.enabled': false,
          ...(options.asUser ? {} : { 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false }),
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'update.mode': 'none',
          'telemetry.telemetryLevel': 'off',
          'chat.disableAIFeatures': true,
        },
        null,
        2,
      ),
    );
    if (options.locale) writeLanguagePack(userData, options.locale);
    const log = fs.openSync(options.logFile, 'w');
    const child = spawn(
      env.node24,
      [
        env.serverMain,
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--without-connection-token',
        '--accept-server-license-terms',
        '--user-data-dir',
        userData,
        '--extensions-dir',
        extensions,
        ...(options.asUser ? [] : ['--enable-smoke-test-driver']),
        '--disable-telemetry',
        '--disable-workspace-trust',
        ...(options.locale ? ['--locale', options.locale] : []),
      ],
      { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', log] },
    );
    const server = new VsCodeServer(
      port,
      child,
      userData,
      options.extensionsDir ? [userData] : [userData, extensions],
      options.asUser ?? false,
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the VS Code server did not start within 60 s')), 60_000);
      let buffered = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        fs.writeSync(log, chunk);
        buffered += chunk.toString();
        if (buffered.includes('Web UI available at')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the VS Code server exited with ${code} before it was ready; see ${options.logFile}`));
      });
    });
    return server;
  }

  /**
   * The server's logs: `<start time>/exthost<N>/` for each extension host it starts (one per
   * window), with `remoteexthost.log` and each extension's output channels as
   * `<publisher.name>/<channel>.log`.
   */
  get logsDir(): string {
    return path.join(this.userData, 'logs');
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The workbench URL for `folder`, with extension development and test paths (if any) as the payload. */
  url(folder: string, payload: WorkbenchPayload = {}): string {
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${this.port}${p}`;
    const entries: [string, string][] = [];
    if (payload.extensionDevelopmentPath)
      entries.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
    if (!this.asUser) entries.push(['skipWelcome', 'true']);
    if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
    return `${this.origin}/?folder=${encodeURIComponent(remote(folder))}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    for (const dir of this.dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A language pack for `locale` with no translations of VS Code's own (its words stay
 * English), which is all a language needs to be in force: the server picks the display
 * language from `--locale`, but serves the workbench in it only when `languagepacks.json`
 * in its user-data folder lists a pack for it (otherwise it falls back to English, and so
 * does `vscode.env.language` in the extension host). A marketplace pack cannot be
 * downloaded here; this is the entry installing one would write.
 */
function writeLanguagePack(userData: string, locale: string): void {
  const pack = path.join(userData, 'test-language-pack');
  fs.mkdirSync(pack, { recursive: true });
  const main = path.join(pack, 'main.i18n.json');
  fs.writeFileSync(main, JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(
    path.join(userData, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: `test-${locale}`,
        extensions: [{ extensionIdentifier: { id: `bottleneck-tests.language-pack-${locale}` }, version: '1.0.0' }],
        translations: { vscode: main },
        label: locale,
      },
    }),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Installs a `.vsix` into `extensionsDir` with the VS Code server's own command line
 * (`--install-extension`), as `code --install-extension` does for desktop VS Code.
 * Returns what the command printed; throws with that output when it fails.
 */
export function installExtension(env: TestEnv, vsix: string, extensionsDir: string): string {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-vscode-cli-'));
  try {
    const result = spawnSync(
      env.node24,
      [
        env.serverMain,
        '--accept-server-license-terms',
        '--disable-telemetry',
        '--user-data-dir',
        userData,
        '--extensions-dir',
        extensionsDir,
        '--install-extension',
        vsix,
        '--force',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
    );
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    if (result.status !== 0)
      throw new Error(`--install-extension ${vsix} exited with ${result.status ?? result.signal}:\n${output}`);
    return output;
  } finally {
    fs.rmSync(userData, { recursive: true, force: true });
  }
}
