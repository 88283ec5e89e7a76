/**
 * The connectivity model the analysis works on, whatever the input (synthesized Terraform or plain
 * Kubernetes YAML): namespaces with labels, workloads (one pod template each) with their container
 * ports, NetworkPolicies in their core v1 meaning, and the AdminNetworkPolicy API (ANP, BANP).
 */
import { CLUSTER_CIDR_ANNOTATIONS, LABELS } from '../../contract';
import { canonicalCidr, CidrError } from './addresses';
import type { Protocol } from './ports';

/** Reads the CLUSTER_CIDR_ANNOTATIONS of a policy; invalid entries are reported through `warn`. */
export function recordedCidrs(annotations: Readonly<Record<string, unknown>>, warn: (message: string) => void): NetworkPolicy['recordedCidrs'] {
  const read = (key: string): string[] => {
    const value = annotations[key];
    if (typeof value !== 'string') return [];
    return value
      .split(',')
      .map((text) => text.trim())
      .filter((text) => text !== '')
      .flatMap((text) => {
        try {
          return [canonicalCidr(text)];
        } catch (error) {
          if (!(error instanceof CidrError)) throw error;
          warn(`annotation ${key}: ${error.message}`);
          return [];
        }
      });
  };
  const pods = read(CLUSTER_CIDR_ANNOTATIONS.pods);
  const nodes = read(CLUSTER_CIDR_ANNOTATIONS.nodes);
  return pods.length > 0 || nodes.length > 0 ? { pods, nodes } : undefined;
}

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A Kubernetes LabelSelector; both parts empty selects everything. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly SelectorRequirement[];
}

/** Where an object was declared: a file and the Terraform address or the YAML document. */
export interface SourceRef {
  readonly file: string;
  /** Terraform address (`kubernetes_network_policy_v1.guest_deny`) or `document 3` of a YAML file. */
  readonly location: string;
}

export interface NamespaceInfo {
  readonly name: string;
  /** Declared labels plus the automatic `kubernetes.io/metadata.name`. */
  readonly labels: Readonly<Record<string, string>>;
  /** Absent when no object declared the namespace (workloads or policies only referred to it). */
  readonly source?: SourceRef;
}

export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface Workload {
  /** `namespace/name` (with `@kind` appended only when two kinds share a name in one namespace). */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** Kubernetes kind: Deployment, StatefulSet, CronJob, … */
  readonly kind: string;
  /** Labels of the pods it runs (the pod template's labels). */
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
  /**
   * Pods on the node's network namespace: NetworkPolicies do not apply to them, and other pods see
   * their traffic as coming from a node address.
   */
  readonly hostNetwork?: boolean;
  /**
   * For a Pod whose controller is not in the input: that controller (netpol-analyzer names the pod after
   * it; `kind` is '' when the reference names none).
   */
  readonly owner?: { readonly kind: string; readonly name: string };
  readonly source: SourceRef;
}

export interface PolicyPort {
  readonly protocol: Protocol;
  /** Number or named container port; absent means every port of the protocol. */
  readonly port?: number | string;
  readonly endPort?: number;
  /**
   * A named port of an AdminNetworkPolicy: it matches the container port of that name whatever its
   * protocol (a NetworkPolicy's named port needs the rule's protocol).
   */
  readonly anyProtocol?: boolean;
}

export type PolicyPeer =
  | { readonly kind: 'selector'; readonly podSelector?: LabelSelector; readonly namespaceSelector?: LabelSelector }
  | { readonly kind: 'ipBlock'; readonly cidr: string; readonly except: readonly string[] };

export interface PolicyRule {
  /** Empty means every peer (the rule has no `from`/`to`). */
  readonly peers: readonly PolicyPeer[];
  /** Empty means every port and protocol. */
  readonly ports: readonly PolicyPort[];
}

/**
 * Annotations on NetworkPolicies that record the cluster's networks (comma-separated CIDRs);
 * constructs/network-isolation writes them on every default-deny policy (the contract's keys).
 */
export { CLUSTER_CIDR_ANNOTATIONS };

export interface NetworkPolicy {
  /** `namespace/name`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  /** The effective policy types (defaults applied). */
  readonly affectsIngress: boolean;
  readonly affectsEgress: boolean;
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  readonly source: SourceRef;
  /** CIDRs recorded in the CLUSTER_CIDR_ANNOTATIONS of the policy, if any. */
  readonly recordedCidrs?: { readonly pods: readonly string[]; readonly nodes: readonly string[] };
}

export type AdminAction = 'Allow' | 'Deny' | 'Pass';

/** A peer of an AdminNetworkPolicy or BaselineAdminNetworkPolicy rule (policy.networking.k8s.io/v1alpha1). */
export type AdminPeer =
  /** Every pod of the namespaces the selector matches. */
  | { readonly kind: 'namespaces'; readonly namespaceSelector: LabelSelector }
  | { readonly kind: 'pods'; readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector }
  /** Egress only: the nodes the selector matches (their addresses, and host-network pods). */
  | { readonly kind: 'nodes'; readonly nodeSelector: LabelSelector }
  /** Egress only: CIDRs, which match cluster-internal addresses too. */
  | { readonly kind: 'networks'; readonly cidrs: readonly string[] };

export interface AdminRule {
  readonly name: string;
  readonly action: AdminAction;
  readonly peers: readonly AdminPeer[];
  /** Absent: every port and protocol. */
  readonly ports?: readonly PolicyPort[];
}

export const ADMIN_NETWORK_POLICY = 'AdminNetworkPolicy';
export const BASELINE_ADMIN_NETWORK_POLICY = 'BaselineAdminNetworkPolicy';

/** A cluster-scoped AdminNetworkPolicy (ANP) or the BaselineAdminNetworkPolicy (BANP). */
export interface AdminPolicy {
  readonly kind: typeof ADMIN_NETWORK_POLICY | typeof BASELINE_ADMIN_NETWORK_POLICY;
  /** `ANP name` or `BANP name`, for messages. */
  readonly id: string;
  readonly name: string;
  /** ANP only: 0–1000, lower first. */
  readonly priority?: number;
  /** The pods it applies to; a `namespaces` subject is the empty pod selector in those namespaces. */
  readonly subject: { readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector };
  /** A direction without rules is not affected by the policy. */
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
  readonly source: SourceRef;
}

export interface Cluster {
  readonly namespaces: readonly NamespaceInfo[];
  readonly workloads: readonly Workload[];
  readonly policies: readonly NetworkPolicy[];
  /** AdminNetworkPolicies in evaluation order (priority, then name). */
  readonly adminPolicies: readonly AdminPolicy[];
  /** The BaselineAdminNetworkPolicy (a cluster has at most one, named `default`). */
  readonly baselinePolicy?: AdminPolicy;
  /** Things the analysis could not see exactly (unknown values, undeclared namespaces…). */
  readonly warnings: readonly string[];
  /**
   * Values known only after apply that the model needed (a namespace name, a label, a CIDR…). A proof
   * over a model with unknowns is not a proof: rules fail closed when this is not empty.
   */
  readonly unknowns: readonly string[];
  /**
   * Input the API server (or kubectl) would reject, left out of the model as `kubectl apply -f` leaves it
   * out of the cluster: one message per object or container port, naming the file and key path. A proof
   * over such input is incomplete: `npm run netpol --deny` fails closed when this is not empty.
   */
  readonly rejected: readonly string[];
  /** The cluster's pod and node CIDRs as the policies record them (analysis defaults). */
  readonly podCidrs: readonly string[];
  readonly nodeCidrs: readonly string[];
}

/** Label that Kubernetes sets on every namespace since 1.21. */
export const NAMESPACE_NAME_LABEL = LABELS.namespaceName;

/**
 * Applies the `policyTypes` default of the API: Ingress always, Egress when the policy has egress
 * rules; an explicit list wins.
 */
export function effectivePolicyTypes(policyTypes: readonly string[] | undefined, egressRuleCount: number): { ingress: boolean; egress: boolean } {
  if (policyTypes && policyTypes.length > 0) return { ingress: policyTypes.includes('Ingress'), egress: policyTypes.includes('Egress') };
  return { ingress: true, egress: egressRuleCount > 0 };
}

/**
 * Assembles a cluster: adds namespaces that are only referred to, the automatic name label, and
 * disambiguates workloads of different kinds that share a name.
 */
export function buildCluster(parts: {
  namespaces: readonly NamespaceInfo[];
  workloads: readonly Omit<Workload, 'id'>[];
  policies: readonly NetworkPolicy[];
  adminPolicies?: readonly AdminPolicy[];
  baselinePolicies?: readonly AdminPolicy[];
  warnings?: readonly string[];
  unknowns?: readonly string[];
  rejected?: readonly string[];
}): Cluster {
  const warnings = [...(parts.warnings ?? [])];
  const adminPolicies = [...(parts.adminPolicies ?? [])].sort((a, b) => a.priority! - b.priority! || a.name.localeCompare(b.name));
  for (let i = 1; i < adminPolicies.length; i++)
    if (adminPolicies[i]!.priority === adminPolicies[i - 1]!.priority)
      warnings.push(
        `AdminNetworkPolicies ${adminPolicies[i - 1]!.name} and ${adminPolicies[i]!.name} share priority ${adminPolicies[i]!.priority}: the API leaves their order to the implementation; the analysis applies them in name order`,
      );
  const baselines = parts.baselinePolicies ?? [];
  if (baselines.length > 1)
    warnings.push(
      `${baselines.length} BaselineAdminNetworkPolicies (${baselines.map((b) => `${b.name} in ${b.source.file}`).join(', ')}): a cluster has one; the analysis uses the first`,
    );
  const namespaces = new Map<string, NamespaceInfo>();
  for (const namespace of parts.namespaces) {
    namespaces.set(namespace.name, { ...namespace, labels: { ...namespace.labels, [NAMESPACE_NAME_LABEL]: namespace.name } });
  }
  for (const workload of parts.workloads) addReferredNamespace(namespaces, warnings, workload.namespace);
  for (const policy of parts.policies) addReferredNamespace(namespaces, warnings, policy.namespace);
  const bases = parts.workloads.map((w) => `${w.namespace}/${w.name}`);
  const nameCount = new Map<string, number>();
  for (const base of bases) nameCount.set(base, (nameCount.get(base) ?? 0) + 1);
  const workloads = parts.workloads.map((w, i): Workload => {
    const base = bases[i]!;
    return { ...w, id: nameCount.get(base)! > 1 ? `${base}@${w.kind.toLowerCase()}` : base };
  });
  return {
    namespaces: [...namespaces.values()].sort(byName),
    workloads: workloads.sort(byId),
    policies: [...parts.policies].sort(byId),
    adminPolicies,
    ...(baselines[0] ? { baselinePolicy: baselines[0] } : {}),
    warnings,
    unknowns: [...(parts.unknowns ?? [])],
    rejected: [...(parts.rejected ?? [])],
    podCidrs: recordedOf(parts.policies, 'pods'),
    nodeCidrs: recordedOf(parts.policies, 'nodes'),
  };
}

// Module-level helpers rather than closures made per cluster: see policies/README.md, Performance.

function addReferredNamespace(namespaces: Map<string, NamespaceInfo>, warnings: string[], name: string): void {
  if (namespaces.has(name)) return;
  if (name !== 'default') warnings.push(`namespace "${name}" is used but not declared; it is assumed to carry only the label ${NAMESPACE_NAME_LABEL}=${name}`);
  namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
}

const byName = (a: { readonly name: string }, b: { readonly name: string }): number => a.name.localeCompare(b.name);
const byId = (a: { readonly id: string }, b: { readonly id: string }): number => a.id.localeCompare(b.id);

/** The distinct CIDRs the policies record, in order of appearance. */
function recordedOf(policies: readonly NetworkPolicy[], kind: 'pods' | 'nodes'): string[] {
  const cidrs = new Set<string>();
  for (const policy of policies) for (const cidr of policy.recordedCidrs?.[kind] ?? []) cidrs.add(cidr);
  return [...cidrs];
}
