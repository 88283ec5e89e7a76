import { DEPLOYMENT_TYPES, HPA_TYPES, isCanary, namespaceOf, objectName, STATEFUL_SET_TYPES, workloadLabels } from '../../kubernetes';
import { isUnknown, type Estate, type EstateRule, type Resource } from '../../model';
import { policyOptions } from '../../options';
import { coreness, isPlannedWorkload } from '../../plan/facts';
import { get, num, str } from '../../values';
import { dataStoresOf, DATA_STORE_LABEL } from '../backup/facts';
import { drillsOf } from '../backup/restore-drill-monthly';

export const DEFAULT_DR_SITES: Readonly<Record<string, string>> = { prod: 'dr' };

const WORKLOAD_TYPES = [...DEPLOYMENT_TYPES, ...STATEFUL_SET_TYPES];

/** `namespace/name` of a workload: how a system is matched between sites. */
const keyOf = (resource: Resource): string => `${String(namespaceOf(resource))}/${objectName(resource) ?? resource.name}`;

/**
 * Replicas a workload keeps ready: `spec.replicas` (Kubernetes defaults an unset count to 1), or the
 * HPA minimum when an HPA in the same namespace scales it.
 */
function warmReplicas(estate: Estate, workload: Resource): number | 'unknown' {
  const replicas = get(workload.values, 'spec[0].replicas');
  if (isUnknown(replicas)) return 'unknown';
  const autoscaler = HPA_TYPES.flatMap((type) => estate.byType(type, workload.environment)).find(
    (hpa) => namespaceOf(hpa) === namespaceOf(workload) && str(get(hpa.values, 'spec[0].scale_target_ref[0].name')) === objectName(workload),
  );
  if (autoscaler) return num(get(autoscaler.values, 'spec[0].min_replicas')) ?? 1;
  return replicas === undefined ? 1 : (num(replicas) ?? 'unknown');
}

export const drCoreSystemsPresent: EstateRule = {
  id: 'dr/core-systems-present',
  profile: 'platform',
  title: 'Every core system and data store of production has a warm counterpart at the DR site',
  severity: 'high',
  rationale:
    'Core systems (HIS registration and billing, EMR, LIS) must recover within 30 minutes. That is only possible when the DR site already runs each of them warm ' +
    '(at least one ready replica) and holds each data store, so a failover switches traffic instead of building a site. Which systems are core and which ' +
    'stores hold medical records comes from the operations plan (clinicalSystems, medicalRecordStores); a label can add a system, never remove one.',
  remediation:
    'Declare the missing clinical system (same name and namespace, replicas ≥ 1) or data store in environments/dr.yaml; see docs/runbooks/failover.md.',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(C)'], operationsPlan: 'ops-7.2' },
  planKeys: ['clinicalSystems', 'medicalRecordStores', 'availability.recoveryTimeMinutes'],
  scope: 'estate',
  evaluate(estate) {
    const sites = policyOptions(estate).drSites ?? DEFAULT_DR_SITES;
    const results: ReturnType<EstateRule['evaluate']>[number][] = [];
    for (const [primary, standby] of Object.entries(sites)) {
      if (!estate.environments.includes(primary)) continue;
      const primaryWorkloads = WORKLOAD_TYPES.flatMap((type) => estate.byType(type, primary));
      // Core-ness comes from the plan (its labels may only add). A canary is a temporary slice of a
      // system whose stable Deployment has the DR counterpart; the plan's own workload is never one.
      const core = primaryWorkloads
        .map((workload) => ({ workload, core: coreness(workload, estate) }))
        .filter(
          ({ workload, core }) =>
            core !== 'not-core' && (isPlannedWorkload(workload, estate) || (!workloadLabels(workload)[DATA_STORE_LABEL] && !isCanary(workload))),
        );
      const stores = dataStoresOf(estate, primary);
      if (!estate.environments.includes(standby)) {
        results.push({
          status: 'not-applicable',
          resource: '(estate)',
          environment: primary,
          message: `the DR environment ${standby} of ${primary} is not part of this check; check both together to prove DR coverage`,
        });
        continue;
      }
      const standbyWorkloads = new Map(WORKLOAD_TYPES.flatMap((type) => estate.byType(type, standby)).map((workload) => [keyOf(workload), workload]));
      for (const { workload, core: known } of core) {
        const counterpart = standbyWorkloads.get(keyOf(workload));
        const subject = { resource: workload.address, environment: primary, file: workload.file };
        if (known === 'unknown') {
          results.push({
            ...subject,
            status: 'fail',
            message: `${keyOf(workload)}: its platform.hospital/tier label is known only after apply, so whether it is a core system is unknown; failing closed`,
          });
          continue;
        }
        if (!counterpart) {
          results.push({ ...subject, status: 'fail', message: `core system ${keyOf(workload)} of ${primary} has no counterpart in ${standby}` });
          continue;
        }
        const warm = warmReplicas(estate, counterpart);
        const details = {
          system: keyOf(workload),
          counterpart: `${standby}: ${keyOf(counterpart)} (${warm} replica(s))`,
          counterpartAddress: counterpart.address,
          readyReplicas: warm,
        };
        results.push(
          warm === 'unknown'
            ? {
                ...subject,
                details,
                status: 'fail',
                message: `core system ${keyOf(workload)}: the replica count of ${counterpart.address} in ${standby} is known only after apply; failing closed`,
              }
            : warm < 1
              ? {
                  ...subject,
                  details,
                  status: 'fail',
                  message: `core system ${keyOf(workload)}: ${counterpart.address} in ${standby} runs ${warm} replicas; a warm standby needs at least 1`,
                }
              : {
                  ...subject,
                  details,
                  status: 'pass',
                  message: `core system ${keyOf(workload)} runs warm in ${standby} (${counterpart.address}, ${warm} replica${warm === 1 ? '' : 's'})`,
                },
        );
      }
      const standbyStores = new Map(dataStoresOf(estate, standby).map((store) => [store.name, store]));
      for (const store of stores) {
        // dataStoresOf finds each store through its workload or a backup job: one of them is always there.
        const own = store.workload ?? store.jobs[0]?.resource ?? store.claims[0]!.resource;
        const subject = { resource: own.address, environment: primary, file: own.file };
        const counterpart = standbyStores.get(store.name);
        if (!counterpart) {
          results.push({ ...subject, status: 'fail', message: `data store ${store.name} of ${primary} has no counterpart in ${standby}` });
          continue;
        }
        const where = counterpart.workload ? `${counterpart.workload.address}` : 'backup jobs only';
        const details = {
          dataStore: store.name,
          counterpart: `${standby}: ${counterpart.workload ? keyOf(counterpart.workload) : 'backup jobs only'}`,
          counterpartAddress: where,
          restoreDrillAtStandby: drillsOf(store, estate).some(({ drill }) => drill.resource.environment === standby),
        };
        if (store.workload && counterpart.workload) {
          const warm = warmReplicas(estate, counterpart.workload);
          if (warm === 'unknown' || warm < 1) {
            results.push({
              ...subject,
              details,
              status: 'fail',
              message: `data store ${store.name}: ${counterpart.workload.address} in ${standby} runs ${warm} replicas; a warm standby needs at least 1`,
            });
            continue;
          }
        } else if (store.workload && !counterpart.workload) {
          results.push({
            ...subject,
            details,
            status: 'fail',
            message: `data store ${store.name} runs in ${primary} (${store.workload.address}) but ${standby} only backs it up; it needs a running standby`,
          });
          continue;
        }
        results.push({ ...subject, details, status: 'pass', message: `data store ${store.name} has its counterpart in ${standby} (${where})` });
      }
    }
    return results;
  },
};
