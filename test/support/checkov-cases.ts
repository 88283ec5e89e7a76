/**
 * Our own cases for each concern this repository's rules share with Checkov's Kubernetes checks,
 * written from Checkov's documented behaviour (its check names and the conditions its checks
 * document), not copied from its test suite. Each case states Checkov's verdict and whether our rule
 * agrees; where it does not, `why` says which of the two is stricter and why ours is as it is.
 * `test/policies/checkov-parity.test.ts` runs every case through our adapters and rules.
 */

type Json = Record<string, unknown>;

export interface CheckovCase {
  readonly concern: string;
  readonly checkov: string;
  readonly rule: string;
  readonly name: string;
  /** Kubernetes objects (checked as YAML manifests), or Terraform JSON when `terraform` is set. */
  readonly objects?: readonly Json[];
  readonly terraform?: Json;
  /** The address our verdict is read on. */
  readonly resource: string;
  /** Checkov's verdict as its check documents it. */
  readonly checkovVerdict: 'PASSED' | 'FAILED';
  /** Our verdict where it differs from Checkov's, with the reason; absent when we agree. */
  readonly disagreement?: { readonly ours: 'pass' | 'fail'; readonly why: string };
}

const DIGEST = 'registry.hospital.example/his/app:1.0@sha256:0f3c4b9d2e1a8f7c6b5a4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a';

function hardenedContainer(overrides: Json = {}): Json {
  return {
    name: 'app',
    image: DIGEST,
    securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    ...overrides,
  };
}

/** A Deployment every workload check passes; `pod` and `container` change one thing. */
function deployment(options: { pod?: Json; container?: Json; namespace?: string | null; kind?: string } = {}): Json {
  const kind = options.kind ?? 'Deployment';
  const podSpec = {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [hardenedContainer(options.container)],
    ...options.pod,
  };
  const metadata = options.namespace === null ? { name: 'app' } : { name: 'app', namespace: options.namespace ?? 'his' };
  const template = { metadata: { labels: { app: 'app' } }, spec: podSpec };
  const spec =
    kind === 'Job' ? { template: { ...template, spec: { ...podSpec, restartPolicy: 'Never' } } } : { selector: { matchLabels: { app: 'app' } }, template };
  return { apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, metadata, spec };
}

const withoutKey = (object: Json, key: string): Json => Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
const securityContext = (overrides: Json) => ({ securityContext: { ...(hardenedContainer().securityContext as Json), ...overrides } });

const RBAC = 'rbac.authorization.k8s.io';
const binding = (subjects: Json[]): Json => ({
  apiVersion: `${RBAC}/v1`,
  kind: 'RoleBinding',
  metadata: { name: 'readers', namespace: 'his' },
  roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' },
  subjects,
});
const role = (rules: Json[]): Json => ({ apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name: 'reader', namespace: 'his' }, rules });
const serviceAccount = (name: string, fields: Json = {}): Json => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace: 'his' },
  ...fields,
});

const DEPLOYMENT = 'kubernetes_deployment_v1.his/app';

export const CHECKOV_CASES: readonly CheckovCase[] = [
  {
    concern: 'privileged container',
    checkov: 'CKV_K8S_16',
    rule: 'workload/no-privileged',
    name: 'privileged: true',
    objects: [deployment({ container: securityContext({ privileged: true }) })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'privileged container',
    checkov: 'CKV_K8S_16',
    rule: 'workload/no-privileged',
    name: 'privileged: false',
    objects: [deployment()],
    resource: DEPLOYMENT,
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'privilege escalation',
    checkov: 'CKV_K8S_20',
    rule: 'workload/no-privilege-escalation',
    name: 'allowPrivilegeEscalation unset (Kubernetes defaults to true)',
    objects: [deployment({ container: { securityContext: withoutKey(hardenedContainer().securityContext as Json, 'allowPrivilegeEscalation') } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'read-only root filesystem',
    checkov: 'CKV_K8S_22',
    rule: 'workload/read-only-root-filesystem',
    name: 'readOnlyRootFilesystem: false',
    objects: [deployment({ container: securityContext({ readOnlyRootFilesystem: false }) })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'root containers',
    checkov: 'CKV_K8S_23',
    rule: 'workload/run-as-non-root',
    name: 'no runAsNonRoot anywhere, container runAsUser 1000',
    objects: [
      deployment({
        pod: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
        container: { securityContext: { ...withoutKey(hardenedContainer().securityContext as Json, 'runAsNonRoot'), runAsUser: 1000 } },
      }),
    ],
    resource: DEPLOYMENT,
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'root containers',
    checkov: 'CKV_K8S_23',
    rule: 'workload/run-as-non-root',
    name: 'no runAsNonRoot anywhere, runAsUser 0',
    objects: [
      deployment({
        pod: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
        container: { securityContext: { ...withoutKey(hardenedContainer().securityContext as Json, 'runAsNonRoot'), runAsUser: 0 } },
      }),
    ],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'capabilities dropped',
    checkov: 'CKV_K8S_37',
    rule: 'workload/drop-all-capabilities',
    name: 'no capabilities.drop',
    objects: [deployment({ container: securityContext({ capabilities: {} }) })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'capabilities added',
    checkov: 'CKV_K8S_25',
    rule: 'workload/drop-all-capabilities',
    name: 'drop ALL, add NET_ADMIN',
    objects: [deployment({ container: securityContext({ capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } }) })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'capabilities added',
    checkov: 'CKV_K8S_25',
    rule: 'workload/drop-all-capabilities',
    name: 'drop ALL, add NET_BIND_SERVICE',
    objects: [deployment({ container: securityContext({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }) })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
    disagreement: {
      ours: 'pass',
      why: 'the restricted Pod Security Standard allows adding back NET_BIND_SERVICE (ports below 1024); Checkov fails any added capability',
    },
  },
  {
    concern: 'seccomp profile',
    checkov: 'CKV_K8S_31',
    rule: 'workload/seccomp-runtime-default',
    name: 'no seccompProfile on pod or container',
    objects: [deployment({ pod: { securityContext: { runAsNonRoot: true } } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'seccomp profile',
    checkov: 'CKV_K8S_31',
    rule: 'workload/seccomp-runtime-default',
    name: 'pod seccompProfile RuntimeDefault',
    objects: [deployment()],
    resource: DEPLOYMENT,
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'host PID namespace',
    checkov: 'CKV_K8S_17',
    rule: 'workload/no-host-namespaces',
    name: 'hostPID: true',
    objects: [deployment({ pod: { hostPID: true } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'host IPC namespace',
    checkov: 'CKV_K8S_18',
    rule: 'workload/no-host-namespaces',
    name: 'hostIPC: true',
    objects: [deployment({ pod: { hostIPC: true } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'host network',
    checkov: 'CKV_K8S_19',
    rule: 'workload/no-host-namespaces',
    name: 'hostNetwork: true',
    objects: [deployment({ pod: { hostNetwork: true } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'host ports',
    checkov: 'CKV_K8S_26',
    rule: 'workload/no-host-port',
    name: 'hostPort: 8080',
    objects: [deployment({ container: { ports: [{ containerPort: 8080, hostPort: 8080 }] } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'host ports',
    checkov: 'CKV_K8S_26',
    rule: 'workload/no-host-port',
    name: 'containerPort only',
    objects: [deployment({ container: { ports: [{ containerPort: 8080 }] } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'host paths',
    checkov: 'CKV_K8S_27',
    rule: 'workload/no-host-path',
    name: 'hostPath /var/run/docker.sock',
    objects: [deployment({ pod: { volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }] } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'host paths',
    checkov: 'CKV_K8S_27',
    rule: 'workload/no-host-path',
    name: 'hostPath /data',
    objects: [deployment({ pod: { volumes: [{ name: 'data', hostPath: { path: '/data' } }] } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'PASSED',
    disagreement: {
      ours: 'fail',
      why: 'CKV_K8S_27 looks only for the Docker socket; any hostPath reaches the node (kubelet credentials, other pods’ data), which the baseline Pod Security Standard forbids',
    },
  },
  {
    concern: 'CPU limits',
    checkov: 'CKV_K8S_11',
    rule: 'workload/resources-set',
    name: 'no limits.cpu',
    objects: [deployment({ container: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'memory requests',
    checkov: 'CKV_K8S_12',
    rule: 'workload/resources-set',
    name: 'no requests.memory',
    objects: [deployment({ container: { resources: { requests: { cpu: '100m' }, limits: { cpu: '500m', memory: '256Mi' } } } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'liveness probe',
    checkov: 'CKV_K8S_8',
    rule: 'workload/probes-set',
    name: 'Deployment container without livenessProbe',
    objects: [deployment({ container: { livenessProbe: null } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'liveness probe',
    checkov: 'CKV_K8S_8',
    rule: 'workload/probes-set',
    name: 'Job container without probes (not checked)',
    objects: [deployment({ kind: 'Job', container: { livenessProbe: null, readinessProbe: null } })],
    resource: 'kubernetes_job_v1.his/app',
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'readiness probe',
    checkov: 'CKV_K8S_9',
    rule: 'workload/probes-set',
    name: 'Deployment container without readinessProbe',
    objects: [deployment({ container: { readinessProbe: null } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'image digest',
    checkov: 'CKV_K8S_43',
    rule: 'workload/image-pinned-digest',
    name: 'image with tag only',
    objects: [deployment({ container: { image: 'registry.hospital.example/his/app:1.0' } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'image digest',
    checkov: 'CKV_K8S_43',
    rule: 'workload/image-pinned-digest',
    name: 'image with digest',
    objects: [deployment()],
    resource: DEPLOYMENT,
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'service-account token mounted',
    checkov: 'CKV_K8S_38',
    rule: 'workload/no-automount-token',
    name: 'pod spec without automountServiceAccountToken',
    objects: [deployment({ pod: { automountServiceAccountToken: null } })],
    resource: DEPLOYMENT,
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'default namespace',
    checkov: 'CKV_K8S_21',
    rule: 'workload/no-default-namespace',
    name: 'Deployment without a namespace',
    objects: [deployment({ namespace: null })],
    resource: 'kubernetes_deployment_v1.default/app',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'default namespace',
    checkov: 'CKV_K8S_21',
    rule: 'workload/no-default-namespace',
    name: 'ConfigMap without a namespace',
    objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } }],
    resource: 'kubernetes_config_map_v1.default/settings',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'default namespace',
    checkov: 'CKV_K8S_21',
    rule: 'workload/no-default-namespace',
    name: 'Secret in namespace default',
    objects: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' } }],
    resource: 'kubernetes_secret_v1.default/db',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'default namespace',
    checkov: 'CKV_K8S_21',
    rule: 'workload/no-default-namespace',
    name: 'Service without a namespace',
    objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'portal' }, spec: { selector: { app: 'portal' }, ports: [{ port: 443 }] } }],
    resource: 'kubernetes_service_v1.default/portal',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'default namespace',
    checkov: 'CKV_K8S_21',
    rule: 'workload/no-default-namespace',
    name: 'Ingress in namespace default',
    objects: [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'portal', namespace: 'default' },
        spec: { rules: [{ host: 'portal.example' }] },
      },
    ],
    resource: 'kubernetes_ingress_v1.default/portal',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'default namespace',
    checkov: 'CKV_K8S_21',
    rule: 'workload/no-default-namespace',
    name: 'RoleBinding without a namespace',
    objects: [{ ...binding([{ kind: 'Group', name: 'ops', apiGroup: RBAC }]), metadata: { name: 'readers' } }],
    resource: 'kubernetes_role_binding_v1.default/readers',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'default namespace',
    checkov: 'CKV_K8S_21',
    rule: 'workload/no-default-namespace',
    name: 'ServiceAccount "default" in default (ignored)',
    objects: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }],
    resource: 'kubernetes_service_account_v1.default/default',
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'default namespace',
    checkov: 'CKV_K8S_21',
    rule: 'workload/no-default-namespace',
    name: 'Service "kubernetes" in default (ignored)',
    objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { ports: [{ port: 443 }] } }],
    resource: 'kubernetes_service_v1.default/kubernetes',
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'default namespace',
    checkov: 'CKV_K8S_21',
    rule: 'workload/no-default-namespace',
    name: 'Deployment in namespace his',
    objects: [deployment()],
    resource: DEPLOYMENT,
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'default ServiceAccount token',
    checkov: 'CKV_K8S_41',
    rule: 'workload/default-service-account-token',
    name: 'default account without automountServiceAccountToken',
    objects: [serviceAccount('default')],
    resource: 'kubernetes_service_account_v1.his/default',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'default ServiceAccount token',
    checkov: 'CKV_K8S_41',
    rule: 'workload/default-service-account-token',
    name: 'default account with automountServiceAccountToken: false',
    objects: [serviceAccount('default', { automountServiceAccountToken: false })],
    resource: 'kubernetes_service_account_v1.his/default',
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'default ServiceAccount token',
    checkov: 'CKV_K8S_41',
    rule: 'workload/default-service-account-token',
    name: 'application account mounting its token',
    objects: [serviceAccount('portal', { automountServiceAccountToken: true })],
    resource: 'kubernetes_service_account_v1.his/portal',
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'roles bound to the default ServiceAccount',
    checkov: 'CKV_K8S_42',
    rule: 'rbac/default-service-account-unbound',
    name: 'RoleBinding to ServiceAccount default',
    objects: [binding([{ kind: 'ServiceAccount', name: 'default', namespace: 'his' }])],
    resource: 'kubernetes_role_binding_v1.his/readers',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'roles bound to the default ServiceAccount',
    checkov: 'CKV_K8S_42',
    rule: 'rbac/default-service-account-unbound',
    name: 'RoleBinding to an application account',
    objects: [binding([{ kind: 'ServiceAccount', name: 'portal', namespace: 'his' }])],
    resource: 'kubernetes_role_binding_v1.his/readers',
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'wildcards in roles',
    checkov: 'CKV_K8S_49',
    rule: 'rbac/no-wildcards',
    name: 'verbs ["*"] in the first rule',
    objects: [role([{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }])],
    resource: 'kubernetes_role_v1.his/reader',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'wildcards in roles',
    checkov: 'CKV_K8S_49',
    rule: 'rbac/no-wildcards',
    name: 'resources ["*"] in the second rule',
    objects: [
      role([
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
        { apiGroups: [''], resources: ['*'], verbs: ['get'] },
      ]),
    ],
    resource: 'kubernetes_role_v1.his/reader',
    checkovVerdict: 'PASSED',
    disagreement: { ours: 'fail', why: 'CKV_K8S_49 reads only the first rule of a Role; a wildcard in any rule grants it' },
  },
  {
    concern: 'wildcards in roles',
    checkov: 'CKV_K8S_49',
    rule: 'rbac/no-wildcards',
    name: 'explicit groups, resources and verbs',
    objects: [role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }])],
    resource: 'kubernetes_role_v1.his/reader',
    checkovVerdict: 'PASSED',
  },
  {
    concern: 'privileged container (Terraform)',
    checkov: 'CKV_K8S_16',
    rule: 'workload/no-privileged',
    name: 'kubernetes_deployment_v1 with privileged = true',
    terraform: {
      resource: {
        kubernetes_deployment_v1: {
          app: {
            metadata: { name: 'app', namespace: 'his' },
            spec: { template: { metadata: {}, spec: { container: [{ name: 'app', image: DIGEST, security_context: { privileged: true } }] } } },
          },
        },
      },
    },
    resource: 'kubernetes_deployment_v1.app',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'default ServiceAccount token (Terraform)',
    checkov: 'CKV_K8S_41',
    rule: 'workload/default-service-account-token',
    name: 'kubernetes_service_account named default without automount_service_account_token',
    terraform: { resource: { kubernetes_service_account: { default: { metadata: { name: 'default', namespace: 'his' } } } } },
    resource: 'kubernetes_service_account.default',
    checkovVerdict: 'FAILED',
  },
  {
    concern: 'roles bound to the default ServiceAccount (Terraform)',
    checkov: 'CKV_K8S_42',
    rule: 'rbac/default-service-account-unbound',
    name: 'kubernetes_cluster_role_binding with subject ServiceAccount default',
    terraform: {
      resource: {
        kubernetes_cluster_role_binding: {
          readers: {
            metadata: { name: 'readers' },
            role_ref: { api_group: RBAC, kind: 'ClusterRole', name: 'view' },
            subject: [{ kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' }],
          },
        },
      },
    },
    resource: 'kubernetes_cluster_role_binding.readers',
    checkovVerdict: 'FAILED',
  },
];
