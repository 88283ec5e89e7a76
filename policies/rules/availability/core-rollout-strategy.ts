import { DEPLOYMENT_TYPES, STATEFUL_SET_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule, type RuleResult } from '../../model';
import { planOf } from '../../plan/facts';
import { get, str } from '../../values';
import { outsideCoreScope } from './core';
import { FAIL_CLOSED } from '../workload/container-check';
import { AVAILABILITY_CONTROLS } from './core-replicas';
import { podCount } from './scaling';

type Scaled = { readonly value: number; readonly zero: boolean } | { readonly problem: string };

/**
 * An int-or-percent of the rolling update as the controllers resolve it (deployment/util
 * ResolveFenceposts): maxSurge rounds up, maxUnavailable down. `zero` marks a value written as 0, which
 * the API server refuses for both at once.
 */
function scaled(raw: unknown, fallback: string, replicas: number, roundUp: boolean, path: string): Scaled {
  const value = raw === undefined ? fallback : raw;
  if (isUnknown(value)) return { problem: `${path} ${FAIL_CLOSED}` };
  const text = typeof value === 'number' ? String(value) : str(value)?.trim();
  if (text !== undefined && /^\d+$/.test(text)) return { value: Number(text), zero: Number(text) === 0 };
  if (text !== undefined && /^\d+%$/.test(text)) {
    const exact = (Number(text.slice(0, -1)) * replicas) / 100;
    return { value: roundUp ? Math.ceil(exact) : Math.floor(exact), zero: Number(text.slice(0, -1)) === 0 };
  }
  return { problem: `${path} is ${JSON.stringify(value)}, neither a count nor a percentage` };
}

/** Pods of a Deployment that stay available while it rolls out, or why that cannot be known. */
function deploymentKept(values: unknown, replicas: number): { kept: number; how: string } | { problem: string } | { recreate: true } {
  const base = 'spec[0].strategy[0]';
  const type = get(values, `${base}.type`);
  if (isUnknown(type)) return { problem: `${base}.type ${FAIL_CLOSED}` };
  if (type === 'Recreate') return { recreate: true };
  if (type !== undefined && type !== 'RollingUpdate') return { problem: `${base}.type is ${JSON.stringify(type)}, neither RollingUpdate nor Recreate` };
  const surge = scaled(get(values, `${base}.rolling_update[0].max_surge`), '25%', replicas, true, `${base}.rolling_update[0].max_surge`);
  const unavailable = scaled(get(values, `${base}.rolling_update[0].max_unavailable`), '25%', replicas, false, `${base}.rolling_update[0].max_unavailable`);
  if ('problem' in surge) return surge;
  if ('problem' in unavailable) return unavailable;
  if (surge.zero && unavailable.zero)
    return { problem: `${base}.rolling_update[0] sets max_surge and max_unavailable both to 0, which the API server rejects` };
  // Both rounding to nothing would stall the rollout: the controller lets one pod go instead.
  const down = surge.value === 0 && unavailable.value === 0 ? 1 : unavailable.value;
  return {
    kept: Math.max(0, replicas - down),
    how: `RollingUpdate with max_unavailable ${JSON.stringify(get(values, `${base}.rolling_update[0].max_unavailable`) ?? '25%')} (${down} of ${replicas} pods) and max_surge ${surge.value}`,
  };
}

/** Pods of a StatefulSet that stay available while it rolls out (one pod at a time unless max_unavailable says more). */
function statefulSetKept(values: unknown, replicas: number): { kept: number; how: string } | { problem: string } | { onDelete: true } {
  const base = 'spec[0].update_strategy[0]';
  const type = get(values, `${base}.type`);
  if (isUnknown(type)) return { problem: `${base}.type ${FAIL_CLOSED}` };
  if (type === 'OnDelete') return { onDelete: true };
  if (type !== undefined && type !== 'RollingUpdate') return { problem: `${base}.type is ${JSON.stringify(type)}, neither RollingUpdate nor OnDelete` };
  const raw = get(values, `${base}.rolling_update[0].max_unavailable`);
  const unavailable = scaled(raw, '1', replicas, false, `${base}.rolling_update[0].max_unavailable`);
  if ('problem' in unavailable) return unavailable;
  // The StatefulSet controller replaces at least one pod at a time.
  const down = Math.max(1, unavailable.value);
  return { kept: Math.max(0, replicas - down), how: `RollingUpdate replacing ${down} of ${replicas} pods at a time` };
}

export const coreRolloutStrategy: ResourceRule = {
  id: 'availability/core-rollout-strategy',
  profile: 'platform',
  title: 'Rolling out a core clinical system keeps the plan’s minimum of pods serving',
  severity: 'high',
  rationale:
    'HIS, EMR and LIS run 7×24, and a release is the most frequent voluntary disruption. The Recreate strategy stops every pod before starting the new ones; a rolling update whose max_unavailable is 100 % or reaches the replica count does the same; either turns every release (and every rollback) into an outage of registration or records.',
  remediation:
    'Use `strategy { type = "RollingUpdate" rolling_update { max_surge = "25%" max_unavailable = "0" } }` on the core systems’ Deployments, or a max_unavailable that leaves at least policies/plan.yaml availability.coreMinAvailableDuringDisruption pods at the minimum replica count (percentages round down); StatefulSets update one pod at a time by default.',
  resourceTypes: [...DEPLOYMENT_TYPES, ...STATEFUL_SET_TYPES],
  controls: AVAILABILITY_CONTROLS,
  planKeys: ['clinicalSystems', 'availability.coreMinAvailableDuringDisruption'],
  scope: 'resource',
  evaluate(resource, estate): RuleResult {
    const skipped = outsideCoreScope(resource, estate, 'the stable Deployment keeps serving while it rolls');
    if (skipped) return skipped;
    const required = planOf(estate).availability.coreMinAvailableDuringDisruption;
    const planNote = `(plan: availability.coreMinAvailableDuringDisruption = ${required})`;
    const count = podCount(resource, estate);
    if (count.unknown) return { status: 'fail', message: `${count.unknown} ${FAIL_CLOSED}` };
    const replicas = count.min ?? 0;
    if (DEPLOYMENT_TYPES.includes(resource.type)) {
      const rollout = deploymentKept(resource.values, replicas);
      if ('recreate' in rollout)
        return {
          status: 'fail',
          message: `spec[0].strategy[0].type is "Recreate": every release stops all ${replicas} pod(s) before starting new ones ${planNote}`,
        };
      if ('problem' in rollout) return { status: 'fail', message: rollout.problem };
      return judged(rollout, required, planNote, replicas);
    }
    const rollout = statefulSetKept(resource.values, replicas);
    // Decision: OnDelete is accepted. The controller then never takes a pod down by itself; pods are
    // replaced only as an operator deletes them, one at a time per the runbook, which no manifest proves.
    if ('onDelete' in rollout)
      return {
        status: 'pass',
        message: 'spec[0].update_strategy[0].type is "OnDelete": the controller replaces no pod by itself (operators delete them one at a time)',
      };
    if ('problem' in rollout) return { status: 'fail', message: rollout.problem };
    return judged(rollout, required, planNote, replicas);
  },
};

function judged(rollout: { kept: number; how: string }, required: number, planNote: string, replicas: number): RuleResult {
  if (rollout.kept >= required)
    return {
      status: 'pass',
      message: `${rollout.how} keeps ${rollout.kept} ≥ ${required} pod(s) serving during a release`,
      details: { kept: rollout.kept, pods: replicas },
    };
  return {
    status: 'fail',
    message: `${rollout.how} keeps ${rollout.kept} pod(s) serving during a release, fewer than ${required} ${planNote}`,
    details: { kept: rollout.kept, pods: replicas },
  };
}
