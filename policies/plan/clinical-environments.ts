/**
 * Which environments carry clinical systems (ops-8.1, ops-8.2: monitoring and intrusion detection are
 * required there): an environment runs a workload the plan names (a clinical system or a
 * medical-record store, by namespace/name), or any workload in a namespace the plan puts in the
 * medical zone. Read from what will run, never from a label.
 */
import { perEnvironment } from '../estate';
import { namespaceOf, objectName, WORKLOAD_TYPES } from '../kubernetes';
import { isUnknown, type Estate, type Resource } from '../model';
import { planOf, plannedStoreAt, plannedSystemAt, plannedZone } from './facts';

/** The zone of the plan that holds clinical systems and their data. */
export const MEDICAL_ZONE = 'medical';

export interface ClinicalPresence {
  /** The workloads that make the environment clinical (empty when it carries none). */
  readonly workloads: readonly Resource[];
}

export const clinicalPresence = perEnvironment((estate: Estate, environment: string): ClinicalPresence => {
  const plan = planOf(estate);
  const workloads = WORKLOAD_TYPES.flatMap((type) => estate.byType(type, environment)).filter((resource) => {
    const namespace = namespaceOf(resource);
    // A workload whose namespace is known only after apply may be anywhere: count it (fail closed).
    if (isUnknown(namespace)) return true;
    const name = objectName(resource);
    return (
      plannedSystemAt(plan, namespace, name) !== undefined ||
      plannedStoreAt(plan, namespace, name) !== undefined ||
      plannedZone(plan, namespace) === MEDICAL_ZONE
    );
  });
  return { workloads };
});

/** Whether the environment runs clinical systems (a planned workload, or any workload in the medical zone). */
export const carriesClinicalSystems = (estate: Estate, environment: string): boolean => clinicalPresence(estate, environment).workloads.length > 0;
