/** Every command the extension contributes; package.json must list exactly these (tested). */
export const COMMANDS = {
  switchProvider: 'bottleneck.switchProvider',
  releaseProviderLock: 'bottleneck.releaseProviderLock',
  showAuditTrail: 'bottleneck.showAuditTrail',
  exportAuditTrail: 'bottleneck.exportAuditTrail',
  showLogs: 'bottleneck.showLogs',
  runForecast: 'bottleneck.runForecast',
  openSampleData: 'bottleneck.openSampleData',
  setApiKey: 'bottleneck.setApiKey',
  clearApiKey: 'bottleneck.clearApiKey',
  checkProviderHealth: 'bottleneck.checkProviderHealth',
  showForecastPanel: 'bottleneck.showForecastPanel',
  exportForecast: 'bottleneck.exportForecast',
} as const;

/** Context keys used in `when` clauses of package.json. */
export const CONTEXT_KEYS = {
  lockHeld: 'bottleneck.lockHeld',
  hasForecast: 'bottleneck.hasForecast',
} as const;
