/**
 * How many pods a PodDisruptionBudget keeps running during voluntary disruptions (node drains), as the
 * disruption controller computes it (pkg/controller/disruption, getExpectedPodCount): `minAvailable`
 * as a number is absolute; as a percentage it is ⌈p × expected⌉; `maxUnavailable` lets
 * ⌈p × expected⌉ (percentage) or its number of pods go, keeping the rest; neither keeps nothing.
 * Percentages round up in both cases (intstr.GetScaledValueFromIntOrPercent(…, roundUp=true)).
 */
import { isUnknown, type Resource } from '../../model';
import { get } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';

type IntOrPercent = { readonly percent: number } | { readonly count: number };

function parseIntOrPercent(value: unknown): IntOrPercent | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? { count: value } : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+%$/.test(text)) return { percent: Number(text.slice(0, -1)) };
  if (/^\d+$/.test(text)) return { count: Number(text) };
  return undefined;
}

export type Guarantee = { readonly kept: number; readonly how: string } | { readonly problem: string };

/**
 * Pods of one workload the PDB keeps available when the workload runs `ownPods` pods and the PDB's
 * selector also covers `otherPods` pods of other workloads (which may be the ones kept).
 */
export function pdbGuarantee(pdb: Resource, ownPods: number, otherPods: number): Guarantee {
  const min = get(pdb.values, 'spec[0].min_available');
  const max = get(pdb.values, 'spec[0].max_unavailable');
  if (isUnknown(min)) return { problem: `${pdb.address} spec[0].min_available ${FAIL_CLOSED}` };
  if (isUnknown(max)) return { problem: `${pdb.address} spec[0].max_unavailable ${FAIL_CLOSED}` };
  if (min !== undefined && max !== undefined) return { problem: `${pdb.address} sets both min_available and max_unavailable, which the API server rejects` };
  const expected = ownPods + otherPods;
  let desired: number;
  let how: string;
  if (max !== undefined) {
    const parsed = parseIntOrPercent(max);
    if (!parsed) return { problem: `${pdb.address} spec[0].max_unavailable is ${JSON.stringify(max)}, neither a count nor a percentage` };
    const unavailable = 'percent' in parsed ? Math.ceil((parsed.percent * expected) / 100) : parsed.count;
    desired = Math.max(0, expected - unavailable);
    how = `spec[0].max_unavailable ${JSON.stringify(max)} lets ${unavailable} of ${expected} pods go`;
  } else if (min !== undefined) {
    const parsed = parseIntOrPercent(min);
    if (!parsed) return { problem: `${pdb.address} spec[0].min_available is ${JSON.stringify(min)}, neither a count nor a percentage` };
    desired = 'percent' in parsed ? Math.ceil((parsed.percent * expected) / 100) : parsed.count;
    how = `spec[0].min_available ${JSON.stringify(min)} keeps ${desired} of ${expected} pods`;
  } else {
    desired = 0;
    how = 'neither spec[0].min_available nor spec[0].max_unavailable is set, so every pod may be evicted';
  }
  const kept = Math.max(0, Math.min(ownPods, desired - otherPods));
  if (otherPods > 0) how += ` (its selector also covers ${otherPods} pod(s) of other workloads, which may be the ones kept)`;
  return { kept, how };
}
