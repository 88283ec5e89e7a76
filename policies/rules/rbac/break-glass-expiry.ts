import { BINDING_TYPES } from '../../kubernetes';
import type { Estate, Resource, ResourceRule } from '../../model';
import { breakGlassGroupsOf, policyOptions } from '../../options';
import { bindingObject, EXPIRES_ANNOTATION } from '../../rbac';
import { parseDay } from '../../renewals';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a binding grants break-glass access: a break-glass group among its subjects, or cluster-admin. */
export function isBreakGlassBinding(resource: Resource, estate: Estate): boolean {
  const binding = bindingObject(resource);
  const groups = breakGlassGroupsOf(estate, resource.environment);
  return binding.subjects.some((subject) => subject.kind === 'Group' && groups.includes(subject.name)) || binding.roleRef.name === 'cluster-admin';
}

/** The day the rules judge expiries against (`today` policy option, else the clock), as `YYYY-MM-DD`. */
export function judgedToday(estate: Estate): string {
  return policyOptions(estate).today ?? new Date().toISOString().slice(0, 10);
}

export const breakGlassExpiry: ResourceRule = {
  id: 'rbac/break-glass-expiry',
  profile: 'platform',
  title: 'Break-glass and cluster-admin bindings expire within the review period',
  severity: 'high',
  rationale:
    'Emergency access must not become standing access: a break-glass binding that carries no expiry, or one beyond the next quarterly review, escapes the access review.',
  remediation: `Annotate the binding with \`${EXPIRES_ANNOTATION}: YYYY-MM-DD\` no later than the next quarterly review (policies/plan.yaml: access.breakGlassMaxDays, one quarter), and renew it by a reviewed change.`,
  resourceTypes: BINDING_TYPES,
  controls: { mlps: ['8.1.4.2', '8.1.5.1'], hipaa: ['164.312(a)(1)', '164.312(a)(2)(ii)'], operationsPlan: 'ops-5.2' },
  planKeys: ['access.breakGlassMaxDays'],
  scope: 'resource',
  evaluate(resource, estate) {
    const options = policyOptions(estate);
    const binding = bindingObject(resource);
    if (!isBreakGlassBinding(resource, estate)) return { status: 'not-applicable', message: 'neither a break-glass group nor cluster-admin' };
    const field = `metadata[0].annotations["${EXPIRES_ANNOTATION}"]`;
    const expires = binding.annotations[EXPIRES_ANNOTATION];
    if (expires === undefined) return { status: 'fail', message: `${field} is unset: break-glass access never expires` };
    const expiry = parseDay(expires);
    if (expiry === undefined) return { status: 'fail', message: `${field} is "${expires}", expected a date YYYY-MM-DD` };
    const today = judgedToday(estate);
    const now = parseDay(today) ?? Date.now();
    const maxDays = options.plan.access.breakGlassMaxDays;
    if (expiry < now) return { status: 'fail', message: `${field} is ${expires}: expired (today is ${today}); renew or remove the binding` };
    const days = Math.round((expiry - now) / DAY_MS);
    if (days > maxDays) return { status: 'fail', message: `${field} is ${expires}, ${days} days ahead: expected at most ${maxDays} (one review period)` };
    return { status: 'pass', message: `break-glass binding expires ${expires} (${days} days ahead, at most ${maxDays})`, details: { expires, days } };
  },
};
