/** Finding the HPA and the PDB that cover a workload, shared by the availability rules. */
import { perEnvironment } from '../../estate';
import { containersOf, HPA_TYPES, namespaceOf, objectName, PDB_TYPES, podLabels, workloadKind } from '../../kubernetes';
import type { Estate, Resource } from '../../model';
import { isUnknown } from '../../model';
import { get, num } from '../../values';
import { labelSelectorMatches, type SelectorMatch } from './label-selector';

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

/**
 * How many pods a workload runs: its HPA's bounds when exactly one HPA scales it, else `spec.replicas`
 * (Kubernetes' default 1). `unknown` names a count known only after apply.
 */
export function podCount(workload: Resource, estate: Estate): { min: number | undefined; max: number | undefined; unknown?: string } {
  const hpas = hpasFor(workload, estate);
  if (hpas.length === 1) {
    const bounds = hpaBounds(hpas[0]!);
    return bounds.unknown
      ? { min: undefined, max: undefined, unknown: `${hpas[0]!.address} replica bounds` }
      : { min: bounds.min, max: bounds.max ?? bounds.min };
  }
  const replicas = get(workload.values, 'spec[0].replicas');
  if (isUnknown(replicas)) return { min: undefined, max: undefined, unknown: `${workload.address} spec[0].replicas` };
  const count = replicas === undefined ? 1 : num(replicas);
  return { min: count, max: count };
}

/** The PDBs of the workload's namespace (same environment) with how their selector judges its pods. */
export function pdbsOf(workload: Resource, estate: Estate): { pdb: Resource; match: SelectorMatch }[] {
  const labels = podLabels(workload);
  const inNamespace = indexOf(estate, workload.environment).pdbs.get(namespaceOf(workload)) ?? [];
  return inNamespace.map((pdb) => ({ pdb, match: labelSelectorMatches(get(pdb.values, 'spec[0].selector'), labels) }));
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

/** `registry/repo:tag@sha256:…` → `registry/repo` (a Docker Hub name without a registry stays as written). */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/**
 * Whether two workloads run the same application: the same containers (by name) from the same image
 * repositories, whatever the tags or digests. A canary of a clinical system is such a workload (the
 * stable pod template with a new image of the system's own repository); a different system is not,
 * whatever labels it carries.
 */
export function runsSameApplication(a: Resource, b: Resource): boolean {
  const signature = (workload: Resource): string | undefined => {
    const parts: string[] = [];
    for (const ref of containersOf(workload)) {
      if (ref.init) continue;
      const image = ref.container.image;
      if (typeof image !== 'string') return undefined;
      parts.push(`${ref.name}=${imageRepository(image)}`);
    }
    return parts.length ? parts.sort().join(',') : undefined;
  };
  const first = signature(a);
  return first !== undefined && first === signature(b);
}
