/** Finding the HPA and the PDB that cover a workload, shared by the availability rules. */
import { HPA_TYPES, namespaceOf, objectName, PDB_TYPES, podLabels, selectorMatches, workloadKind } from '../../kubernetes';
import type { Estate, Resource } from '../../model';
import { isUnknown } from '../../model';
import { get, isObject, map, num } from '../../values';

/** HPAs in the same environment and namespace whose scale target is this workload. */
export function hpasFor(workload: Resource, estate: Estate): Resource[] {
  const kind = workloadKind(workload.type);
  const name = objectName(workload);
  const namespace = namespaceOf(workload);
  return HPA_TYPES.flatMap((type) => estate.byType(type, workload.environment)).filter(
    (hpa) =>
      get(hpa.values, 'spec[0].scale_target_ref[0].kind') === kind &&
      get(hpa.values, 'spec[0].scale_target_ref[0].name') === name &&
      namespaceOf(hpa) === namespace,
  );
}

/** An HPA's replica bounds (Kubernetes defaults min to 1). */
export function hpaBounds(hpa: Resource): { min: number | undefined; max: number | undefined; unknown: boolean } {
  const min = get(hpa.values, 'spec[0].min_replicas');
  const max = get(hpa.values, 'spec[0].max_replicas');
  return { min: min === undefined ? 1 : num(min), max: num(max), unknown: isUnknown(min) || isUnknown(max) };
}

/** PDBs in the same environment and namespace whose selector matches the workload's pods. */
export function pdbsFor(workload: Resource, estate: Estate): Resource[] {
  const labels = podLabels(workload);
  const namespace = namespaceOf(workload);
  return PDB_TYPES.flatMap((type) => estate.byType(type, workload.environment)).filter((pdb) => {
    if (namespaceOf(pdb) !== namespace) return false;
    const matchLabels = map(pdb.values, 'spec[0].selector[0].match_labels');
    // `isObject` is false for an UnknownValue: a selector known only after apply covers nothing.
    return isObject(matchLabels) && selectorMatches(matchLabels, labels);
  });
}
