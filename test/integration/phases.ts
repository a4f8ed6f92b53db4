/** Shared by the harness (plain Node) and the suite (extension host): no vscode import here. */
export const RESULTS_ENV = 'BOTTLENECK_IT_STATE';

export interface PhaseResult {
  readonly phase: string;
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly { title: string; message: string }[];
}

/**
 * The suite runs in phases separated by real window reloads (the extension host
 * restarts and the extension restores itself from workspaceState):
 * each phase's last test prepares what the next phase checks.
 */
export const PHASES: readonly { readonly name: string; readonly files: readonly string[] }[] = [
  {
    name: 'fresh workspace',
    files: [
      'activation.test',
      'lockCommands.test',
      'menus.test',
      'forecast.test',
      'panel.test',
      'panelControls.test',
      'plan.test',
      'capacity.test',
      'prepareReload.test',
    ],
  },
  { name: 'after a window reload', files: ['afterReload.test'] },
  {
    name: 'after a reload with corrupt stored state',
    files: ['afterCorruption.test', 'providers.test', 'models.test', 'usage.test', 'namedEndpoints.test'],
  },
];
