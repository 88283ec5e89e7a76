import type { EstateRule } from '../../model';
import { describeSide, NETWORK_MODEL_TYPES, networkAnalysisOf, networkEnvironments, type NetworkAnalysis } from '../../network';
import { planOf } from '../../plan/facts';
import { BOUNDARY_CONTROLS } from './controls';
import { zoneOf } from './zones';

type Result = ReturnType<EstateRule['evaluate']>[number];

export const segmentIsolation: EstateRule = {
  id: 'network/segment-isolation',
  profile: 'platform',
  title: 'No connection between the zones the plan isolates (guest and medical)',
  severity: 'critical',
  rationale:
    'The guest Wi-Fi is untrusted. The operations plan requires it to be separated from the medical network, where patient records live: the reachability analysis of the synthesized NetworkPolicies must prove that no workload of one segment can open a connection to a workload of the other, in either direction.',
  remediation:
    'Remove or narrow the egress rule at the source AND the ingress rule at the destination named in the message (both allow the flow). Flows between segments belong in the environment file’s `networkFlows`, never between guest and medical.',
  resourceTypes: NETWORK_MODEL_TYPES,
  controls: { mlps: ['8.1.2.1', ...BOUNDARY_CONTROLS.mlps], hipaa: BOUNDARY_CONTROLS.hipaa, pipl: BOUNDARY_CONTROLS.pipl, operationsPlan: 'ops-2.2' },
  planKeys: ['segments.isolated', 'segments.namespaces'],
  scope: 'estate',
  evaluate(estate) {
    const results: Result[] = [];
    const plan = planOf(estate);
    // Zones by the plan: a namespace the plan names stays in its zone whatever its label says.
    const segmentOf = (analysis: NetworkAnalysis, endpoint: string): string => zoneOf(plan, analysis, endpoint);
    const runs = plan.segments.isolated.flatMap((pair) => networkEnvironments(estate).map((environment) => ({ pair, environment })));
    for (const {
      pair: [a, b],
      environment,
    } of runs) {
      const subject = `network:${a}<->${b}`;
      const { analysis, error } = networkAnalysisOf(estate, environment);
      if (error !== undefined) {
        results.push({ resource: subject, environment, status: 'fail', message: `the network model cannot be read: ${error}` });
        continue;
      }
      const segments = new Set(analysis.cluster.workloads.map((w) => segmentOf(analysis, w.id)));
      if (!segments.has(a) || !segments.has(b)) {
        results.push({ resource: subject, environment, status: 'not-applicable', message: `no workloads in both the ${a} and the ${b} segments` });
        continue;
      }
      const crossing = analysis.connections.filter((c) => {
        const from = segmentOf(analysis, c.src);
        const to = segmentOf(analysis, c.dst);
        return (from === a && to === b) || (from === b && to === a);
      });
      for (const connection of crossing) {
        const explanation = analysis.explain(connection.src, connection.dst);
        // Stryker disable next-line OptionalChaining: a crossing starts in the guest or medical segment, so at a workload (externals are in no such segment)
        const source = analysis.workload(connection.src)?.source;
        results.push({
          resource: `${connection.src} -> ${connection.dst}`,
          environment,
          ...(source ? { file: source.file } : {}),
          status: 'fail',
          message: `${connection.src} (${segmentOf(analysis, connection.src)}) can reach ${connection.dst} (${segmentOf(analysis, connection.dst)}) on ${connection.ports.any ? 'all ports and protocols' : connection.ports.toString()}; egress allowed by: ${describeSide(explanation.egress, 'egress', connection.src).join(' | ')}; ingress allowed by: ${describeSide(explanation.ingress, 'ingress', connection.dst).join(' | ')}`,
          details: { src: connection.src, dst: connection.dst, traffic: connection.ports.toString() },
        });
      }
      if (crossing.length > 0) continue;
      if (analysis.cluster.unknowns.length > 0) {
        results.push({
          resource: subject,
          environment,
          status: 'fail',
          message: `isolation cannot be proven: ${analysis.cluster.unknowns.length} value(s) are known only after apply (${analysis.cluster.unknowns.slice(0, 3).join('; ')}); failing closed`,
        });
        continue;
      }
      results.push({
        resource: subject,
        environment,
        status: 'pass',
        message: `proven: no connection between the ${a} and ${b} segments in either direction (${analysis.cluster.workloads.length} workloads, ${analysis.cluster.policies.length} policies, ${analysis.connections.length} allowed connections analysed)`,
        details: { workloads: analysis.cluster.workloads.length, policies: analysis.cluster.policies.length, connections: analysis.connections.length },
      });
    }
    return results;
  },
};
