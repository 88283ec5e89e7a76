/**
 * Kubernetes RBAC as the synthesized Terraform declares it: Roles/ClusterRoles with their rules and
 * RoleBindings/ClusterRoleBindings with their subjects, read from the normalized resource model.
 * Values only known after apply are kept as `?` so a report shows them instead of silently dropping them.
 */
import { BINDING_TYPES, ROLE_TYPES } from '../kubernetes';
import { isUnknown, type Estate, type Resource } from '../model';
import { blocks, get, map, strings } from '../values';

export const UNKNOWN = '?';

export interface RbacRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceUrls: readonly string[];
}

export interface RoleObject {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
  /** Namespaced Roles only. */
  readonly namespace?: string;
  readonly rules: readonly RbacRule[];
  readonly resource: Resource;
}

export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface BindingObject {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  /** RoleBindings only: where the permissions apply. */
  readonly namespace?: string;
  readonly roleRef: { readonly kind: string; readonly name: string };
  readonly subjects: readonly Subject[];
  readonly annotations: Readonly<Record<string, string>>;
  readonly resource: Resource;
}

/**
 * Kubernetes' built-in ClusterRoles a binding may reference without declaring them. Only cluster-admin is
 * modelled (everything on everything): `admin`/`edit`/`view` aggregate other roles and are not expanded.
 */
export const BUILT_IN_CLUSTER_ROLES: Readonly<Record<string, readonly RbacRule[]>> = {
  'cluster-admin': [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: [], nonResourceUrls: [] },
    { apiGroups: [], resources: [], verbs: ['*'], resourceNames: [], nonResourceUrls: ['*'] },
  ],
};

const text = (value: unknown): string => (isUnknown(value) ? UNKNOWN : typeof value === 'string' ? value : UNKNOWN);
const list = (value: unknown): string[] => (isUnknown(value) ? [UNKNOWN] : strings(value).map(text));

export const isClusterScoped = (type: string): boolean => type.includes('cluster_role');

// Resources do not change once read, and a binding is read by the break-glass rule, the separation of
// duties and the permission matrix: build each role and binding object once.
const roleObjects = new WeakMap<Resource, RoleObject>();
const bindingObjects = new WeakMap<Resource, BindingObject>();

export function roleObject(resource: Resource): RoleObject {
  let role = roleObjects.get(resource);
  if (!role) roleObjects.set(resource, (role = readRole(resource)));
  return role;
}

export function bindingObject(resource: Resource): BindingObject {
  let binding = bindingObjects.get(resource);
  if (!binding) bindingObjects.set(resource, (binding = readBinding(resource)));
  return binding;
}

function readRole(resource: Resource): RoleObject {
  const clusterScoped = isClusterScoped(resource.type);
  const rules = resource.values.rule;
  return {
    kind: clusterScoped ? 'ClusterRole' : 'Role',
    name: text(get(resource.values, 'metadata[0].name')),
    ...(clusterScoped ? {} : { namespace: text(get(resource.values, 'metadata[0].namespace') ?? 'default') }),
    rules: isUnknown(rules)
      ? [{ apiGroups: [UNKNOWN], resources: [UNKNOWN], verbs: [UNKNOWN], resourceNames: [], nonResourceUrls: [] }]
      : blocks(rules).map((rule) => ({
          apiGroups: list(rule.api_groups),
          resources: list(rule.resources),
          verbs: list(rule.verbs),
          resourceNames: list(rule.resource_names),
          nonResourceUrls: list(rule.non_resource_urls),
        })),
    resource,
  };
}

function readBinding(resource: Resource): BindingObject {
  const clusterScoped = isClusterScoped(resource.type);
  const annotations = map(resource.values, 'metadata[0].annotations');
  const subjects = resource.values.subject;
  return {
    kind: clusterScoped ? 'ClusterRoleBinding' : 'RoleBinding',
    name: text(get(resource.values, 'metadata[0].name')),
    ...(clusterScoped ? {} : { namespace: text(get(resource.values, 'metadata[0].namespace') ?? 'default') }),
    roleRef: { kind: text(get(resource.values, 'role_ref[0].kind')), name: text(get(resource.values, 'role_ref[0].name')) },
    subjects: isUnknown(subjects)
      ? [{ kind: UNKNOWN, name: UNKNOWN }]
      : blocks(subjects).map((subject) => ({
          kind: text(subject.kind),
          name: text(subject.name),
          ...(subject.namespace !== undefined ? { namespace: text(subject.namespace) } : {}),
        })),
    annotations: isUnknown(annotations)
      ? {}
      : (Object.fromEntries(Object.entries(annotations).filter(([, value]) => typeof value === 'string')) as Record<string, string>),
    resource,
  };
}

export interface RbacObjects {
  readonly roles: readonly RoleObject[];
  readonly bindings: readonly BindingObject[];
}

/** The RBAC objects of one environment. */
export function rbacObjects(estate: Estate, environment: string): RbacObjects {
  return {
    roles: ROLE_TYPES.flatMap((type) => estate.byType(type, environment)).map(roleObject),
    bindings: BINDING_TYPES.flatMap((type) => estate.byType(type, environment)).map(bindingObject),
  };
}

/** The rules a binding grants: the referenced role's, a built-in ClusterRole's, or undefined when not declared. */
export function rulesOf(binding: BindingObject, roles: readonly RoleObject[]): readonly RbacRule[] | undefined {
  const { kind, name } = binding.roleRef;
  const declared = roles.find((role) => role.kind === kind && role.name === name && (kind === 'ClusterRole' || role.namespace === binding.namespace));
  if (declared) return declared.rules;
  return kind === 'ClusterRole' ? BUILT_IN_CLUSTER_ROLES[name] : undefined;
}

export const subjectKey = (subject: Subject): string =>
  subject.kind === 'ServiceAccount' ? `ServiceAccount:${subject.namespace ?? UNKNOWN}/${subject.name}` : `${subject.kind}:${subject.name}`;
