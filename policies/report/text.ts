/**
 * The terminal format of `npm run check` and the gate in `npm run synth`: verdict and counts first, then
 * each blocking finding with rule, resource, environment, message and how to fix, then warnings and
 * waived findings, then waivers that need attention.
 */
import type { Finding } from '../model';
import type { ComplianceReport } from './model';
import { WAIVER_EXPIRY_WARNING_DAYS, blockingSeveritiesFor, daysUntil, environmentSummaries, gateVerdict, isBlocking, sortFindings } from './summary';

function describe(finding: Finding, remediation: ReadonlyMap<string, string>): string {
  const lines = [
    `  [${finding.severity}] ${finding.ruleId}  ${finding.environment}  ${finding.resource}`,
    `      ${finding.message.replace(/\r?\n/g, '\n      ')}`,
    `      file: ${finding.file}`,
  ];
  const fix = remediation.get(finding.ruleId);
  if (finding.status === 'fail' && fix) lines.push(`      fix:  ${fix}`);
  if (finding.waiver) lines.push(`      waived by ${finding.waiver.approver} until ${finding.waiver.expires}: ${finding.waiver.reason}`);
  return lines.join('\n');
}

export function renderText(report: ComplianceReport): string {
  const remediation = new Map(report.rules.map((rule) => [rule.id, rule.remediation]));
  const findings = sortFindings(report, report.findings);
  const blocking = findings.filter((finding) => isBlocking(report, finding));
  const warnings = findings.filter((finding) => finding.status === 'fail' && !isBlocking(report, finding));
  const waived = findings.filter((finding) => finding.status === 'waived');
  const out: string[] = [];

  out.push(
    gateVerdict(report) === 'blocked'
      ? `Policy gate: BLOCKED — ${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'}`
      : 'Policy gate: PASSED — no blocking findings',
  );
  out.push('');
  // The last column says which severities block there: prod's gate may be stricter than the default.
  const rows = [['environment', 'passed', 'failed', 'waived', 'n/a', 'blocking', 'blocks on']];
  for (const { environment, counts, blocking: count } of environmentSummaries(report)) {
    rows.push([
      ...[environment, counts.passed, counts.failed, counts.waived, counts.notApplicable, count].map(String),
      blockingSeveritiesFor(report, environment).join(','),
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const last = rows[0]!.length - 1;
  for (const row of rows)
    out.push(
      `  ${row.map((value, column) => (column === 0 || column === last ? value.padEnd(column === last ? 0 : widths[column]!) : value.padStart(widths[column]!))).join('  ')}`,
    );

  const block = (title: string, list: readonly Finding[]) => {
    if (list.length === 0) return;
    out.push('', `${title} (${list.length}):`);
    for (const finding of list) out.push(describe(finding, remediation));
  };
  block('Blocking findings', blocking);
  block('Warnings (not blocking)', warnings);
  block('Waived findings', waived);

  const attention = report.waivers.filter((waiver) => {
    const days = daysUntil(waiver.expires, report.generatedAt);
    return waiver.status !== 'active' || (days !== undefined && days <= WAIVER_EXPIRY_WARNING_DAYS);
  });
  if (attention.length) {
    out.push('', `Waivers needing attention (${attention.length}):`);
    for (const waiver of attention) {
      const days = daysUntil(waiver.expires, report.generatedAt);
      out.push(
        `  ${waiver.status}: ${waiver.rule}  ${waiver.environment}  ${waiver.resource}  expires ${waiver.expires}` +
          (days !== undefined && days >= 0 ? ` (${days} days left)` : '') +
          (waiver.problem ? ` — ${waiver.problem}` : ''),
      );
    }
  }
  return `${out.join('\n')}\n`;
}
