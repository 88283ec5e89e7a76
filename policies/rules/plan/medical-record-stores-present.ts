import { workloadLabels } from '../../kubernetes';
import { LABELS, LABEL_VALUES } from '../../labels';
import { isUnknown, type EstateRule } from '../../model';
import { policyOptions } from '../../options';
import { plannedStores } from '../../plan/facts';
import { podCount } from '../availability/scaling';
import { fileOf, isProduction, isWholeConfiguration, objectsOf } from './facts';

type Result = ReturnType<EstateRule['evaluate']>[number];

export const medicalRecordStoresPresent: EstateRule = {
  id: 'plan/medical-record-stores-present',
  profile: 'platform',
  title: 'Production runs every medical-record store of the plan (at least one replica), classified as holding medical records',
  severity: 'high',
  rationale:
    'Medical records must be backed up, encrypted and kept 30 years. The plan names the data stores that hold them; production and its DR site must run each, ' +
    'and each must carry `platform.hospital/data-class: medical-record`, which backup tooling, dashboards and access reviews read. A store declassified by ' +
    'its label would drop out of those controls.',
  remediation:
    'Run each store of policies/plan.yaml `medicalRecordStores` as the StatefulSet it names, with `holdsMedicalRecords: true` in the environment file ' +
    '(`dataStores.<name>`), or change the plan by a reviewed change.',
  resourceTypes: [],
  controls: { mlps: ['8.1.4.9', '8.1.4.8', '8.1.10.2'], hipaa: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)'], pipl: ['Art. 51'], operationsPlan: 'ops-7.3' },
  planKeys: ['medicalRecordStores'],
  scope: 'estate',
  evaluate(estate) {
    const options = policyOptions(estate);
    const results: Result[] = [];
    for (const environment of estate.environments) {
      const { workloads } = objectsOf(estate, environment);
      // Development and staging hold test data only: the plan's stores there are not medical records.
      if (!isProduction(estate, environment)) {
        results.push({
          status: 'not-applicable',
          resource: '(estate)',
          environment,
          message: `${environment} is not a production environment: its data stores hold test data`,
        });
        continue;
      }
      for (const store of plannedStores(options.plan)) {
        const ref = `${store.workload.namespace}/${store.workload.name}`;
        const workload = workloads.get(ref);
        if (!workload) {
          if (!isWholeConfiguration(estate, environment)) continue;
          results.push({
            status: 'fail',
            resource: `plan.medicalRecordStores.${store.key}`,
            environment,
            file: fileOf(estate, environment),
            message: `medical-record store ${ref} is not deployed: the plan requires it in ${environment}`,
          });
          continue;
        }
        const on = { resource: workload.address, environment, file: workload.file };
        const dataClass = workloadLabels(workload)[LABELS.dataClass];
        if (dataClass !== LABEL_VALUES.medicalRecord) {
          const shown = isUnknown(dataClass) ? 'known only after apply' : dataClass === undefined ? 'unset' : JSON.stringify(dataClass);
          results.push({
            ...on,
            status: 'fail',
            message: `${ref} holds medical records in the plan, but its label ${LABELS.dataClass} is ${shown} (expected "${LABEL_VALUES.medicalRecord}")`,
          });
        } else {
          // A store scaled to nothing is declared but serves and backs up no record.
          const pods = podCount(workload, estate);
          if (pods.unknown)
            results.push({
              ...on,
              status: 'fail',
              message: `${ref}: ${pods.unknown} is known only after apply; failing closed (plan: medicalRecordStores.${store.key} must run)`,
            });
          else if (pods.min === undefined || pods.min < 1) {
            results.push({
              ...on,
              status: 'fail',
              message: `${ref} holds medical records in the plan (medicalRecordStores.${store.key}), but spec.replicas is ${pods.min ?? 'not a number'}: the store runs no pod (at least 1 required)`,
            });
          } else results.push({ ...on, status: 'pass', message: `${ref} holds medical records, is classified so and runs ${pods.min} replica(s)` });
        }
      }
    }
    return results;
  },
};
