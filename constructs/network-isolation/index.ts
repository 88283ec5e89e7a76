import {
  NetworkPolicyV1,
  type NetworkPolicyV1SpecEgress,
  type NetworkPolicyV1SpecEgressTo,
  type NetworkPolicyV1SpecIngress,
  type NetworkPolicyV1SpecIngressFrom,
} from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { Construct } from 'constructs';
import type { FlowEndpoint, FlowPort, NetworkFlow, NetworkFlowsConfig, Segment } from '../../environments/schema';
import { ANNOTATIONS, CLUSTER_CIDR_ANNOTATIONS, LABELS } from '../../contract';
import { platformLabels } from '../platform-labels';

/** Kubernetes sets this label on every namespace; policies name namespaces through it. */
const NAMESPACE_NAME_LABEL = LABELS.namespaceName;

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

export interface NetworkIsolationProps {
  /** Every namespace of the environment with its segment and its name as Terraform knows it (a token keeps the dependency). */
  readonly namespaces: readonly { readonly name: string; readonly segment: Segment; readonly reference: string }[];
  readonly config: NetworkFlowsConfig;
}

/** `k8s` NetworkPolicy port entries of a flow (`port` is a string for the provider). */
const policyPorts = (ports: readonly FlowPort[]) =>
  ports.map((port) => ({ protocol: port.protocol, port: String(port.port), ...(port.endPort !== undefined ? { endPort: port.endPort } : {}) }));

/** The peer that selects one side of a flow (namespace AND pods, or an ipBlock). */
function peer(endpoint: FlowEndpoint): NetworkPolicyV1SpecIngressFrom & NetworkPolicyV1SpecEgressTo {
  if (endpoint.kind === 'cidr') return { ipBlock: { cidr: endpoint.cidr, ...(endpoint.except.length > 0 ? { except: [...endpoint.except] } : {}) } };
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: endpoint.namespace } },
    ...(Object.keys(endpoint.podLabels).length > 0 ? { podSelector: { matchLabels: { ...endpoint.podLabels } } } : {}),
  };
}

/** The pods a policy applies to: `{}` (every pod of the namespace) when no labels are given. */
const podSelector = (labels: Readonly<Record<string, string>>) => (Object.keys(labels).length > 0 ? { matchLabels: { ...labels } } : {});

/** A readable, DNS-safe policy name part for an endpoint. */
function slug(endpoint: FlowEndpoint): string {
  const text = endpoint.kind === 'cidr' ? `cidr-${endpoint.cidr}` : `${endpoint.namespace}-${endpoint.podLabels['app.kubernetes.io/name'] ?? (Object.keys(endpoint.podLabels).length === 0 ? 'all' : 'pods')}`;
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
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
    const namespaces = new Map(props.namespaces.map((namespace) => [namespace.name, namespace]));

    for (const namespace of props.namespaces) {
      this.policy(
        namespace.reference,
        namespace.name,
        'default-deny',
        'Default deny: no ingress and no egress unless another policy allows it',
        { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
        {
          [CLUSTER_CIDR_ANNOTATIONS.pods]: props.config.clusterCidrs.pods.join(','),
          [CLUSTER_CIDR_ANNOTATIONS.services]: props.config.clusterCidrs.services.join(','),
          [CLUSTER_CIDR_ANNOTATIONS.nodes]: props.config.clusterCidrs.nodes.join(','),
        },
      );
      this.policy(namespace.reference, namespace.name, 'allow-dns', 'Name resolution through cluster DNS (UDP and TCP 53)', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: props.config.dns.namespace } }, podSelector: { matchLabels: { ...props.config.dns.podLabels } } }],
            ports: [
              { protocol: 'UDP', port: '53' },
              { protocol: 'TCP', port: '53' },
            ],
          },
        ],
      });
      if (namespace.segment === 'guest') {
        const except = [...new Set([...PRIVATE_RANGES, ...props.config.clusterCidrs.pods, ...props.config.clusterCidrs.services, ...props.config.clusterCidrs.nodes])];
        this.policy(namespace.reference, namespace.name, 'allow-internet-egress', 'Guest segment: the internet only (private ranges and the cluster networks excepted)', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except } }] }],
        });
      }
    }

    for (const flow of props.config.flows) this.allowFlow(flow, namespaces);
  }

  /** Egress at the source and ingress at the destination (each side inside the cluster). */
  private allowFlow(flow: NetworkFlow, namespaces: ReadonlyMap<string, NetworkIsolationProps['namespaces'][number]>): void {
    const description = flow.description ?? `${flow.from.text} → ${flow.to.text}`;
    const ports = policyPorts(flow.ports);
    if (flow.from.kind === 'pods') {
      const source = namespaces.get(flow.from.namespace)!;
      const egress: NetworkPolicyV1SpecEgress = { to: [peer(flow.to)], ports };
      this.policy(source.reference, source.name, `allow-to-${slug(flow.to)}`, description, {
        podSelector: podSelector(flow.from.podLabels),
        policyTypes: ['Egress'],
        egress: [egress],
      });
    }
    if (flow.to.kind === 'pods') {
      const destination = namespaces.get(flow.to.namespace)!;
      const ingress: NetworkPolicyV1SpecIngress = { from: [peer(flow.from)], ports };
      this.policy(destination.reference, destination.name, `allow-from-${slug(flow.from)}`, description, {
        podSelector: podSelector(flow.to.podLabels),
        policyTypes: ['Ingress'],
        ingress: [ingress],
      });
    }
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
