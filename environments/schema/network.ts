import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { parseCidr } from '../../policies/network/addresses';
import { dnsLabel, labelMap, type Segment } from './primitives';

/** `10.0.0.0/8` or `2001:db8::/32`. */
export const cidr = z.string().refine((value) => {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!match) return false;
  const prefix = Number(match[2]);
  return (isIPv4(match[1]!) && prefix <= 32) || (isIPv6(match[1]!) && prefix <= 128);
}, 'expected a CIDR such as "10.244.0.0/16"');

/** The label that names a workload's pods (every construct and the usual Helm charts set it). */
export const WORKLOAD_NAME_LABEL = 'app.kubernetes.io/name';

export type FlowEndpoint =
  | { readonly kind: 'pods'; readonly namespace: string; readonly podLabels: Readonly<Record<string, string>>; readonly text: string }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except: readonly string[]; readonly text: string };

const WORKLOAD_REFERENCE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/(\*|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;

/**
 * One side of a flow: `namespace/workload` (the pods labelled `app.kubernetes.io/name: workload`),
 * `namespace/*` (every pod of the namespace), a CIDR outside the cluster, or the object forms
 * `{ namespace, podLabels }` (pods a Helm chart labels otherwise) and `{ cidr, except }`.
 */
export const flowEndpoint = z
  .union([
    z.string(),
    z.strictObject({ namespace: dnsLabel, podLabels: labelMap }),
    z.strictObject({ cidr, except: z.array(cidr).default([]) }).superRefine((block, ctx) => {
      // kube-apiserver rejects an ipBlock whose `except` is not a strict subset of its `cidr`.
      const outer = parseCidr(block.cidr);
      block.except.forEach((entry, index) => {
        const inner = parseCidr(entry);
        const strictSubset =
          inner.family === outer.family && inner.first >= outer.first && inner.last <= outer.last && inner.last - inner.first < outer.last - outer.first;
        if (!strictSubset)
          ctx.addIssue({
            code: 'custom',
            path: ['except', index],
            message: `expected a range inside ${block.cidr} and smaller than it (Kubernetes rejects it otherwise), got "${entry}"`,
          });
      });
    }),
  ])
  .transform((value, ctx): FlowEndpoint => {
    if (typeof value !== 'string') {
      if ('cidr' in value)
        return {
          kind: 'cidr',
          cidr: value.cidr,
          except: value.except,
          text: value.except.length > 0 ? `${value.cidr} except ${value.except.join(', ')}` : value.cidr,
        };
      return {
        kind: 'pods',
        namespace: value.namespace,
        podLabels: value.podLabels,
        text: `${value.namespace}/{${Object.entries(value.podLabels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}}`,
      };
    }
    if (cidr.safeParse(value).success) return { kind: 'cidr', cidr: value, except: [], text: value };
    const match = WORKLOAD_REFERENCE.exec(value);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `expected "namespace/workload", "namespace/*" or a CIDR, got "${value}"` });
      return z.NEVER;
    }
    const [, namespace, , workload] = match as unknown as [string, string, string, string];
    return { kind: 'pods', namespace, podLabels: workload === '*' ? {} : { [WORKLOAD_NAME_LABEL]: workload }, text: value };
  });

const IANA_PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;
const portNumber = z.number().int().min(1).max(65535);
const portName = z.string().regex(IANA_PORT_NAME, 'expected a container port name (at most 15 lower-case letters, digits and "-")');

export interface FlowPort {
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  /** Number or container port name (resolved by the CNI against the destination pods). */
  readonly port: number | string;
  readonly endPort?: number;
}

/** `8080`, `http` (TCP), or `{ port, protocol, endPort }`. */
export const flowPort = z
  .union([
    portNumber,
    portName,
    z.strictObject({ port: z.union([portNumber, portName]), protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'), endPort: portNumber.optional() }),
  ])
  .transform((value, ctx): FlowPort => {
    if (typeof value !== 'object') return { protocol: 'TCP', port: value };
    if (value.endPort !== undefined && (typeof value.port !== 'number' || value.endPort < value.port)) {
      ctx.addIssue({ code: 'custom', path: ['endPort'], message: `expected endPort ≥ a numeric port, got ${value.endPort} with port ${value.port}` });
      return z.NEVER;
    }
    return value;
  });

export const networkFlowSchema = z.strictObject({
  from: flowEndpoint,
  to: flowEndpoint,
  /** At least one port: a flow allows named ports only (least privilege). */
  ports: z.array(flowPort).min(1),
  /** Why the flow exists (shown in reviews and policy annotations). */
  description: z.string().min(1).optional(),
});
export type NetworkFlow = z.output<typeof networkFlowSchema>;

/**
 * Network isolation: every namespace denies ingress and egress by default and may resolve names
 * through cluster DNS; only the flows listed here are allowed, by narrow policies on both sides. The
 * guest segment accepts traffic only from the dmz ingress controller and reaches only DNS and the
 * internet (every private range and the cluster's own CIDRs excepted); nothing ever connects it
 * with the medical segment.
 */
export const networkFlowsSchema = z.strictObject({
  /**
   * The cluster's pod, Service and node networks: never reachable through the guest segment's internet
   * egress, and recorded on the policies so the reachability analysis knows them.
   */
  clusterCidrs: z.strictObject({ pods: z.array(cidr).min(1), services: z.array(cidr).min(1), nodes: z.array(cidr).min(1) }),
  /** Cluster DNS, the one destination every namespace may reach (UDP and TCP 53). */
  dns: z.strictObject({ namespace: dnsLabel, podLabels: labelMap }).default({ namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }),
  /** The dmz ingress controller: the only peer the guest segment accepts traffic from. */
  ingressController: flowEndpoint.optional(),
  flows: z.array(networkFlowSchema).default([]),
});
export type NetworkFlowsConfig = z.output<typeof networkFlowsSchema>;

/** Checks of the flows against the declared namespaces and the segment rules of the operations plan. */
export function checkNetworkFlows(
  network: NetworkFlowsConfig | undefined,
  namespaces: Readonly<Record<string, { readonly segment: Segment }>>,
  addIssue: (path: (string | number)[], message: string) => void,
): void {
  if (!network) return;
  const declared = Object.keys(namespaces);
  const segmentOf = (endpoint: FlowEndpoint) => (endpoint.kind === 'pods' ? namespaces[endpoint.namespace]?.segment : undefined);
  const controller = network.ingressController;
  if (controller) {
    if (controller.kind !== 'pods') addIssue(['networkFlows', 'ingressController'], `expected "namespace/workload" of the ingress controller, got a CIDR`);
    else if (!Object.hasOwn(namespaces, controller.namespace))
      addIssue(['networkFlows', 'ingressController'], `expected one of the declared namespaces (${declared.join(', ')}), got "${controller.namespace}"`);
    else if (namespaces[controller.namespace]!.segment !== 'dmz')
      addIssue(
        ['networkFlows', 'ingressController'],
        `expected a namespace of the dmz segment, got "${controller.namespace}" (${namespaces[controller.namespace]!.segment})`,
      );
  }
  network.flows.forEach((flow, index) => {
    const at = (...rest: (string | number)[]) => ['networkFlows', 'flows', index, ...rest];
    for (const side of ['from', 'to'] as const) {
      const endpoint = flow[side];
      if (endpoint.kind === 'pods' && !Object.hasOwn(namespaces, endpoint.namespace))
        addIssue(at(side), `expected one of the declared namespaces (${declared.join(', ')}), got "${endpoint.namespace}"`);
    }
    if (flow.from.kind === 'cidr' && flow.to.kind === 'cidr') addIssue(at('to'), 'expected at least one side inside the cluster, got two CIDRs');
    const from = segmentOf(flow.from);
    const to = segmentOf(flow.to);
    if ((from === 'guest' && to === 'medical') || (from === 'medical' && to === 'guest')) {
      addIssue(
        at(),
        `expected no flow between the guest and medical segments (the operations plan separates guest Wi-Fi from the medical network), got ${flow.from.text} → ${flow.to.text}`,
      );
      return;
    }
    if (from === 'guest')
      addIssue(at('from'), `expected no flow out of the guest segment (it reaches only DNS and the internet), got ${flow.from.text} → ${flow.to.text}`);
    const fromController =
      controller?.kind === 'pods' &&
      flow.from.kind === 'pods' &&
      flow.from.namespace === controller.namespace &&
      sameLabels(flow.from.podLabels, controller.podLabels);
    if (to === 'guest' && !fromController)
      addIssue(
        at('from'),
        `expected only the dmz ingress controller (networkFlows.ingressController${controller ? `: ${controller.text}` : ', not set'}) to reach the guest segment, got ${flow.from.text}`,
      );
  });
  const guestNamespaces = Object.entries(namespaces).filter(([, ns]) => ns.segment === 'guest');
  if (guestNamespaces.length > 0 && !controller && network.flows.some((flow) => segmentOf(flow.to) === 'guest'))
    addIssue(['networkFlows', 'ingressController'], 'expected the dmz ingress controller to be named when flows reach the guest segment');
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
