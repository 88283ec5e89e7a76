import { BINDING_TYPES } from '../../kubernetes';
import type { ResourceRule } from '../../model';
import { bindingObject, EXPIRES_ANNOTATION } from '../../rbac';
import { dayAfter, daysUntilDay, RENEWAL_NOTICE_DAYS } from '../../renewals';
import { isBreakGlassBinding, judgedToday } from './break-glass-expiry';

/**
 * The advance notice of `rbac/break-glass-expiry`: that rule blocks from the day after the binding
 * expires; this one says so `RENEWAL_NOTICE_DAYS` ahead, as a `low` finding that blocks nowhere (see
 * policies/renewals.ts for why not `medium`: prod and dr block on it).
 */
export const breakGlassExpirySoon: ResourceRule = {
  id: 'rbac/break-glass-expiry-soon',
  profile: 'platform',
  title: `Break-glass bindings are renewed before they expire (notice ${RENEWAL_NOTICE_DAYS} days ahead)`,
  severity: 'low',
  rationale:
    'On the day after a break-glass binding expires, `npm run synth` and every deployment block until it is renewed or removed; renewing takes a reviewed change, so it must start before that day, not on it.',
  remediation: `Renew by a reviewed change: move the binding's \`${EXPIRES_ANNOTATION}\` annotation (in this repository \`access.breakGlass.expires\` of the environment file) to a date at most one review period ahead, or remove the binding if emergency access is no longer needed.`,
  resourceTypes: BINDING_TYPES,
  controls: { mlps: ['8.1.4.2', '8.1.5.1'], hipaa: ['164.312(a)(1)', '164.312(a)(2)(ii)'], operationsPlan: 'ops-5.2' },
  scope: 'resource',
  evaluate(resource, estate) {
    if (!isBreakGlassBinding(resource, estate)) return { status: 'not-applicable', message: 'neither a break-glass group nor cluster-admin' };
    const expires = bindingObject(resource).annotations[EXPIRES_ANNOTATION];
    const today = judgedToday(estate);
    const days = expires === undefined ? undefined : daysUntilDay(expires, today);
    // No, a malformed or a past expiry already blocks under rbac/break-glass-expiry.
    if (expires === undefined || days === undefined || days < 0)
      return { status: 'not-applicable', message: 'no valid future expiry (rbac/break-glass-expiry judges it)' };
    const details = { expires, days };
    if (days <= RENEWAL_NOTICE_DAYS) {
      return {
        status: 'fail',
        message: `break-glass binding expires ${expires}, in ${days} day${days === 1 ? '' : 's'}: renew it by a reviewed change now; from ${dayAfter(expires)} synth and deployments block`,
        details,
      };
    }
    return { status: 'pass', message: `break-glass binding expires ${expires}, in ${days} days (notice from ${RENEWAL_NOTICE_DAYS} days ahead)`, details };
  },
};
