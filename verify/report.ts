import type { CheckResult } from './result';

export interface VerifyReport {
  readonly environment: string;
  readonly server: string;
  readonly checkedAt: string;
  readonly passed: boolean;
  readonly summary: { readonly pass: number; readonly fail: number };
  readonly results: readonly CheckResult[];
}

export function buildReport(environment: string, server: string, checkedAt: Date, results: readonly CheckResult[]): VerifyReport {
  const failed = results.filter((result) => result.status === 'fail').length;
  return {
    environment,
    server,
    checkedAt: checkedAt.toISOString(),
    passed: failed === 0,
    summary: { pass: results.length - failed, fail: failed },
    results,
  };
}

const COLUMNS = ['CHECK', 'SUBJECT', 'STATUS', 'DETAIL'] as const;

/** A plain-text table for terminals and CI logs: one row per result, then a one-line verdict. */
export function renderTable(report: VerifyReport): string {
  const rows = report.results.map((result) => [result.check, result.subject, result.status.toUpperCase(), result.detail]);
  const widths = COLUMNS.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const verdict = report.passed
    ? `${report.environment}: all ${report.summary.pass} checks passed`
    : `${report.environment}: ${report.summary.fail} of ${report.results.length} checks FAILED`;
  return [
    `Post-deploy verification of ${report.environment} (${report.server}) at ${report.checkedAt}`,
    '',
    line(COLUMNS),
    ...rows.map(line),
    '',
    verdict,
    '',
  ].join('\n');
}

export const renderJson = (report: VerifyReport): string => `${JSON.stringify(report, null, 2)}\n`;
