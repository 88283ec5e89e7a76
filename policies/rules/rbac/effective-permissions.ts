/**
 * What a binding effectively grants, as the API server's RBAC authorizer and the ClusterRole
 * aggregation controller make it: the referenced role's rules, Kubernetes' built-in user-facing roles
 * (`cluster-admin`, `admin`, `edit`, `view`, including every declared ClusterRole aggregated into them
 * by the `rbac.authorization.k8s.io/aggregate-to-*` labels), and aggregated ClusterRoles
 * (`aggregation_rule`) as the union of the ClusterRoles their selectors pick. Names prove nothing: a
 * role called "viewer" that aggregates `aggregate-to-admin` is an admin.
 */
import { perEnvironment } from '../../estate';
import { isUnknown, type Estate, type Resource } from '../../model';
import { roleObject, type BindingObject, type RbacRule, type RoleObject } from '../../rbac';
import { blocks, get, map, type Values } from '../../values';
import { labelSelectorMatches } from '../availability/label-selector';

const UNKNOWN = '?';
const CLUSTER_ROLE_TYPES = ['kubernetes_cluster_role', 'kubernetes_cluster_role_v1'];
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const rule = (apiGroups: string[], resources: string[], verbs: string[]): RbacRule => ({ apiGroups, resources, verbs, resourceNames: [], nonResourceUrls: [] });

/**
 * The parts of the bootstrap roles (plugin/pkg/auth/authorizer/rbac/bootstrappolicy) that least
 * privilege turns on: `view` reads status but no Secrets; `edit` (through system:aggregate-to-edit)
 * reads and writes Secrets, execs into pods and impersonates service accounts; `admin` adds RBAC
 * within the namespace; `cluster-admin` is everything.
 */
const BUILT_IN_RULES: Readonly<Record<string, readonly RbacRule[]>> = {
  'cluster-admin': [rule(['*'], ['*'], ['*']), { apiGroups: [], resources: [], verbs: ['*'], resourceNames: [], nonResourceUrls: ['*'] }],
  view: [
    rule(
      [''],
      [
        'pods',
        'pods/log',
        'pods/status',
        'configmaps',
        'endpoints',
        'persistentvolumeclaims',
        'replicationcontrollers',
        'serviceaccounts',
        'services',
        'events',
        'limitranges',
        'resourcequotas',
        'namespaces',
      ],
      READ,
    ),
    rule(['apps'], ['daemonsets', 'deployments', 'replicasets', 'statefulsets'], READ),
    rule(['batch'], ['cronjobs', 'jobs'], READ),
  ],
  edit: [
    rule(
      [''],
      [
        'secrets',
        'pods',
        'pods/exec',
        'pods/attach',
        'pods/portforward',
        'configmaps',
        'services',
        'persistentvolumeclaims',
        'replicationcontrollers',
        'serviceaccounts',
      ],
      [...READ, ...WRITE],
    ),
    rule([''], ['serviceaccounts'], ['impersonate']),
    rule(['apps'], ['daemonsets', 'deployments', 'replicasets', 'statefulsets'], [...READ, ...WRITE]),
    rule(['batch'], ['cronjobs', 'jobs'], [...READ, ...WRITE]),
  ],
  admin: [rule(['rbac.authorization.k8s.io'], ['roles', 'rolebindings'], [...READ, ...WRITE])],
};
/** Built-in roles and the label that aggregates further ClusterRoles into each (admin ⊇ edit ⊇ view). */
const AGGREGATE_LABEL = 'rbac.authorization.k8s.io/aggregate-to-';
const INCLUDES: Readonly<Record<string, readonly string[]>> = { admin: ['edit'], edit: ['view'], view: [] };
/** The labels the built-in roles themselves carry (edit aggregates into admin, view into edit). */
const BUILT_IN_LABELS: Readonly<Record<string, Values>> = {
  'cluster-admin': {},
  admin: {},
  edit: { [`${AGGREGATE_LABEL}admin`]: 'true' },
  view: { [`${AGGREGATE_LABEL}edit`]: 'true' },
};
export const BUILT_IN_ADMIN_ROLES = ['cluster-admin', 'admin', 'edit'] as const;

interface ClusterRoleFacts {
  readonly role: RoleObject;
  readonly labels: Values | undefined;
  /** The `aggregation_rule` selectors (undefined when the role does not aggregate). */
  readonly selectors: readonly unknown[] | undefined;
}

const clusterRoles = perEnvironment((estate: Estate, environment: string): ClusterRoleFacts[] =>
  CLUSTER_ROLE_TYPES.flatMap((type) => estate.byType(type, environment)).map((resource: Resource) => {
    const labels = map(resource.values, 'metadata[0].labels');
    const aggregation = get(resource.values, 'aggregation_rule');
    return {
      role: roleObject(resource),
      labels: isUnknown(labels) ? undefined : labels,
      selectors:
        aggregation === undefined
          ? undefined
          : isUnknown(aggregation)
            ? [aggregation]
            : blocks(get(resource.values, 'aggregation_rule[0].cluster_role_selectors')),
    };
  }),
);

/** Rules of a ClusterRole by name: declared (with aggregation), or built in (with what aggregates into it). */
function clusterRoleRules(estate: Estate, environment: string, name: string, seen: Set<string> = new Set()): readonly RbacRule[] | undefined {
  if (seen.has(name)) return [];
  seen.add(name);
  const declared = clusterRoles(estate, environment).find((facts) => facts.role.name === name);
  if (declared) {
    if (!declared.selectors) return declared.role.rules;
    return [...declared.role.rules, ...aggregatedRules(estate, environment, declared.selectors, seen)];
  }
  const builtIn = BUILT_IN_RULES[name];
  if (!builtIn) return undefined;
  if (name === 'cluster-admin') return builtIn;
  const aggregated = clusterRoles(estate, environment)
    .filter((facts) => facts.labels?.[`${AGGREGATE_LABEL}${name}`] === 'true')
    .flatMap((facts) => facts.role.rules);
  const included = (INCLUDES[name] ?? []).flatMap((inner) => clusterRoleRules(estate, environment, inner, seen) ?? []);
  return [...builtIn, ...included, ...aggregated];
}

/** Rules of every ClusterRole (declared or built in) an aggregation selector picks. */
function aggregatedRules(estate: Estate, environment: string, selectors: readonly unknown[], seen: Set<string>): RbacRule[] {
  if (selectors.some(isUnknown)) return [rule([UNKNOWN], [UNKNOWN], [UNKNOWN])];
  const rules: RbacRule[] = [];
  for (const selector of selectors) {
    for (const facts of clusterRoles(estate, environment)) {
      if (labelSelectorMatches(selector, facts.labels ?? {}) === 'match') rules.push(...(clusterRoleRules(estate, environment, facts.role.name, seen) ?? []));
    }
    for (const [name, labels] of Object.entries(BUILT_IN_LABELS)) {
      if (labelSelectorMatches(selector, labels) === 'match') rules.push(...(clusterRoleRules(estate, environment, name, seen) ?? []));
    }
  }
  return rules;
}

/** What a binding grants, or undefined when it references a role this configuration does not declare. */
export function effectiveRules(estate: Estate, binding: BindingObject, roles: readonly RoleObject[]): readonly RbacRule[] | undefined {
  const { kind, name } = binding.roleRef;
  if (kind === UNKNOWN || name === UNKNOWN) return [rule([UNKNOWN], [UNKNOWN], [UNKNOWN])];
  if (kind === 'Role') return roles.find((role) => role.kind === 'Role' && role.name === name && role.namespace === binding.namespace)?.rules;
  return clusterRoleRules(estate, binding.resource.environment, name);
}

const grants = (granted: readonly string[], wanted: readonly string[]): boolean => granted.includes('*') || granted.some((value) => wanted.includes(value));
const hasUnknown = (rules: readonly RbacRule[]): boolean =>
  rules.some((entry) => [entry.apiGroups, entry.resources, entry.verbs].some((list) => list.includes(UNKNOWN)));

export type SecretAccess = { readonly reads: false } | { readonly reads: true; readonly how: string } | { readonly unknown: true };

/** Whether the rules let the subject read Secrets: get/list/watch on secrets (or `*`), or impersonation. */
export function secretAccess(rules: readonly RbacRule[]): SecretAccess {
  if (hasUnknown(rules)) return { unknown: true };
  for (const entry of rules) {
    if (grants(entry.apiGroups, ['']) && grants(entry.resources, ['secrets']) && grants(entry.verbs, READ)) {
      const verbs = entry.verbs.includes('*') ? '*' : entry.verbs.filter((verb) => READ.includes(verb)).join('/');
      return {
        reads: true,
        how: `${verbs} on ${entry.resources.includes('*') ? '* (every resource, Secrets included)' : 'secrets'}${entry.apiGroups.includes('*') ? ' in every API group' : ''}${entry.resourceNames.length ? ` [${entry.resourceNames.join(', ')}]` : ''}`,
      };
    }
    if (grants(entry.verbs, ['impersonate']) && grants(entry.resources, ['users', 'groups', 'serviceaccounts'])) {
      return { reads: true, how: `impersonate on ${entry.resources.join(', ')} (acting as another subject, whose Secrets it then reads)` };
    }
  }
  return { reads: false };
}

/** Whether the rules amount to one of the built-in administrator roles: everything on everything. */
export function isEverything(rules: readonly RbacRule[]): boolean {
  return rules.some((entry) => entry.apiGroups.includes('*') && entry.resources.includes('*') && entry.verbs.includes('*'));
}

/**
 * Why a ClusterRole grants what a built-in administrator role grants (it is one, aggregates one, or
 * allows everything), or undefined.
 */
export function adminEquivalence(estate: Estate, binding: BindingObject): string | undefined {
  const { kind, name } = binding.roleRef;
  if (kind !== 'ClusterRole') return undefined;
  if (
    (BUILT_IN_ADMIN_ROLES as readonly string[]).includes(name) &&
    !clusterRoles(estate, binding.resource.environment).some((facts) => facts.role.name === name)
  ) {
    return `the built-in ClusterRole ${name}`;
  }
  const declared = clusterRoles(estate, binding.resource.environment).find((facts) => facts.role.name === name);
  if (!declared) return undefined;
  for (const selector of declared.selectors ?? []) {
    for (const admin of BUILT_IN_ADMIN_ROLES) {
      if (admin !== 'cluster-admin' && labelSelectorMatches(selector, { [`${AGGREGATE_LABEL}${admin}`]: 'true' }) === 'match') {
        return `ClusterRole ${name}, which aggregates the roles of ${admin} (aggregation_rule selects ${AGGREGATE_LABEL}${admin})`;
      }
    }
  }
  const rules = clusterRoleRules(estate, binding.resource.environment, name);
  if (rules && isEverything(rules)) return `ClusterRole ${name}, which grants every verb on every resource (cluster-admin in all but name)`;
  return undefined;
}

/** Subresources that put a person inside a running pod: a shell, its terminal, its ports. */
const POD_SHELL_SUBRESOURCES = ['exec', 'attach', 'portforward'];

/** Whether an RBAC rule's resources cover `resource/subresource` (`*`, the exact name, or a wildcard resource with the subresource). */
const coversSubresource = (resources: readonly string[], resource: string, subresource: string): boolean =>
  resources.some((entry) => entry === '*' || entry === `${resource}/${subresource}` || entry === `*/${subresource}`);

export type PodShellAccess = { readonly shell: false } | { readonly shell: true; readonly how: string } | { readonly unknown: true };

/**
 * Whether the rules let the subject into running pods: exec, attach or port-forward (`create`, or `get`
 * for the WebSocket upgrade), adding an ephemeral (debug) container, the kubelet API through
 * `nodes/proxy` (cluster-wide grants only: nodes have no namespace), or impersonating someone who can.
 */
export function podShellAccess(rules: readonly RbacRule[], clusterWide: boolean): PodShellAccess {
  if (hasUnknown(rules)) return { unknown: true };
  for (const entry of rules) {
    if (!grants(entry.apiGroups, [''])) continue;
    const names = entry.resourceNames.length ? ` [${entry.resourceNames.join(', ')}]` : '';
    const via = POD_SHELL_SUBRESOURCES.filter((subresource) => coversSubresource(entry.resources, 'pods', subresource));
    if (via.length && grants(entry.verbs, ['create', 'get'])) {
      return {
        shell: true,
        how: `${entry.verbs.includes('*') ? '*' : entry.verbs.filter((verb) => verb === 'create' || verb === 'get').join('/')} on ${via.map((subresource) => `pods/${subresource}`).join(', ')}${entry.resources.includes('*') ? ' (through *)' : ''}${names}`,
      };
    }
    if (coversSubresource(entry.resources, 'pods', 'ephemeralcontainers') && grants(entry.verbs, ['update', 'patch'])) {
      return { shell: true, how: `update/patch on pods/ephemeralcontainers (a debug container with a shell)${names}` };
    }
    if (clusterWide && coversSubresource(entry.resources, 'nodes', 'proxy') && grants(entry.verbs, ['create', 'get'])) {
      return { shell: true, how: 'nodes/proxy (the kubelet API runs commands in every pod of the node)' };
    }
    if (grants(entry.verbs, ['impersonate']) && grants(entry.resources, ['users', 'groups', 'serviceaccounts'])) {
      return { shell: true, how: `impersonate on ${entry.resources.join(', ')} (acting as a subject that may exec)` };
    }
  }
  return { shell: false };
}
