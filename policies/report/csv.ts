/**
 * compliance.csv: one row per finding, for spreadsheets. Quoting follows RFC 4180 (csv-stringify, CRLF
 * records, quotes only where needed); cells a spreadsheet would run as a formula are neutralised.
 */
import { stringify } from 'csv-stringify/sync';
import type { ComplianceReport } from './model';
import { clausesOf, evidenceLine, isBlocking, sortFindings } from './summary';

export const CSV_COLUMNS = [
  'environment',
  'ruleId',
  'severity',
  'status',
  'blocking',
  'resource',
  'file',
  'message',
  'mlps',
  'hipaa',
  'pipl',
  'operationsPlan',
  'waiverReason',
  'waiverApprover',
  'waiverExpires',
  'ruleEvidence',
] as const;

/**
 * OWASP "CSV injection": a cell starting with = + - @ (or a tab / carriage return, which some
 * spreadsheets skip before evaluating) is prefixed with an apostrophe so it stays text.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function renderCsv(report: ComplianceReport): string {
  const rows = sortFindings(report, report.findings).map((finding) => [
    finding.environment,
    finding.ruleId,
    finding.severity,
    finding.status,
    isBlocking(report, finding) ? 'yes' : 'no',
    finding.resource,
    finding.file,
    finding.message,
    clausesOf(finding.controls, 'mlps').join(', '),
    clausesOf(finding.controls, 'hipaa').join(', '),
    clausesOf(finding.controls, 'pipl').join(', '),
    clausesOf(finding.controls, 'operationsPlan').join(', '),
    finding.waiver?.reason ?? '',
    finding.waiver?.approver ?? '',
    finding.waiver?.expires ?? '',
    evidenceLine(report.ruleEvidence[finding.ruleId]),
  ]);
  return stringify([[...CSV_COLUMNS], ...rows.map((row) => row.map(neutraliseFormula))], { record_delimiter: 'windows' });
}
