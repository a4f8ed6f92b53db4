import { type ForecastData, forecastOrigin } from '../base/forecastSchema';
import { formatDuration } from '../format';
import { type ResolvedPlan } from './loadPlan';

export type PlanStatus = 'ok' | 'warning' | 'critical';

/**
 * A forecast against the plan's thresholds on time to breach: the earliest breach (the
 * pessimistic bound's, else the expected one; an observation already beyond capacity is a
 * breach now) within `critical` is critical, within `warning` a warning.
 */
export function planStatus(
  data: ForecastData,
  thresholds: ResolvedPlan['thresholds'],
): { readonly status: PlanStatus; readonly reason: string } {
  const origin = forecastOrigin(data);
  const already = data.metrics.find((m) => m.breach?.alreadyBreached);
  const at = data.bottleneck ? (data.bottleneck.earliest ?? data.bottleneck.expected) : null;
  const inMs = already ? 0 : at !== null ? Math.max(0, Date.parse(at) - origin) : undefined;
  const metric = already?.name ?? data.bottleneck?.metric;
  if (inMs === undefined || metric === undefined)
    return { status: 'ok', reason: 'no breach is expected within the horizon' };
  const when = inMs === 0 ? 'is already beyond its capacity' : `may breach within ${formatDuration(inMs)}`;
  if (thresholds.criticalMs !== undefined && inMs <= thresholds.criticalMs)
    return {
      status: 'critical',
      reason: `${metric} ${when} (critical within ${formatDuration(thresholds.criticalMs)})`,
    };
  if (thresholds.warningMs !== undefined && inMs <= thresholds.warningMs)
    return { status: 'warning', reason: `${metric} ${when} (warning within ${formatDuration(thresholds.warningMs)})` };
  return { status: 'ok', reason: `${metric} ${when}, beyond the plan's thresholds` };
}
