/**
 * Reads the connectivity model from normalized Terraform resources (the policy engine's model): the
 * kubernetes provider's namespaces, workloads and `kubernetes_network_policy(_v1)`. Values known only
 * after apply are listed in `Cluster.unknowns` so a proof can fail closed.
 */
import {
  buildCluster,
  effectivePolicyTypes,
  recordedCidrs,
  type Cluster,
  type ContainerPort,
  type LabelSelector,
  type NamespaceInfo,
  type NetworkPolicy,
  type PolicyPeer,
  type PolicyRule,
  type SelectorOperator,
  type SourceRef,
  type Workload,
} from './cluster';
import { NetworkInputError } from './errors';
import { toPeer, toPolicyPort, unmodelledNote, validateSelector } from './kubernetes-yaml';
import { NAMESPACE_TYPES, containersOf, namespaceOf, podPaths, WORKLOAD_TYPES, workloadKind } from '../kubernetes';
import * as model from '../model';
import type { Resource } from '../model';
import * as values from '../values';
import type { Values } from '../values';
import { PROTOCOLS, type Protocol } from './ports';
import { selectorMatches } from './selectors';
import { LABELS } from '../labels';

// tsx compiles every use of an imported binding into a getter call on the exporting module, which
// costs more than the call itself when reading every resource of every environment: read them once.
const { isUnknown } = model;
const { block, blocks, bool, findUnknown, firstBlock, get, isObject, num, str, strings } = values;

export const NETWORK_POLICY_TYPES: readonly string[] = ['kubernetes_network_policy', 'kubernetes_network_policy_v1'];

/** Every resource type the analysis reads. */
export const NETWORK_MODEL_TYPES: readonly string[] = [...NAMESPACE_TYPES, ...WORKLOAD_TYPES, ...NETWORK_POLICY_TYPES];

const INGRESS_TYPES: readonly string[] = ['kubernetes_ingress', 'kubernetes_ingress_v1'];

/** Policy kinds a `kubernetes_manifest` may carry that this reader does not take from there. */
const MANIFEST_POLICY_KINDS: readonly string[] = ['NetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'];

/** What a `kubernetes_manifest` object means for the result, when it is a network object. */
function manifestNote(resource: Resource): string | undefined {
  const manifest = firstBlock(resource.values.manifest);
  const kind = manifest ? str(manifest.kind) : undefined;
  if (!kind) return undefined;
  const apiVersion = str(manifest!.apiVersion);
  const group = apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : undefined;
  if (MANIFEST_POLICY_KINDS.includes(kind) && (group === undefined || group === 'networking.k8s.io' || group === 'policy.networking.k8s.io'))
    return `${kind} objects written as kubernetes_manifest are not read by the analysis: the connections this one allows or denies are not reflected in the result`;
  return unmodelledNote(kind, group);
}

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function clusterFromResources(resources: readonly Resource[]): Cluster {
  const unknowns: string[] = [];
  const warnings: string[] = [];
  const namespaces: NamespaceInfo[] = [];
  const workloads: Omit<Workload, 'id'>[] = [];
  const policies: NetworkPolicy[] = [];
  // What the result does not cover, per note, with the resources that cause it.
  const unmodelled = new Map<string, string[]>();
  for (const resource of resources) {
    const source = { file: resource.file, location: resource.address };
    if (NAMESPACE_TYPES.includes(resource.type)) {
      const name = text(unknowns, resource, get(resource.values, 'metadata[0].name'), 'metadata[0].name');
      if (name) namespaces.push({ name, labels: labelMap(unknowns, resource, get(resource.values, 'metadata[0].labels'), 'metadata[0].labels'), source });
    } else if (WORKLOAD_TYPES.includes(resource.type)) {
      workloads.push(workloadFromResource(unknowns, resource, source));
    } else if (INGRESS_TYPES.includes(resource.type) || resource.type === 'kubernetes_manifest') {
      const note = INGRESS_TYPES.includes(resource.type) ? unmodelledNote('Ingress', 'networking.k8s.io') : manifestNote(resource);
      if (note) unmodelled.set(note, [...(unmodelled.get(note) ?? []), `${resource.address} (${resource.file})`]);
    } else if (NETWORK_POLICY_TYPES.includes(resource.type)) {
      noteUnknown(unknowns, resource, resource.values.spec, 'spec');
      const name = text(unknowns, resource, get(resource.values, 'metadata[0].name'), 'metadata[0].name') ?? resource.name;
      const namespace = text(unknowns, resource, namespaceOf(resource), 'metadata[0].namespace') ?? 'default';
      policies.push(policyFromResource(resource, name, namespace, warnings));
    }
  }
  for (const [note, addresses] of unmodelled)
    warnings.push(
      `not modelled: ${addresses.length > 3 ? `${addresses.slice(0, 3).join(', ')} and ${addresses.length - 3} more` : addresses.join(', ')}: ${note}`,
    );
  return buildCluster({ namespaces, workloads: [...workloads, ...impliedWorkloads(workloads, policies)], policies, unknowns, warnings });
}

// The readers below are module-level functions that take the `unknowns` list rather than closures made
// per call: they run for every resource of every environment, and V8 keeps a module-level function's
// optimized code from one run to the next (see policies/README.md, Performance).

/** Lists the first value known only after apply inside `value`, for `Cluster.unknowns`. */
function noteUnknown(unknowns: string[], resource: Resource, value: unknown, path: string): void {
  const found = findUnknown(value, path);
  if (found) unknowns.push(`${resource.address} (${resource.file}): ${found.path} is known only after apply`);
}

function text(unknowns: string[], resource: Resource, value: unknown, path: string): string | undefined {
  noteUnknown(unknowns, resource, value, path);
  return isUnknown(value) ? undefined : str(value);
}

function labelMap(unknowns: string[], resource: Resource, value: unknown, path: string): Record<string, string> {
  noteUnknown(unknowns, resource, value, path);
  const source = Array.isArray(value) ? value[0] : value;
  const labels: Record<string, string> = {};
  if (!isObject(source)) return labels;
  for (const key of Object.keys(source)) {
    const label = source[key];
    if (typeof label === 'string' || typeof label === 'number' || typeof label === 'boolean') labels[key] = String(label);
  }
  return labels;
}

function workloadFromResource(unknowns: string[], resource: Resource, source: SourceRef): Omit<Workload, 'id'> {
  const name = text(unknowns, resource, get(resource.values, 'metadata[0].name'), 'metadata[0].name') ?? resource.name;
  const namespace = text(unknowns, resource, namespaceOf(resource), 'metadata[0].namespace') ?? 'default';
  const paths = podPaths(resource.type)!;
  const ports: ContainerPort[] = [];
  for (const ref of containersOf(resource)) {
    const containerPorts = blocks(ref.container.port);
    for (let index = 0; index < containerPorts.length; index++) {
      const port = containerPorts[index]!;
      // The field's path is built only when there is something to say about it.
      if (findUnknown(port)) noteUnknown(unknowns, resource, port, `${ref.path}.port[${index}]`);
      const number = num(port.container_port);
      if (number === undefined) continue;
      const name = str(port.name);
      ports.push({
        port: number,
        protocol: protocolOf(port.protocol, () => `${resource.file}: ${resource.address}: ${ref.path}.port[${index}].protocol`),
        ...(name ? { name } : {}),
      });
    }
  }
  const hostNetwork = get(get(resource.values, paths.spec), 'host_network');
  noteUnknown(unknowns, resource, hostNetwork, `${paths.spec}.host_network`);
  const labels = labelMap(unknowns, resource, get(resource.values, paths.labels), paths.labels);
  return { namespace, name, kind: workloadKind(resource.type) ?? resource.type, labels, ports, ...(bool(hostNetwork) ? { hostNetwork: true } : {}), source };
}

/** Kind given to workloads the policies imply but the input does not declare. */
export const IMPLIED_KIND = 'Implied';

/**
 * Pods a policy selects by `matchLabels` that no workload of the input carries: Terraform knows the
 * pods of Helm charts (ingress controller, Prometheus, Falco…) only as a `helm_release`, yet policies
 * name them. Each such selector becomes one workload labelled exactly so, without container ports;
 * adding endpoints only adds connections, so a proof stays sound.
 */
function impliedWorkloads(workloads: readonly Omit<Workload, 'id'>[], policies: readonly NetworkPolicy[]): Omit<Workload, 'id'>[] {
  const implied = new Map<string, Omit<Workload, 'id'>>();
  // A policy selects pods of its own namespace only: compare it with those, not with every workload.
  const byNamespace = new Map<string, Omit<Workload, 'id'>[]>();
  for (const workload of workloads) {
    const list = byNamespace.get(workload.namespace);
    if (list) list.push(workload);
    else byNamespace.set(workload.namespace, [workload]);
  }
  for (const policy of policies) {
    const labels = policy.podSelector.matchLabels;
    if (policy.podSelector.matchExpressions.length > 0 || Object.keys(labels).length === 0) continue;
    if (byNamespace.get(policy.namespace)?.some((w) => selectorMatches(policy.podSelector, w.labels))) continue;
    const name =
      labels[LABELS.appName] ??
      Object.entries(labels)
        .map(([k, v]) => `${k.replace(/^.*\//, '')}-${v}`)
        .join('-');
    const key = `${policy.namespace}/${JSON.stringify(Object.entries(labels).sort())}`;
    if (!implied.has(key)) implied.set(key, { namespace: policy.namespace, name, kind: IMPLIED_KIND, labels: { ...labels }, ports: [], source: policy.source });
  }
  return [...implied.values()];
}

/** `at` names the field in the error; it is built only then (every container port is read). */
function protocolOf(value: unknown, at: () => string): Protocol {
  if (value === undefined || value === null || isUnknown(value)) return 'TCP';
  if (typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value)) return value as Protocol;
  throw new NetworkInputError(`${at()}: expected one of ${PROTOCOLS.join(', ')}, got ${JSON.stringify(value)}`);
}

function selectorOf(value: unknown, at: (key: string) => string): LabelSelector | undefined {
  const selector = firstBlock(value);
  if (!selector) return undefined;
  const labels = isObject(selector.match_labels) ? selector.match_labels : (firstBlock(selector.match_labels) ?? {});
  const matchLabels: Record<string, string> = {};
  for (const key of Object.keys(labels)) {
    const value = labels[key];
    if (!isUnknown(value) && value !== null && value !== undefined) matchLabels[key] = String(value);
  }
  const matchExpressions = blocks(selector.match_expressions).map((expression, i) => {
    const operator = str(expression.operator);
    if (!operator || !(OPERATORS as readonly string[]).includes(operator))
      throw new NetworkInputError(
        `${at(`match_expressions[${i}].operator`)}: expected one of ${OPERATORS.join(', ')}, got ${JSON.stringify(expression.operator)}`,
      );
    return {
      key: str(expression.key) ?? '',
      operator: operator as SelectorOperator,
      values: strings(expression.values).filter((v): v is string => typeof v === 'string'),
    };
  });
  const result = { matchLabels, matchExpressions };
  validateSelector(result, at);
  return result;
}

function policyFromResource(resource: Resource, name: string, namespace: string, warnings: string[]): NetworkPolicy {
  const spec: Values = block(resource.values, 'spec') ?? {};
  const at = (key: string) => `${resource.file}: ${resource.address}: spec[0].${key}`;
  const podSelector = selectorOf(spec.pod_selector, (k) => at(`pod_selector[0].${k}`)) ?? { matchLabels: {}, matchExpressions: [] };
  const ingress = policyRules(spec, 'ingress', at);
  const egress = policyRules(spec, 'egress', at);
  const types = effectivePolicyTypes(
    strings(spec.policy_types).filter((t): t is string => typeof t === 'string'),
    egress.length,
  );
  const annotations = get(resource.values, 'metadata[0].annotations');
  const recorded = isObject(annotations) ? recordedCidrs(annotations, (message) => warnings.push(`${resource.address}: ${message}`)) : undefined;
  return {
    id: `${namespace}/${name}`,
    namespace,
    name,
    podSelector,
    affectsIngress: types.ingress,
    affectsEgress: types.egress,
    ingress,
    egress,
    source: { file: resource.file, location: resource.address },
    ...(recorded ? { recordedCidrs: recorded } : {}),
  };
}

/** The ingress or egress rules of a policy's spec; `at` names a field of the spec in error messages. */
function policyRules(spec: Values, direction: 'ingress' | 'egress', at: (key: string) => string): PolicyRule[] {
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  return blocks(spec[direction]).map((rule, i) => {
    const peers: PolicyPeer[] = [];
    blocks(rule[peerKey]).forEach((peer, j) => {
      // A peer whose CIDR is known only after apply is left out; it is listed in `unknowns` already.
      if (blocks(peer.ip_block).some((b) => isUnknown(b.cidr))) return;
      const where = fieldUnder(at, `${direction}[${i}].${peerKey}[${j}]`);
      const podSelector = selectorOf(peer.pod_selector, (k) => where(`pod_selector[0].${k}`));
      const namespaceSelector = selectorOf(peer.namespace_selector, (k) => where(`namespace_selector[0].${k}`));
      const ipBlock = firstBlock(peer.ip_block);
      const cidr = ipBlock ? str(ipBlock.cidr) : undefined;
      if (ipBlock && cidr === undefined) throw new NetworkInputError(`${where('ip_block[0].cidr')}: a CIDR is required`);
      peers.push(
        toPeer(
          {
            ...(podSelector ? { podSelector } : {}),
            ...(namespaceSelector ? { namespaceSelector } : {}),
            ...(ipBlock ? { ipBlock: { cidr: cidr!, except: strings(ipBlock.except).filter((e): e is string => typeof e === 'string') } } : {}),
          },
          where,
        ),
      );
    });
    return {
      peers,
      ports: blocks(rule.ports).map((port, j) => {
        const where = fieldUnder(at, `${direction}[${i}].ports[${j}]`);
        const rawPort = isUnknown(port.port) ? undefined : (str(port.port) ?? num(port.port));
        return toPolicyPort(
          {
            protocol: protocolOf(port.protocol, () => where('protocol')),
            port: rawPort ?? null,
            endPort: num(port.end_port) || null /* plans show an unset end_port as 0 */,
          },
          where,
        );
      }),
    };
  });
}

/** Names a field below `prefix` (`ingress[0].from[1]`) in error messages; `''` names the prefix itself. */
function fieldUnder(at: (key: string) => string, prefix: string): (key: string) => string {
  return (key) => at(key ? `${prefix}.${key}` : prefix);
}
