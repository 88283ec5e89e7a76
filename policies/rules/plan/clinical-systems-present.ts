import { workloadLabels } from '../../kubernetes';
import { LABELS, LABEL_VALUES } from '../../labels';
import { isUnknown, type EstateRule } from '../../model';
import { policyOptions } from '../../options';
import { plannedSystems } from '../../plan/facts';
import { fileOf, isProduction, isWholeConfiguration, objectsOf } from './facts';

type Result = ReturnType<EstateRule['evaluate']>[number];

export const clinicalSystemsPresent: EstateRule = {
  id: 'plan/clinical-systems-present',
  profile: 'platform',
  title: 'Every clinical system of the plan runs under its own name, core systems labelled core',
  severity: 'high',
  rationale:
    'The operations plan names the clinical systems and which of them are core (7×24, RTO ≤ 30 min). Production and its DR site must run each of them as the ' +
    'workload the plan names: a renamed or missing system escapes every availability, alerting and DR rule. Dashboards, alert routing and on-call read the ' +
    '`platform.hospital/tier` label, so a core system labelled otherwise is silently downgraded.',
  remediation:
    'Run each system of policies/plan.yaml `clinicalSystems` as the Deployment or StatefulSet `<namespace>/<name>` it names (environments/<env>.yaml ' +
    '`clinicalSystems.<name>`, same namespace), with `core: true` where the plan says core; or change the plan by a reviewed change.',
  resourceTypes: [],
  controls: { mlps: ['8.1.10.2', '8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(C)', '164.308(a)(1)(ii)(A)'], operationsPlan: 'ops-3.1' },
  planKeys: ['clinicalSystems'],
  scope: 'estate',
  evaluate(estate) {
    const options = policyOptions(estate);
    const systems = plannedSystems(options.plan);
    const results: Result[] = [];
    for (const environment of estate.environments) {
      const { workloads } = objectsOf(estate, environment);
      const production = isProduction(estate, environment) && isWholeConfiguration(estate, environment);
      for (const system of systems) {
        const ref = `${system.workload.namespace}/${system.workload.name}`;
        const workload = workloads.get(ref);
        const subject = `plan.clinicalSystems.${system.key}`;
        if (!workload) {
          if (production) {
            results.push({
              status: 'fail',
              resource: subject,
              environment,
              file: fileOf(estate, environment),
              message: `${system.title} (${ref}) is not deployed: the plan requires it in ${environment}`,
            });
          }
          continue;
        }
        const on = { resource: workload.address, environment, file: workload.file };
        const tier = workloadLabels(workload)[LABELS.tier];
        if (system.core && tier !== LABEL_VALUES.coreTier) {
          const shown = isUnknown(tier) ? 'known only after apply' : tier === undefined ? 'unset' : JSON.stringify(tier);
          results.push({
            ...on,
            status: 'fail',
            message: `${system.title} (${ref}) is core in the plan, but its label ${LABELS.tier} is ${shown} (expected "${LABEL_VALUES.coreTier}")`,
          });
        } else {
          results.push({ ...on, status: 'pass', message: `${system.title} runs as ${ref}${system.core ? ', labelled core' : ''}` });
        }
      }
    }
    return results;
  },
};
