import * as vscode from 'vscode';
import { messageOf } from '../../core/errors';
import { hostOf, originOf } from '../../core/origin';
import { isPlanName, loadPlan } from '../../core/sources/loadPlan';
import { type SourceSecrets } from '../sourceSecrets';
import { sourceName } from '../metricSources';

const PLAN_GLOB = '**/{plan.json,*.plan.json,plan.jsonc,*.plan.jsonc}';

/**
 * Set Source Credential: pick a plan (the active one, or one of the workspace's), then one
 * of its sources that signs in, and type its password or token in a password box. It is
 * stored for the host the source names now, shown in the prompt.
 */
export async function setSourceCredential(secrets: SourceSecrets, target?: unknown): Promise<boolean> {
  const uri = await pickPlan(target);
  if (!uri) return false;
  let plan;
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    plan = await loadPlan(sourceName(uri), text);
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Bottleneck Forecast: {0}', messageOf(err)));
    return false;
  }
  const signing = plan.plan.sources.filter((s) => s.auth && s.auth.type !== 'none');
  if (signing.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Bottleneck Forecast: no source of this plan signs in ("auth").'),
    );
    return false;
  }
  const source =
    signing.length === 1
      ? signing[0]
      : (
          await vscode.window.showQuickPick(
            signing.map((s) => ({ label: s.name, description: hostOf(originOf(s.url) ?? s.url), source: s })),
            {
              title: vscode.l10n.t('Bottleneck: Set Source Credential'),
              placeHolder: vscode.l10n.t('Which source?'),
            },
          )
        )?.source;
  if (!source) return false;
  const host = hostOf(originOf(source.url) ?? source.url);
  const basic = source.auth?.type === 'basic' ? source.auth.username : undefined;
  const secret = await vscode.window.showInputBox({
    title: vscode.l10n.t('Bottleneck: Set Source Credential'),
    prompt:
      basic !== undefined
        ? vscode.l10n.t(
            'The password of "{0}" for source "{1}" at {2}. It is kept in secret storage and sent only to {2}.',
            basic,
            source.name,
            host,
          )
        : vscode.l10n.t(
            'The token for source "{0}" at {1}. It is kept in secret storage and sent only to {1}.',
            source.name,
            host,
          ),
    password: true,
    ignoreFocusOut: true,
  });
  if (!secret) return false;
  await secrets.store(source, secret);
  void vscode.window.showInformationMessage(
    basic !== undefined
      ? vscode.l10n.t('Bottleneck Forecast: the password of "{0}" for {1} is stored.', basic, host)
      : vscode.l10n.t('Bottleneck Forecast: the token for {0} is stored.', host),
  );
  return true;
}

async function pickPlan(target: unknown): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri) return target;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isPlanName(active.path)) return active;
  const found = await vscode.workspace.findFiles(PLAN_GLOB, '**/node_modules/**', 50);
  if (found.length <= 1) return found[0];
  return (
    await vscode.window.showQuickPick(
      found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
      { title: vscode.l10n.t('Bottleneck: Set Source Credential'), placeHolder: vscode.l10n.t('Which plan?') },
    )
  )?.uri;
}
