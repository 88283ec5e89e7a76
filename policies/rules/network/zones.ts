/**
 * What the plan-zone network rules share: the zone of an endpoint by the operations plan (a namespace
 * the plan names is in the plan's zone whatever its `platform.hospital/segment` label says, because the
 * change under review can rewrite the label), the hospital's own address space, and the plan's reviewed
 * flows (`segments.allowedFlows`) resolved against what will run (container ports, namespaces, ranges).
 */
import { LABELS } from '../../labels';
import type { Estate, EstateRule } from '../../model';
import {
  AddressSet,
  EXTERNAL_SEGMENT,
  externalAddresses,
  isEmptySelector,
  isExternal,
  networkAnalysisOf,
  networkEnvironments,
  PortSet,
  PROTOCOLS,
  rulePorts,
  selectorMatches,
  type NetworkAnalysis,
  type Protocol,
  type Workload,
} from '../../network';
import { planOf, plannedStoreAt, plannedSystemAt, plannedZone } from '../../plan/facts';
import type { AllowedFlow, FlowEnd, OperationsPlan } from '../../plan/schema';

export const UNSEGMENTED = 'unsegmented';

/**
 * The zone of an endpoint: the plan's zone of its namespace; for a namespace the plan does not name,
 * its segment label (plan/namespace-zones requires one of the plan's zones there); `external` outside
 * the cluster.
 */
export function zoneOf(plan: OperationsPlan, analysis: NetworkAnalysis, endpoint: string): string {
  if (isExternal(endpoint)) return EXTERNAL_SEGMENT;
  const workload = analysis.workload(endpoint);
  return plannedZone(plan, workload?.namespace) ?? analysis.namespaceOf(endpoint)?.labels[LABELS.segment] ?? workload?.labels[LABELS.segment] ?? UNSEGMENTED;
}

/** Where the zone came from, for messages: the plan, or a label (unplanned namespaces). */
export function zoneSource(plan: OperationsPlan, analysis: NetworkAnalysis, endpoint: string): string {
  if (isExternal(endpoint)) return 'outside the cluster';
  const namespace = analysis.workload(endpoint)?.namespace;
  return plannedZone(plan, namespace) !== undefined ? `plan: segments.namespaces.${namespace}` : `label ${LABELS.segment}`;
}

const internalSets = new WeakMap<NetworkAnalysis, AddressSet>();

/** The hospital's own addresses: the plan's `segments.internalRanges` and the cluster's recorded networks. */
export function internalAddresses(plan: OperationsPlan, analysis: NetworkAnalysis): AddressSet {
  let set = internalSets.get(analysis);
  if (set) return set;
  set = [...plan.segments.internalRanges, ...analysis.cluster.podCidrs, ...analysis.cluster.nodeCidrs].reduce(
    (all, cidr) => all.union(AddressSet.ofCidr(cidr)),
    AddressSet.EMPTY,
  );
  internalSets.set(analysis, set);
  return set;
}

/** Whether an external endpoint holds any address outside the hospital (the internet). */
export function isPublicRange(plan: OperationsPlan, analysis: NetworkAnalysis, endpoint: string): boolean {
  const addresses = externalAddresses(endpoint);
  return addresses !== undefined && !addresses.minus(internalAddresses(plan, analysis)).isEmpty();
}

/** Whether an external endpoint holds any address of the hospital's own space. */
export function isInternalRange(plan: OperationsPlan, analysis: NetworkAnalysis, endpoint: string): boolean {
  const addresses = externalAddresses(endpoint);
  return addresses !== undefined && addresses.overlaps(internalAddresses(plan, analysis));
}

/**
 * The planned system a second track (a canary) belongs to: a workload in the namespace of a system's
 * workload whose pods carry the same application name, the label the system's Service routes by, so
 * that they receive the system's own traffic through it (the delivery rules judge the track itself).
 */
function trackedSystem(plan: OperationsPlan, analysis: NetworkAnalysis, workload: Workload): ReturnType<typeof plannedSystemAt> {
  const application = workload.labels[LABELS.appName];
  if (application === undefined) return undefined;
  for (const stable of analysis.cluster.workloads) {
    if (stable === workload || stable.namespace !== workload.namespace || stable.labels[LABELS.appName] !== application) continue;
    const system = plannedSystemAt(plan, stable.namespace, stable.name);
    if (system) return system;
  }
  return undefined;
}

/** Whether a flow's end covers an endpoint (`explicitStore`: only an end that names the store itself). */
function endMatches(plan: OperationsPlan, analysis: NetworkAnalysis, end: FlowEnd, endpoint: string, explicitStore: boolean): boolean {
  if (end.cidr !== undefined) {
    const addresses = externalAddresses(endpoint);
    return addresses !== undefined && AddressSet.ofCidr(end.cidr).contains(addresses);
  }
  const workload = analysis.workload(endpoint);
  if (!workload) return false;
  if (end.workload !== undefined) return `${workload.namespace}/${workload.name}` === end.workload;
  if (end.stores !== undefined) {
    const store = plannedStoreAt(plan, workload.namespace, workload.name);
    return store !== undefined && end.stores.includes(store.key);
  }
  if (explicitStore) return false;
  if (end.systems !== undefined) {
    const system = plannedSystemAt(plan, workload.namespace, workload.name) ?? trackedSystem(plan, analysis, workload);
    return system !== undefined && end.systems.includes(system.key);
  }
  if (end.namespace !== undefined) return workload.namespace === end.namespace;
  return end.zone !== undefined && zoneOf(plan, analysis, endpoint) === end.zone;
}

/** A flow's ports at a destination: numbers (TCP), `N/PROTOCOL`, or the destination's named container ports. */
export function flowPorts(flow: AllowedFlow, destination: Workload | undefined): PortSet {
  let ports = PortSet.EMPTY;
  for (const port of flow.ports) {
    if (typeof port === 'number') ports = ports.union(PortSet.range('TCP', port, port));
    else if (/^\d+\//.test(port)) {
      const [number, protocol] = port.split('/') as [string, string];
      if ((PROTOCOLS as readonly string[]).includes(protocol)) ports = ports.union(PortSet.range(protocol as Protocol, Number(number), Number(number)));
    } else
      for (const containerPort of destination?.ports ?? [])
        if (containerPort.name === port) ports = ports.union(PortSet.range(containerPort.protocol, containerPort.port, containerPort.port));
  }
  return ports;
}

export interface FlowVerdict {
  /** Traffic no reviewed flow lists. */
  readonly unlisted: PortSet;
  /** The titles of the plan's flows that cover part of the traffic. */
  readonly flows: readonly string[];
}

/**
 * Which part of `traffic` from `src` to `dst` the plan's reviewed flows do not list. With
 * `explicitStore`, a destination store is covered only by flows that name it (stores or workload).
 */
export function judgeFlow(plan: OperationsPlan, analysis: NetworkAnalysis, src: string, dst: string, traffic: PortSet, explicitStore = false): FlowVerdict {
  let unlisted = traffic;
  const flows: string[] = [];
  for (const flow of plan.segments.allowedFlows) {
    if (unlisted.isEmpty()) break;
    if (!endMatches(plan, analysis, flow.from, src, false) || !endMatches(plan, analysis, flow.to, dst, explicitStore)) continue;
    const covered = unlisted.intersect(flowPorts(flow, analysis.workload(dst)));
    if (covered.isEmpty()) continue;
    unlisted = unlisted.minus(covered);
    flows.push(flow.title);
  }
  return { unlisted, flows };
}

/** Every endpoint of the analysis: workloads, then the address ranges outside the cluster. */
export const endpointsOf = (analysis: NetworkAnalysis): string[] => [...analysis.cluster.workloads.map((w) => w.id), ...analysis.externals.map((e) => e.id)];

/** The policy rules that allow one side, for messages (`kubernetes_network_policy_v1.x ingress[0]`). */
export function allowingRules(
  side: {
    readonly allowedBy: readonly {
      readonly policy: { readonly source: { readonly location: string } };
      readonly direction: string;
      readonly ruleIndex: number;
    }[];
    readonly isolated: boolean;
    readonly external: boolean;
  },
  direction: 'ingress' | 'egress',
): string {
  if (side.external) return 'outside the cluster';
  if (!side.isolated && side.allowedBy.length === 0) return `no NetworkPolicy isolates its ${direction}`;
  const rules = [...new Set(side.allowedBy.map((rule) => `${rule.policy.source.location} ${rule.direction}[${rule.ruleIndex}]`))];
  return rules.length > 0 ? rules.join(', ') : `no NetworkPolicy isolates its ${direction}`;
}

type Result = ReturnType<EstateRule['evaluate']>[number];

/** A class of flows the plan restricts: whose boundary is judged, in which direction, against which peers. */
export interface FlowClass {
  /** The workloads whose boundary is judged. */
  subjects(plan: OperationsPlan, analysis: NetworkAnalysis): readonly Workload[];
  /** `ingress`: what the subject admits from each peer; `egress`: what it sends to each peer. */
  readonly direction: 'ingress' | 'egress';
  /** Whether traffic with this peer is restricted by the plan (the rest is out of this class). */
  restricted(plan: OperationsPlan, analysis: NetworkAnalysis, peer: string, subject: Workload): boolean;
  /** Only flows naming the store itself open it. */
  readonly explicitStore?: boolean;
  /**
   * Ingress only: whether pods of a namespace of this zone are restricted peers. Given, a namespace-wide
   * peer from a namespace that runs no modelled workload yet is judged too: it admits every pod anyone
   * later starts there, which the per-workload pass cannot see.
   */
  restrictedZone?(zone: string): boolean;
  /** What the subject must not do, for messages (`admits`, `may send to`). */
  readonly verb: string;
  /** The pass message's summary of what was proven. */
  readonly proven: string;
  /** The subject used when the environment has none (`network:medical-record-stores`). */
  readonly nothing: { readonly resource: string; readonly message: string };
}

/**
 * The subject's NetworkPolicy ingress rules that admit every pod of a namespace of a restricted zone
 * where no workload runs yet (`namespaceSelector` without a pod selector): the plan's flows must list
 * that namespace or its zone for the ports, as they would for a pod already running there.
 */
function emptyNamespacePeers(plan: OperationsPlan, analysis: NetworkAnalysis, subject: Workload, flowClass: FlowClass): string[] {
  const populated = new Set(analysis.cluster.workloads.map((workload) => workload.namespace));
  const problems: string[] = [];
  for (const policy of analysis.cluster.policies) {
    if (policy.namespace !== subject.namespace || !policy.affectsIngress || !selectorMatches(policy.podSelector, subject.labels)) continue;
    policy.ingress.forEach((rule, index) => {
      for (const peer of rule.peers) {
        if (peer.kind !== 'selector' || !peer.namespaceSelector || (peer.podSelector && !isEmptySelector(peer.podSelector))) continue;
        for (const namespace of analysis.cluster.namespaces) {
          if (populated.has(namespace.name) || !selectorMatches(peer.namespaceSelector, namespace.labels)) continue;
          const zone = plannedZone(plan, namespace.name) ?? namespace.labels[LABELS.segment] ?? UNSEGMENTED;
          if (!flowClass.restrictedZone!(zone)) continue;
          let unlisted = rulePorts(rule, subject);
          for (const flow of plan.segments.allowedFlows) {
            // A flow from one workload, system or store does not cover a pod anyone may start in the namespace.
            const fromCovers = flow.from.namespace === namespace.name || flow.from.zone === zone;
            if (fromCovers && endMatches(plan, analysis, flow.to, subject.id, flowClass.explicitStore ?? false))
              unlisted = unlisted.minus(flowPorts(flow, subject));
          }
          if (!unlisted.isEmpty())
            problems.push(
              `from every pod of namespace ${namespace.name} (${zone} zone, none running yet) on ${unlisted.toString()} (allowed by ${policy.source.location} ingress[${index}])`,
            );
        }
      }
    });
  }
  return problems;
}

/** Judges a flow class in every environment with a network model, failing closed on unreadable or unknown input. */
export function evaluateFlowClass(estate: Estate, flowClass: FlowClass): Result[] {
  const plan = planOf(estate);
  const results: Result[] = [];
  for (const environment of networkEnvironments(estate)) {
    const { analysis, error } = networkAnalysisOf(estate, environment);
    if (error !== undefined) {
      results.push({ resource: flowClass.nothing.resource, environment, status: 'fail', message: `the network model cannot be read: ${error}` });
      continue;
    }
    const subjects = flowClass.subjects(plan, analysis);
    if (subjects.length === 0) {
      results.push({ resource: flowClass.nothing.resource, environment, status: 'not-applicable', message: flowClass.nothing.message });
      continue;
    }
    const unknown =
      analysis.cluster.unknowns.length > 0
        ? `; ${analysis.cluster.unknowns.length} value(s) are known only after apply (${analysis.cluster.unknowns.slice(0, 3).join('; ')}): failing closed`
        : '';
    for (const subject of subjects) {
      const on = { resource: subject.source.location, environment, file: subject.source.file };
      const problems: string[] = [];
      const listed = new Set<string>();
      for (const peer of endpointsOf(analysis)) {
        if (peer === subject.id || !flowClass.restricted(plan, analysis, peer, subject)) continue;
        const [src, dst] = flowClass.direction === 'ingress' ? [peer, subject.id] : [subject.id, peer];
        const explanation = analysis.explain(src, dst);
        const side = flowClass.direction === 'ingress' ? explanation.ingress : explanation.egress;
        if (side.ports.isEmpty()) continue;
        const verdict = judgeFlow(plan, analysis, src, dst, side.ports, flowClass.explicitStore);
        verdict.flows.forEach((flow) => listed.add(flow));
        if (verdict.unlisted.isEmpty()) continue;
        const zone = isExternal(peer) ? (isPublicRange(plan, analysis, peer) ? 'internet' : 'hospital network') : `${zoneOf(plan, analysis, peer)} zone`;
        problems.push(
          `${flowClass.direction === 'ingress' ? 'from' : 'to'} ${peer} (${zone}) on ${verdict.unlisted.toString()} (allowed by ${allowingRules(side, flowClass.direction)})`,
        );
      }
      if (flowClass.direction === 'ingress' && flowClass.restrictedZone) problems.push(...emptyNamespacePeers(plan, analysis, subject, flowClass));
      const where = `${subject.id} (${zoneOf(plan, analysis, subject.id)} zone, ${zoneSource(plan, analysis, subject.id)})`;
      if (problems.length > 0) {
        results.push({
          ...on,
          status: 'fail',
          message: `${where} ${flowClass.verb} traffic no plan flow lists (segments.allowedFlows): ${problems.join('; ')}`,
        });
      } else if (unknown !== '') {
        results.push({ ...on, status: 'fail', message: `${where}: cannot be proven${unknown}` });
      } else {
        results.push({ ...on, status: 'pass', message: `${where}: ${flowClass.proven}${listed.size > 0 ? ` (plan flows: ${[...listed].join('; ')})` : ''}` });
      }
    }
  }
  return results;
}
