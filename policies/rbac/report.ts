/** Permission reports: `reports/<env>-permissions.json` (the data the next review diffs) and `.md`. */
import { z } from 'zod';
import type { Estate } from '../model';
import { isEmptyDiff, type MatrixDiff, type PermissionChange } from './diff';
import { ALL_NAMESPACES, MATRIX_FORMAT, permissionMatrix, type PermissionMatrix } from './matrix';

export interface ReportFile {
  readonly fileName: string;
  readonly content: string;
}

const cell = (value: string): string => value.replaceAll('|', '\\|');
const group = (apiGroup: string): string => (apiGroup === '' ? 'core' : apiGroup);
const scope = (namespace: string): string => (namespace === ALL_NAMESPACES ? 'all namespaces (cluster-wide)' : namespace);

export const matrixJson = (matrix: PermissionMatrix): string => `${JSON.stringify(matrix, null, 2)}\n`;

function changeTable(title: string, changes: readonly PermissionChange[]): string[] {
  if (changes.length === 0) return [];
  return [
    `### ${title}`,
    '',
    '| role | namespace | API group | resource | verbs |',
    '| --- | --- | --- | --- | --- |',
    ...changes.map(
      (change) =>
        `| ${cell(change.role)} | ${cell(scope(change.namespace))} | ${group(change.apiGroup)} | ${cell(change.resource)} | ${change.verbs.join(', ')} |`,
    ),
    '',
  ];
}

/** The diff as Markdown: what a reviewer signs off each quarter. */
export function diffMarkdown(diff: MatrixDiff, previousLabel: string): string {
  const lines = [`## Changes since ${previousLabel}`, ''];
  if (isEmptyDiff(diff)) return [...lines, 'No permission or membership changed.', ''].join('\n');
  lines.push(
    `${diff.added.length} permission row(s) gained verbs, ${diff.removed.length} lost verbs; ` +
      `${diff.subjectsAdded.length} subject(s) added to and ${diff.subjectsRemoved.length} removed from bindings.`,
    '',
  );
  lines.push(...changeTable('Granted since', diff.added), ...changeTable('Revoked since', diff.removed));
  const subjects = [
    ...diff.subjectsAdded.map((change) => ({ ...change, change: 'added' })),
    ...diff.subjectsRemoved.map((change) => ({ ...change, change: 'removed' })),
  ];
  if (subjects.length) {
    lines.push('### Members of bindings', '', '| change | role | binding | subject |', '| --- | --- | --- | --- |');
    for (const entry of subjects) lines.push(`| ${entry.change} | ${cell(entry.role)} | ${cell(entry.binding)} | ${cell(entry.subject)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

export function matrixMarkdown(matrix: PermissionMatrix, diff?: { diff: MatrixDiff; previousLabel: string }): string {
  const roles = [...new Set(matrix.bindings.map((binding) => binding.role))];
  const lines = [
    `# Permissions — ${matrix.environment}`,
    '',
    'Role × namespace × resource × verb, computed from the synthesized RBAC objects (Roles, ClusterRoles and their bindings).',
    "Review quarterly as a diff: `npm run audit:permissions -- --previous <last quarter's JSON>`.",
    '',
  ];
  if (diff) lines.push(diffMarkdown(diff.diff, diff.previousLabel));
  lines.push('## Bindings', '', '| role | binding | references | subjects | expires |', '| --- | --- | --- | --- | --- |');
  for (const binding of matrix.bindings) {
    lines.push(
      `| ${cell(binding.role)} | ${cell(binding.binding)} | ${cell(binding.roleRef)} | ${cell(binding.subjects.join(', '))} | ${binding.expires ?? ''} |`,
    );
  }
  lines.push('');
  for (const role of roles) {
    lines.push(`## ${role}`, '', '| namespace | API group | resource | verbs |', '| --- | --- | --- | --- |');
    for (const row of matrix.permissions.filter((permission) => permission.role === role)) {
      lines.push(`| ${cell(scope(row.namespace))} | ${group(row.apiGroup)} | ${cell(row.resource)} | ${row.verbs.join(', ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The permission reports of every environment of the estate (the lead writes them to `reports/`). */
export function permissionReports(estate: Estate): ReportFile[] {
  return [...estate.environments].sort().flatMap((environment) => {
    const matrix = permissionMatrix(estate, environment);
    return [
      { fileName: `${environment}-permissions.json`, content: matrixJson(matrix) },
      { fileName: `${environment}-permissions.md`, content: matrixMarkdown(matrix) },
    ];
  });
}

const matrixSchema = z.object({
  format: z.literal(MATRIX_FORMAT),
  environment: z.string(),
  bindings: z.array(
    z.object({
      role: z.string(),
      binding: z.string(),
      address: z.string(),
      roleRef: z.string(),
      namespace: z.string(),
      subjects: z.array(z.string()),
      expires: z.string().optional(),
    }),
  ),
  permissions: z.array(z.object({ role: z.string(), namespace: z.string(), apiGroup: z.string(), resource: z.string(), verbs: z.array(z.string()) })),
});

export class MatrixFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatrixFileError';
  }
}

/** Reads a previous quarter's `<env>-permissions.json`; problems name the file and the key path. */
export function parseMatrix(text: string, file: string): PermissionMatrix {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new MatrixFileError(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = matrixSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MatrixFileError(`${file}: ${issue.path.join('.') || '(document)'}: ${issue.message}`);
  }
  return parsed.data as PermissionMatrix;
}
