import { type ProviderId, providerLabel } from '../base/providerIds';
import { formatCount } from '../base/tokenUsage';
import { type UsageLedger } from '../ledger/usageLedger';

/**
 * Whether a provider's monthly token budget is spent: the reason in words (for the audit
 * trail and the notification), or undefined while it may still be used. The month is the
 * UTC calendar month, so the first instant of a new month allows the provider again.
 */
export type BudgetCheck = (provider: ProviderId) => string | undefined;

export function budgetCheck(usage: UsageLedger, monthlyTokens: () => ReadonlyMap<ProviderId, number>): BudgetCheck {
  return (provider) => {
    const budget = monthlyTokens().get(provider);
    if (budget === undefined || provider === 'builtin') return undefined;
    const spent = usage.spent(provider);
    if (spent < budget) return undefined;
    return `${providerLabel(provider)}'s monthly token budget is spent: ${formatCount(spent)} of ${formatCount(budget)} tokens used in ${usage.thisMonth().month} (UTC)`;
  };
}
