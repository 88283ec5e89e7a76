import {
  NetworkPolicyV1,
  type NetworkPolicyV1SpecEgress,
  type NetworkPolicyV1SpecEgressTo,
  type NetworkPolicyV1SpecIngress,
  type NetworkPolicyV1SpecIngressFrom,
} from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { Construct } from 'constructs';
import { ANNOTATIONS, CLUSTER_CIDR_ANNOTATIONS, LABELS, type SegmentName } from '../../contract';
import { platformLabels } from '../platform-labels';

/** Kubernetes sets this label on every namespace; policies name namespaces through it. */
const NAMESPACE_NAME_LABEL = LABELS.namespaceName;
const NAME_LABEL = LABELS.appName;

/**
 * Every default-deny policy records the cluster's networks (comma-separated CIDRs) in these
 * annotations: the reachability analysis (policies/network) reads them to know which ipBlocks cover
 * pods and nodes.
 */
export { CLUSTER_CIDR_ANNOTATIONS };

/**
 * Never reachable through the guest segment's internet egress: RFC 1918 private ranges, carrier-grade
 * NAT (RFC 6598, often the hospital's own VPN) and link-local (cloud metadata endpoints).
 */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16'];

/** Labels that name a workload's pods: `{ 'app.kubernetes.io/name': 'emr' }`. */
type PodLabels = Readonly<Record<string, string>>;

/**
 * One side of a flow: pods of a namespace (every pod when `podLabels` is empty or left out), or a CIDR
 * outside the cluster. `text` names it in the policies' purpose annotation; default: `namespace/workload`,
 * `namespace/*`, or the CIDR.
 */
export type FlowEndpoint =
  | { readonly kind: 'pods'; readonly namespace: string; readonly podLabels?: PodLabels; readonly text?: string }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except?: readonly string[]; readonly text?: string };

export interface FlowPort {
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  /** Number or container port name (resolved by the CNI against the destination pods). */
  readonly port: number | string;
  readonly endPort?: number;
}

/** An allowed connection: egress at the source and ingress at the destination (each side inside the cluster). */
export interface NetworkFlow {
  readonly from: FlowEndpoint;
  readonly to: FlowEndpoint;
  readonly ports: readonly FlowPort[];
  /** Why the flow exists (the policies' purpose annotation); default: `<from> → <to>`. */
  readonly description?: string;
}

export interface IsolatedNamespace {
  readonly name: string;
  readonly segment: SegmentName;
  /** The namespace's name as Terraform knows it (a token keeps the dependency on the namespace); default: `name`. */
  readonly reference?: string;
}

/** The cluster's networks (CIDRs): never reachable through guest internet egress, recorded on every default deny. */
export interface ClusterCidrs {
  readonly pods: readonly string[];
  readonly services: readonly string[];
  readonly nodes: readonly string[];
}

export interface NetworkIsolationProps {
  /** Every namespace to isolate, with its segment. */
  readonly namespaces: readonly IsolatedNamespace[];
  readonly clusterCidrs: ClusterCidrs;
  /** Cluster DNS, the one destination every namespace may reach (UDP and TCP 53); default: DEFAULT_CLUSTER_DNS. */
  readonly dns?: { readonly namespace: string; readonly podLabels: PodLabels };
  /** What is allowed beyond DNS (and the guest segment's internet egress); default: nothing. */
  readonly flows?: readonly NetworkFlow[];
}

/** CoreDNS as kubeadm and most distributions deploy it. */
export const DEFAULT_CLUSTER_DNS = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } } as const;

const labelsOf = (endpoint: Extract<FlowEndpoint, { kind: 'pods' }>): PodLabels => endpoint.podLabels ?? {};

/** How an endpoint reads in a description (the environment schema's own spelling of it, by default). */
function textOf(endpoint: FlowEndpoint): string {
  if (endpoint.text !== undefined) return endpoint.text;
  if (endpoint.kind === 'cidr') return endpoint.except && endpoint.except.length > 0 ? `${endpoint.cidr} except ${endpoint.except.join(', ')}` : endpoint.cidr;
  const labels = Object.entries(labelsOf(endpoint));
  if (labels.length === 0) return `${endpoint.namespace}/*`;
  if (labels.length === 1 && labels[0]![0] === NAME_LABEL) return `${endpoint.namespace}/${labels[0]![1]}`;
  return `${endpoint.namespace}/{${labels.map(([key, value]) => `${key}=${value}`).join(',')}}`;
}

/** `k8s` NetworkPolicy port entries of a flow (`port` is a string for the provider). */
const policyPorts = (ports: readonly FlowPort[]) =>
  ports.map((port) => ({ protocol: port.protocol, port: String(port.port), ...(port.endPort !== undefined ? { endPort: port.endPort } : {}) }));

/** The peer that selects one side of a flow (namespace AND pods, or an ipBlock). */
function peer(endpoint: FlowEndpoint): NetworkPolicyV1SpecIngressFrom & NetworkPolicyV1SpecEgressTo {
  if (endpoint.kind === 'cidr')
    return { ipBlock: { cidr: endpoint.cidr, ...(endpoint.except && endpoint.except.length > 0 ? { except: [...endpoint.except] } : {}) } };
  const podLabels = labelsOf(endpoint);
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: endpoint.namespace } },
    ...(Object.keys(podLabels).length > 0 ? { podSelector: { matchLabels: { ...podLabels } } } : {}),
  };
}

/** The pods a policy applies to: `{}` (every pod of the namespace) when no labels are given. */
const podSelector = (labels: Readonly<Record<string, string>>) => (Object.keys(labels).length > 0 ? { matchLabels: { ...labels } } : {});

/** A readable, DNS-safe policy name part for an endpoint. */
function slug(endpoint: FlowEndpoint): string {
  const podLabels = endpoint.kind === 'pods' ? labelsOf(endpoint) : {};
  const text =
    endpoint.kind === 'cidr'
      ? `cidr-${endpoint.cidr}`
      : `${endpoint.namespace}-${podLabels[NAME_LABEL] ?? (Object.keys(podLabels).length === 0 ? 'all' : 'pods')}`;
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Network isolation of one environment, as the operations plan asks: every namespace denies ingress
 * and egress by default and may only resolve names through cluster DNS; each declared flow becomes
 * two narrow policies (egress at the source, ingress at the destination), so neither side alone opens
 * a path; the guest segment accepts traffic only from the dmz ingress controller (through flows the
 * schema restricts to it) and reaches only DNS and the internet without any private range or the
 * cluster's own networks — so it can never reach the medical segment, nor be reached from it.
 */
export class NetworkIsolation extends Construct {
  readonly policies: NetworkPolicyV1[] = [];
  private readonly usedNames = new Set<string>();

  constructor(scope: Construct, id: string, props: NetworkIsolationProps) {
    super(scope, id);
    const namespaces = new Map(props.namespaces.map((namespace) => [namespace.name, { ...namespace, reference: namespace.reference ?? namespace.name }]));
    const { clusterCidrs } = props;
    const dns = props.dns ?? DEFAULT_CLUSTER_DNS;

    for (const namespace of namespaces.values()) {
      this.policy(
        namespace.reference,
        namespace.name,
        'default-deny',
        'Default deny: no ingress and no egress unless another policy allows it',
        { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
        {
          [CLUSTER_CIDR_ANNOTATIONS.pods]: clusterCidrs.pods.join(','),
          [CLUSTER_CIDR_ANNOTATIONS.services]: clusterCidrs.services.join(','),
          [CLUSTER_CIDR_ANNOTATIONS.nodes]: clusterCidrs.nodes.join(','),
        },
      );
      this.policy(namespace.reference, namespace.name, 'allow-dns', 'Name resolution through cluster DNS (UDP and TCP 53)', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: dns.namespace } }, podSelector: { matchLabels: { ...dns.podLabels } } }],
            ports: [
              { protocol: 'UDP', port: '53' },
              { protocol: 'TCP', port: '53' },
            ],
          },
        ],
      });
      if (namespace.segment === 'guest') {
        const except = [...new Set([...PRIVATE_RANGES, ...clusterCidrs.pods, ...clusterCidrs.services, ...clusterCidrs.nodes])];
        this.policy(
          namespace.reference,
          namespace.name,
          'allow-internet-egress',
          'Guest segment: the internet only (private ranges and the cluster networks excepted)',
          {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except } }] }],
          },
        );
      }
    }

    for (const flow of props.flows ?? []) this.allowFlow(flow, namespaces);
  }

  /** Egress at the source and ingress at the destination (each side inside the cluster). */
  private allowFlow(flow: NetworkFlow, namespaces: ReadonlyMap<string, Required<IsolatedNamespace>>): void {
    const description = flow.description ?? `${textOf(flow.from)} → ${textOf(flow.to)}`;
    const ports = policyPorts(flow.ports);
    if (flow.from.kind === 'pods') {
      const source = this.declared(namespaces, flow.from.namespace);
      const egress: NetworkPolicyV1SpecEgress = { to: [peer(flow.to)], ports };
      this.policy(source.reference, source.name, `allow-to-${slug(flow.to)}`, description, {
        podSelector: podSelector(labelsOf(flow.from)),
        policyTypes: ['Egress'],
        egress: [egress],
      });
    }
    if (flow.to.kind === 'pods') {
      const destination = this.declared(namespaces, flow.to.namespace);
      const ingress: NetworkPolicyV1SpecIngress = { from: [peer(flow.from)], ports };
      this.policy(destination.reference, destination.name, `allow-from-${slug(flow.from)}`, description, {
        podSelector: podSelector(labelsOf(flow.to)),
        policyTypes: ['Ingress'],
        ingress: [ingress],
      });
    }
  }

  /** A flow's namespace must be one this construct isolates: its policies live there. */
  private declared(namespaces: ReadonlyMap<string, Required<IsolatedNamespace>>, name: string): Required<IsolatedNamespace> {
    const namespace = namespaces.get(name);
    if (!namespace)
      throw new Error(`network flow names namespace "${name}", which is not among the isolated namespaces (${[...namespaces.keys()].join(', ')})`);
    return namespace;
  }

  private policy(
    namespaceReference: string,
    namespaceName: string,
    baseName: string,
    description: string,
    spec: ConstructorParameters<typeof NetworkPolicyV1>[2]['spec'],
    annotations: Readonly<Record<string, string>> = {},
  ): void {
    // Two flows between the same endpoints (other ports) get numbered names.
    let name = baseName.slice(0, 60);
    for (let n = 2; this.usedNames.has(`${namespaceName}/${name}`); n++) name = `${baseName.slice(0, 56)}-${n}`;
    this.usedNames.add(`${namespaceName}/${name}`);
    this.policies.push(
      new NetworkPolicyV1(this, `${namespaceName}-${name}`, {
        metadata: {
          name,
          namespace: namespaceReference,
          labels: { ...platformLabels(name), 'app.kubernetes.io/component': 'network-isolation' },
          annotations: { [ANNOTATIONS.purpose]: description, ...annotations },
        },
        spec,
      }),
    );
  }
}
