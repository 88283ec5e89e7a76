/**
 * Reachability under the Kubernetes network policy APIs, in their order of precedence:
 *
 * 1. AdminNetworkPolicies (policy.networking.k8s.io/v1alpha1) whose subject selects the pod, by
 *    priority (lower first), each rule in order; the first rule that matches a connection decides it:
 *    Allow, Deny, or Pass (hand it to the next tiers).
 * 2. NetworkPolicies: a pod is isolated in a direction when at least one policy of that type selects
 *    it; then only the union of the matching rules is allowed (for what the ANPs passed or left alone).
 * 3. The BaselineAdminNetworkPolicy, for pods no NetworkPolicy isolates: its first matching rule
 *    allows or denies; what it does not match is allowed.
 *
 * Traffic from A to B exists only where A's egress AND B's ingress allow it. A pod's traffic to itself
 * is always allowed; traffic between the replicas of one workload is kept apart (`selfConnections`),
 * as netpol-analyzer leaves it out.
 *
 * Peers outside the cluster are address ranges: the address space cut at every boundary of the
 * ipBlocks (with their `except`s) and ANP `networks` the policies use, so each range is treated alike
 * by every rule and a connection to `external:R` means "every address of R, on these ports". Ranges
 * that are one CIDR are named by it (`external:10.0.0.0/8`), others by first and last address
 * (`external:0.0.0.0-9.255.255.255`). ipBlocks select no pods (pod IPs are ephemeral, as the API
 * documentation says) unless `clusterCidrs` are given: then an ipBlock that overlaps them is taken to
 * reach every pod, as CNIs such as Calico do. ANP `networks` match pod addresses too (the API says
 * so): a `networks` peer covering the whole pod address space (the cluster CIDRs, else 0.0.0.0/0)
 * matches every pod.
 *
 * Host-network workloads are not subject to any of these policies (never isolated), and their traffic
 * comes from a node address: no pod selector matches them as a peer, every ipBlock may (node addresses
 * are not in the input unless `nodeCidrs` are given), so the result over-approximates and a proof stays
 * sound. An ANP `nodes` peer with an empty selector matches them (and the node CIDRs).
 */
import { AddressSet, formatInterval, parseAddressRange, type AddressInterval } from './addresses';
import type {
  AdminAction,
  AdminPeer,
  AdminPolicy,
  AdminRule,
  Cluster,
  NamespaceInfo,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  Workload,
} from './cluster';
import { PortSet } from './ports';
import { describeSelector, isEmptySelector, selectorMatches } from './selectors';

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
  /** `external:<range>`. */
  readonly id: string;
  /** The range: a CIDR when it is exactly one, else `first-last`. */
  readonly range: string;
  readonly addresses: AddressSet;
}

export interface Connection {
  /** `ns/name` or `external:<range>`. */
  readonly src: string;
  readonly dst: string;
  readonly ports: PortSet;
}

export type Direction = 'ingress' | 'egress';

/** One rule of one policy that lets (part of) the traffic through. */
export interface AllowingRule {
  readonly policy: NetworkPolicy | AdminPolicy;
  readonly direction: Direction;
  /** Index of the rule in the policy's `ingress`/`egress` list. */
  readonly ruleIndex: number;
  /** AdminNetworkPolicy rules: Allow, or Pass (the traffic is then decided by the next tiers). */
  readonly action?: AdminAction;
  /** The peers of the rule that match the other side (`everyone` when the rule has no from/to). */
  readonly peers: readonly string[];
  /** The traffic this rule decides (for NetworkPolicy rules: what the ANPs left to them). */
  readonly ports: PortSet;
}

export interface SideExplanation {
  /** False when no NetworkPolicy of this direction selects the endpoint. */
  readonly isolated: boolean;
  /** Set for endpoints outside the cluster, where no policy applies. */
  readonly external: boolean;
  /** Set for host-network workloads, to which no policy applies. */
  readonly hostNetwork?: boolean;
  /** NetworkPolicies of this direction that select the endpoint. */
  readonly selectingPolicies: readonly NetworkPolicy[];
  /** AdminNetworkPolicies (and the BANP) with rules of this direction whose subject is the endpoint. */
  readonly adminPolicies?: readonly AdminPolicy[];
  /** Traffic the BaselineAdminNetworkPolicy denies on this side (when no NetworkPolicy isolates it). */
  readonly baselineDenied?: PortSet;
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
  /** One entry per ordered pair of distinct endpoints with any allowed traffic, sorted by src then dst. */
  readonly connections: readonly Connection[];
  /**
   * Traffic between the pods of one workload (its replicas), per workload where any is allowed. Not
   * in `connections`: a pod's traffic to itself is always allowed, and netpol-analyzer leaves these out.
   */
  readonly selfConnections: readonly Connection[];
  explain(src: string, dst: string): ConnectionExplanation;
  /** The namespace of a workload endpoint (undefined for external ones). */
  namespaceOf(endpoint: string): NamespaceInfo | undefined;
  workload(endpoint: string): Workload | undefined;
}

/** A rule of a NetworkPolicy or an (Baseline)AdminNetworkPolicy, with what its peers match. */
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

interface CompiledAdminRule {
  readonly policy: AdminPolicy;
  readonly direction: Direction;
  readonly index: number;
  readonly rule: AdminRule;
  readonly matchesWorkload: Uint8Array;
  readonly addresses: AddressSet;
  readonly fixedPorts: PortSet | undefined;
}

interface CompiledAdminPolicy {
  readonly policy: AdminPolicy;
  readonly ingress: readonly CompiledAdminRule[];
  readonly egress: readonly CompiledAdminRule[];
}

type Other = { readonly workload: number; readonly external?: undefined } | { readonly workload?: undefined; readonly external: ExternalEndpoint };

export function describePeer(peer: PolicyPeer): string {
  if (peer.kind === 'ipBlock') return `ipBlock ${peer.cidr}${peer.except.length > 0 ? ` except ${peer.except.join(', ')}` : ''}`;
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaceSelector ${describeSelector(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`podSelector ${describeSelector(peer.podSelector)}${peer.namespaceSelector ? '' : ' (same namespace)'}`);
  return parts.join(' AND ');
}

export function describeAdminPeer(peer: AdminPeer): string {
  if (peer.kind === 'namespaces') return `namespaces ${describeSelector(peer.namespaceSelector)}`;
  if (peer.kind === 'pods') return `pods ${describeSelector(peer.podSelector)} in namespaces ${describeSelector(peer.namespaceSelector)}`;
  if (peer.kind === 'nodes') return `nodes ${describeSelector(peer.nodeSelector)}`;
  return `networks ${peer.cidrs.join(', ')}`;
}

/**
 * The traffic a rule's `ports` allow towards `destination` (named ports resolve against it; towards an
 * address outside the cluster they match nothing). No `ports` (or an empty list) means all traffic.
 */
export function rulePorts(rule: { readonly ports?: readonly PolicyPort[] | undefined }, destination: Workload | undefined): PortSet {
  if (!rule.ports || rule.ports.length === 0) return PortSet.ANY;
  let result = PortSet.EMPTY;
  for (const entry of rule.ports) {
    if (entry.port === undefined) result = result.union(PortSet.allPorts(entry.protocol));
    else if (typeof entry.port === 'number') result = result.union(PortSet.range(entry.protocol, entry.port, entry.endPort ?? entry.port));
    else
      for (const containerPort of destination?.ports ?? [])
        if (containerPort.name === entry.port && (entry.anyProtocol || containerPort.protocol === entry.protocol))
          result = result.union(PortSet.range(containerPort.protocol, containerPort.port, containerPort.port));
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
  const clusterAddresses = clusterCidrs.reduce((set, cidr) => set.union(AddressSet.ofCidr(cidr)), AddressSet.EMPTY);
  // The state is one object literal read by module-level functions, not closures over these locals:
  // see policies/README.md, Performance.
  const state: AnalysisState = {
    workloads,
    workloadIndex: new Map(workloads.map((w, i) => [w.id, i])),
    namespaces: new Map(cluster.namespaces.map((n) => [n.name, n])),
    clusterAddresses,
    podAddressSpace: clusterCidrs.length > 0 ? clusterAddresses : AddressSet.ofCidr('0.0.0.0/0'),
    nodeAddresses: nodeCidrs ? nodeCidrs.reduce((set, cidr) => set.union(AddressSet.ofCidr(cidr)), AddressSet.EMPTY) : AddressSet.EVERYTHING,
    nodeCidrsKnown: nodeCidrs !== undefined,
    workloadsByNamespace,
    hostNetworkIndexes: workloads.flatMap((w, i) => (w.hostNetwork ? [i] : [])),
    ingressPolicies: workloads.map(() => []),
    egressPolicies: workloads.map(() => []),
    ingressRules: workloads.map(() => []),
    egressRules: workloads.map(() => []),
    adminIngress: workloads.map(() => []),
    adminEgress: workloads.map(() => []),
    baselineIngress: workloads.map(() => undefined),
    baselineEgress: workloads.map(() => undefined),
    namedPortCache: new Map(),
    externalById: new Map(),
    peerAddressSets: [],
  };
  for (const policy of cluster.policies) selectWorkloads(state, policy);
  for (const policy of cluster.adminPolicies) selectByAdminPolicy(state, policy, false);
  if (cluster.baselinePolicy) selectByAdminPolicy(state, cluster.baselinePolicy, true);
  const externals = externalEndpoints(state.peerAddressSets);
  for (const external of externals) state.externalById.set(external.id, external);
  const { connections, selfConnections } = allConnections(state, externals);
  const analysis: AnalysisWithState = { cluster, externals, connections, selfConnections, explain, namespaceOf, workload, state };
  return analysis;
}

interface AnalysisState {
  readonly workloads: readonly Workload[];
  readonly workloadIndex: Map<string, number>;
  readonly namespaces: Map<string, NamespaceInfo>;
  readonly clusterAddresses: AddressSet;
  /** Where pod addresses may be: the cluster CIDRs, else all of IPv4. */
  readonly podAddressSpace: AddressSet;
  readonly nodeAddresses: AddressSet;
  readonly nodeCidrsKnown: boolean;
  readonly workloadsByNamespace: Map<string, number[]>;
  readonly hostNetworkIndexes: readonly number[];
  /** Per workload: the NetworkPolicies selecting it and the rules that then apply, per direction. */
  readonly ingressPolicies: NetworkPolicy[][];
  readonly egressPolicies: NetworkPolicy[][];
  readonly ingressRules: CompiledRule[][];
  readonly egressRules: CompiledRule[][];
  /** Per workload: the ANPs whose subject it is and that have rules of the direction, in priority order. */
  readonly adminIngress: CompiledAdminPolicy[][];
  readonly adminEgress: CompiledAdminPolicy[][];
  /** Per workload: the BANP, when its subject is the workload and it has rules of the direction. */
  readonly baselineIngress: (CompiledAdminPolicy | undefined)[];
  readonly baselineEgress: (CompiledAdminPolicy | undefined)[];
  /** Named ports resolve per destination: cached per (rule, destination workload). */
  readonly namedPortCache: Map<CompiledRule | CompiledAdminRule, (PortSet | undefined)[]>;
  readonly externalById: Map<string, ExternalEndpoint>;
  /** The address sets of the rules in use (ipBlocks, networks): their boundaries cut the external ranges. */
  readonly peerAddressSets: AddressSet[];
}

interface AnalysisWithState extends NetworkAnalysis {
  readonly state: AnalysisState;
}

/** Records a policy on the workloads it selects, with its compiled rules. */
function selectWorkloads(state: AnalysisState, policy: NetworkPolicy): void {
  const { workloads } = state;
  const selected = (state.workloadsByNamespace.get(policy.namespace) ?? []).filter(
    (i) => !workloads[i]!.hostNetwork && selectorMatches(policy.podSelector, workloads[i]!.labels),
  );
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

/** Records an ANP (in priority order, as the cluster lists them) or the BANP on its subject's workloads. */
function selectByAdminPolicy(state: AnalysisState, policy: AdminPolicy, baseline: boolean): void {
  const { workloads } = state;
  const selected: number[] = [];
  for (const [name, indexes] of state.workloadsByNamespace) {
    if (!selectorMatches(policy.subject.namespaceSelector, namespaceLabels(state, name))) continue;
    for (const i of indexes) if (!workloads[i]!.hostNetwork && selectorMatches(policy.subject.podSelector, workloads[i]!.labels)) selected.push(i);
  }
  if (selected.length === 0) return;
  const compiled: CompiledAdminPolicy = {
    policy,
    ingress: policy.ingress.map((rule, i) => compileAdmin(state, policy, 'ingress', rule, i)),
    egress: policy.egress.map((rule, i) => compileAdmin(state, policy, 'egress', rule, i)),
  };
  for (const i of selected) {
    // A direction without rules is not affected by the policy.
    if (compiled.ingress.length > 0) {
      if (baseline) state.baselineIngress[i] = compiled;
      else state.adminIngress[i]!.push(compiled);
    }
    if (compiled.egress.length > 0) {
      if (baseline) state.baselineEgress[i] = compiled;
      else state.adminEgress[i]!.push(compiled);
    }
  }
}

function explain(this: AnalysisWithState, src: string, dst: string): ConnectionExplanation {
  const { state } = this;
  const srcIndex = state.workloadIndex.get(src);
  const dstIndex = state.workloadIndex.get(dst);
  const srcExternal = externalNamed(this, src);
  const dstExternal = externalNamed(this, dst);
  if ((srcIndex === undefined && !srcExternal) || (dstIndex === undefined && !dstExternal)) throw new Error(`unknown endpoint in ${src} -> ${dst}`);
  const destination = dstIndex === undefined ? undefined : state.workloads[dstIndex];
  const egress =
    srcIndex === undefined
      ? OUTSIDE
      : side(state, 'egress', srcIndex, dstIndex === undefined ? { external: dstExternal! } : { workload: dstIndex }, destination);
  const ingress =
    dstIndex === undefined
      ? OUTSIDE
      : side(state, 'ingress', dstIndex, srcIndex === undefined ? { external: srcExternal! } : { workload: srcIndex }, destination);
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
  const namespaceOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, namespaceLabels(state, workload.namespace))
    : workload.namespace === policy.namespace;
  return namespaceOk && (!peer.podSelector || selectorMatches(peer.podSelector, workload.labels));
}

function matchingWorkloads(state: AnalysisState, peer: PolicyPeer & { kind: 'selector' }, policy: NetworkPolicy, into: Uint8Array): void {
  const { workloads, workloadsByNamespace } = state;
  const { namespaceSelector, podSelector } = peer;
  const namespaceNames = namespaceSelector
    ? [...workloadsByNamespace.keys()].filter((name) => selectorMatches(namespaceSelector, namespaceLabels(state, name)))
    : [policy.namespace];
  for (const name of namespaceNames)
    for (const i of workloadsByNamespace.get(name) ?? [])
      if (!into[i] && !workloads[i]!.hostNetwork && (!podSelector || selectorMatches(podSelector, workloads[i]!.labels))) into[i] = 1;
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
    if (!addresses.isEmpty()) state.peerAddressSets.push(addresses);
  }
  const hasNamedPorts = rule.ports.some((p) => typeof p.port === 'string');
  return { policy, direction, index, rule, matchesWorkload, addresses, fixedPorts: hasNamedPorts ? undefined : rulePorts(rule, undefined) };
}

/** Whether one peer of an ANP/BANP rule matches a workload (the rule's other side). */
function adminPeerMatchesWorkload(state: AnalysisState, peer: AdminPeer, workload: Workload): boolean {
  if (peer.kind === 'networks') {
    const networks = networksOf(peer);
    return workload.hostNetwork ? networks.overlaps(state.nodeAddresses) : networks.contains(state.podAddressSpace);
  }
  if (peer.kind === 'nodes') return workload.hostNetwork === true && isEmptySelector(peer.nodeSelector);
  if (workload.hostNetwork) return false;
  if (!selectorMatches(peer.namespaceSelector, namespaceLabels(state, workload.namespace))) return false;
  return peer.kind === 'namespaces' || selectorMatches(peer.podSelector, workload.labels);
}

function adminPeerAddresses(state: AnalysisState, peer: AdminPeer): AddressSet {
  if (peer.kind === 'networks') return networksOf(peer);
  // Node addresses are outside the pod network: an empty node selector reaches all of them, when known.
  if (peer.kind === 'nodes') return isEmptySelector(peer.nodeSelector) && state.nodeCidrsKnown ? state.nodeAddresses : AddressSet.EMPTY;
  return AddressSet.EMPTY;
}

function networksOf(peer: AdminPeer & { kind: 'networks' }): AddressSet {
  return peer.cidrs.reduce((set, cidr) => set.union(AddressSet.ofCidr(cidr)), AddressSet.EMPTY);
}

function compileAdmin(state: AnalysisState, policy: AdminPolicy, direction: Direction, rule: AdminRule, index: number): CompiledAdminRule {
  const matchesWorkload = new Uint8Array(state.workloads.length);
  let addresses = AddressSet.EMPTY;
  for (const peer of rule.peers) {
    addresses = addresses.union(adminPeerAddresses(state, peer));
    state.workloads.forEach((w, i) => {
      if (!matchesWorkload[i] && adminPeerMatchesWorkload(state, peer, w)) matchesWorkload[i] = 1;
    });
  }
  if (!addresses.isEmpty()) state.peerAddressSets.push(addresses);
  const hasNamedPorts = rule.ports?.some((p) => typeof p.port === 'string') ?? false;
  return { policy, direction, index, rule, matchesWorkload, addresses, fixedPorts: hasNamedPorts ? undefined : rulePorts(rule, undefined) };
}

function portsOf(state: AnalysisState, rule: CompiledRule | CompiledAdminRule, destination: Workload | undefined): PortSet {
  if (rule.fixedPorts) return rule.fixedPorts;
  const index = destination ? state.workloadIndex.get(destination.id) : undefined;
  if (index === undefined) return rulePorts(rule.rule, destination);
  let cache = state.namedPortCache.get(rule);
  if (!cache) state.namedPortCache.set(rule, (cache = []));
  return (cache[index] ??= rulePorts(rule.rule, destination));
}

function ruleMatches(rule: CompiledRule | CompiledAdminRule, other: Other): boolean {
  return other.external ? rule.addresses.overlaps(other.external.addresses) : rule.matchesWorkload[other.workload!] === 1;
}

/**
 * Per workload, the workloads its NetworkPolicy rules can match (null: no pre-filter, because no
 * NetworkPolicy isolates it or an ANP may decide): most pairs are ruled out by one array lookup before
 * any port arithmetic.
 */
function reach(state: AnalysisState, policies: NetworkPolicy[][], rules: CompiledRule[][], admin: CompiledAdminPolicy[][]): (Uint8Array | null)[] {
  const count = state.workloads.length;
  // Read-only: a workload without rules shares one empty set, one with a single rule reads the rule's.
  const nobody = new Uint8Array(count);
  return state.workloads.map((_, i) => {
    if (policies[i]!.length === 0 || admin[i]!.length > 0) return null;
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

/** What the NetworkPolicies selecting `self` allow towards `other` (undefined: none selects it). */
function networkPolicyTraffic(state: AnalysisState, direction: Direction, self: number, other: Other, destination: Workload | undefined): PortSet | undefined {
  if ((direction === 'egress' ? state.egressPolicies : state.ingressPolicies)[self]!.length === 0) return undefined;
  let ports = PortSet.EMPTY;
  for (const rule of (direction === 'egress' ? state.egressRules : state.ingressRules)[self]!)
    if (ruleMatches(rule, other)) ports = ports.union(portsOf(state, rule, destination));
  return ports;
}

/** The verdict of the ANPs: what they allow, and what they allow or deny (the rest is passed on). */
function adminVerdict(
  state: AnalysisState,
  policies: readonly CompiledAdminPolicy[],
  direction: Direction,
  other: Other,
  destination: Workload | undefined,
): { allowed: PortSet; decided: PortSet } {
  let allowed = PortSet.EMPTY;
  let decided = PortSet.EMPTY;
  // The first matching rule decides: what an earlier rule matched (Pass included) is out of later reach.
  let matched = PortSet.EMPTY;
  for (const policy of policies)
    for (const rule of direction === 'egress' ? policy.egress : policy.ingress) {
      if (matched.any) return { allowed, decided };
      if (!ruleMatches(rule, other)) continue;
      const ports = portsOf(state, rule, destination).minus(matched);
      if (ports.isEmpty()) continue;
      matched = matched.union(ports);
      if (rule.rule.action === 'Pass') continue;
      decided = decided.union(ports);
      if (rule.rule.action === 'Allow') allowed = allowed.union(ports);
    }
  return { allowed, decided };
}

/** What the BANP denies (its first matching rule decides; unmatched traffic is allowed). */
function baselineDenied(state: AnalysisState, policy: CompiledAdminPolicy, direction: Direction, other: Other, destination: Workload | undefined): PortSet {
  let denied = PortSet.EMPTY;
  let matched = PortSet.EMPTY;
  for (const rule of direction === 'egress' ? policy.egress : policy.ingress) {
    if (!ruleMatches(rule, other)) continue;
    const ports = portsOf(state, rule, destination).minus(matched);
    matched = matched.union(ports);
    if (rule.rule.action === 'Deny') denied = denied.union(ports);
  }
  return denied;
}

/** The traffic `self` may send (egress) to or receive (ingress) from `other`, over every tier. */
function traffic(state: AnalysisState, direction: Direction, self: number, other: Other, destination: Workload | undefined): PortSet {
  const admin = (direction === 'egress' ? state.adminEgress : state.adminIngress)[self]!;
  const baseline = (direction === 'egress' ? state.baselineEgress : state.baselineIngress)[self];
  const networkPolicies = networkPolicyTraffic(state, direction, self, other, destination);
  if (admin.length === 0 && !baseline) return networkPolicies ?? PortSet.ANY;
  const { allowed, decided } =
    admin.length > 0 ? adminVerdict(state, admin, direction, other, destination) : { allowed: PortSet.EMPTY, decided: PortSet.EMPTY };
  const delegated = PortSet.ANY.minus(decided);
  if (networkPolicies !== undefined) return allowed.union(delegated.intersect(networkPolicies));
  if (!baseline) return allowed.union(delegated);
  return allowed.union(delegated.minus(baselineDenied(state, baseline, direction, other, destination)));
}

function allConnections(state: AnalysisState, externals: readonly ExternalEndpoint[]): { connections: Connection[]; selfConnections: Connection[] } {
  const { workloads } = state;
  const egressReach = reach(state, state.egressPolicies, state.egressRules, state.adminEgress);
  const ingressReach = reach(state, state.ingressPolicies, state.ingressRules, state.adminIngress);
  const srcTiered = workloads.map((_, i) => state.adminEgress[i]!.length > 0 || state.baselineEgress[i] !== undefined);
  const dstTiered = workloads.map((_, i) => state.adminIngress[i]!.length > 0 || state.baselineIngress[i] !== undefined);
  const connections: Connection[] = [];
  const selfConnections: Connection[] = [];
  const others: readonly Other[] = externals.map((external) => ({ external }));
  for (let src = 0; src < workloads.length; src++) {
    const srcReach = egressReach[src];
    for (let dst = 0; dst < workloads.length; dst++) {
      if (srcReach && !srcReach[dst]) continue;
      const dstReach = ingressReach[dst];
      if (dstReach && !dstReach[src]) continue;
      const destination = workloads[dst]!;
      // Without admin policies on either side, the NetworkPolicy rules alone decide (no objects made per pair).
      const tiered = srcTiered[src] || dstTiered[dst];
      const egress = tiered ? traffic(state, 'egress', src, { workload: dst }, destination) : egressToWorkload(state, src, dst);
      if (egress.isEmpty()) continue;
      const ports = egress.intersect(tiered ? traffic(state, 'ingress', dst, { workload: src }, destination) : ingressFromWorkload(state, src, dst));
      if (!ports.isEmpty()) (src === dst ? selfConnections : connections).push({ src: workloads[src]!.id, dst: destination.id, ports });
    }
    for (const { id, ports } of externalTraffic(state, 'egress', src, others, undefined)) connections.push({ src: workloads[src]!.id, dst: id, ports });
  }
  for (let dst = 0; dst < workloads.length; dst++)
    for (const { id, ports } of externalTraffic(state, 'ingress', dst, others, workloads[dst])) connections.push({ src: id, dst: workloads[dst]!.id, ports });
  // Sort keys made once: external ids sort by address, which the id text does not give.
  const keys = new Map<string, string>();
  const keyOf = (id: string): string => {
    let key = keys.get(id);
    if (key === undefined) keys.set(id, (key = sortKey(id)));
    return key;
  };
  return { connections: connections.sort((a, b) => compareKeys(keyOf(a.src), keyOf(b.src)) || compareKeys(keyOf(a.dst), keyOf(b.dst))), selfConnections };
}

/** The whole address space of each family present, for endpoints that no policy restricts. */
function wholeSpace(others: readonly Other[]): { id: string; ports: PortSet }[] {
  const families = [...new Set(others.map((o) => o.external!.addresses.ranges[0]!.family))];
  return families.map((family) => ({ id: `external:${formatInterval({ family, first: 0n, last: FAMILY_END[family] - 1n })}`, ports: PortSet.ANY }));
}

/**
 * The external ranges `self` exchanges traffic with, adjacent ranges with the same traffic joined: the
 * fewest exact ranges (`0.0.0.0/0` when every address is treated alike).
 */
function externalTraffic(
  state: AnalysisState,
  direction: Direction,
  self: number,
  others: readonly Other[],
  destination: Workload | undefined,
): { id: string; ports: PortSet }[] {
  const unrestricted =
    (direction === 'egress' ? state.egressPolicies : state.ingressPolicies)[self]!.length === 0 &&
    (direction === 'egress' ? state.adminEgress : state.adminIngress)[self]!.length === 0 &&
    (direction === 'egress' ? state.baselineEgress : state.baselineIngress)[self] === undefined;
  if (unrestricted) return wholeSpace(others);
  const merged: { interval: AddressInterval; ports: PortSet }[] = [];
  for (const other of others) {
    const ports = traffic(state, direction, self, other, destination);
    if (ports.isEmpty()) continue;
    const interval = other.external!.addresses.ranges[0]!;
    const last = merged[merged.length - 1];
    if (last && last.interval.family === interval.family && last.interval.last + 1n === interval.first && last.ports.equals(ports))
      last.interval = { family: interval.family, first: last.interval.first, last: interval.last };
    else merged.push({ interval, ports });
  }
  return merged.map(({ interval, ports }) => ({ id: `external:${formatInterval(interval)}`, ports }));
}

function matchingPeers(state: AnalysisState, rule: CompiledRule, other: Other, otherWorkload: Workload | undefined, direction: Direction): string[] {
  if (rule.rule.peers.length === 0) return ['everyone (the rule has no ' + (direction === 'egress' ? 'to' : 'from') + ')'];
  return rule.rule.peers
    .filter((peer) =>
      other.external
        ? peer.kind === 'ipBlock' && AddressSet.ofIpBlock(peer.cidr, peer.except).overlaps(other.external.addresses)
        : peerMatchesWorkload(state, peer, rule.policy, otherWorkload!, peerAddresses(peer)),
    )
    .map(describePeer);
}

function matchingAdminPeers(state: AnalysisState, rule: CompiledAdminRule, other: Other, otherWorkload: Workload | undefined): string[] {
  return rule.rule.peers
    .filter((peer) =>
      other.external ? adminPeerAddresses(state, peer).overlaps(other.external.addresses) : adminPeerMatchesWorkload(state, peer, otherWorkload!),
    )
    .map(describeAdminPeer);
}

function side(state: AnalysisState, direction: Direction, self: number, other: Other, destination: Workload | undefined): SideExplanation {
  const { workloads } = state;
  const policies = (direction === 'egress' ? state.egressPolicies : state.ingressPolicies)[self]!;
  const admin = (direction === 'egress' ? state.adminEgress : state.adminIngress)[self]!;
  const baseline = (direction === 'egress' ? state.baselineEgress : state.baselineIngress)[self];
  const otherWorkload = other.workload === undefined ? undefined : workloads[other.workload];
  const allowedBy: AllowingRule[] = [];
  // The ANP tier: every rule that decides part of the traffic (Deny rules allow nothing and are left out).
  let matched = PortSet.EMPTY;
  let decided = PortSet.EMPTY;
  for (const policy of admin)
    for (const rule of direction === 'egress' ? policy.egress : policy.ingress) {
      if (!ruleMatches(rule, other)) continue;
      const ports = portsOf(state, rule, destination).minus(matched);
      if (ports.isEmpty()) continue;
      matched = matched.union(ports);
      if (rule.rule.action !== 'Pass') decided = decided.union(ports);
      if (rule.rule.action !== 'Deny')
        allowedBy.push({
          policy: rule.policy,
          direction,
          ruleIndex: rule.index,
          action: rule.rule.action,
          peers: matchingAdminPeers(state, rule, other, otherWorkload),
          ports,
        });
    }
  const delegated = PortSet.ANY.minus(decided);
  for (const rule of policies.length > 0 ? (direction === 'egress' ? state.egressRules : state.ingressRules)[self]! : []) {
    if (!ruleMatches(rule, other)) continue;
    const ports = portsOf(state, rule, destination).intersect(delegated);
    if (ports.isEmpty()) continue;
    allowedBy.push({ policy: rule.policy, direction, ruleIndex: rule.index, peers: matchingPeers(state, rule, other, otherWorkload, direction), ports });
  }
  let denied: PortSet | undefined;
  if (policies.length === 0 && baseline) {
    denied = baselineDenied(state, baseline, direction, other, destination).intersect(delegated);
    let baselineMatched = PortSet.EMPTY;
    for (const rule of direction === 'egress' ? baseline.egress : baseline.ingress) {
      if (!ruleMatches(rule, other)) continue;
      const ports = portsOf(state, rule, destination).minus(baselineMatched);
      baselineMatched = baselineMatched.union(ports);
      const effective = ports.intersect(delegated);
      if (rule.rule.action === 'Allow' && !effective.isEmpty())
        allowedBy.push({
          policy: rule.policy,
          direction,
          ruleIndex: rule.index,
          action: 'Allow',
          peers: matchingAdminPeers(state, rule, other, otherWorkload),
          ports: effective,
        });
    }
  }
  const adminPolicies = [...admin.map((p) => p.policy), ...(baseline ? [baseline.policy] : [])];
  return {
    isolated: policies.length > 0,
    external: false,
    ...(workloads[self]!.hostNetwork ? { hostNetwork: true } : {}),
    selectingPolicies: policies,
    ...(adminPolicies.length > 0 ? { adminPolicies } : {}),
    ...(denied && !denied.isEmpty() ? { baselineDenied: denied } : {}),
    allowedBy,
    ports: traffic(state, direction, self, other, destination),
  };
}

const OUTSIDE: SideExplanation = { isolated: false, external: true, selectingPolicies: [], allowedBy: [], ports: PortSet.ANY };

function peerAddresses(peer: PolicyPeer): AddressSet {
  return peer.kind === 'ipBlock' ? AddressSet.ofIpBlock(peer.cidr, peer.except) : AddressSet.EMPTY;
}

/**
 * The external range an endpoint id names, for explanations: a connection's range joins ranges the
 * rules treat alike for that connection, so its first range explains it; a range of no connection
 * (`external:8.8.8.8/32`) is explained by the first range it overlaps.
 */
function externalNamed(analysis: AnalysisWithState, id: string): ExternalEndpoint | undefined {
  const addresses = externalAddresses(id);
  if (!addresses) return undefined;
  return analysis.state.externalById.get(id) ?? analysis.externals.find((external) => external.addresses.overlaps(addresses));
}

/** The addresses an `external:<range>` endpoint id stands for (undefined for workloads). */
export function externalAddresses(id: string): AddressSet | undefined {
  if (!id.startsWith('external:')) return undefined;
  return AddressSet.ofInterval(parseAddressRange(id.slice('external:'.length)));
}

/** Workloads first (by id), then external endpoints by family and first address (fixed-width hex). */
function sortKey(id: string): string {
  const addresses = externalAddresses(id);
  if (!addresses) return `0${id}`;
  const interval = addresses.ranges[0]!;
  return `1${interval.family}${interval.first.toString(16).padStart(32, '0')}`;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const FAMILY_END = { 4: 1n << 32n, 6: 1n << 128n } as const;

/**
 * The address space outside the cluster, cut at every boundary of the given sets (the ipBlocks and
 * networks of the rules in use): each range is then inside or outside every rule's addresses as a whole.
 * IPv4 always; IPv6 when a set has IPv6 addresses.
 */
export function externalEndpoints(peerAddressSets: readonly AddressSet[]): ExternalEndpoint[] {
  const cuts = { 4: new Set<bigint>([0n]), 6: new Set<bigint>() };
  for (const set of peerAddressSets)
    for (const interval of set.ranges) {
      cuts[interval.family].add(interval.first);
      cuts[interval.family].add(interval.last + 1n);
    }
  if (cuts[6].size > 0) cuts[6].add(0n);
  const endpoints: ExternalEndpoint[] = [];
  for (const family of [4, 6] as const) {
    const points = [...cuts[family]].filter((p) => p < FAMILY_END[family]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    points.forEach((first, i) => {
      const interval: AddressInterval = { family, first, last: (points[i + 1] ?? FAMILY_END[family]) - 1n };
      const range = formatInterval(interval);
      endpoints.push({ id: `external:${range}`, range, addresses: AddressSet.ofInterval(interval) });
    });
  }
  return endpoints;
}
