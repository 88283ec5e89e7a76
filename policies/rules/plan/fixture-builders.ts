/** Fixture pieces of the plan rules: the plan's systems, stores and namespaces as Terraform JSON. */
import { LABELS, LABEL_VALUES } from '../../labels';
import { loadPlan } from '../../plan/load';
import { parseWorkloadRef } from '../../plan/facts';
import { resource, terraform, workload } from '../fixture-builders';

type Json = Record<string, unknown>;
const plan = loadPlan();
const core = { [LABELS.tier]: LABEL_VALUES.coreTier };
const medicalRecord = { [LABELS.dataClass]: LABEL_VALUES.medicalRecord };

/** A namespace with its segment label (none when `zone` is undefined). */
export const namespace = (name: string, zone?: string): Json =>
  resource('kubernetes_namespace_v1', name.replace(/-/g, '_'), { metadata: { name, labels: zone === undefined ? {} : { [LABELS.segment]: zone } } });

/** The plan's system `key` deployed where the plan says, labelled core when the plan says core (unless `labels` replaces them). */
export function plannedSystem(key: string, labels?: Record<string, string>): Json {
  const system = plan.clinicalSystems[key]!;
  const { namespace: ns, name } = parseWorkloadRef(system.workload);
  return workload('kubernetes_deployment_v1', key.replace(/-/g, '_'), { name, namespace: ns, labels: labels ?? (system.core ? core : {}), replicas: 2 });
}

/** The plan's medical-record store `key` as a StatefulSet, classified unless `labels` replaces them. */
export function plannedStore(key: string, labels: Record<string, string> = medicalRecord, replicas = 1): Json {
  const { namespace: ns, name } = parseWorkloadRef(plan.medicalRecordStores[key]!.workload);
  return workload('kubernetes_stateful_set_v1', key.replace(/-/g, '_'), { name, namespace: ns, labels, replicas });
}

/** Everything the plan names, as the plan says: what production must hold (a whole root configuration, with its backend). */
export function plannedEstate(): Json {
  return terraform(
    { terraform: { backend: { pg: { conn_str: 'postgres://terraform@state-db.hospital.internal/terraform_state', schema_name: 'hospital' } } } },
    ...Object.entries(plan.segments.namespaces).map(([name, zone]) => namespace(name, zone)),
    ...Object.keys(plan.clinicalSystems).map((key) => plannedSystem(key)),
    ...Object.keys(plan.medicalRecordStores).map((key) => plannedStore(key)),
  );
}

/** `plannedEstate()` without the resources of one type and name. */
export function without(json: Json, type: string, name: string): Json {
  const copy = structuredClone(json) as { resource: Record<string, Record<string, unknown>> };
  delete copy.resource[type]![name];
  return copy;
}

export { terraform };
