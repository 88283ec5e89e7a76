/**
 * policy.sarif: SARIF 2.1.0 for GitHub code scanning and IDE viewers, built with node-sarif-builder.
 *
 * - One reportingDescriptor per rule: id, PascalCase name, title as short description, rationale as full
 *   description, remediation and the rule's fixture results as help, severity/controls/tags in properties
 *   (`security-severity` is the number GitHub ranks security alerts by).
 * - One result per failed or waived finding (passes and not-applicable results are in the other
 *   reports). Level: critical/high → error, medium → warning, low → note.
 * - Location: the finding's file as artifact URI (a `region` with the line when the engine knows it,
 *   line 1 otherwise: code scanning needs a start line), and the Terraform address as logical location.
 * - Waived findings carry an external, accepted suppression with the waiver's reason, approver, expiry.
 */
import { createHash } from 'node:crypto';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Result } from 'sarif';
import type { Finding, RuleMetadata, Severity } from '../model';
import type { ComplianceReport } from './model';
import { FRAMEWORKS, clausesOf, defaultTool, fixtureLabel, formatControls, isBlocking, sortFindings } from './summary';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** GitHub's scale: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** `workload/no-privileged` → `WorkloadNoPrivileged` (SARIF names are identifier-like, distinct from ids). */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** Artifact URIs are relative URI references: forward slashes, percent-encoded segments. */
export function artifactUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function ruleTags(rule: RuleMetadata): string[] {
  const tags = ['security', 'compliance', 'terraform', rule.id.split('/')[0]!];
  for (const { key } of FRAMEWORKS) {
    if (key === 'operationsPlan') continue;
    for (const clause of clausesOf(rule.controls, key)) tags.push(`${key}:${clause}`);
  }
  return [...new Set(tags)];
}

function ruleHelp(report: ComplianceReport, rule: RuleMetadata): { text: string; markdown: string } {
  const evidence = report.ruleEvidence[rule.id];
  const fixtures = evidence?.fixtures.map((fixture) => fixtureLabel(fixture)) ?? [];
  const evidenceText = evidence ? [`${evidence.summary} (${evidence.source})`, ...fixtures].join('\n') : 'No fixture results recorded for this rule.';
  const evidenceMarkdown = evidence
    ? [`${evidence.summary} (\`${evidence.source}\`)`, ...fixtures.map((name) => `- ${name}`)].join('\n')
    : '_No fixture results recorded for this rule._';
  return {
    text: `${rule.rationale}\n\nHow to fix: ${rule.remediation}\n\nControls: ${formatControls(rule.controls)}\n\nFixture results:\n${evidenceText}`,
    markdown: `${rule.rationale}\n\n**How to fix:** ${rule.remediation}\n\n**Controls:** ${formatControls(rule.controls)}\n\n**Fixture results:**\n${evidenceMarkdown}`,
  };
}

/** Stable across runs for the same rule, environment and resource, so code scanning tracks one alert. */
function fingerprint(finding: Finding): string {
  return createHash('sha256')
    .update(JSON.stringify([finding.ruleId, finding.environment, finding.resource]))
    .digest('hex')
    .slice(0, 32);
}

export function renderSarif(report: ComplianceReport): string {
  const tool = defaultTool(report);
  const run = new SarifRunBuilder({
    invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
    columnKind: 'utf16CodeUnits',
    properties: { environments: [...report.environments] },
  }).initSimple({ toolDriverName: tool.name, toolDriverVersion: tool.version, url: tool.informationUri });
  run.run.tool.driver.semanticVersion = tool.version;

  const knownRules = new Set<string>();
  for (const rule of [...report.rules].sort((a, b) => a.id.localeCompare(b.id))) {
    knownRules.add(rule.id);
    run.addRule(
      new SarifRuleBuilder({
        id: rule.id,
        name: ruleName(rule.id),
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.rationale },
        help: ruleHelp(report, rule),
        defaultConfiguration: { level: LEVEL[rule.severity] },
        properties: {
          severity: rule.severity,
          'security-severity': SECURITY_SEVERITY[rule.severity],
          precision: 'very-high',
          'problem.severity': rule.severity === 'low' ? 'recommendation' : LEVEL[rule.severity] === 'error' ? 'error' : 'warning',
          controls: rule.controls,
          resourceTypes: [...rule.resourceTypes],
          ...(report.ruleEvidence[rule.id] ? { evidence: report.ruleEvidence[rule.id] } : {}),
          tags: ruleTags(rule),
        },
      }),
    );
  }

  const reported = sortFindings(
    report,
    report.findings.filter((finding) => finding.status === 'fail' || finding.status === 'waived'),
  );
  for (const finding of reported) {
    const line = typeof finding.details?.line === 'number' && finding.details.line >= 1 ? Math.floor(finding.details.line) : 1;
    const result = new SarifResultBuilder({
      ruleId: finding.ruleId,
      level: LEVEL[finding.severity],
      kind: 'fail',
      message: { text: `${finding.message} (${finding.environment}: ${finding.resource})` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: artifactUri(finding.file) }, region: { startLine: line } },
          logicalLocations: [{ name: finding.resource, fullyQualifiedName: `${finding.environment}::${finding.resource}`, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'policyFinding/v1': fingerprint(finding) },
      properties: {
        environment: finding.environment,
        resource: finding.resource,
        severity: finding.severity,
        blocking: isBlocking(report, finding),
      },
      suppressions:
        finding.status === 'waived'
          ? [
              {
                kind: 'external',
                status: 'accepted',
                justification: finding.waiver?.reason ?? 'waived',
                properties: { approver: finding.waiver?.approver, expires: finding.waiver?.expires },
              },
            ]
          : undefined,
    });
    // A finding of a rule missing from `rules` (e.g. the engine's own waiver-file findings) still gets a
    // descriptor, so every result resolves to one.
    if (!knownRules.has(finding.ruleId)) {
      knownRules.add(finding.ruleId);
      run.addRule(
        new SarifRuleBuilder({
          id: finding.ruleId,
          name: ruleName(finding.ruleId),
          shortDescription: { text: finding.ruleId },
          fullDescription: { text: `Findings reported by the policy engine under ${finding.ruleId}.` },
          help: { text: finding.message },
          defaultConfiguration: { level: LEVEL[finding.severity] },
          properties: { severity: finding.severity, 'security-severity': SECURITY_SEVERITY[finding.severity], tags: ['security', 'compliance'] },
        }),
      );
    }
    run.addResult(result);
  }

  const sarif = new SarifBuilder({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' });
  sarif.addRun(run);
  return `${sarif.buildSarifJsonString({ indent: true })}\n`;
}
