/**
 * The quarterly access review as a diff: which permissions (role × namespace × resource × verb) and
 * which group memberships of roles appeared or disappeared since the previous quarter's matrix.
 */
import type { PermissionMatrix } from './matrix';

export interface PermissionChange {
  readonly role: string;
  readonly namespace: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly verbs: readonly string[];
}

export interface SubjectChange {
  readonly role: string;
  readonly binding: string;
  readonly subject: string;
}

export interface MatrixDiff {
  readonly environment: string;
  readonly previousEnvironment: string;
  readonly added: readonly PermissionChange[];
  readonly removed: readonly PermissionChange[];
  readonly subjectsAdded: readonly SubjectChange[];
  readonly subjectsRemoved: readonly SubjectChange[];
}

const key = (row: { role: string; namespace: string; apiGroup: string; resource: string }): string =>
  [row.role, row.namespace, row.apiGroup, row.resource].join('\u0000');

function verbsByKey(matrix: PermissionMatrix): Map<string, { row: PermissionChange; verbs: Set<string> }> {
  return new Map(matrix.permissions.map((row) => [key(row), { row, verbs: new Set(row.verbs) }]));
}

/** Verbs present in `from` but not in `to`, per row. */
function missing(from: PermissionMatrix, to: PermissionMatrix): PermissionChange[] {
  const target = verbsByKey(to);
  const changes: PermissionChange[] = [];
  for (const row of from.permissions) {
    const present = target.get(key(row))?.verbs ?? new Set<string>();
    const verbs = row.verbs.filter((verb) => !present.has(verb));
    if (verbs.length) changes.push({ role: row.role, namespace: row.namespace, apiGroup: row.apiGroup, resource: row.resource, verbs });
  }
  return changes;
}

function memberships(matrix: PermissionMatrix): Map<string, SubjectChange> {
  const all = new Map<string, SubjectChange>();
  for (const binding of matrix.bindings) {
    for (const subject of binding.subjects)
      all.set(`${binding.role}\u0000${binding.binding}\u0000${subject}`, { role: binding.role, binding: binding.binding, subject });
  }
  return all;
}

export function diffMatrices(previous: PermissionMatrix, current: PermissionMatrix): MatrixDiff {
  const before = memberships(previous);
  const after = memberships(current);
  return {
    environment: current.environment,
    previousEnvironment: previous.environment,
    added: missing(current, previous),
    removed: missing(previous, current),
    subjectsAdded: [...after].filter(([id]) => !before.has(id)).map(([, change]) => change),
    subjectsRemoved: [...before].filter(([id]) => !after.has(id)).map(([, change]) => change),
  };
}

export const isEmptyDiff = (diff: MatrixDiff): boolean =>
  diff.added.length + diff.removed.length + diff.subjectsAdded.length + diff.subjectsRemoved.length === 0;
