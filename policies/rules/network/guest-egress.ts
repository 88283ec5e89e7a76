import type { EstateRule } from '../../model';
import { isExternal, NETWORK_MODEL_TYPES } from '../../network';
import { BOUNDARY_CONTROLS } from './controls';
import { evaluateFlowClass, isInternalRange, zoneOf } from './zones';

const GUEST_ZONE = 'guest';

export const guestEgress: EstateRule = {
  id: 'network/guest-egress',
  profile: 'platform',
  title: 'The guest zone reaches only the internet (and the plan’s listed services such as DNS)',
  severity: 'critical',
  rationale:
    'Guest Wi-Fi users are untrusted. The plan gives the guest zone the internet and nothing of the hospital: no workload of another zone and no address of the hospital’s own ranges (segments.internalRanges: data centres, LAN, cluster networks), except the reviewed flows of the plan (name resolution at the cluster DNS). ' +
    'Judged at each guest workload’s own egress, with zones from the plan, so a guest namespace relabelled as another zone is still judged as guest.',
  remediation:
    'Remove the egress rule named in the message, or narrow it to public addresses (`0.0.0.0/0` with the internal ranges in `except`); a reviewed exception is a flow in policies/plan.yaml `segments.allowedFlows`.',
  resourceTypes: NETWORK_MODEL_TYPES,
  controls: { mlps: ['8.1.2.1', ...BOUNDARY_CONTROLS.mlps], hipaa: BOUNDARY_CONTROLS.hipaa, pipl: BOUNDARY_CONTROLS.pipl, operationsPlan: 'ops-2.2' },
  planKeys: ['segments.namespaces', 'segments.internalRanges', 'segments.allowedFlows'],
  scope: 'estate',
  evaluate(estate) {
    return evaluateFlowClass(estate, {
      subjects: (plan, analysis) => analysis.cluster.workloads.filter((w) => zoneOf(plan, analysis, w.id) === GUEST_ZONE),
      direction: 'egress',
      restricted: (plan, analysis, peer) => (isExternal(peer) ? isInternalRange(plan, analysis, peer) : zoneOf(plan, analysis, peer) !== GUEST_ZONE),
      verb: 'may send to the hospital',
      proven: 'reaches only the internet and the plan’s flows',
      nothing: { resource: 'network:guest', message: 'no workload of the guest zone runs here' },
    });
  },
};
