import { type ProviderUsage } from '../core/ledger/usageLedger';
import { type CapacityNotice } from './capacity/capacityService';
import { type AuditEntry } from '../core/lock/lockState';
import { type LockRecovery, type LockSnapshot } from '../core/lock/providerLock';
import type * as vscode from 'vscode';
import { type ProviderEntry } from '../core/settings/providerStack';
import { type ForecastData } from '../core/base/forecastSchema';
import { type ProviderHealth } from '../core/health/providerHealth';
import { type StatusBarView } from './statusBarView';
import { type RenderReport } from './panel/forecastPanel';
import { type PanelControls } from '../core/panel/panelMessages';

/**
 * What `activate()` returns: a small, read-mostly API for other extensions and for
 * the integration tests (`vscode.extensions.getExtension(id).exports`).
 */
export interface BottleneckApi {
  readonly apiVersion: 1;
  /** How long `activate()` took, in milliseconds. */
  readonly activationMs: number;
  /** Resolves when startup work that activation does not wait for (first-run lock) is done. */
  readonly ready: Promise<void>;
  getLock(): LockSnapshot;
  /** The audit trail, oldest first. */
  getAuditTrail(): readonly AuditEntry[];
  getStatusBar(): StatusBarView | undefined;
  getProviderStack(): readonly ProviderEntry[];
  /** The newest forecast this window made (Run Forecast), if any. */
  getLastForecast(): ForecastData | undefined;
  /** The newest forecast failure as the person saw it (message and buttons), cleared by a success. */
  getLastFailure():
    | {
        readonly provider: string;
        readonly failure: string;
        readonly message: string;
        readonly actions: readonly string[];
      }
    | undefined;
  /** The newest notification about a move of the lock by the monitor (its text and buttons). */
  getLastLockNotice(): { readonly message: string; readonly actions: readonly string[] } | undefined;
  /** Every tier's health, in tier order, as the monitor knows it. */
  getHealth(): readonly ProviderHealth[];
  /** This UTC month's tokens per LLM provider, as Show Usage lists them. */
  getUsage(): { readonly month: string; readonly providers: readonly ProviderUsage[] };
  /** The forecast panel: whether it is open and visible, what its page last drew, and the creation time of the forecast it holds. */
  getPanel(): {
    readonly open: boolean;
    readonly visible: boolean;
    readonly lastRender: RenderReport | undefined;
    readonly showing: string | undefined;
    /** The status above the forecast: its kind and, for an error, the sentence shown. */
    readonly status: { readonly kind: string; readonly message?: string };
    /** The notes above the forecast: after a failover, who was asked and what failed; capacities the history reached; an LLM's tokens. */
    readonly notes: {
      readonly failover: string | null;
      readonly touched: readonly string[];
      readonly usage: string | null;
    };
    /** The horizon and level selectors offered with the forecast shown (their options and what is in force). */
    readonly controls: PanelControls | undefined;
  };
  /** The Capacity view as drawn: groups worst first, their series in rank order; the status bar text; the last warning shown. */
  getCapacity(): {
    readonly groups: readonly {
      readonly label: string;
      readonly description: string;
      readonly status: string;
      readonly series: readonly {
        readonly label: string;
        readonly description: string;
        readonly status: string;
        readonly series: string;
      }[];
    }[];
    readonly statusBar: string | undefined;
    readonly lastNotice: CapacityNotice | undefined;
  };
  /** The scheduled refreshes so far (each a forecast or a recorded error). */
  getScheduledRuns(): readonly { readonly at: number; readonly ok: boolean; readonly error?: string }[];
  /** The bundled sample metrics file. */
  readonly sampleUri: vscode.Uri;
  /** Set when the stored lock state was unusable at startup and was kept aside. */
  readonly startupRecovery: LockRecovery | undefined;
  /** Present only when the extension runs under tests (ExtensionMode.Test). */
  readonly testing?: TestingApi;
}

export interface TestingApi {
  readStoredState(key: string): unknown;
  writeStoredState(key: string, value: unknown): Promise<void>;
  storedKeys(): readonly string[];
  /** The folder of the extension's log files. */
  readonly logUri: vscode.Uri;
  /** Runs the scheduled refresh now (of `bottleneck.refresh.files`), as its timer would. */
  runScheduledRefresh(): Promise<void>;
  /** The value last given to the `bottleneck.activeFileIsForecastable` context key. */
  activeFileIsForecastable(): boolean;
  readonly panel: {
    /** Hands a raw message to the panel host's handler, as if the page had sent it; returns whether it was accepted. */
    deliver(raw: unknown): boolean;
    /** How many messages from the page were refused. */
    readonly dropped: number;
    readonly onDidRender: vscode.Event<RenderReport>;
  };
}
