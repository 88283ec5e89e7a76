import type { EstateRule } from '../../model';
import { NETWORK_MODEL_TYPES } from '../../network';
import { MEDICAL_ZONE } from '../../plan/clinical-environments';
import { BOUNDARY_CONTROLS } from './controls';
import { evaluateFlowClass, isPublicRange, zoneOf } from './zones';

export const medicalInternetEgress: EstateRule = {
  id: 'network/medical-internet-egress',
  profile: 'platform',
  title: 'The medical zone sends nothing to the internet unless the plan lists it',
  severity: 'critical',
  rationale:
    'A medical workload that can open connections to public addresses can leak patient records (PIPL cross-border transfer, MLPS boundary protection). The plan names the hospital’s own address space (segments.internalRanges); every address outside it is the internet, and the medical zone may reach it only through a reviewed flow of the plan. ' +
    'Judged at each medical workload’s own egress, with zones from the plan.',
  remediation:
    'Remove the egress rule named in the message or narrow its ipBlock to the hospital’s ranges; a reviewed exception (a vendor’s update service) is a flow in policies/plan.yaml `segments.allowedFlows` with `to: { cidr: ... }`.',
  resourceTypes: NETWORK_MODEL_TYPES,
  controls: { mlps: ['8.1.2.1', ...BOUNDARY_CONTROLS.mlps], hipaa: BOUNDARY_CONTROLS.hipaa, pipl: ['Art. 38', 'Art. 51'], operationsPlan: 'ops-2.1' },
  planKeys: ['segments.namespaces', 'segments.internalRanges', 'segments.allowedFlows'],
  scope: 'estate',
  evaluate(estate) {
    return evaluateFlowClass(estate, {
      subjects: (plan, analysis) => analysis.cluster.workloads.filter((w) => zoneOf(plan, analysis, w.id) === MEDICAL_ZONE),
      direction: 'egress',
      restricted: (plan, analysis, peer) => isPublicRange(plan, analysis, peer),
      verb: 'may send to the internet',
      proven: 'reaches no public address beyond the plan’s flows',
      nothing: { resource: 'network:medical', message: 'no workload of the medical zone runs here' },
    });
  },
};
