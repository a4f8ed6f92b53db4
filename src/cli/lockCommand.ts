import * as os from 'node:os';
import * as path from 'node:path';
import { FileStore } from '../core/storage/fileStore';
import { ProviderLock } from '../core/lock/providerLock';
import { auditToMarkdown } from '../core/lock/auditFormat';
import { isProviderId, providerLabel } from '../core/base/providerIds';
import { EXIT } from '../core/base/exitCodes';
import { UsageError } from './usageError';

/** Where the CLI keeps its lock and audit trail: --state, $BOTTLENECK_STATE, or ~/.config. */
export function stateFile(flag: string | undefined): string {
  return (
    flag ??
    process.env['BOTTLENECK_STATE'] ??
    path.join(process.env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config'), 'bottleneck-forecast', 'state.json')
  );
}

export async function openCliLock(
  file: string,
  log: (line: string) => void,
): Promise<{ lock: ProviderLock; firstRun: boolean; store: FileStore }> {
  const store = await FileStore.open(file);
  if (store.recovered) log(`warning: ${store.recovered}`);
  const { lock, recovery, firstRun } = await ProviderLock.open(store);
  if (recovery) log(`warning: ${recovery.problem}; kept aside as ${recovery.quarantineKey}`);
  return { lock, firstRun, store };
}

/** `bottleneck lock [show|switch <id>|release]` */
export async function lockCommand(
  args: readonly string[],
  file: string,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const { lock } = await openCliLock(file, err);
  const [action = 'show', target] = args;
  switch (action) {
    case 'show': {
      const { holder, generation, pinned } = lock.snapshot;
      out(
        holder === null
          ? 'No provider holds the lock.'
          : `${providerLabel(holder)} (${holder}) holds the lock${pinned ? ', chosen by hand' : ''}; generation ${generation}.`,
      );
      return EXIT.ok;
    }
    case 'switch': {
      if (!isProviderId(target))
        throw new UsageError(
          `lock switch needs a provider id, one of: builtin, openai, groq, cloudflare, huggingface, ollama, custom, or custom:<name> (got ${target ?? 'nothing'})`,
        );
      const result = await lock.claim(target, 'cli', 'chosen with bottleneck lock switch');
      out(
        result.changed
          ? `${providerLabel(target)} now holds the lock.`
          : `${providerLabel(target)} already holds the lock.`,
      );
      return EXIT.ok;
    }
    case 'release': {
      const result = await lock.release('cli', 'released with bottleneck lock release');
      out(result.changed ? 'Lock released.' : 'The lock was already released.');
      return EXIT.ok;
    }
    default:
      throw new UsageError(`unknown lock action "${action}" (show, switch <id>, release)`);
  }
}

/** `bottleneck audit [--jsonl]` */
export async function auditCommand(
  jsonl: boolean,
  file: string,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const { lock } = await openCliLock(file, err);
  out(jsonl ? lock.exportJsonLines().trimEnd() : auditToMarkdown(lock.audit, lock.droppedAuditEntries).trimEnd());
  return EXIT.ok;
}
