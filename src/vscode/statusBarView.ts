import { type LockSnapshot } from '../core/lock/providerLock';
import { type ProviderEntry } from '../core/settings/providerStack';
import { providerLabel, takesKey } from '../core/base/providerIds';
import { COMMANDS } from './commandIds';
import { type ProviderHealth } from '../core/health/providerHealth';
import { formatDuration } from '../core/format';
import { whereDataGoes } from '../core/providers/keyGrant';
import { modelOf } from '../core/providers/providerKinds';
import { type L10n, english } from '../core/l10n';

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

/** Pure rendering, so the text and tooltip are testable without the editor (`l10n`: the editor's language). */
export function renderStatusBar(
  lock: LockSnapshot,
  stack: readonly ProviderEntry[],
  hasKey: (id: ProviderEntry['id']) => boolean = () => false,
  health?: HealthLookup,
  l10n: L10n = english,
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
  const text = lock.holder === null ? `$(unlock) ${l10n.t('No provider')}` : `${icon} ${providerLabel(lock.holder)}`;
  const lines: string[] = [`**${l10n.t('Bottleneck Forecast: provider lock')}**`, ''];
  if (lock.holder === null) {
    lines.push(l10n.t('No provider holds the lock: forecasts will not run until one is chosen.'));
  } else {
    const holderEntry = stack.find((e) => e.id === lock.holder);
    const model = holderEntry ? modelOf(holderEntry) : undefined;
    const who = `**${providerLabel(lock.holder)}**`;
    lines.push(
      model
        ? lock.pinned
          ? l10n.t('Held by {0}, model {1} (chosen by hand).', who, codeSpan(model))
          : l10n.t('Held by {0}, model {1}.', who, codeSpan(model))
        : lock.pinned
          ? l10n.t('Held by {0} (chosen by hand).', who)
          : l10n.t('Held by {0}.', who),
    );
    if (holderHealth?.modelNotServed !== undefined)
      lines.push(
        '',
        `$(warning) ${`${providerLabel(lock.holder)}: ${holderHealth.reason}`.replace(/\|/g, '/')}. [${l10n.t('Select Model')}](command:${COMMANDS.selectModel})`,
      );
    if (cannotForecast)
      lines.push(
        '',
        `$(warning) ${l10n.t('{0} cannot forecast: {1}.', providerLabel(lock.holder), holderHealth.reason)}`.replace(
          /\|/g,
          '/',
        ),
      );
  }
  const head = [l10n.t('Tier'), l10n.t('Provider'), l10n.t('Data'), l10n.t('State')];
  lines.push('', `| ${head.join(' | ')} |`, '|---:|---|---|---|');
  stack.forEach((entry, index) => {
    const model = modelOf(entry);
    const name = `${providerLabel(entry.id)}${model ? ` ${codeSpan(model)}${entry.model ? '' : ` (${l10n.t('default')})`}` : ''}`;
    lines.push(
      `| ${index + 1} | ${name}${entry.id === lock.holder ? ' $(lock)' : ''} | ${whereDataGoes(entry).replace(/\|/g, '/')} | ${tierState(entry, hasKey(entry.id), health, l10n)} |`,
    );
  });
  if (lock.holder !== null && !stack.some((e) => e.id === lock.holder)) {
    lines.push(
      '',
      `$(warning) ${l10n.t('{0} holds the lock but is not in {1}.', providerLabel(lock.holder), '`bottleneck.providers`')}`,
    );
  }
  const links = [
    `[$(play) ${l10n.t('Run Forecast')}](command:${COMMANDS.runForecast})`,
    `[$(arrow-swap) ${l10n.t('Switch Provider')}](command:${COMMANDS.switchProvider})`,
    ...(lock.holder !== null ? [`[$(unlock) ${l10n.t('Release')}](command:${COMMANDS.releaseProviderLock})`] : []),
    `[$(history) ${l10n.t('Audit Trail')}](command:${COMMANDS.showAuditTrail})`,
    `[$(key) ${l10n.t('Set API Key')}](command:${COMMANDS.setApiKey})`,
    `[$(output) ${l10n.t('Logs')}](command:${COMMANDS.showLogs})`,
    `[$(book) ${l10n.t('Get Started')}](command:${OPEN_WALKTHROUGH}?${encodeURIComponent(JSON.stringify([WALKTHROUGH_ID, false]))})`,
  ];
  lines.push('', links.join(' · '));
  return {
    text,
    tooltip: lines.join('\n'),
    warning: lock.holder === null || holderHealth?.state === 'degraded' || cannotForecast,
    error: holderHealth?.state === 'unhealthy',
  };
}

/** A provider's health state in words. */
export function stateInWords(state: ProviderHealth['state'], l10n: L10n = english): string {
  switch (state) {
    case 'healthy':
      return l10n.t('healthy');
    case 'degraded':
      return l10n.t('degraded');
    case 'unhealthy':
      return l10n.t('unhealthy');
    case 'not-configured':
      return l10n.t('not configured');
    case 'unknown':
      return l10n.t('unknown');
  }
}

/** Whether a key is set, in words: "key set", "no key", "no key needed". */
export function keyInWords(takes: boolean, keySet: boolean, l10n: L10n = english): string {
  return takes ? (keySet ? l10n.t('key set') : l10n.t('no key')) : l10n.t('no key needed');
}

/** A tier's state as far as it is known without probing (health comes with the monitor). */
function tierState(entry: ProviderEntry, keySet: boolean, health: HealthLookup | undefined, l10n: L10n): string {
  if (!entry.enabled) return l10n.t('disabled');
  if (entry.id === 'builtin') return l10n.t('always available');
  const key = keyInWords(takesKey(entry.id), keySet, l10n);
  const h = health?.get(entry.id);
  // without a key, "no key" says why; with one, the reason is the endpoint (not approved for it)
  if (h?.state === 'not-configured')
    return `${keySet ? l10n.t('not configured: {0}', h.reason) : l10n.t('not configured')} · ${key}`.replace(
      /\|/g,
      '/',
    );
  if (!h || h.state === 'unknown' || h.lastProbeAt === null) return `${l10n.t('not checked yet')} · ${key}`;
  const parts: string[] = [stateInWords(h.state, l10n)];
  if (h.latencyMs !== null) parts.push(`${Math.round(h.latencyMs)} ms`);
  if (h.modelNotServed !== undefined) parts.push(l10n.t('model not served'));
  if (h.lastError && h.state !== 'healthy')
    parts.push(
      l10n.t(
        'last error: {0}',
        `${h.lastError.failure}${h.lastError.status !== undefined ? ` ${h.lastError.status}` : ''}`,
      ),
    );
  parts.push(l10n.t('probed {0} ago', formatDuration((health?.now ?? h.lastProbeAt) - h.lastProbeAt, l10n)), key);
  return parts.join(' · ').replace(/\|/g, '/');
}

/** A Markdown code span (backslash escapes do not work inside one, so backticks and pipes are dropped). */
function codeSpan(text: string): string {
  return `\`${text.replace(/[`|\n]/g, '')}\``;
}
