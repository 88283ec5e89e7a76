import * as fs from 'node:fs';
import { STATUS_CODES } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ApiException,
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  type V1CronJob,
  type V1Deployment,
  type V1ListMeta,
  type V1Namespace,
  type V1NetworkPolicy,
  type V1Pod,
  type V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import type { ClusterConnection } from '../environments/schema';

/** Read-only view of the cluster that the checks need; lists are complete (every page fetched). */
export interface ClusterReader {
  /** The API server URL, shown in the report. */
  readonly server: string;
  readHorizontalPodAutoscaler(namespace: string, name: string): Promise<V2HorizontalPodAutoscaler>;
  readDeployment(namespace: string, name: string): Promise<V1Deployment>;
  listDeployments(query: ListQuery): Promise<V1Deployment[]>;
  listNamespaces(query: ListQuery): Promise<V1Namespace[]>;
  listNetworkPolicies(namespace: string): Promise<V1NetworkPolicy[]>;
  listCronJobs(query: ListQuery): Promise<V1CronJob[]>;
  listPods(query: ListQuery): Promise<V1Pod[]>;
}

export interface ListQuery {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** The kubeconfig could not be used (missing file, bad YAML, unknown context): bad input, exit code 2. */
export class KubeconfigError extends Error {}

/** An API call failed; the message names the request and the API server's own reason. */
export class ClusterRequestError extends Error {}

/** Items per list request; the API server returns a `continue` token when more remain. */
const PAGE_SIZE = 500;

/**
 * Connects the way the environment file tells Terraform to: a kubeconfig file and context (client
 * certificates, tokens, exec plugins such as `kubelogin` or `aws eks get-token` all work, as in kubectl),
 * or an API server URL with a CA file and an exec credential plugin.
 */
export function connectToCluster(connection: ClusterConnection): ClusterReader {
  const config = 'kubeconfig' in connection ? loadKubeconfig(connection.kubeconfig) : execKubeconfig(connection);
  const apps = config.makeApiClient(AppsV1Api);
  const autoscaling = config.makeApiClient(AutoscalingV2Api);
  const batch = config.makeApiClient(BatchV1Api);
  const core = config.makeApiClient(CoreV1Api);
  const networking = config.makeApiClient(NetworkingV1Api);
  const server = config.getCurrentCluster()?.server ?? '(unknown server)';

  return {
    server,
    readHorizontalPodAutoscaler: (namespace, name) =>
      request(`get HorizontalPodAutoscaler ${namespace}/${name}`, () => autoscaling.readNamespacedHorizontalPodAutoscaler({ namespace, name })),
    readDeployment: (namespace, name) => request(`get Deployment ${namespace}/${name}`, () => apps.readNamespacedDeployment({ namespace, name })),
    listDeployments: (query) => listAll('list Deployments', query, (page) => apps.listDeploymentForAllNamespaces({ ...query, ...page })),
    listNamespaces: (query) => listAll('list Namespaces', query, (page) => core.listNamespace({ ...query, ...page })),
    listNetworkPolicies: (namespace) =>
      listAll(`list NetworkPolicies in namespace ${namespace}`, {}, (page) => networking.listNamespacedNetworkPolicy({ namespace, ...page })),
    listCronJobs: (query) => listAll('list CronJobs', query, (page) => batch.listCronJobForAllNamespaces({ ...query, ...page })),
    listPods: (query) => listAll('list Pods', query, (page) => core.listPodForAllNamespaces({ ...query, ...page })),
  };
}

/** `~/…` as kubectl and Terraform's `config_path` read it. */
const expandHome = (file: string): string => (file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file);

function loadKubeconfig(location: { readonly path: string; readonly context: string }): KubeConfig {
  const file = expandHome(location.path);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new KubeconfigError(`${file}: cannot read kubeconfig (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const config = new KubeConfig();
  try {
    config.loadFromString(text);
  } catch (error) {
    throw new KubeconfigError(`${file}: not a valid kubeconfig (${(error as Error).message.split('\n')[0]})`);
  }
  const context = config.getContextObject(location.context);
  if (!context) {
    const known = config.getContexts().map((candidate) => candidate.name);
    throw new KubeconfigError(`${file}: context "${location.context}" not found (contexts: ${known.join(', ') || 'none'})`);
  }
  if (!config.getCluster(context.cluster)) {
    throw new KubeconfigError(`${file}: context "${location.context}" refers to unknown cluster "${context.cluster}"`);
  }
  if (!config.getUser(context.user)) {
    throw new KubeconfigError(`${file}: context "${location.context}" refers to unknown user "${context.user}"`);
  }
  config.setCurrentContext(location.context);
  return config;
}

function execKubeconfig(connection: Extract<ClusterConnection, { exec: unknown }>): KubeConfig {
  const caFile = expandHome(connection.caCertificateFile);
  if (!fs.existsSync(caFile)) throw new KubeconfigError(`${caFile}: CA certificate file not found (cluster.caCertificateFile)`);
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'cluster', server: connection.host, caFile, skipTLSVerify: false }],
    users: [
      {
        name: 'exec',
        exec: {
          apiVersion: connection.exec.apiVersion,
          command: connection.exec.command,
          args: connection.exec.args,
          env: Object.entries(connection.exec.env).map(([name, value]) => ({ name, value })),
        },
      },
    ],
    contexts: [{ name: 'environment', cluster: 'cluster', user: 'exec' }],
    currentContext: 'environment',
  });
  return config;
}

interface Page {
  readonly limit: number;
  readonly _continue?: string;
}

/** Follows `metadata.continue` until the API server says the list is complete. */
async function listAll<T>(what: string, query: ListQuery, fetchPage: (page: Page) => Promise<{ items: T[]; metadata?: V1ListMeta }>): Promise<T[]> {
  const description = describeQuery(what, query);
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await request(description, () => fetchPage({ limit: PAGE_SIZE, ...(token ? { _continue: token } : {}) }));
    items.push(...page.items);
    token = page.metadata?._continue || undefined;
  } while (token);
  return items;
}

function describeQuery(what: string, query: ListQuery): string {
  const selectors = [query.labelSelector && `labels ${query.labelSelector}`, query.fieldSelector && `fields ${query.fieldSelector}`];
  const filter = selectors.filter(Boolean).join(', ');
  return filter ? `${what} (${filter})` : what;
}

async function request<T>(description: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ClusterRequestError(`${description}: ${explainFailure(error)}`);
  }
}

/** The API server's `Status.message` when it sent one, else the HTTP code or the transport error. */
function explainFailure(error: unknown): string {
  if (error instanceof ApiException) {
    const status = parseStatus(error.body);
    const reason = ` ${status?.reason ?? STATUS_CODES[error.code] ?? ''}`.trimEnd();
    return status?.message ? `HTTP ${error.code}${reason}: ${status.message}` : `HTTP ${error.code}${reason}`;
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

function parseStatus(body: unknown): { message?: string; reason?: string } | undefined {
  if (typeof body === 'object' && body !== null) return body as { message?: string; reason?: string };
  if (typeof body !== 'string' || body.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as { message?: string; reason?: string }) : undefined;
  } catch {
    // Not a Kubernetes Status (a proxy's HTML error page, say): show its first line.
    return { message: body.split('\n')[0]?.slice(0, 200) };
  }
}
