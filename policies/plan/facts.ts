/**
 * What the operations plan says about a resource: which clinical system a workload is, whether it is
 * core, which data stores hold medical records, which zone a namespace belongs to. Rules ask here, by
 * what will run (namespace and name), never by a label the same change could flip; a label may only
 * add strictness (a workload labelled core that the plan does not name is judged as core too).
 */
import { LABELS, LABEL_VALUES } from '../labels';
import { isUnknown, type Estate, type Resource } from '../model';
import { policyOptions } from '../options';
import { namespaceOf, objectName, workloadLabels } from '../kubernetes';
import type { OperationsPlan } from './schema';

export interface WorkloadRef {
  readonly namespace: string;
  readonly name: string;
}

export const parseWorkloadRef = (ref: string): WorkloadRef => {
  const [namespace, name] = ref.split('/') as [string, string];
  return { namespace, name };
};

export interface PlannedSystem {
  /** The system's key in the plan (`registration`). */
  readonly key: string;
  readonly title: string;
  readonly core: boolean;
  readonly workload: WorkloadRef;
}

export interface PlannedStore {
  readonly key: string;
  readonly workload: WorkloadRef;
}

interface PlanIndex {
  readonly systems: readonly PlannedSystem[];
  readonly stores: readonly PlannedStore[];
  /** `namespace/name` → system or store. */
  readonly systemAt: ReadonlyMap<string, PlannedSystem>;
  readonly storeAt: ReadonlyMap<string, PlannedStore>;
}

const indexes = new WeakMap<OperationsPlan, PlanIndex>();

function indexOf(plan: OperationsPlan): PlanIndex {
  let index = indexes.get(plan);
  if (index) return index;
  const systems = Object.entries(plan.clinicalSystems).map(([key, system]) => ({
    key,
    title: system.title,
    core: system.core,
    workload: parseWorkloadRef(system.workload),
  }));
  const stores = Object.entries(plan.medicalRecordStores).map(([key, store]) => ({ key, workload: parseWorkloadRef(store.workload) }));
  index = {
    systems,
    stores,
    systemAt: new Map(systems.map((system) => [`${system.workload.namespace}/${system.workload.name}`, system])),
    storeAt: new Map(stores.map((store) => [`${store.workload.namespace}/${store.workload.name}`, store])),
  };
  indexes.set(plan, index);
  return index;
}

/** The plan the estate is judged against (the repository's `policies/plan.yaml` unless a run says otherwise). */
export const planOf = (estate: Estate): OperationsPlan => policyOptions(estate).plan;

export const plannedSystems = (plan: OperationsPlan): readonly PlannedSystem[] => indexOf(plan).systems;
export const plannedStores = (plan: OperationsPlan): readonly PlannedStore[] => indexOf(plan).stores;

/** The clinical system the plan runs at `namespace/name`, if any. */
export function plannedSystemAt(plan: OperationsPlan, namespace: unknown, name: unknown): PlannedSystem | undefined {
  return typeof namespace === 'string' && typeof name === 'string' ? indexOf(plan).systemAt.get(`${namespace}/${name}`) : undefined;
}

/** The medical-record store the plan places at `namespace/name`, if any. */
export function plannedStoreAt(plan: OperationsPlan, namespace: unknown, name: unknown): PlannedStore | undefined {
  return typeof namespace === 'string' && typeof name === 'string' ? indexOf(plan).storeAt.get(`${namespace}/${name}`) : undefined;
}

/** The zone the plan gives a namespace, or undefined for a namespace the plan does not name. */
export function plannedZone(plan: OperationsPlan, namespace: unknown): string | undefined {
  return typeof namespace === 'string' && Object.hasOwn(plan.segments.namespaces, namespace) ? plan.segments.namespaces[namespace] : undefined;
}

export type Coreness = 'core' | 'not-core' | 'unknown';

/**
 * Whether a workload is a core system: the plan's word for the workload it names; otherwise its
 * `platform.hospital/tier` label, which can only make a workload core (`unknown` when that label is
 * known only after apply, so rules fail closed).
 */
export function coreness(resource: Resource, estate: Estate): Coreness {
  const planned = plannedSystemAt(planOf(estate), namespaceOf(resource), objectName(resource));
  if (planned?.core) return 'core';
  const tier = workloadLabels(resource)[LABELS.tier];
  if (isUnknown(tier)) return 'unknown';
  return tier === LABEL_VALUES.coreTier ? 'core' : 'not-core';
}

/** Whether the workload is the one the plan names for a system (never a canary, whatever its labels). */
export const isPlannedWorkload = (resource: Resource, estate: Estate): boolean =>
  plannedSystemAt(planOf(estate), namespaceOf(resource), objectName(resource)) !== undefined;
