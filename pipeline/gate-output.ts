import type { Finding, RuleMetadata } from '../policies';

/**
 * How the gate speaks to the person who ran `npm run synth` or `cdktf deploy`: every blocking finding
 * with rule, resource, environment, message and how to fix it; warnings counted.
 */
export function formatGateFindings(blocking: readonly Finding[], warnings: readonly Finding[], rules: readonly RuleMetadata[]): string {
  const remediation = new Map(rules.map((rule) => [rule.id, rule.remediation]));
  const lines: string[] = [];
  if (blocking.length > 0) {
    lines.push(`Policy gate: ${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'} — nothing is deployed until they are fixed or waived:`);
    for (const finding of blocking) {
      lines.push(
        '',
        `✖ [${finding.severity}] ${finding.ruleId}`,
        `  resource:    ${finding.resource}`,
        `  environment: ${finding.environment}  (${finding.file})`,
        `  message:     ${finding.message}`,
        `  how to fix:  ${remediation.get(finding.ruleId) ?? 'see the rule documentation'}`,
      );
    }
    lines.push('');
  }
  if (warnings.length > 0) {
    lines.push(`Policy gate: ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (not blocking; listed in reports/compliance.md).`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
