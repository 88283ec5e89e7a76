import type { EstateRule } from '../../model';
import { NETWORK_MODEL_TYPES } from '../../network';
import { plannedStoreAt } from '../../plan/facts';
import { MEDICAL_ZONE } from '../../plan/clinical-environments';
import { BOUNDARY_CONTROLS } from './controls';
import { evaluateFlowClass, zoneOf } from './zones';

export const medicalRecordStoreIngress: EstateRule = {
  id: 'network/medical-record-store-ingress',
  profile: 'platform',
  title: 'Medical-record stores admit nothing from outside the medical zone that the plan does not list',
  severity: 'critical',
  rationale:
    'The medical-record stores hold every patient record. The plan keeps them inside the medical zone: their own NetworkPolicies (the last boundary, whatever the caller’s egress says) must not admit any workload of another zone or any address outside the cluster, unless a reviewed flow of the plan names the store. ' +
    'The stores and the zones come from the plan (medicalRecordStores, segments.namespaces), never from labels the same change can flip.',
  remediation:
    'Narrow the ingress rule named in the message to peers of the medical zone (namespace AND pod selector), or, after review, add a flow naming the store (`to: { stores: [...] }`) with its ports to policies/plan.yaml `segments.allowedFlows`.',
  resourceTypes: NETWORK_MODEL_TYPES,
  controls: {
    mlps: ['8.1.2.1', ...BOUNDARY_CONTROLS.mlps, '8.1.4.2'],
    hipaa: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(4)(i)'],
    pipl: ['Art. 51'],
    operationsPlan: 'ops-2.2',
  },
  planKeys: ['medicalRecordStores', 'segments.namespaces', 'segments.allowedFlows'],
  scope: 'estate',
  evaluate(estate) {
    return evaluateFlowClass(estate, {
      subjects: (plan, analysis) => analysis.cluster.workloads.filter((w) => plannedStoreAt(plan, w.namespace, w.name) !== undefined),
      direction: 'ingress',
      restricted: (plan, analysis, peer) => zoneOf(plan, analysis, peer) !== MEDICAL_ZONE,
      restrictedZone: (zone) => zone !== MEDICAL_ZONE,
      explicitStore: true,
      verb: 'admits',
      proven: 'admits nothing from outside the medical zone beyond the plan’s flows',
      nothing: {
        resource: 'network:medical-record-stores',
        message: 'no medical-record store of the plan runs here (plan/medical-record-stores-present judges whether one must)',
      },
    });
  },
};
