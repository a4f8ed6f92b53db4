import { type LockSnapshot } from '../core/lock/providerLock';
import { type ProviderEntry } from '../core/settings/providerStack';
import { providerLabel, takesKey } from '../core/base/providerIds';
import { COMMANDS } from './commandIds';
import { type ProviderHealth } from '../core/health/providerHealth';
import { formatDuration } from '../core/format';
import { whereDataGoes } from '../core/providers/keyGrant';
import { modelOf } from '../core/providers/providerKinds';

// Pure rendering of the status bar item (no vscode import), so it is unit-tested in plain mocha.

/** VS Code's command that opens a walkthrough, and this extension's (package.json: contributes.walkthroughs). */
export const OPEN_WALKTHROUGH = 'workbench.action.openWalkthrough';
export const WALKTHROUGH_ID = 'bottleneck-forecast.bottleneck-forecast#gettingStarted';

/** What the status bar item shows, derived from the lock and the stack only. */
export interface StatusBarView {
  readonly text: string;
  readonly tooltip: string;
  readonly warning: boolean;
  /** The holder is unhealthy (error colour). */
  readonly error: boolean;
}

export interface HealthLookup {
  get(id: ProviderEntry['id']): ProviderHealth | undefined;
  readonly now: number;
}

/** Pure rendering, so the text and tooltip are testable without the editor. */
export function renderStatusBar(
  lock: LockSnapshot,
  stack: readonly ProviderEntry[],
  hasKey: (id: ProviderEntry['id']) => boolean = () => false,
  health?: HealthLookup,
): StatusBarView {
  const holderHealth = lock.holder !== null ? health?.get(lock.holder) : undefined;
  // a holder that cannot forecast (no key, an endpoint not approved) warns before a forecast fails
  const cannotForecast = holderHealth?.state === 'not-configured';
  const icon =
    holderHealth?.state === 'unhealthy'
      ? '$(error)'
      : holderHealth?.state === 'degraded' || cannotForecast
        ? '$(warning)'
        : '$(lock)';
  const text = lock.holder === null ? '$(unlock) No provider' : `${icon} ${providerLabel(lock.holder)}`;
  const lines: string[] = ['**Bottleneck Forecast: provider lock**', ''];
  if (lock.holder === null) {
    lines.push('No provider holds the lock: forecasts will not run until one is chosen.');
  } else {
    const holderEntry = stack.find((e) => e.id === lock.holder);
    const model = holderEntry ? modelOf(holderEntry) : undefined;
    lines.push(
      `Held by **${providerLabel(lock.holder)}**${model ? `, model ${codeSpan(model)}` : ''}${lock.pinned ? ' (chosen by hand)' : ''}.`,
    );
    if (holderHealth?.modelNotServed !== undefined)
      lines.push(
        '',
        `$(warning) ${`${providerLabel(lock.holder)}: ${holderHealth.reason}`.replace(/\|/g, '/')}. [Select Model](command:${COMMANDS.selectModel})`,
      );
    if (cannotForecast)
      lines.push(
        '',
        `$(warning) ${providerLabel(lock.holder)} cannot forecast: ${holderHealth.reason}.`.replace(/\|/g, '/'),
      );
  }
  lines.push('', '| Tier | Provider | Data | State |', '|---:|---|---|---|');
  stack.forEach((entry, index) => {
    const model = modelOf(entry);
    const name = `${providerLabel(entry.id)}${model ? ` ${codeSpan(model)}${entry.model ? '' : ' (default)'}` : ''}`;
    lines.push(
      `| ${index + 1} | ${name}${entry.id === lock.holder ? ' $(lock)' : ''} | ${whereDataGoes(entry).replace(/\|/g, '/')} | ${tierState(entry, hasKey(entry.id), health)} |`,
    );
  });
  if (lock.holder !== null && !stack.some((e) => e.id === lock.holder)) {
    lines.push('', `$(warning) ${providerLabel(lock.holder)} holds the lock but is not in \`bottleneck.providers\`.`);
  }
  const links = [
    `[$(play) Run Forecast](command:${COMMANDS.runForecast})`,
    `[$(arrow-swap) Switch Provider](command:${COMMANDS.switchProvider})`,
    ...(lock.holder !== null ? [`[$(unlock) Release](command:${COMMANDS.releaseProviderLock})`] : []),
    `[$(history) Audit Trail](command:${COMMANDS.showAuditTrail})`,
    `[$(key) Set API Key](command:${COMMANDS.setApiKey})`,
    `[$(output) Logs](command:${COMMANDS.showLogs})`,
    `[$(book) Get Started](command:${OPEN_WALKTHROUGH}?${encodeURIComponent(JSON.stringify([WALKTHROUGH_ID, false]))})`,
  ];
  lines.push('', links.join(' · '));
  return {
    text,
    tooltip: lines.join('\n'),
    warning: lock.holder === null || holderHealth?.state === 'degraded' || cannotForecast,
    error: holderHealth?.state === 'unhealthy',
  };
}

/** A tier's state as far as it is known without probing (health comes with the monitor). */
function tierState(entry: ProviderEntry, keySet: boolean, health: HealthLookup | undefined): string {
  if (!entry.enabled) return 'disabled';
  if (entry.id === 'builtin') return 'always available';
  const key = takesKey(entry.id) ? (keySet ? 'key set' : 'no key') : 'no key needed';
  const h = health?.get(entry.id);
  // without a key, "no key" says why; with one, the reason is the endpoint (not approved for it)
  if (h?.state === 'not-configured')
    return `not configured${keySet ? `: ${h.reason}` : ''} · ${key}`.replace(/\|/g, '/');
  if (!h || h.state === 'unknown' || h.lastProbeAt === null) return `not checked yet · ${key}`;
  const parts: string[] = [h.state];
  if (h.latencyMs !== null) parts.push(`${Math.round(h.latencyMs)} ms`);
  if (h.modelNotServed !== undefined) parts.push('model not served');
  if (h.lastError && h.state !== 'healthy')
    parts.push(`last error: ${h.lastError.failure}${h.lastError.status !== undefined ? ` ${h.lastError.status}` : ''}`);
  parts.push(`probed ${formatDuration((health?.now ?? h.lastProbeAt) - h.lastProbeAt)} ago`, key);
  return parts.join(' · ').replace(/\|/g, '/');
}

/** A Markdown code span (backslash escapes do not work inside one, so backticks and pipes are dropped). */
function codeSpan(text: string): string {
  return `\`${text.replace(/[`|\n]/g, '')}\``;
}
