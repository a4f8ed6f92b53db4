import * as vscode from 'vscode';
import { type Logger } from '../core/logging';
import { type ParsedProviderStack, type ProviderEntry, parseProviderStack } from '../core/settings/providerStack';
import { Disposable } from './lifecycle';
import { type MonitorPolicy } from '../core/health/healthMonitor';
import { parseCapacities } from '../core/settings/capacities';
import { type CapacityOverride } from '../core/data/loadMetrics';
import { type BudgetSettings, parseBudgetSettings } from '../core/settings/budget';
import { type ForecastSettings, parseForecastSettings } from '../core/settings/forecastOptions';

const SECTION = 'bottleneck';

/**
 * Reads the extension's settings through zod, re-reads them when they change, and
 * warns once per distinct problem (with "Open Settings") rather than failing.
 */
export class Settings extends Disposable {
  private parsed: ParsedProviderStack;
  private readonly warned = new Set<string>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly logger: Logger) {
    super();
    this.parsed = this.read();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.parsed = this.read();
        this.reportProblems();
        this.changeEmitter.fire();
      }),
    );
  }

  get providerStack(): readonly ProviderEntry[] {
    return this.parsed.stack;
  }

  get auditTrailLimit(): number {
    const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('auditTrailLimit');
    return typeof value === 'number' && Number.isFinite(value)
      ? Math.min(100_000, Math.max(10, Math.floor(value)))
      : 1000;
  }

  /** `bottleneck.capacities`, parsed (bad entries are reported by reportProblems). */
  get capacities(): Readonly<Record<string, CapacityOverride>> {
    return parseCapacities(vscode.workspace.getConfiguration(SECTION).get<unknown>('capacities')).capacities;
  }

  /**
   * `bottleneck.budget.*`: monthly token budgets and prices per provider. From the user's
   * own settings only (the settings are application-scoped): a workspace must not lift a
   * cap on what your keys spend, nor change what the estimates say.
   */
  get budget(): BudgetSettings {
    return readBudget(vscode.workspace.getConfiguration(SECTION));
  }

  /** `bottleneck.forecast.horizon` and `.level`, parsed (bad values are reported by reportProblems). */
  get forecast(): ForecastSettings {
    const c = vscode.workspace.getConfiguration(SECTION);
    return parseForecastSettings(c.get<unknown>('forecast.horizon'), c.get<unknown>('forecast.level')).settings;
  }

  /** The health monitor's policy, read fresh each time (bounds as in package.json). */
  get healthPolicy(): MonitorPolicy & { readonly pauseWhenUnfocused: boolean } {
    const c = vscode.workspace.getConfiguration(SECTION);
    const int = (key: string, def: number, min: number, max: number): number => {
      const v = c.get<unknown>(key);
      return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : def;
    };
    return {
      intervalMs: int('health.intervalSeconds', 60, 10, 3600) * 1000,
      unhealthyAfter: int('health.unhealthyAfter', 3, 1, 20),
      healthyAfter: int('health.healthyAfter', 2, 1, 20),
      failbackAfter: int('health.failbackAfter', 3, 1, 50),
      failback: c.get<unknown>('health.failback') !== false,
      backoffCapMs: 15 * 60_000,
      jitter: 0.1,
      pauseWhenUnfocused: c.get<unknown>('health.pauseWhenUnfocused') === true,
      // a workspace must not be able to send metrics to a cloud: read from the user's own settings only
      failoverToCloud: c.inspect<unknown>('health.failoverToCloud')?.globalValue === true,
    };
  }

  get refresh(): { readonly enabled: boolean; readonly intervalMs: number; readonly files: readonly string[] } {
    const c = vscode.workspace.getConfiguration(SECTION);
    const minutes = c.get<unknown>('refresh.intervalMinutes');
    const files = c.get<unknown>('refresh.files');
    return {
      enabled: c.get<unknown>('refresh.enabled') === true,
      intervalMs:
        (typeof minutes === 'number' && Number.isFinite(minutes) ? Math.min(1440, Math.max(1, minutes)) : 15) * 60_000,
      files: Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [],
    };
  }

  /** Shows each new settings problem once (not awaited: a notification waits for the user). */
  reportProblems(): void {
    const fresh = this.parsed.problems.filter((p) => !this.warned.has(p));
    if (fresh.length === 0) return;
    for (const p of fresh) {
      this.warned.add(p);
      this.logger.warn(`settings: ${p}`);
    }
    const text =
      fresh.length === 1
        ? vscode.l10n.t('Bottleneck Forecast: {0}.', fresh[0] ?? '')
        : vscode.l10n.t('Bottleneck Forecast: {0} settings have problems: {1}.', fresh.length, fresh.join('; '));
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showWarningMessage(text, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', settingOf(fresh[0]));
    });
  }

  private read(): ParsedProviderStack {
    const config = vscode.workspace.getConfiguration(SECTION);
    const stack = parseProviderStack(config.get<unknown>('providers'));
    const forecast = parseForecastSettings(
      config.get<unknown>('forecast.horizon'),
      config.get<unknown>('forecast.level'),
    );
    return {
      ...stack,
      problems: [
        ...stack.problems,
        ...parseCapacities(config.get<unknown>('capacities')).problems,
        ...readBudget(config).problems,
        ...forecast.problems,
      ],
    };
  }
}

function readBudget(config: vscode.WorkspaceConfiguration): BudgetSettings {
  const user = (key: string): unknown => config.inspect<unknown>(`budget.${key}`)?.globalValue;
  return parseBudgetSettings({
    monthlyTokens: user('monthlyTokens'),
    promptPricePerMillion: user('promptPricePerMillion'),
    completionPricePerMillion: user('completionPricePerMillion'),
  });
}

/** The setting a problem names (they start with it), for Open Settings; else the provider stack. */
function settingOf(problem: string | undefined): string {
  return /^bottleneck\.[\w.]+?(?=[\s[]|$)/.exec(problem ?? '')?.[0] ?? 'bottleneck.providers';
}
