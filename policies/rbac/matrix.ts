/**
 * The permission matrix: role × namespace × resource × verb, computed from the synthesized RBAC
 * objects (never from the constructs), so the quarterly access review reads what would be applied.
 */
import { ACCESS_ANNOTATIONS } from '../../contract';
import type { Estate } from '../model';
import { rbacObjects, rulesOf, subjectKey, UNKNOWN, type BindingObject } from './objects';

export const MATRIX_FORMAT = 'hospital-permission-matrix/1';
/** Annotation naming the operations role a binding stands for (set by the access-control construct). */
export const ROLE_ANNOTATION = ACCESS_ANNOTATIONS.role;
export const EXPIRES_ANNOTATION = ACCESS_ANNOTATIONS.expires;
/** Namespace column value of cluster-wide grants (every namespace, and cluster-scoped resources). */
export const ALL_NAMESPACES = '*';
export const NON_RESOURCE = '(non-resource URL)';

export interface BindingRow {
  readonly role: string;
  readonly binding: string;
  readonly address: string;
  readonly roleRef: string;
  readonly namespace: string;
  readonly subjects: readonly string[];
  readonly expires?: string;
}

export interface PermissionRow {
  readonly role: string;
  readonly namespace: string;
  /** API group ('' is the core group), or NON_RESOURCE. */
  readonly apiGroup: string;
  readonly resource: string;
  readonly verbs: readonly string[];
}

export interface PermissionMatrix {
  readonly format: typeof MATRIX_FORMAT;
  readonly environment: string;
  readonly bindings: readonly BindingRow[];
  readonly permissions: readonly PermissionRow[];
}

/** The role a binding stands for: its operations-role annotation, else the role it references. */
export const roleOfBinding = (binding: BindingObject): string => binding.annotations[ROLE_ANNOTATION] ?? binding.roleRef.name;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const rowKey = (row: Omit<PermissionRow, 'verbs'>): string => [row.role, row.namespace, row.apiGroup, row.resource].join('\u0000');

export function permissionMatrix(estate: Estate, environment: string): PermissionMatrix {
  const { roles, bindings } = rbacObjects(estate, environment);
  const bindingRows: BindingRow[] = [];
  const verbs = new Map<string, { row: Omit<PermissionRow, 'verbs'>; verbs: Set<string> }>();

  for (const binding of bindings) {
    const role = roleOfBinding(binding);
    const namespace = binding.namespace ?? ALL_NAMESPACES;
    const expires = binding.annotations[EXPIRES_ANNOTATION];
    bindingRows.push({
      role,
      binding: `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name}`,
      address: binding.resource.address,
      roleRef: `${binding.roleRef.kind}/${binding.roleRef.name}`,
      namespace,
      subjects: binding.subjects.map(subjectKey).sort(byText),
      ...(expires ? { expires } : {}),
    });
    const rules = rulesOf(binding, roles) ?? [
      // A role the input does not declare: shown, not guessed.
      { apiGroups: [UNKNOWN], resources: [`${binding.roleRef.name} (not declared)`], verbs: [UNKNOWN], resourceNames: [], nonResourceUrls: [] },
    ];
    for (const rule of rules) {
      const targets = [
        ...rule.apiGroups.flatMap((apiGroup) =>
          rule.resources.map((resource) => ({
            apiGroup,
            resource: rule.resourceNames.length ? `${resource} [${rule.resourceNames.join(', ')}]` : resource,
          })),
        ),
        ...rule.nonResourceUrls.map((url) => ({ apiGroup: NON_RESOURCE, resource: url })),
      ];
      for (const target of targets) {
        const row = { role, namespace, ...target };
        const key = rowKey(row);
        const entry = verbs.get(key) ?? { row, verbs: new Set<string>() };
        for (const verb of rule.verbs) entry.verbs.add(verb);
        verbs.set(key, entry);
      }
    }
  }

  const permissions = [...verbs.values()].map(({ row, verbs: set }) => ({ ...row, verbs: [...set].sort(byText) })).sort((a, b) => byText(rowKey(a), rowKey(b)));
  bindingRows.sort((a, b) => byText(`${a.role}\u0000${a.binding}`, `${b.role}\u0000${b.binding}`));
  return { format: MATRIX_FORMAT, environment, bindings: bindingRows, permissions };
}

const matches = (granted: string, wanted: string): boolean => granted === '*' || granted === wanted;

/**
 * Whether `role` may `verb` the `resource` (plural, e.g. `deployments`, `pods/exec`) of `apiGroup` in
 * `namespace` according to the matrix (cluster-wide grants count everywhere).
 */
export function can(matrix: PermissionMatrix, query: { role: string; verb: string; resource: string; namespace: string; apiGroup?: string }): boolean {
  return matrix.permissions.some(
    (row) =>
      row.role === query.role &&
      (row.namespace === ALL_NAMESPACES || row.namespace === query.namespace) &&
      (query.apiGroup === undefined || matches(row.apiGroup, query.apiGroup)) &&
      matches(row.resource, query.resource) &&
      row.verbs.some((verb) => matches(verb, query.verb)),
  );
}

/** The namespaces in which a role holds any permission (`*` for cluster-wide grants). */
export const namespacesOf = (matrix: PermissionMatrix, role: string): string[] =>
  [...new Set(matrix.permissions.filter((row) => row.role === role).map((row) => row.namespace))].sort(byText);
