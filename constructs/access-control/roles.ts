/**
 * The operations plan's roles as Kubernetes permissions, written as data so the construct, the tests and
 * a reviewer read the same table. Least privilege throughout: no wildcard, secrets only where the duty
 * needs them, and the three administrator duties of MLPS 8.1.4.2 kept apart — the system engineer
 * changes workloads but never reads audit data, the security officer reads audit data but changes
 * nothing, and nobody but break-glass edits RBAC (it is managed in this repository).
 */

export interface Grant {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

export interface RoleDefinition {
  /** Key of `access.groups` in the environment file. */
  readonly role: string;
  /** ClusterRole name prefix: `<name>` for namespaced grants, `<name>:cluster` for cluster-wide ones. */
  readonly name: string;
  readonly description: string;
  /** Granted in every namespace (ClusterRoleBinding); keep to reads of status. */
  readonly clusterWide: readonly Grant[];
  /** Granted in the listed namespaces only (one RoleBinding each). */
  readonly namespaced: readonly Grant[];
  readonly namespaces: readonly string[];
}

export interface NamespaceClasses {
  /** Namespaces of clinical and guest applications, the DMZ (medical/guest/dmz segments, no data stores). */
  readonly application: readonly string[];
  /** Medical-segment application namespaces (the clinical systems). */
  readonly clinical: readonly string[];
  readonly dataStore: readonly string[];
  readonly audit: readonly string[];
  /** Management namespaces that hold no audit data (monitoring, backup). */
  readonly operations: readonly string[];
}

export const READ = ['get', 'list', 'watch'] as const;
const CHANGE = ['create', 'update', 'patch', 'delete'] as const;

const core = (resources: readonly string[], verbs: readonly string[]): Grant => ({ apiGroups: [''], resources, verbs });
const apps = (resources: readonly string[], verbs: readonly string[]): Grant => ({ apiGroups: ['apps'], resources, verbs });

/** Status of running systems, without secrets, config or logs (logs may carry patient data). */
const STATUS_READ: readonly Grant[] = [
  core(['pods', 'services', 'endpoints', 'events', 'persistentvolumeclaims', 'resourcequotas'], READ),
  apps(['deployments', 'statefulsets', 'daemonsets', 'replicasets'], READ),
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: READ },
];
const CLUSTER_STATUS_READ: readonly Grant[] = [core(['namespaces', 'nodes'], READ)];

export function operationsRoles(namespaces: NamespaceClasses): RoleDefinition[] {
  return [
    {
      role: 'operationsLead',
      name: 'hospital:operations-lead',
      description: 'Sees the status of every system and scales them during incidents; no secrets, no logs, no RBAC.',
      clusterWide: [...CLUSTER_STATUS_READ, ...STATUS_READ],
      namespaced: [
        apps(['deployments/scale', 'statefulsets/scale'], ['patch', 'update']),
        { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['patch', 'update'] },
      ],
      namespaces: namespaces.application,
    },
    {
      role: 'systemEngineer',
      name: 'hospital:system-engineer',
      description: 'Operates the clinical applications and platform services; never reads audit data or secrets.',
      clusterWide: CLUSTER_STATUS_READ,
      namespaced: [
        ...STATUS_READ,
        core(['pods'], ['delete']),
        core(['pods/log'], READ),
        core(['configmaps'], [...READ, ...CHANGE]),
        apps(['deployments', 'statefulsets', 'daemonsets'], ['patch', 'update']),
        apps(['deployments/scale', 'statefulsets/scale'], ['patch', 'update']),
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'delete'] },
        { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['patch', 'update'] },
      ],
      namespaces: [...namespaces.application, ...namespaces.operations],
    },
    {
      role: 'networkEngineer',
      name: 'hospital:network-engineer',
      description: 'Manages Services, Ingresses and NetworkPolicies of the segments; does not change workloads.',
      clusterWide: CLUSTER_STATUS_READ,
      namespaced: [
        ...STATUS_READ,
        core(['services'], CHANGE),
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: CHANGE },
      ],
      namespaces: namespaces.application,
    },
    {
      role: 'databaseAdministrator',
      name: 'hospital:database-administrator',
      description: 'Operates the data stores, in the data-store namespaces only; can restart but never delete them or their volumes.',
      clusterWide: [],
      namespaced: [
        ...STATUS_READ,
        core(['pods/log', 'configmaps', 'secrets'], READ),
        core(['pods/exec'], ['create']),
        core(['pods'], ['delete']),
        apps(['statefulsets', 'statefulsets/scale'], ['patch', 'update']),
      ],
      namespaces: namespaces.dataStore,
    },
    {
      role: 'securityOfficer',
      name: 'hospital:security-officer',
      description: 'Audits: reads access control, network policy, status and the IDS logs; changes nothing.',
      clusterWide: [
        ...CLUSTER_STATUS_READ,
        ...STATUS_READ,
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'], verbs: READ },
      ],
      namespaced: [core(['pods/log', 'configmaps'], READ)],
      namespaces: namespaces.audit,
    },
    {
      role: 'clinicalLiaison',
      name: 'hospital:clinical-liaison',
      description: 'Reads whether the clinical systems are up (workloads, pods, autoscalers, events); nothing else.',
      clusterWide: [],
      namespaced: [
        core(['pods', 'events'], READ),
        apps(['deployments', 'statefulsets'], READ),
        { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: READ },
      ],
      namespaces: namespaces.clinical,
    },
  ];
}
