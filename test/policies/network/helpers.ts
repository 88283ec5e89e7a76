import { analyzeCluster, clusterFromManifests, type AnalysisOptions, type NetworkAnalysis } from '../../../policies/network';

/** Analyses manifests given as YAML text (one file). */
export function analyzeYaml(yaml: string, options?: AnalysisOptions): NetworkAnalysis {
  return analyzeCluster(clusterFromManifests([{ file: 'test.yaml', text: yaml }]), options);
}

/** `src -> dst` → allowed traffic as text (`all`, `TCP 80`, …), for every connection. */
export function connectionMap(analysis: NetworkAnalysis): Record<string, string> {
  return Object.fromEntries(analysis.connections.map((c) => [`${c.src} -> ${c.dst}`, c.ports.toString()]));
}

/** The traffic allowed from src to dst (`none` when there is no connection). */
export function traffic(analysis: NetworkAnalysis, src: string, dst: string): string {
  return connectionMap(analysis)[`${src} -> ${dst}`] ?? 'none';
}

export const namespace = (name: string, labels: Record<string, string> = {}): string =>
  `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels: ${JSON.stringify(labels)}\n`;

/** A Pod with labels and named container ports (`[name, port, protocol?]`). */
export const pod = (ns: string, name: string, labels: Record<string, string>, ports: readonly (readonly [string, number, string?])[] = []): string =>
  `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: ${JSON.stringify(labels)}\nspec:\n  containers:\n    - name: main\n      image: example\n      ports: ${JSON.stringify(
    ports.map(([portName, containerPort, protocol]) => ({ name: portName, containerPort, ...(protocol ? { protocol } : {}) })),
  )}\n`;

/** A NetworkPolicy from its spec (as an object, rendered as JSON inside YAML). */
export const policy = (ns: string, name: string, spec: Record<string, unknown>): string =>
  `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec: ${JSON.stringify(spec)}\n`;

/** An AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) from its priority and the rest of its spec. */
export const anp = (name: string, priority: number, spec: Record<string, unknown>): string =>
  `---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: ${name}\nspec: ${JSON.stringify({ priority, ...spec })}\n`;

/** The BaselineAdminNetworkPolicy (named `default`, as the API requires). */
export const banp = (spec: Record<string, unknown>, name = 'default'): string =>
  `---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata:\n  name: ${name}\nspec: ${JSON.stringify(spec)}\n`;
