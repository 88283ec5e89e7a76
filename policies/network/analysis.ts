/**
 * Reachability under the core NetworkPolicy v1 semantics. A workload is isolated in a direction when at
 * least one policy of that type selects it; then only the union of the matching rules of those
 * policies is allowed. Traffic from A to B exists only where A's egress AND B's ingress allow it.
 *
 * Peers outside the cluster are `external:<cidr>` endpoints: `0.0.0.0/0` (the internet, plus `::/0`
 * when IPv6 ranges appear) and every `ipBlock.cidr` the policies mention. Each endpoint stands for its
 * CIDR without the more specific endpoints inside it (`external:0.0.0.0/0` is "every other address"),
 * and a connection to or from `external:C` means "some of those addresses, on these ports". ipBlocks select no pods (pod IPs are
 * ephemeral, as the API documentation says) unless `clusterCidrs` are given: then an ipBlock that
 * overlaps them is taken to reach every pod, as CNIs such as Calico do.
 *
 * Host-network workloads are not subject to NetworkPolicies (never isolated), and their traffic comes
 * from a node address: no pod selector matches them as a peer, every ipBlock may (node addresses are
 * not in the input unless `nodeCidrs` are given), so the result over-approximates and a proof stays sound.
 */
import { AddressSet, canonicalCidr, parseCidr } from './addresses';
import type { Cluster, NamespaceInfo, NetworkPolicy, PolicyPeer, PolicyRule, Workload } from './cluster';
import { PortSet } from './ports';
import { describeSelector, selectorMatches } from './selectors';

export interface AnalysisOptions {
  /** The cluster's pod CIDRs (see the module comment); default: those the policies record. */
  readonly clusterCidrs?: readonly string[];
  /**
   * The nodes' addresses: host-network workloads then match only the ipBlocks that overlap them
   * (without it, nor any recorded in the policies, every ipBlock may match them).
   */
  readonly nodeCidrs?: readonly string[];
}

export interface ExternalEndpoint {
  /** `external:<cidr>`. */
  readonly id: string;
  readonly cidr: string;
  readonly addresses: AddressSet;
}

export interface Connection {
  /** `ns/name` or `external:<cidr>`. */
  readonly src: string;
  readonly dst: string;
  readonly ports: PortSet;
}

export type Direction = 'ingress' | 'egress';

/** One rule of one policy that lets (part of) the traffic through. */
export interface AllowingRule {
  readonly policy: NetworkPolicy;
  readonly direction: Direction;
  /** Index of the rule in the policy's `ingress`/`egress` list. */
  readonly ruleIndex: number;
  /** The peers of the rule that match the other side (`everyone` when the rule has no from/to). */
  readonly peers: readonly string[];
  readonly ports: PortSet;
}

export interface SideExplanation {
  /** False when no policy of this direction selects the endpoint (everything is allowed). */
  readonly isolated: boolean;
  /** Set for endpoints outside the cluster, where no NetworkPolicy applies. */
  readonly external: boolean;
  /** Set for host-network workloads, to which no NetworkPolicy applies. */
  readonly hostNetwork?: boolean;
  /** Policies of this direction that select the endpoint. */
  readonly selectingPolicies: readonly NetworkPolicy[];
  readonly allowedBy: readonly AllowingRule[];
  readonly ports: PortSet;
}

export interface ConnectionExplanation {
  readonly src: string;
  readonly dst: string;
  /** The source's egress side. */
  readonly egress: SideExplanation;
  /** The destination's ingress side. */
  readonly ingress: SideExplanation;
  readonly ports: PortSet;
}

export interface NetworkAnalysis {
  readonly cluster: Cluster;
  readonly externals: readonly ExternalEndpoint[];
  /** One entry per ordered pair with any allowed traffic, sorted by src then dst. */
  readonly connections: readonly Connection[];
  explain(src: string, dst: string): ConnectionExplanation;
  /** The namespace of a workload endpoint (undefined for external ones). */
  namespaceOf(endpoint: string): NamespaceInfo | undefined;
  workload(endpoint: string): Workload | undefined;
}

interface CompiledRule {
  readonly policy: NetworkPolicy;
  readonly direction: Direction;
  readonly index: number;
  readonly rule: PolicyRule;
  /** Per workload index: 1 when a peer of the rule matches it. */
  readonly matchesWorkload: Uint8Array;
  /** Addresses outside the cluster the rule's peers cover. */
  readonly addresses: AddressSet;
  /** Ports without named ports, computed once; undefined when named ports need the destination. */
  readonly fixedPorts: PortSet | undefined;
}

export function describePeer(peer: PolicyPeer): string {
  if (peer.kind === 'ipBlock') return `ipBlock ${peer.cidr}${peer.except.length > 0 ? ` except ${peer.except.join(', ')}` : ''}`;
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaceSelector ${describeSelector(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`podSelector ${describeSelector(peer.podSelector)}${peer.namespaceSelector ? '' : ' (same namespace)'}`);
  return parts.join(' AND ');
}

/** The traffic a rule's `ports` allow towards `destination` (named ports resolve against it). */
export function rulePorts(rule: PolicyRule, destination: Workload | undefined): PortSet {
  if (rule.ports.length === 0) return PortSet.ANY;
  let result = PortSet.EMPTY;
  for (const entry of rule.ports) {
    if (entry.port === undefined) result = result.union(PortSet.allPorts(entry.protocol));
    else if (typeof entry.port === 'number') result = result.union(PortSet.range(entry.protocol, entry.port, entry.endPort ?? entry.port));
    else
      for (const containerPort of destination?.ports ?? [])
        if (containerPort.name === entry.port && containerPort.protocol === entry.protocol)
          result = result.union(PortSet.range(entry.protocol, containerPort.port, containerPort.port));
  }
  return result;
}

export function analyzeCluster(cluster: Cluster, options: AnalysisOptions = {}): NetworkAnalysis {
  const workloads = cluster.workloads;
  // Given options win; else the CIDRs the policies record (constructs/network-isolation annotates them).
  const clusterCidrs = options.clusterCidrs ?? cluster.podCidrs;
  const nodeCidrs = options.nodeCidrs ?? (cluster.nodeCidrs.length > 0 ? cluster.nodeCidrs : undefined);
  // Workload indexes per namespace: selectors are evaluated per namespace first, then per pod.
  const workloadsByNamespace = new Map<string, number[]>();
  workloads.forEach((w, i) => {
    const list = workloadsByNamespace.get(w.namespace);
    if (list) list.push(i);
    else workloadsByNamespace.set(w.namespace, [i]);
  });
  // The state is one object literal read by module-level functions, not closures over these locals:
  // see policies/README.md, Performance.
  const state: AnalysisState = {
    workloads,
    workloadIndex: new Map(workloads.map((w, i) => [w.id, i])),
    namespaces: new Map(cluster.namespaces.map((n) => [n.name, n])),
    clusterAddresses: clusterCidrs.reduce((set, cidr) => set.union(AddressSet.ofCidr(cidr)), AddressSet.EMPTY),
    nodeAddresses: nodeCidrs ? nodeCidrs.reduce((set, cidr) => set.union(AddressSet.ofCidr(cidr)), AddressSet.EMPTY) : AddressSet.EVERYTHING,
    workloadsByNamespace,
    hostNetworkIndexes: workloads.flatMap((w, i) => (w.hostNetwork ? [i] : [])),
    ingressPolicies: workloads.map(() => []),
    egressPolicies: workloads.map(() => []),
    ingressRules: workloads.map(() => []),
    egressRules: workloads.map(() => []),
    namedPortCache: new Map(),
    externalById: new Map(),
  };
  for (const policy of cluster.policies) selectWorkloads(state, policy);
  const externals = externalEndpoints(cluster);
  for (const external of externals) state.externalById.set(external.id, external);
  const analysis: AnalysisWithState = { cluster, externals, connections: allConnections(state, externals), explain, namespaceOf, workload, state };
  return analysis;
}

interface AnalysisState {
  readonly workloads: readonly Workload[];
  readonly workloadIndex: Map<string, number>;
  readonly namespaces: Map<string, NamespaceInfo>;
  readonly clusterAddresses: AddressSet;
  readonly nodeAddresses: AddressSet;
  readonly workloadsByNamespace: Map<string, number[]>;
  readonly hostNetworkIndexes: readonly number[];
  /** Per workload: the policies selecting it and the rules that then apply, per direction. */
  readonly ingressPolicies: NetworkPolicy[][];
  readonly egressPolicies: NetworkPolicy[][];
  readonly ingressRules: CompiledRule[][];
  readonly egressRules: CompiledRule[][];
  /** Named ports resolve per destination: cached per (rule, destination workload). */
  readonly namedPortCache: Map<CompiledRule, (PortSet | undefined)[]>;
  readonly externalById: Map<string, ExternalEndpoint>;
}

interface AnalysisWithState extends NetworkAnalysis {
  readonly state: AnalysisState;
}

/** Records a policy on the workloads it selects, with its compiled rules. */
function selectWorkloads(state: AnalysisState, policy: NetworkPolicy): void {
  const { workloads } = state;
  const selected = (state.workloadsByNamespace.get(policy.namespace) ?? []).filter((i) => !workloads[i]!.hostNetwork && selectorMatches(policy.podSelector, workloads[i]!.labels));
  if (selected.length === 0) return;
  const compiledIngress = policy.affectsIngress ? policy.ingress.map((rule, i) => compile(state, policy, 'ingress', rule, i)) : [];
  const compiledEgress = policy.affectsEgress ? policy.egress.map((rule, i) => compile(state, policy, 'egress', rule, i)) : [];
  for (const i of selected) {
    if (policy.affectsIngress) {
      state.ingressPolicies[i]!.push(policy);
      state.ingressRules[i]!.push(...compiledIngress);
    }
    if (policy.affectsEgress) {
      state.egressPolicies[i]!.push(policy);
      state.egressRules[i]!.push(...compiledEgress);
    }
  }
}

function explain(this: AnalysisWithState, src: string, dst: string): ConnectionExplanation {
  const { state } = this;
  const srcIndex = state.workloadIndex.get(src);
  const dstIndex = state.workloadIndex.get(dst);
  const srcExternal = state.externalById.get(src) ?? externalNamed(src);
  const dstExternal = state.externalById.get(dst) ?? externalNamed(dst);
  if ((srcIndex === undefined && !srcExternal) || (dstIndex === undefined && !dstExternal)) throw new Error(`unknown endpoint in ${src} -> ${dst}`);
  const destination = dstIndex === undefined ? undefined : state.workloads[dstIndex];
  const egress = srcIndex === undefined ? OUTSIDE : side(state, 'egress', srcIndex, dstIndex === undefined ? { external: dstExternal! } : { workload: dstIndex }, destination);
  const ingress = dstIndex === undefined ? OUTSIDE : side(state, 'ingress', dstIndex, srcIndex === undefined ? { external: srcExternal! } : { workload: srcIndex }, destination);
  return { src, dst, egress, ingress, ports: srcIndex === undefined && dstIndex === undefined ? PortSet.EMPTY : egress.ports.intersect(ingress.ports) };
}

function namespaceOf(this: AnalysisWithState, endpoint: string): NamespaceInfo | undefined {
  const index = this.state.workloadIndex.get(endpoint);
  return index === undefined ? undefined : this.state.namespaces.get(this.state.workloads[index]!.namespace);
}

function workload(this: AnalysisWithState, endpoint: string): Workload | undefined {
  const index = this.state.workloadIndex.get(endpoint);
  return index === undefined ? undefined : this.state.workloads[index];
}

function namespaceLabels(state: AnalysisState, name: string): Readonly<Record<string, string>> {
  return state.namespaces.get(name)?.labels ?? {};
}

function peerMatchesWorkload(state: AnalysisState, peer: PolicyPeer, policy: NetworkPolicy, workload: Workload, ipBlockAddresses: AddressSet): boolean {
  if (workload.hostNetwork) return peer.kind === 'ipBlock' && ipBlockAddresses.overlaps(state.nodeAddresses);
  if (peer.kind === 'ipBlock') return ipBlockAddresses.overlaps(state.clusterAddresses);
  const namespaceOk = peer.namespaceSelector ? selectorMatches(peer.namespaceSelector, namespaceLabels(state, workload.namespace)) : workload.namespace === policy.namespace;
  return namespaceOk && (!peer.podSelector || selectorMatches(peer.podSelector, workload.labels));
}

function matchingWorkloads(state: AnalysisState, peer: PolicyPeer & { kind: 'selector' }, policy: NetworkPolicy, into: Uint8Array): void {
  const { workloads, workloadsByNamespace } = state;
  const { namespaceSelector, podSelector } = peer;
  const namespaceNames = namespaceSelector ? [...workloadsByNamespace.keys()].filter((name) => selectorMatches(namespaceSelector, namespaceLabels(state, name))) : [policy.namespace];
  for (const name of namespaceNames)
    for (const i of workloadsByNamespace.get(name) ?? []) if (!into[i] && !workloads[i]!.hostNetwork && (!podSelector || selectorMatches(podSelector, workloads[i]!.labels))) into[i] = 1;
}

function compile(state: AnalysisState, policy: NetworkPolicy, direction: Direction, rule: PolicyRule, index: number): CompiledRule {
  const matchesWorkload = new Uint8Array(state.workloads.length);
  let addresses = AddressSet.EMPTY;
  if (rule.peers.length === 0) {
    matchesWorkload.fill(1);
    addresses = AddressSet.EVERYTHING;
  } else {
    for (const peer of rule.peers) {
      if (peer.kind === 'selector') {
        matchingWorkloads(state, peer, policy, matchesWorkload);
        continue;
      }
      const ipBlockAddresses = peerAddresses(peer);
      addresses = addresses.union(ipBlockAddresses);
      if (ipBlockAddresses.overlaps(state.clusterAddresses)) matchesWorkload.fill(1);
      if (ipBlockAddresses.overlaps(state.nodeAddresses)) for (const i of state.hostNetworkIndexes) matchesWorkload[i] = 1;
    }
  }
  const hasNamedPorts = rule.ports.some((p) => typeof p.port === 'string');
  return { policy, direction, index, rule, matchesWorkload, addresses, fixedPorts: hasNamedPorts ? undefined : rulePorts(rule, undefined) };
}

function portsOf(state: AnalysisState, rule: CompiledRule, destination: Workload | undefined): PortSet {
  if (rule.fixedPorts) return rule.fixedPorts;
  const index = destination ? state.workloadIndex.get(destination.id) : undefined;
  if (index === undefined) return rulePorts(rule.rule, destination);
  let cache = state.namedPortCache.get(rule);
  if (!cache) state.namedPortCache.set(rule, (cache = []));
  return (cache[index] ??= rulePorts(rule.rule, destination));
}

/**
 * Per isolated workload, the workloads any of its rules can match (null: not isolated, everyone):
 * most pairs are ruled out by one array lookup before any port arithmetic.
 */
function reach(state: AnalysisState, policies: NetworkPolicy[][], rules: CompiledRule[][]): (Uint8Array | null)[] {
  const count = state.workloads.length;
  // Read-only: a workload without rules shares one empty set, one with a single rule reads the rule's.
  const nobody = new Uint8Array(count);
  return state.workloads.map((_, i) => {
    if (policies[i]!.length === 0) return null;
    const own = rules[i]!;
    if (own.length === 0) return nobody;
    if (own.length === 1) return own[0]!.matchesWorkload;
    const union = new Uint8Array(count);
    for (const rule of own) for (let j = 0; j < count; j++) union[j]! |= rule.matchesWorkload[j]!;
    return union;
  });
}

function egressToWorkload(state: AnalysisState, src: number, dst: number): PortSet {
  if (state.egressPolicies[src]!.length === 0) return PortSet.ANY;
  let ports = PortSet.EMPTY;
  for (const rule of state.egressRules[src]!) if (rule.matchesWorkload[dst]) ports = ports.union(portsOf(state, rule, state.workloads[dst]));
  return ports;
}

function ingressFromWorkload(state: AnalysisState, src: number, dst: number): PortSet {
  if (state.ingressPolicies[dst]!.length === 0) return PortSet.ANY;
  let ports = PortSet.EMPTY;
  for (const rule of state.ingressRules[dst]!) if (rule.matchesWorkload[src]) ports = ports.union(portsOf(state, rule, state.workloads[dst]));
  return ports;
}

function egressToExternal(state: AnalysisState, src: number, external: ExternalEndpoint): PortSet {
  if (state.egressPolicies[src]!.length === 0) return PortSet.ANY;
  let ports = PortSet.EMPTY;
  for (const rule of state.egressRules[src]!) if (rule.addresses.overlaps(external.addresses)) ports = ports.union(portsOf(state, rule, undefined));
  return ports;
}

function ingressFromExternal(state: AnalysisState, external: ExternalEndpoint, dst: number): PortSet {
  if (state.ingressPolicies[dst]!.length === 0) return PortSet.ANY;
  let ports = PortSet.EMPTY;
  for (const rule of state.ingressRules[dst]!) if (rule.addresses.overlaps(external.addresses)) ports = ports.union(portsOf(state, rule, state.workloads[dst]));
  return ports;
}

function allConnections(state: AnalysisState, externals: readonly ExternalEndpoint[]): Connection[] {
  const { workloads } = state;
  const egressReach = reach(state, state.egressPolicies, state.egressRules);
  const ingressReach = reach(state, state.ingressPolicies, state.ingressRules);
  const connections: Connection[] = [];
  for (let src = 0; src < workloads.length; src++) {
    const srcReach = egressReach[src];
    for (let dst = 0; dst < workloads.length; dst++) {
      if (srcReach && !srcReach[dst]) continue;
      const dstReach = ingressReach[dst];
      if (dstReach && !dstReach[src]) continue;
      const egress = egressToWorkload(state, src, dst);
      if (egress.isEmpty()) continue;
      const ports = egress.intersect(ingressFromWorkload(state, src, dst));
      if (!ports.isEmpty()) connections.push({ src: workloads[src]!.id, dst: workloads[dst]!.id, ports });
    }
    for (const external of externals) {
      const ports = egressToExternal(state, src, external);
      if (!ports.isEmpty()) connections.push({ src: workloads[src]!.id, dst: external.id, ports });
    }
  }
  for (const external of externals)
    for (let dst = 0; dst < workloads.length; dst++) {
      const ports = ingressFromExternal(state, external, dst);
      if (!ports.isEmpty()) connections.push({ src: external.id, dst: workloads[dst]!.id, ports });
    }
  return connections.sort((a, b) => compareIds(a.src, b.src) || compareIds(a.dst, b.dst));
}

function side(state: AnalysisState, direction: Direction, self: number, other: { workload?: number; external?: ExternalEndpoint }, destination: Workload | undefined): SideExplanation {
  const { workloads } = state;
  const policies = (direction === 'egress' ? state.egressPolicies : state.ingressPolicies)[self]!;
  if (policies.length === 0) return { isolated: false, external: false, ...(workloads[self]!.hostNetwork ? { hostNetwork: true } : {}), selectingPolicies: [], allowedBy: [], ports: PortSet.ANY };
  const allowedBy: AllowingRule[] = [];
  let ports = PortSet.EMPTY;
  for (const rule of (direction === 'egress' ? state.egressRules : state.ingressRules)[self]!) {
    const matches = other.external ? rule.addresses.overlaps(other.external.addresses) : rule.matchesWorkload[other.workload!] === 1;
    if (!matches) continue;
    const rulePortSet = portsOf(state, rule, destination);
    if (rulePortSet.isEmpty()) continue;
    const otherWorkload = other.workload === undefined ? undefined : workloads[other.workload];
    const peers =
      rule.rule.peers.length === 0
        ? ['everyone (the rule has no ' + (direction === 'egress' ? 'to' : 'from') + ')']
        : rule.rule.peers
            .filter((peer) =>
              other.external
                ? peer.kind === 'ipBlock' && AddressSet.ofIpBlock(peer.cidr, peer.except).overlaps(other.external.addresses)
                : peerMatchesWorkload(state, peer, rule.policy, otherWorkload!, peerAddresses(peer)),
            )
            .map(describePeer);
    allowedBy.push({ policy: rule.policy, direction, ruleIndex: rule.index, peers, ports: rulePortSet });
    ports = ports.union(rulePortSet);
  }
  return { isolated: true, external: false, selectingPolicies: policies, allowedBy, ports };
}

const OUTSIDE: SideExplanation = { isolated: false, external: true, selectingPolicies: [], allowedBy: [], ports: PortSet.ANY };

function peerAddresses(peer: PolicyPeer): AddressSet {
  return peer.kind === 'ipBlock' ? AddressSet.ofIpBlock(peer.cidr, peer.except) : AddressSet.EMPTY;
}

function externalNamed(id: string): ExternalEndpoint | undefined {
  if (!id.startsWith('external:')) return undefined;
  const cidr = id.slice('external:'.length);
  return { id, cidr, addresses: AddressSet.ofCidr(cidr) };
}

/** Workloads first (by id), then external endpoints. */
function compareIds(a: string, b: string): number {
  const aExternal = a.startsWith('external:');
  const bExternal = b.startsWith('external:');
  if (aExternal !== bExternal) return aExternal ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The internet plus every ipBlock CIDR the policies mention, each once. */
export function externalEndpoints(cluster: Cluster): ExternalEndpoint[] {
  const cidrs = new Set<string>(['0.0.0.0/0']);
  for (const policy of cluster.policies)
    for (const rule of [...policy.ingress, ...policy.egress])
      for (const peer of rule.peers)
        if (peer.kind === 'ipBlock') {
          const canonical = canonicalCidr(peer.cidr);
          cidrs.add(canonical);
          if (parseCidr(canonical).family === 6) cidrs.add('::/0');
        }
  const ranges = [...cidrs].map((cidr) => ({ cidr, range: parseCidr(cidr) }));
  return ranges
    .sort((a, b) => a.range.family - b.range.family || (a.range.first < b.range.first ? -1 : a.range.first > b.range.first ? 1 : 0) || (b.range.last > a.range.last ? 1 : b.range.last < a.range.last ? -1 : 0))
    .map(({ cidr, range }) => {
      // The endpoint stands for its CIDR without the more specific endpoints inside it.
      const inner = ranges.filter((o) => o.cidr !== cidr && o.range.family === range.family && o.range.first >= range.first && o.range.last <= range.last);
      const addresses = inner.reduce((set, o) => set.minus(AddressSet.ofCidr(o.cidr)), AddressSet.ofCidr(cidr));
      return { id: `external:${cidr}`, cidr, addresses };
    })
    .filter((endpoint) => !endpoint.addresses.isEmpty());
}
