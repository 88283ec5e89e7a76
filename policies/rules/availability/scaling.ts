/** Finding the HPA and the PDB that cover a workload, shared by the availability rules. */
import { perEnvironment } from '../../estate';
import { HPA_TYPES, namespaceOf, objectName, PDB_TYPES, podLabels, selectorMatches, workloadKind } from '../../kubernetes';
import type { Estate, Resource } from '../../model';
import { isUnknown } from '../../model';
import { get, isObject, map, num } from '../../values';

/** HPAs in the same environment and namespace whose scale target is this workload. */
export function hpasFor(workload: Resource, estate: Estate): readonly Resource[] {
  const byTarget = indexOf(estate, workload.environment).hpas;
  return byTarget.get(namespaceOf(workload))?.get(workloadKind(workload.type))?.get(objectName(workload)) ?? [];
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
  const inNamespace = indexOf(estate, workload.environment).pdbs.get(namespaceOf(workload)) ?? [];
  return inNamespace.filter((pdb) => {
    const matchLabels = map(pdb.values, 'spec[0].selector[0].match_labels');
    // `isObject` is false for an UnknownValue: a selector known only after apply covers nothing.
    return isObject(matchLabels) && selectorMatches(matchLabels, labels);
  });
}

/**
 * An environment's HPAs by namespace, target kind and target name, and its PDBs by namespace, built once
 * per estate: every workload asks, and scanning every HPA and PDB of the environment for each made the
 * availability rules quadratic in the size of a cluster. Keys are the values as read (a namespace or name
 * known only after apply is its own UnknownValue, equal to no workload's), so lookups match exactly what
 * comparing each pair with `===` matched.
 */
interface AvailabilityIndex {
  readonly hpas: Map<unknown, Map<unknown, Map<unknown, Resource[]>>>;
  readonly pdbs: Map<unknown, Resource[]>;
}

const indexOf = perEnvironment((estate, environment): AvailabilityIndex => {
  const hpas: AvailabilityIndex['hpas'] = new Map();
  for (const type of HPA_TYPES) {
    for (const hpa of estate.byType(type, environment)) {
      const namespace = namespaceOf(hpa);
      const kind = get(hpa.values, 'spec[0].scale_target_ref[0].kind');
      const name = get(hpa.values, 'spec[0].scale_target_ref[0].name');
      let byKind = hpas.get(namespace);
      if (!byKind) hpas.set(namespace, (byKind = new Map()));
      let byName = byKind.get(kind);
      if (!byName) byKind.set(kind, (byName = new Map()));
      const list = byName.get(name);
      if (list) list.push(hpa);
      else byName.set(name, [hpa]);
    }
  }
  const pdbs: AvailabilityIndex['pdbs'] = new Map();
  for (const type of PDB_TYPES) {
    for (const pdb of estate.byType(type, environment)) {
      const namespace = namespaceOf(pdb);
      const list = pdbs.get(namespace);
      if (list) list.push(pdb);
      else pdbs.set(namespace, [pdb]);
    }
  }
  return { hpas, pdbs };
});
