import type { EstateRule } from '../../model';
import { NETWORK_MODEL_TYPES } from '../../network';
import { plannedStoreAt } from '../../plan/facts';
import { MEDICAL_ZONE } from '../../plan/clinical-environments';
import { BOUNDARY_CONTROLS } from './controls';
import { evaluateFlowClass, zoneOf } from './zones';

export const medicalEntrances: EstateRule = {
  id: 'network/medical-entrances',
  profile: 'platform',
  title: 'The medical zone is entered only through the plan’s listed entrances',
  severity: 'high',
  rationale:
    'The plan lets the DMZ ingress controller forward clients to the clinical systems’ front ends, and the management zone scrape metrics, on listed ports only. Any other way into the medical zone (the ingress controller reaching a back end or another port, a management tool opening a database port, an address range outside the cluster) is a boundary the plan never reviewed. ' +
    'Judged at each medical workload’s own ingress, with zones from the plan.',
  remediation:
    'Narrow the ingress rule named in the message to the plan’s entrances, or, after review, add the entrance (from, to, ports) to policies/plan.yaml `segments.allowedFlows`.',
  resourceTypes: NETWORK_MODEL_TYPES,
  controls: { mlps: ['8.1.2.1', ...BOUNDARY_CONTROLS.mlps], hipaa: BOUNDARY_CONTROLS.hipaa, pipl: BOUNDARY_CONTROLS.pipl, operationsPlan: 'ops-2.1' },
  planKeys: ['segments.namespaces', 'segments.allowedFlows'],
  scope: 'estate',
  evaluate(estate) {
    return evaluateFlowClass(estate, {
      // The stores are judged, more strictly, by network/medical-record-store-ingress.
      subjects: (plan, analysis) =>
        analysis.cluster.workloads.filter((w) => zoneOf(plan, analysis, w.id) === MEDICAL_ZONE && plannedStoreAt(plan, w.namespace, w.name) === undefined),
      direction: 'ingress',
      restricted: (plan, analysis, peer) => zoneOf(plan, analysis, peer) !== MEDICAL_ZONE,
      verb: 'admits',
      proven: 'entered from outside the medical zone only through the plan’s flows',
      nothing: { resource: 'network:medical', message: 'no workload of the medical zone runs here' },
    });
  },
};
