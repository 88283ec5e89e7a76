/**
 * Reads the connectivity model from normalized Terraform resources (the policy engine's model): the
 * kubernetes provider's namespaces, workloads and `kubernetes_network_policy(_v1)`. Values known only
 * after apply are listed in `Cluster.unknowns` so a proof can fail closed.
 */
import { buildCluster, effectivePolicyTypes, recordedCidrs, type Cluster, type ContainerPort, type LabelSelector, type NamespaceInfo, type NetworkPolicy, type PolicyRule, type SelectorOperator, type Workload } from './cluster';
import { NetworkInputError } from './errors';
import { toPeer, toPolicyPort, validateSelector } from './kubernetes-yaml';
import { NAMESPACE_TYPES, containersOf, namespaceOf, podTemplatePath, WORKLOAD_TYPES, workloadKind } from '../kubernetes';
import { isUnknown, type Resource } from '../model';
import { block, blocks, bool, findUnknown, get, isObject, num, str, strings, type Values } from '../values';
import { PROTOCOLS, type Protocol } from './ports';
import { compileSelector } from './selectors';
import { LABELS } from '../labels';

export const NETWORK_POLICY_TYPES: readonly string[] = ['kubernetes_network_policy', 'kubernetes_network_policy_v1'];

/** Every resource type the analysis reads. */
export const NETWORK_MODEL_TYPES: readonly string[] = [...NAMESPACE_TYPES, ...WORKLOAD_TYPES, ...NETWORK_POLICY_TYPES];

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function clusterFromResources(resources: readonly Resource[]): Cluster {
  const unknowns: string[] = [];
  const warnings: string[] = [];
  const noteUnknown = (resource: Resource, value: unknown, path: string): void => {
    const found = findUnknown(value, path);
    if (found) unknowns.push(`${resource.address} (${resource.file}): ${found.path} is known only after apply`);
  };
  const text = (resource: Resource, value: unknown, path: string): string | undefined => {
    noteUnknown(resource, value, path);
    return isUnknown(value) ? undefined : str(value);
  };
  const labelMap = (resource: Resource, value: unknown, path: string): Record<string, string> => {
    noteUnknown(resource, value, path);
    const source = Array.isArray(value) ? value[0] : value;
    if (!isObject(source)) return {};
    return Object.fromEntries(Object.entries(source).flatMap(([k, v]) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [[k, String(v)]] : [])));
  };

  const namespaces: NamespaceInfo[] = [];
  const workloads: Omit<Workload, 'id'>[] = [];
  const policies: NetworkPolicy[] = [];
  for (const resource of resources) {
    const source = { file: resource.file, location: resource.address };
    if (NAMESPACE_TYPES.includes(resource.type)) {
      const name = text(resource, get(resource.values, 'metadata[0].name'), 'metadata[0].name');
      if (name) namespaces.push({ name, labels: labelMap(resource, get(resource.values, 'metadata[0].labels'), 'metadata[0].labels'), source });
    } else if (WORKLOAD_TYPES.includes(resource.type)) {
      const name = text(resource, get(resource.values, 'metadata[0].name'), 'metadata[0].name') ?? resource.name;
      const namespace = text(resource, namespaceOf(resource), 'metadata[0].namespace') ?? 'default';
      const template = podTemplatePath(resource.type)!;
      const labelsPath = template === '' ? 'metadata[0].labels' : `${template}.metadata[0].labels`;
      const ports: ContainerPort[] = [];
      for (const { container, path } of containersOf(resource)) {
        blocks(container.port).forEach((port, index) => {
          noteUnknown(resource, port, `${path}.port[${index}]`);
          const number = num(port.container_port);
          if (number === undefined) return;
          const name = str(port.name);
          ports.push({ port: number, protocol: protocolOf(port.protocol, `${resource.file}: ${resource.address}: ${path}.port[${index}].protocol`), ...(name ? { name } : {}) });
        });
      }
      const hostNetworkPath = `${template === '' ? 'spec[0]' : `${template}.spec[0]`}.host_network`;
      const hostNetwork = get(resource.values, hostNetworkPath);
      noteUnknown(resource, hostNetwork, hostNetworkPath);
      workloads.push({ namespace, name, kind: workloadKind(resource.type) ?? resource.type, labels: labelMap(resource, get(resource.values, labelsPath), labelsPath), ports, ...(bool(hostNetwork) ? { hostNetwork: true } : {}), source });
    } else if (NETWORK_POLICY_TYPES.includes(resource.type)) {
      noteUnknown(resource, resource.values.spec, 'spec');
      policies.push(policyFromResource(resource, text(resource, get(resource.values, 'metadata[0].name'), 'metadata[0].name') ?? resource.name, text(resource, namespaceOf(resource), 'metadata[0].namespace') ?? 'default', warnings));
    }
  }
  return buildCluster({ namespaces, workloads: [...workloads, ...impliedWorkloads(workloads, policies)], policies, unknowns, warnings });
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
  for (const policy of policies) {
    const labels = policy.podSelector.matchLabels;
    if (policy.podSelector.matchExpressions.length > 0 || Object.keys(labels).length === 0) continue;
    const selects = compileSelector(policy.podSelector);
    if (workloads.some((w) => w.namespace === policy.namespace && selects(w.labels))) continue;
    const name = labels[LABELS.appName] ?? Object.entries(labels).map(([k, v]) => `${k.replace(/^.*\//, '')}-${v}`).join('-');
    const key = `${policy.namespace}/${JSON.stringify(Object.entries(labels).sort())}`;
    if (!implied.has(key)) implied.set(key, { namespace: policy.namespace, name, kind: IMPLIED_KIND, labels: { ...labels }, ports: [], source: policy.source });
  }
  return [...implied.values()];
}

function protocolOf(value: unknown, at: string): Protocol {
  if (value === undefined || value === null || isUnknown(value)) return 'TCP';
  if (typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value)) return value as Protocol;
  throw new NetworkInputError(`${at}: expected one of ${PROTOCOLS.join(', ')}, got ${JSON.stringify(value)}`);
}

function selectorOf(value: unknown, at: (key: string) => string): LabelSelector | undefined {
  const selector = blocks(value)[0];
  if (!selector) return undefined;
  const labels = isObject(selector.match_labels) ? selector.match_labels : (blocks(selector.match_labels)[0] ?? {});
  const matchLabels = Object.fromEntries(Object.entries(labels).flatMap(([k, v]) => (isUnknown(v) || v === null || v === undefined ? [] : [[k, String(v)]])));
  const matchExpressions = blocks(selector.match_expressions).map((expression, i) => {
    const operator = str(expression.operator);
    if (!operator || !(OPERATORS as readonly string[]).includes(operator)) throw new NetworkInputError(`${at(`match_expressions[${i}].operator`)}: expected one of ${OPERATORS.join(', ')}, got ${JSON.stringify(expression.operator)}`);
    return { key: str(expression.key) ?? '', operator: operator as SelectorOperator, values: strings(expression.values).filter((v): v is string => typeof v === 'string') };
  });
  const result = { matchLabels, matchExpressions };
  validateSelector(result, at);
  return result;
}

function policyFromResource(resource: Resource, name: string, namespace: string, warnings: string[]): NetworkPolicy {
  const spec: Values = block(resource.values, 'spec') ?? {};
  const at = (key: string) => `${resource.file}: ${resource.address}: spec[0].${key}`;
  const podSelector = selectorOf(spec.pod_selector, (k) => at(`pod_selector[0].${k}`)) ?? { matchLabels: {}, matchExpressions: [] };
  const rules = (direction: 'ingress' | 'egress'): PolicyRule[] =>
    blocks(spec[direction]).map((rule, i) => {
      const peerKey = direction === 'ingress' ? 'from' : 'to';
      return {
        // A peer whose CIDR is known only after apply is left out; it is listed in `unknowns` already.
        peers: blocks(rule[peerKey]).flatMap((peer, j) => (blocks(peer.ip_block).some((b) => isUnknown(b.cidr)) ? [] : [{ peer, j }])).map(({ peer, j }) => {
          const where = (k: string) => at(`${direction}[${i}].${peerKey}[${j}]${k ? `.${k}` : ''}`);
          const podSelector = selectorOf(peer.pod_selector, (k) => where(`pod_selector[0].${k}`));
          const namespaceSelector = selectorOf(peer.namespace_selector, (k) => where(`namespace_selector[0].${k}`));
          const ipBlock = blocks(peer.ip_block)[0];
          const cidr = ipBlock ? str(ipBlock.cidr) : undefined;
          if (ipBlock && cidr === undefined) throw new NetworkInputError(`${where('ip_block[0].cidr')}: a CIDR is required`);
          return toPeer(
            {
              ...(podSelector ? { podSelector } : {}),
              ...(namespaceSelector ? { namespaceSelector } : {}),
              ...(ipBlock ? { ipBlock: { cidr: cidr!, except: strings(ipBlock.except).filter((e): e is string => typeof e === 'string') } } : {}),
            },
            where,
          );
        }),
        ports: blocks(rule.ports).map((port, j) => {
          const where = (k: string) => at(`${direction}[${i}].ports[${j}].${k}`);
          const rawPort = isUnknown(port.port) ? undefined : (str(port.port) ?? num(port.port));
          return toPolicyPort({ protocol: protocolOf(port.protocol, where('protocol')), port: rawPort ?? null, endPort: num(port.end_port) || null /* plans show an unset end_port as 0 */ }, where);
        }),
      };
    });
  const ingress = rules('ingress');
  const egress = rules('egress');
  const types = effectivePolicyTypes(strings(spec.policy_types).filter((t): t is string => typeof t === 'string'), egress.length);
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
