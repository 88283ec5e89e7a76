/**
 * Reads plain Kubernetes manifests (what `kubectl get -o yaml` writes or a Git folder holds) into the
 * connectivity model: multi-document YAML and JSON, list kinds (`List`, `PodList`, …), objects without a
 * namespace in `default`. Objects owned by a controller that is also in the input (a ReplicaSet of a
 * Deployment, the Pods of a ReplicaSet) are skipped so each workload counts once.
 *
 * Objects that change connectivity in ways the analysis does not model (Ingress, OpenShift Routes,
 * Gateway API routes, user-defined networks, Calico/Cilium/Antrea policies, …) are listed in warnings
 * that say what the result does not cover; documents that are not Kubernetes objects at all (a Helm
 * `values.yaml`, a JSON array) are skipped with one warning per file. Other kinds (Service, ConfigMap,
 * …) do not change which pod may connect to which and are ignored.
 *
 * A folder of YAML is read the way `kubectl apply -f <folder>` applies it: an object the API server
 * would reject (an invalid policy, a document that is not valid YAML) does not abort the folder; it is
 * left out and listed in `Cluster.rejected` with its file and key path, and a `--deny` proof over such
 * input is incomplete. A workload is kept without the container port Kubernetes would reject (a port
 * with no `containerPort`): only named-port resolution depends on its ports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import {
  excessiveNesting,
  firstAliasLine,
  isAliasBomb,
  MAX_INPUT_BYTES,
  MAX_INPUT_YAML_ENTRIES,
  MAX_YAML_ALIASES,
  NESTING_MESSAGE,
  readRegularFile,
  UnusableFileError,
  yamlSizeProblem,
} from '../inputs/read-file';
import { z } from 'zod';
import { canonicalCidr, CidrError, parseCidr } from './addresses';
import {
  ADMIN_NETWORK_POLICY,
  BASELINE_ADMIN_NETWORK_POLICY,
  buildCluster,
  effectivePolicyTypes,
  recordedCidrs,
  type AdminPeer,
  type AdminPolicy,
  type AdminRule,
  type Cluster,
  type ContainerPort,
  type LabelSelector,
  type NamespaceInfo,
  type NetworkPolicy,
  type PolicyPeer,
  type PolicyPort,
  type PolicyRule,
  type SourceRef,
  type Workload,
} from './cluster';
import { NetworkInputError } from './errors';
import { PROTOCOLS } from './ports';
import { isEmptySelector } from './selectors';

const labelValue = z.preprocess((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v), z.string());
const labelMap = z.record(z.string(), labelValue).nullish();

// Only the controller's kind and name are read, to name a pod after it; a reference without a kind
// (which the API server would refuse) still names it, as netpol-analyzer names it.
const ownerReference = z.object({ kind: z.string().nullish(), name: z.string(), controller: z.boolean().nullish() });
const metadata = z.object({
  name: z.string().min(1),
  namespace: z.string().min(1).nullish(),
  labels: labelMap,
  annotations: z.record(z.string(), z.unknown()).nullish(),
  ownerReferences: z.array(ownerReference).nullish(),
});

const selector = z.object({
  matchLabels: labelMap,
  matchExpressions: z
    .array(z.object({ key: z.string().min(1), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: z.array(labelValue).nullish() }))
    .nullish(),
});

const protocol = z.enum(PROTOCOLS).nullish();
const containerPort = z.object({ containerPort: z.number().int().min(1).max(65535), name: z.string().nullish(), protocol });
// Entries are checked one by one (templatePorts), so one bad port does not lose the workload.
const container = z.object({ ports: z.array(z.unknown()).nullish() });
const podSpec = z.object({ containers: z.array(container).nullish(), initContainers: z.array(container).nullish(), hostNetwork: z.boolean().nullish() });
const podTemplate = z.object({ metadata: z.object({ labels: labelMap }).nullish(), spec: podSpec.nullish() });

const ipBlock = z.object({ cidr: z.string(), except: z.array(z.string()).nullish() });
const peer = z.object({ podSelector: selector.nullish(), namespaceSelector: selector.nullish(), ipBlock: ipBlock.nullish() });
const policyPort = z.object({
  protocol,
  port: z.union([z.number().int().min(1).max(65535), z.string().min(1)]).nullish(),
  endPort: z.number().int().min(1).max(65535).nullish(),
});
const networkPolicySpec = z.object({
  podSelector: selector.nullish(),
  policyTypes: z.array(z.enum(['Ingress', 'Egress'])).nullish(),
  ingress: z.array(z.object({ from: z.array(peer).nullish(), ports: z.array(policyPort).nullish() }).nullish()).nullish(),
  egress: z.array(z.object({ to: z.array(peer).nullish(), ports: z.array(policyPort).nullish() }).nullish()).nullish(),
});

const adminPort = z.object({
  portNumber: z.object({ protocol, port: z.number().int().min(1).max(65535) }).nullish(),
  namedPort: z.string().min(1).nullish(),
  portRange: z.object({ protocol, start: z.number().int().min(1).max(65535), end: z.number().int().min(1).max(65535) }).nullish(),
});
// An omitted selector is read as the empty one (every namespace, every pod), as netpol-analyzer reads it.
const namespacedPods = z.object({ namespaceSelector: selector.nullish(), podSelector: selector.nullish() });
const adminPeer = z.object({
  namespaces: selector.nullish(),
  pods: namespacedPods.nullish(),
  nodes: selector.nullish(),
  networks: z.array(z.string()).nullish(),
});
// Actions are checked in code, so the message can say which actions the kind allows.
const adminIngressRule = z.object({ name: z.string().nullish(), action: z.string(), from: z.array(adminPeer).nullish(), ports: z.array(adminPort).nullish() });
const adminEgressRule = z.object({ name: z.string().nullish(), action: z.string(), to: z.array(adminPeer).nullish(), ports: z.array(adminPort).nullish() });
const adminSpec = z.object({
  priority: z.number().int().nullish(),
  subject: z.object({ namespaces: selector.nullish(), pods: namespacedPods.nullish() }),
  ingress: z.array(adminIngressRule).nullish(),
  egress: z.array(adminEgressRule).nullish(),
});

type WorkloadKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'CronJob';

const objectSchemas = {
  Namespace: z.object({ metadata }),
  NetworkPolicy: z.object({ metadata, spec: networkPolicySpec.nullish() }),
  AdminNetworkPolicy: z.object({ metadata, spec: adminSpec }),
  BaselineAdminNetworkPolicy: z.object({ metadata, spec: adminSpec }),
  Pod: z.object({ metadata, spec: podSpec.nullish() }),
  Deployment: z.object({ metadata, spec: z.object({ template: podTemplate }) }),
  StatefulSet: z.object({ metadata, spec: z.object({ template: podTemplate }) }),
  DaemonSet: z.object({ metadata, spec: z.object({ template: podTemplate }) }),
  ReplicaSet: z.object({ metadata, spec: z.object({ template: podTemplate }) }),
  ReplicationController: z.object({ metadata, spec: z.object({ template: podTemplate.nullish() }) }),
  Job: z.object({ metadata, spec: z.object({ template: podTemplate }) }),
  CronJob: z.object({ metadata, spec: z.object({ jobTemplate: z.object({ spec: z.object({ template: podTemplate }) }) }) }),
} as const;
type KnownKind = keyof typeof objectSchemas;

type Selector = z.infer<typeof selector>;
type Peer = z.infer<typeof peer>;
type Port = z.infer<typeof policyPort>;

/** Files of a folder (recursively) that may hold manifests, sorted for a stable result. */
export function manifestFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/i.test(entry.name)) files.push(full);
    }
  };
  walk(folder);
  return files;
}

export interface ManifestObject {
  readonly object: Record<string, unknown>;
  readonly source: SourceRef;
  /** Key path prefix for error messages (`items[2].` inside a list). */
  readonly keyPrefix: string;
}

/**
 * Every Kubernetes object (a mapping with a `kind`) of a YAML or JSON file, lists unwrapped. Documents
 * that are not Kubernetes objects (a JSON array, a Helm values file) are left out and named in
 * `skipped`; documents that are not valid YAML/JSON (and list items that are not objects) are left out
 * and named in `malformed`, so one broken document does not lose the rest of the file.
 */
export function readManifestObjects(file: string, text: string): { objects: ManifestObject[]; skipped: string[]; malformed: string[] } {
  const tooLarge = yamlSizeProblem(text, MAX_INPUT_YAML_ENTRIES);
  if (tooLarge) throw new NetworkInputError(`${file}: ${tooLarge}`);
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { prettyErrors: false, lineCounter });
  const objects: ManifestObject[] = [];
  const skipped: string[] = [];
  const malformed: string[] = [];
  const list = Array.isArray(documents) ? documents : [documents];
  list.forEach((document, index) => {
    const where = list.length > 1 ? `document ${index + 1}` : 'document';
    if (document.errors.length > 0) {
      malformed.push(`${file}: ${where}: not valid YAML/JSON: ${document.errors[0]!.message.split('\n')[0]}; kubectl would not apply it: left out`);
      return;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      // Not one broken document but a hostile file (billion laughs): unusable input, exit 2.
      if (isAliasBomb(error))
        throw new NetworkInputError(
          `${file}:${firstAliasLine(document, lineCounter) ?? 1}: ${where}: aliases expand to too many values (more than ${MAX_YAML_ALIASES} per alias)`,
        );
      throw error;
    }
    const deep = excessiveNesting(value);
    if (deep !== undefined) throw new NetworkInputError(`${file}: ${where}: ${deep}: ${NESTING_MESSAGE}`);
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) {
      skipped.push(`${where} is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}`);
      return;
    }
    const object = value as Record<string, unknown>;
    const kind = typeof object.kind === 'string' ? object.kind : undefined;
    if (kind === undefined) {
      skipped.push(`${where} has no kind`);
      return;
    }
    if (kind.endsWith('List') && Array.isArray(object.items)) {
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      object.items.forEach((item, itemIndex) => {
        if (typeof item !== 'object' || item === null) {
          malformed.push(`${file}: ${where}: items[${itemIndex}]: not a Kubernetes object: left out`);
          return;
        }
        const itemObject = item as Record<string, unknown>;
        // API list responses omit the kind of their items.
        const withKind = itemObject.kind === undefined && itemKind ? { ...itemObject, kind: itemKind } : itemObject;
        objects.push({ object: withKind, source: { file, location: `${where} items[${itemIndex}]` }, keyPrefix: `items[${itemIndex}].` });
      });
    } else objects.push({ object, source: { file, location: where }, keyPrefix: '' });
  });
  return { objects, skipped, malformed };
}

/**
 * Kinds that change who may connect to whom in ways the analysis does not model, and what the result
 * then does not cover. Keyed by kind; `group` (the API group, when one) tells a CNI's `NetworkPolicy`
 * from the core one.
 */
const UNMODELLED: readonly { readonly kinds: readonly string[]; readonly groups?: readonly string[]; readonly notCovered: string }[] = [
  {
    kinds: ['Ingress'],
    groups: ['networking.k8s.io', 'extensions'],
    notCovered:
      'connections from the ingress controller ({ingress-controller}) to the backends are not modelled; the result covers only the NetworkPolicies of the controller and backend pods as declared',
  },
  { kinds: ['Route'], groups: ['route.openshift.io'], notCovered: 'OpenShift Routes (connections from the router to the routed services) are not modelled' },
  {
    kinds: ['Gateway', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'],
    groups: ['gateway.networking.k8s.io'],
    notCovered: 'Gateway API routing (connections from the gateway to the routed services) is not modelled',
  },
  {
    kinds: ['UserDefinedNetwork', 'ClusterUserDefinedNetwork'],
    notCovered:
      'user-defined networks (OVN-Kubernetes) are not modelled: pods are analysed as if on the default pod network, where other namespaces can reach them',
  },
  {
    kinds: ['NetworkAttachmentDefinition', 'MultiNetworkPolicy'],
    notCovered: 'secondary networks (Multus) are not modelled: the result covers the default pod network only',
  },
  {
    kinds: [
      'NetworkPolicy',
      'GlobalNetworkPolicy',
      'StagedNetworkPolicy',
      'StagedGlobalNetworkPolicy',
      'StagedKubernetesNetworkPolicy',
      'NetworkSet',
      'GlobalNetworkSet',
      'Tier',
    ],
    groups: ['projectcalico.org', 'crd.projectcalico.org'],
    notCovered: 'Calico policies are not modelled: connections they deny are still listed as allowed',
  },
  {
    kinds: ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'CiliumCIDRGroup'],
    notCovered: 'Cilium policies are not modelled: connections they deny are still listed as allowed (and their allow rules do not isolate)',
  },
  {
    kinds: ['NetworkPolicy', 'ClusterNetworkPolicy', 'ClusterGroup', 'Group', 'Tier'],
    groups: ['crd.antrea.io'],
    notCovered: 'Antrea policies are not modelled: connections they deny are still listed as allowed',
  },
  {
    kinds: ['AuthorizationPolicy', 'PeerAuthentication'],
    groups: ['security.istio.io', 'networking.istio.io'],
    notCovered: 'Istio policies are not modelled: connections they deny are still listed as allowed',
  },
];

function apiGroupOf(object: Record<string, unknown>): string | undefined {
  const apiVersion = object.apiVersion;
  if (typeof apiVersion !== 'string' || !apiVersion.includes('/')) return undefined;
  return apiVersion.slice(0, apiVersion.indexOf('/'));
}

/** Groups under which a kind the analysis reads is meant (absent apiVersion: taken as meant). */
const MODELLED_GROUPS: Readonly<Record<string, readonly (string | undefined)[]>> = {
  NetworkPolicy: [undefined, 'networking.k8s.io', 'extensions'],
  AdminNetworkPolicy: [undefined, 'policy.networking.k8s.io'],
  BaselineAdminNetworkPolicy: [undefined, 'policy.networking.k8s.io'],
};

/** What the result does not cover because of this object, or undefined when it does not matter. */
export function unmodelledNote(kind: string, group: string | undefined): string | undefined {
  const known = UNMODELLED.find((entry) => entry.kinds.includes(kind) && (!entry.groups || (group !== undefined && entry.groups.includes(group))));
  if (known) return known.notCovered;
  // Any other policy-like kind from a group the analysis does not read.
  if (/NetworkPolicy$/.test(kind)) return `${kind} (${group ?? 'no API group'}) is not modelled: connections it denies are still listed as allowed`;
  return undefined;
}

function issuePath(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`)).join('');
}

function toSelector(value: Selector | null | undefined): LabelSelector | undefined {
  if (value === null || value === undefined) return undefined;
  return {
    matchLabels: value.matchLabels ?? {},
    matchExpressions: (value.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })),
  };
}

/** Shared checks of the API server's validation that change the meaning when ignored. */
export function validateSelector(selectorValue: LabelSelector, at: (key: string) => string): void {
  selectorValue.matchExpressions.forEach((e, i) => {
    if ((e.operator === 'In' || e.operator === 'NotIn') && e.values.length === 0)
      throw new NetworkInputError(`${at(`matchExpressions[${i}].values`)}: operator ${e.operator} needs at least one value`);
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && e.values.length > 0)
      throw new NetworkInputError(`${at(`matchExpressions[${i}].values`)}: operator ${e.operator} takes no values`);
  });
}

export function toPolicyPort(
  raw: { protocol?: string | null; port?: number | string | null; endPort?: number | null },
  at: (key: string) => string,
): PolicyPort {
  const protocolValue = (raw.protocol ?? 'TCP') as PolicyPort['protocol'];
  let port: number | string | undefined = raw.port ?? undefined;
  // IntOrString: a string of digits is a number (the Terraform provider types every port as a string).
  if (typeof port === 'string' && /^\d+$/.test(port)) port = Number(port);
  if (typeof port === 'number' && (port < 1 || port > 65535)) throw new NetworkInputError(`${at('port')}: ${port} is not a port number (1-65535)`);
  const endPort = raw.endPort ?? undefined;
  if (endPort !== undefined) {
    if (typeof port !== 'number') throw new NetworkInputError(`${at('endPort')}: endPort needs a numeric port`);
    if (endPort < port) throw new NetworkInputError(`${at('endPort')}: endPort ${endPort} is below port ${port}`);
  }
  return { protocol: protocolValue, ...(port === undefined ? {} : { port }), ...(endPort === undefined ? {} : { endPort }) };
}

export function toPeer(
  raw: { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: { cidr: string; except: readonly string[] } },
  at: (key: string) => string,
): PolicyPeer {
  if (raw.ipBlock) {
    if (raw.podSelector || raw.namespaceSelector)
      throw new NetworkInputError(`${at('ipBlock')}: ipBlock cannot be combined with podSelector or namespaceSelector in one peer`);
    try {
      const cidr = canonicalCidr(raw.ipBlock.cidr);
      const except = raw.ipBlock.except.map((e) => canonicalCidr(e));
      const outer = parseCidr(cidr);
      for (const [index, entry] of except.entries()) {
        // kube-apiserver refuses the whole NetworkPolicy unless each except is a strict subset of cidr.
        const inner = parseCidr(entry);
        if (
          inner.family !== outer.family ||
          inner.first < outer.first ||
          inner.last > outer.last ||
          (inner.first === outer.first && inner.last === outer.last)
        ) {
          throw new NetworkInputError(
            `${at(`ipBlock.except[${index}]`)}: "${raw.ipBlock.except[index]}" is not a strict subset of cidr "${raw.ipBlock.cidr}" (the API server rejects the NetworkPolicy)`,
          );
        }
      }
      return { kind: 'ipBlock', cidr, except };
    } catch (error) {
      if (error instanceof CidrError) throw new NetworkInputError(`${at('ipBlock')}: ${error.message}`);
      throw error;
    }
  }
  if (!raw.podSelector && !raw.namespaceSelector) throw new NetworkInputError(`${at('')}: a peer needs podSelector, namespaceSelector or ipBlock`);
  if (raw.podSelector) validateSelector(raw.podSelector, (k) => at(`podSelector.${k}`));
  if (raw.namespaceSelector) validateSelector(raw.namespaceSelector, (k) => at(`namespaceSelector.${k}`));
  return {
    kind: 'selector',
    ...(raw.podSelector ? { podSelector: raw.podSelector } : {}),
    ...(raw.namespaceSelector ? { namespaceSelector: raw.namespaceSelector } : {}),
  };
}

/**
 * The container ports of a pod spec. A port Kubernetes would reject (no `containerPort`, a number out of
 * range, an unknown protocol) is left out with a message in `rejected`; `at` names a key of the spec.
 */
function templatePorts(spec: z.infer<typeof podSpec> | null | undefined, at: (key: string) => string, kind: string, rejected: string[]): ContainerPort[] {
  const ports: ContainerPort[] = [];
  for (const list of ['containers', 'initContainers'] as const)
    (spec?.[list] ?? []).forEach((c, i) =>
      (c.ports ?? []).forEach((raw, j) => {
        const parsed = containerPort.safeParse(raw);
        if (parsed.success) {
          const p = parsed.data;
          ports.push({ port: p.containerPort, protocol: p.protocol ?? 'TCP', ...(p.name ? { name: p.name } : {}) });
          return;
        }
        const issue = parsed.error.issues[0]!;
        const key = `${list}[${i}].ports[${j}]${issue.path.length > 0 ? `.${issuePath(issue.path)}` : ''}`;
        rejected.push(`${at(key)}: ${issue.message}${caseHint(raw, issue.path)}; the API server would reject this ${kind}: analysed without this port`);
      }),
    );
  return ports;
}

/** ` (found "containerport": …)` when the missing key is present in another case, as a typo often is. */
function caseHint(raw: unknown, issuePathSegments: readonly PropertyKey[]): string {
  const [key] = issuePathSegments;
  if (issuePathSegments.length !== 1 || typeof key !== 'string' || typeof raw !== 'object' || raw === null || key in raw) return '';
  const near = Object.keys(raw).find((k) => k.toLowerCase() === key.toLowerCase());
  return near ? ` (found "${near}": Kubernetes field names are case-sensitive)` : '';
}

/** Reads manifests from files (paths as the user gave them) into a cluster. */
export function clusterFromManifests(files: readonly { file: string; text: string }[]): Cluster {
  const namespaces: NamespaceInfo[] = [];
  const workloads: (Omit<Workload, 'id'> & { owners: readonly { kind: string; name: string }[] })[] = [];
  const policies: NetworkPolicy[] = [];
  const adminPolicies: AdminPolicy[] = [];
  const baselinePolicies: AdminPolicy[] = [];
  const warnings: string[] = [];
  const rejected: string[] = [];
  // What the result does not cover, per note, with the objects that cause it.
  const unmodelled = new Map<string, string[]>();
  for (const { file, text } of files) {
    const { objects, skipped, malformed } = readManifestObjects(file, text);
    rejected.push(...malformed);
    if (skipped.length > 0)
      warnings.push(`${file}: skipped ${objects.length === 0 ? 'the file' : `${skipped.length} document(s)`}: not Kubernetes objects (${skipped.join('; ')})`);
    for (const { object, source, keyPrefix } of objects) {
      const kind = object.kind as string;
      const group = apiGroupOf(object);
      const modelled = kind in objectSchemas && (MODELLED_GROUPS[kind]?.includes(group) ?? true);
      if (!modelled) {
        const note = unmodelledNote(kind, group);
        const name = (object.metadata as { name?: unknown } | undefined)?.name;
        if (note) unmodelled.set(note, [...(unmodelled.get(note) ?? []), `${kind} ${typeof name === 'string' ? name : '?'} (${file})`]);
        continue;
      }
      const name = typeof (object.metadata as { name?: unknown } | undefined)?.name === 'string' ? String((object.metadata as { name: string }).name) : '?';
      const at = (key: string) => `${file}: ${source.location} (${kind} ${name}): ${keyPrefix}${key}`.replace(/: $/, '');
      // Warnings of an object that is then rejected would describe something the analysis left out.
      const objectWarnings: string[] = [];
      try {
        readObject(kind as KnownKind, object, source, at, objectWarnings, rejected, { namespaces, workloads, policies, adminPolicies, baselinePolicies });
        warnings.push(...objectWarnings);
      } catch (error) {
        if (!(error instanceof NetworkInputError)) throw error;
        rejected.push(`${error.message}; the API server would reject this ${kind}: left out of the analysis`);
      }
    }
  }
  for (const [note, objects] of unmodelled)
    warnings.push(`not modelled: ${objects.length > 3 ? `${objects.slice(0, 3).join(', ')} and ${objects.length - 3} more` : objects.join(', ')}: ${note}`);
  const present = new Set(workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`));
  const independent = workloads.filter((w) => !w.owners.some((o) => present.has(`${w.namespace}/${o.kind}/${o.name}`)));
  return buildCluster({
    namespaces,
    // A controller outside the input still names the pod's workload (netpol-analyzer groups pods by it).
    workloads: independent.map(({ owners, ...w }) => (owners[0] && w.kind === 'Pod' ? { ...w, owner: owners[0] } : w)),
    policies,
    adminPolicies,
    baselinePolicies,
    warnings,
    rejected,
  });
}

interface ManifestParts {
  readonly namespaces: NamespaceInfo[];
  readonly workloads: (Omit<Workload, 'id'> & { owners: readonly { kind: string; name: string }[] })[];
  readonly policies: NetworkPolicy[];
  readonly adminPolicies: AdminPolicy[];
  readonly baselinePolicies: AdminPolicy[];
}

/**
 * Adds one object of a modelled kind to `parts`; throws NetworkInputError (naming the key path through
 * `at`) when the API server would reject it. A container port it would reject goes to `rejected`.
 */
function readObject(
  kind: KnownKind,
  object: Record<string, unknown>,
  source: SourceRef,
  at: (key: string) => string,
  warnings: string[],
  rejected: string[],
  parts: ManifestParts,
): void {
  const parsed = objectSchemas[kind].safeParse(object);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new NetworkInputError(`${at(issuePath(issue.path))}: ${issue.message}`);
  }
  const meta = (parsed.data as { metadata: z.infer<typeof metadata> }).metadata;
  const namespace = meta.namespace ?? 'default';
  if (kind === 'Namespace') {
    parts.namespaces.push({ name: meta.name, labels: meta.labels ?? {}, source });
    return;
  }
  if (kind === 'NetworkPolicy') {
    const policy = policyFromSpec(meta.name, namespace, (parsed.data as z.infer<typeof objectSchemas.NetworkPolicy>).spec ?? {}, source, (key) =>
      at(`spec.${key}`),
    );
    const recorded = recordedCidrs(meta.annotations ?? {}, (message) => warnings.push(`${source.file}: ${source.location}: ${message}`));
    parts.policies.push(recorded ? { ...policy, recordedCidrs: recorded } : policy);
    return;
  }
  if (kind === ADMIN_NETWORK_POLICY || kind === BASELINE_ADMIN_NETWORK_POLICY) {
    const spec = (parsed.data as z.infer<typeof objectSchemas.AdminNetworkPolicy>).spec;
    const policy = adminPolicyFromSpec(kind, meta.name, spec, source, (key) => at(`spec.${key}`), warnings);
    (kind === ADMIN_NETWORK_POLICY ? parts.adminPolicies : parts.baselinePolicies).push(policy);
    return;
  }
  const template = podTemplateOf(kind as WorkloadKind, parsed.data);
  // The mirror Pod of a static pod names its Node as controller: such a pod is a workload of its own.
  const owners = (meta.ownerReferences ?? []).filter((o) => o.controller && o.kind !== 'Node').map((o) => ({ kind: o.kind ?? '', name: o.name }));
  const ports = templatePorts(template.spec, (key) => at(`${template.specPath}.${key}`), kind, rejected);
  parts.workloads.push({
    namespace,
    name: meta.name,
    kind,
    labels: template.labels ?? {},
    ports,
    ...(template.spec?.hostNetwork ? { hostNetwork: true } : {}),
    source,
    owners,
  });
}

/** Reads an AdminNetworkPolicy or BaselineAdminNetworkPolicy; `at` names a key of its spec. */
function adminPolicyFromSpec(
  kind: typeof ADMIN_NETWORK_POLICY | typeof BASELINE_ADMIN_NETWORK_POLICY,
  name: string,
  spec: z.infer<typeof adminSpec>,
  source: SourceRef,
  at: (key: string) => string,
  warnings: string[],
): AdminPolicy {
  const isBaseline = kind === BASELINE_ADMIN_NETWORK_POLICY;
  if (!isBaseline && (spec.priority === null || spec.priority === undefined))
    throw new NetworkInputError(`${at('priority')}: an AdminNetworkPolicy needs a priority (0-1000)`);
  if (!isBaseline && (spec.priority! < 0 || spec.priority! > 1000)) throw new NetworkInputError(`${at('priority')}: ${spec.priority} is outside 0-1000`);
  if (isBaseline && name !== 'default')
    warnings.push(`${source.file}: ${source.location}: BaselineAdminNetworkPolicy "${name}": the API accepts only the name "default"; analysed all the same`);
  const selectorAt = (value: Selector | null | undefined, key: string): LabelSelector => {
    const result = toSelector(value) ?? { matchLabels: {}, matchExpressions: [] };
    validateSelector(result, (k) => at(`${key}.${k}`));
    return result;
  };
  const { namespaces, pods } = spec.subject;
  if (!namespaces === !pods) throw new NetworkInputError(`${at('subject')}: set exactly one of namespaces or pods`);
  const subject = namespaces
    ? { namespaceSelector: selectorAt(namespaces, 'subject.namespaces'), podSelector: { matchLabels: {}, matchExpressions: [] } }
    : {
        namespaceSelector: selectorAt(pods!.namespaceSelector, 'subject.pods.namespaceSelector'),
        podSelector: selectorAt(pods!.podSelector, 'subject.pods.podSelector'),
      };
  const actions = isBaseline ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass'];
  const rules = (
    list: readonly (z.infer<typeof adminIngressRule> | z.infer<typeof adminEgressRule>)[] | null | undefined,
    direction: 'ingress' | 'egress',
  ): AdminRule[] =>
    (list ?? []).map((rule, i) => {
      const ruleAt = (key: string) => at(`${direction}[${i}]${key ? `.${key}` : ''}`);
      if (!actions.includes(rule.action))
        throw new NetworkInputError(`${ruleAt('action')}: "${rule.action}" is not an action of a ${kind} (${actions.join(', ')})`);
      const peerKey = direction === 'ingress' ? 'from' : 'to';
      const rawPeers = (direction === 'ingress' ? (rule as z.infer<typeof adminIngressRule>).from : (rule as z.infer<typeof adminEgressRule>).to) ?? [];
      if (rawPeers.length === 0) throw new NetworkInputError(`${ruleAt(peerKey)}: a rule needs at least one peer`);
      const peers = rawPeers.map((raw, j): AdminPeer => {
        const peerAt = (key: string) => ruleAt(`${peerKey}[${j}]${key ? `.${key}` : ''}`);
        const set = (['namespaces', 'pods', 'nodes', 'networks'] as const).filter((key) => raw[key] !== null && raw[key] !== undefined);
        if (set.length !== 1)
          throw new NetworkInputError(
            `${peerAt('')}: set exactly one of namespaces, pods${direction === 'egress' ? ', nodes or networks' : ''} (got ${set.join(', ') || 'none'})`,
          );
        if (direction === 'ingress' && (set[0] === 'nodes' || set[0] === 'networks'))
          throw new NetworkInputError(`${peerAt(set[0])}: ${set[0]} peers exist in egress rules only`);
        if (raw.namespaces) return { kind: 'namespaces', namespaceSelector: selectorAt(raw.namespaces, `${direction}[${i}].${peerKey}[${j}].namespaces`) };
        if (raw.pods)
          return {
            kind: 'pods',
            namespaceSelector: selectorAt(raw.pods.namespaceSelector, `${direction}[${i}].${peerKey}[${j}].pods.namespaceSelector`),
            podSelector: selectorAt(raw.pods.podSelector, `${direction}[${i}].${peerKey}[${j}].pods.podSelector`),
          };
        if (raw.nodes) {
          const nodeSelector = selectorAt(raw.nodes, `${direction}[${i}].${peerKey}[${j}].nodes`);
          if (!isEmptySelector(nodeSelector))
            warnings.push(
              `${peerAt('nodes')}: node labels are not in the input, so this peer is taken to match no node (an empty selector would match every node: host-network pods and --node-cidr); the result does not cover this rule's ${rule.action} towards nodes`,
            );
          return { kind: 'nodes', nodeSelector };
        }
        try {
          return { kind: 'networks', cidrs: raw.networks!.map((cidr) => canonicalCidr(cidr)) };
        } catch (error) {
          if (error instanceof CidrError) throw new NetworkInputError(`${peerAt('networks')}: ${error.message}`);
          throw error;
        }
      });
      const ports = rule.ports?.map((port, j): PolicyPort => {
        const portAt = (key: string) => ruleAt(`ports[${j}]${key ? `.${key}` : ''}`);
        const set = (['portNumber', 'namedPort', 'portRange'] as const).filter((key) => port[key] !== null && port[key] !== undefined);
        if (set.length !== 1)
          throw new NetworkInputError(`${portAt('')}: set exactly one of portNumber, namedPort or portRange (got ${set.join(', ') || 'none'})`);
        if (port.portNumber) return { protocol: port.portNumber.protocol ?? 'TCP', port: port.portNumber.port };
        if (port.namedPort) return { protocol: 'TCP', port: port.namedPort, anyProtocol: true };
        const range = port.portRange!;
        if (range.end < range.start) throw new NetworkInputError(`${portAt('portRange.end')}: end ${range.end} is below start ${range.start}`);
        return { protocol: range.protocol ?? 'TCP', port: range.start, endPort: range.end };
      });
      return { name: rule.name ?? `${direction}[${i}]`, action: rule.action as AdminRule['action'], peers, ...(ports ? { ports } : {}) };
    });
  return {
    kind,
    id: `${isBaseline ? 'BANP' : 'ANP'} ${name}`,
    name,
    ...(isBaseline ? {} : { priority: spec.priority! }),
    subject,
    ingress: rules(spec.ingress, 'ingress'),
    egress: rules(spec.egress, 'egress'),
    source,
  };
}

/** The pod labels and spec of a workload, with the key path of the spec (for messages). */
function podTemplateOf(
  kind: WorkloadKind,
  data: unknown,
): { labels: Record<string, string> | null | undefined; spec: z.infer<typeof podSpec> | null | undefined; specPath: string } {
  if (kind === 'Pod') {
    const pod = data as z.infer<typeof objectSchemas.Pod>;
    return { labels: pod.metadata.labels, spec: pod.spec, specPath: 'spec' };
  }
  if (kind === 'CronJob') {
    const template = (data as z.infer<typeof objectSchemas.CronJob>).spec.jobTemplate.spec.template;
    return { labels: template.metadata?.labels, spec: template.spec, specPath: 'spec.jobTemplate.spec.template.spec' };
  }
  const template = (data as { spec: { template?: z.infer<typeof podTemplate> | null } }).spec.template;
  return { labels: template?.metadata?.labels, spec: template?.spec, specPath: 'spec.template.spec' };
}

function policyFromSpec(
  name: string,
  namespace: string,
  spec: z.infer<typeof networkPolicySpec>,
  source: SourceRef,
  at: (key: string) => string,
): NetworkPolicy {
  const podSelector = toSelector(spec.podSelector) ?? { matchLabels: {}, matchExpressions: [] };
  validateSelector(podSelector, (k) => at(`podSelector.${k}`));
  const rules = (
    list:
      | readonly (
          { from?: readonly Peer[] | null | undefined; to?: readonly Peer[] | null | undefined; ports?: readonly Port[] | null | undefined } | null | undefined
        )[]
      | null
      | undefined,
    key: 'ingress' | 'egress',
  ): PolicyRule[] =>
    (list ?? []).map((rule, i) => {
      const peers = (key === 'ingress' ? rule?.from : rule?.to) ?? [];
      const peerKey = key === 'ingress' ? 'from' : 'to';
      return {
        peers: peers.map((p, j) => {
          const podSel = toSelector(p.podSelector);
          const nsSel = toSelector(p.namespaceSelector);
          return toPeer(
            {
              ...(podSel ? { podSelector: podSel } : {}),
              ...(nsSel ? { namespaceSelector: nsSel } : {}),
              ...(p.ipBlock ? { ipBlock: { cidr: p.ipBlock.cidr, except: p.ipBlock.except ?? [] } } : {}),
            },
            (k) => at(`${key}[${i}].${peerKey}[${j}]${k ? `.${k}` : ''}`),
          );
        }),
        ports: (rule?.ports ?? []).map((p, j) => toPolicyPort(p, (k) => at(`${key}[${i}].ports[${j}].${k}`))),
      };
    });
  const ingress = rules(spec.ingress, 'ingress');
  const egress = rules(spec.egress, 'egress');
  const types = effectivePolicyTypes(spec.policyTypes ?? undefined, egress.length);
  return { id: `${namespace}/${name}`, namespace, name, podSelector, affectsIngress: types.ingress, affectsEgress: types.egress, ingress, egress, source };
}

function readManifestText(file: string): string {
  try {
    return readRegularFile(file, { maxBytes: MAX_INPUT_BYTES });
  } catch (error) {
    if (error instanceof UnusableFileError) throw new NetworkInputError(error.message);
    throw error;
  }
}

/** Reads a manifest file or a folder of them. */
export function readManifests(target: string): Cluster {
  const stat = fs.statSync(target);
  const files = stat.isDirectory() ? manifestFiles(target) : [target];
  return clusterFromManifests(files.map((file) => ({ file, text: readManifestText(file) })));
}
