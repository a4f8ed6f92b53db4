/** Every command the extension contributes; package.json must list exactly these (tested). */
export const COMMANDS = {
  switchProvider: 'bottleneck.switchProvider',
  selectModel: 'bottleneck.selectModel',
  releaseProviderLock: 'bottleneck.releaseProviderLock',
  showAuditTrail: 'bottleneck.showAuditTrail',
  showUsage: 'bottleneck.showUsage',
  exportAuditTrail: 'bottleneck.exportAuditTrail',
  showLogs: 'bottleneck.showLogs',
  runForecast: 'bottleneck.runForecast',
  openSampleData: 'bottleneck.openSampleData',
  setApiKey: 'bottleneck.setApiKey',
  clearApiKey: 'bottleneck.clearApiKey',
  checkProviderHealth: 'bottleneck.checkProviderHealth',
  showForecastPanel: 'bottleneck.showForecastPanel',
  exportForecast: 'bottleneck.exportForecast',
  setSourceCredential: 'bottleneck.setSourceCredential',
  showCapacity: 'bottleneck.showCapacity',
  rankSeries: 'bottleneck.rankSeries',
  capacityRunNow: 'bottleneck.capacity.runNow',
  capacitySnooze: 'bottleneck.capacity.snooze',
  capacityOpenQuery: 'bottleneck.capacity.openQuery',
  capacityCopyPromQL: 'bottleneck.capacity.copyPromQL',
  openSeries: 'bottleneck.capacity.openSeries',
} as const;

/** Context keys used in `when` clauses of package.json. */
export const CONTEXT_KEYS = {
  lockHeld: 'bottleneck.lockHeld',
  /** A forecast has been shown in this window (the walkthrough's Run Forecast step completes on it). */
  hasForecast: 'bottleneck.hasForecast',
  /** Some provider's API key is stored (the walkthrough's key step completes on it). */
  hasApiKey: 'bottleneck.hasApiKey',
  /** The active editor holds a CSV file, a capacity plan or a JSON metrics file (Run Forecast shows on its title bar). */
  activeFileIsForecastable: 'bottleneck.activeFileIsForecastable',
} as const;
