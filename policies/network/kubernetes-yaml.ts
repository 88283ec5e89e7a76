/**
 * Reads plain Kubernetes manifests (what `kubectl get -o yaml` writes or a Git folder holds) into the
 * connectivity model: multi-document YAML and JSON, list kinds (`List`, `PodList`, …), objects without a
 * namespace in `default`. Objects of other kinds are ignored. Objects owned by a controller that is
 * also in the input (a ReplicaSet of a Deployment, the Pods of a ReplicaSet) are skipped so each
 * workload counts once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { canonicalCidr, CidrError } from './addresses';
import { buildCluster, effectivePolicyTypes, recordedCidrs, type Cluster, type ContainerPort, type LabelSelector, type NamespaceInfo, type NetworkPolicy, type PolicyPeer, type PolicyPort, type PolicyRule, type SourceRef, type Workload } from './cluster';
import { NetworkInputError } from './errors';
import { PROTOCOLS } from './ports';

const labelValue = z.preprocess((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v), z.string());
const labelMap = z.record(z.string(), labelValue).nullish();

const ownerReference = z.object({ kind: z.string(), name: z.string(), controller: z.boolean().nullish() });
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
const container = z.object({ ports: z.array(containerPort).nullish() });
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

type WorkloadKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'CronJob';

const objectSchemas = {
  Namespace: z.object({ metadata }),
  NetworkPolicy: z.object({ metadata, spec: networkPolicySpec.nullish() }),
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

/** Every object of a YAML or JSON file, lists unwrapped. */
export function readManifestObjects(file: string, text: string): ManifestObject[] {
  const documents = parseAllDocuments(text, { prettyErrors: false });
  const objects: ManifestObject[] = [];
  const list = Array.isArray(documents) ? documents : [documents];
  list.forEach((document, index) => {
    const where = list.length > 1 ? `document ${index + 1}` : 'document';
    if (document.errors.length > 0) throw new NetworkInputError(`${file}: ${where}: not valid YAML/JSON: ${document.errors[0]!.message.split('\n')[0]}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) throw new NetworkInputError(`${file}: ${where}: expected a Kubernetes object, got ${Array.isArray(value) ? 'a list' : typeof value}`);
    const object = value as Record<string, unknown>;
    const kind = typeof object.kind === 'string' ? object.kind : undefined;
    if (kind?.endsWith('List') && Array.isArray(object.items)) {
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      object.items.forEach((item, itemIndex) => {
        if (typeof item !== 'object' || item === null) throw new NetworkInputError(`${file}: ${where}: items[${itemIndex}]: expected a Kubernetes object`);
        const itemObject = item as Record<string, unknown>;
        // API list responses omit the kind of their items.
        const withKind = itemObject.kind === undefined && itemKind ? { ...itemObject, kind: itemKind } : itemObject;
        objects.push({ object: withKind, source: { file, location: `${where} items[${itemIndex}]` }, keyPrefix: `items[${itemIndex}].` });
      });
    } else objects.push({ object, source: { file, location: where }, keyPrefix: '' });
  });
  return objects;
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
    if ((e.operator === 'In' || e.operator === 'NotIn') && e.values.length === 0) throw new NetworkInputError(`${at(`matchExpressions[${i}].values`)}: operator ${e.operator} needs at least one value`);
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && e.values.length > 0) throw new NetworkInputError(`${at(`matchExpressions[${i}].values`)}: operator ${e.operator} takes no values`);
  });
}

export function toPolicyPort(raw: { protocol?: string | null; port?: number | string | null; endPort?: number | null }, at: (key: string) => string): PolicyPort {
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

export function toPeer(raw: { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: { cidr: string; except: readonly string[] } }, at: (key: string) => string): PolicyPeer {
  if (raw.ipBlock) {
    if (raw.podSelector || raw.namespaceSelector) throw new NetworkInputError(`${at('ipBlock')}: ipBlock cannot be combined with podSelector or namespaceSelector in one peer`);
    try {
      const cidr = canonicalCidr(raw.ipBlock.cidr);
      const except = raw.ipBlock.except.map((e) => canonicalCidr(e));
      return { kind: 'ipBlock', cidr, except };
    } catch (error) {
      if (error instanceof CidrError) throw new NetworkInputError(`${at('ipBlock')}: ${error.message}`);
      throw error;
    }
  }
  if (!raw.podSelector && !raw.namespaceSelector) throw new NetworkInputError(`${at('')}: a peer needs podSelector, namespaceSelector or ipBlock`);
  if (raw.podSelector) validateSelector(raw.podSelector, (k) => at(`podSelector.${k}`));
  if (raw.namespaceSelector) validateSelector(raw.namespaceSelector, (k) => at(`namespaceSelector.${k}`));
  return { kind: 'selector', ...(raw.podSelector ? { podSelector: raw.podSelector } : {}), ...(raw.namespaceSelector ? { namespaceSelector: raw.namespaceSelector } : {}) };
}

function templatePorts(spec: z.infer<typeof podSpec> | null | undefined): ContainerPort[] {
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].flatMap((c) =>
    (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP', ...(p.name ? { name: p.name } : {}) })),
  );
}

/** Reads manifests from files (paths as the user gave them) into a cluster. */
export function clusterFromManifests(files: readonly { file: string; text: string }[]): Cluster {
  const namespaces: NamespaceInfo[] = [];
  const workloads: (Omit<Workload, 'id'> & { owners: readonly { kind: string; name: string }[] })[] = [];
  const policies: NetworkPolicy[] = [];
  const warnings: string[] = [];
  for (const { file, text } of files) {
    for (const { object, source, keyPrefix } of readManifestObjects(file, text)) {
      const kind = object.kind;
      if (typeof kind !== 'string' || !(kind in objectSchemas)) continue;
      const parsed = objectSchemas[kind as KnownKind].safeParse(object);
      const name = typeof (object.metadata as { name?: unknown } | undefined)?.name === 'string' ? String((object.metadata as { name: string }).name) : '?';
      const at = (key: string) => `${file}: ${source.location} (${kind} ${name}): ${keyPrefix}${key}`.replace(/: $/, '');
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new NetworkInputError(`${at(issuePath(issue.path))}: ${issue.message}`);
      }
      const meta = (parsed.data as { metadata: z.infer<typeof metadata> }).metadata;
      const namespace = meta.namespace ?? 'default';
      if (kind === 'Namespace') {
        namespaces.push({ name: meta.name, labels: meta.labels ?? {}, source });
        continue;
      }
      if (kind === 'NetworkPolicy') {
        const policy = policyFromSpec(meta.name, namespace, (parsed.data as z.infer<typeof objectSchemas.NetworkPolicy>).spec ?? {}, source, (key) => at(`spec.${key}`));
        const recorded = recordedCidrs(meta.annotations ?? {}, (message) => warnings.push(`${file}: ${source.location}: ${message}`));
        policies.push(recorded ? { ...policy, recordedCidrs: recorded } : policy);
        continue;
      }
      const template = podTemplateOf(kind as WorkloadKind, parsed.data);
      const owners = (meta.ownerReferences ?? []).filter((o) => o.controller).map((o) => ({ kind: o.kind, name: o.name }));
      workloads.push({ namespace, name: meta.name, kind, labels: template.labels ?? {}, ports: templatePorts(template.spec), ...(template.spec?.hostNetwork ? { hostNetwork: true } : {}), source, owners });
    }
  }
  const present = new Set(workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`));
  const independent = workloads.filter((w) => !w.owners.some((o) => present.has(`${w.namespace}/${o.kind}/${o.name}`)));
  return buildCluster({ namespaces, workloads: independent.map(({ owners: _owners, ...w }) => w), policies, warnings });
}

function podTemplateOf(kind: WorkloadKind, data: unknown): { labels: Record<string, string> | null | undefined; spec: z.infer<typeof podSpec> | null | undefined } {
  if (kind === 'Pod') {
    const pod = data as z.infer<typeof objectSchemas.Pod>;
    return { labels: pod.metadata.labels, spec: pod.spec };
  }
  const template =
    kind === 'CronJob'
      ? (data as z.infer<typeof objectSchemas.CronJob>).spec.jobTemplate.spec.template
      : (data as { spec: { template?: z.infer<typeof podTemplate> | null } }).spec.template;
  return { labels: template?.metadata?.labels, spec: template?.spec };
}

function policyFromSpec(name: string, namespace: string, spec: z.infer<typeof networkPolicySpec>, source: SourceRef, at: (key: string) => string): NetworkPolicy {
  const podSelector = toSelector(spec.podSelector) ?? { matchLabels: {}, matchExpressions: [] };
  validateSelector(podSelector, (k) => at(`podSelector.${k}`));
  const rules = (list: readonly ({ from?: readonly Peer[] | null | undefined; to?: readonly Peer[] | null | undefined; ports?: readonly Port[] | null | undefined } | null | undefined)[] | null | undefined, key: 'ingress' | 'egress'): PolicyRule[] =>
    (list ?? []).map((rule, i) => {
      const peers = (key === 'ingress' ? rule?.from : rule?.to) ?? [];
      const peerKey = key === 'ingress' ? 'from' : 'to';
      return {
        peers: peers.map((p, j) => {
          const podSel = toSelector(p.podSelector);
          const nsSel = toSelector(p.namespaceSelector);
          return toPeer(
            { ...(podSel ? { podSelector: podSel } : {}), ...(nsSel ? { namespaceSelector: nsSel } : {}), ...(p.ipBlock ? { ipBlock: { cidr: p.ipBlock.cidr, except: p.ipBlock.except ?? [] } } : {}) },
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

/** Reads a manifest file or a folder of them. */
export function readManifests(target: string): Cluster {
  const stat = fs.statSync(target);
  const files = stat.isDirectory() ? manifestFiles(target) : [target];
  return clusterFromManifests(files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })));
}
