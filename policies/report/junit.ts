/**
 * policy.junit.xml: one test case per rule × resource, so CI dashboards (GitLab, Jenkins, Azure DevOps)
 * show policy results beside unit tests. One <testsuite> per environment; classname = rule id,
 * name = `environment/resource`.
 *
 * - fail → <failure> (type = severity, body = message, remediation and controls)
 * - not-applicable → <skipped>
 * - waived → PASSED, with a <system-out> note naming reason, approver and expiry: a waiver is an accepted,
 *   approved result, so it must not turn the build red, yet it stays visible in the test's output.
 * When a rule reports several results for one resource (e.g. one per container), they merge into one
 * case whose status is the worst of them.
 *
 * The XML is written by hand (a few elements and one escaping function) rather than through a builder
 * library, because the format is tiny; `escapeXml` also drops characters XML 1.0 cannot carry.
 */
import type { Finding, FindingStatus } from '../model';
import type { ComplianceReport } from './model';
import { defaultTool, evidenceLine, formatControls, reportEnvironments } from './summary';

// Characters outside the XML 1.0 Char production (control characters, lone surrogates, U+FFFE/U+FFFF).
const INVALID_XML_CHARS = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values additionally keep their line breaks (an attribute's raw newline is read as a space). */
const attribute = (text: string): string => escapeXml(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

interface TestCase {
  readonly ruleId: string;
  readonly environment: string;
  readonly resource: string;
  readonly findings: Finding[];
}

const STATUS_ORDER: readonly FindingStatus[] = ['fail', 'waived', 'pass', 'not-applicable'];

function caseStatus(testCase: TestCase): FindingStatus {
  return STATUS_ORDER.find((status) => testCase.findings.some((finding) => finding.status === status)) ?? 'not-applicable';
}

export function renderJunit(report: ComplianceReport): string {
  const rulesById = new Map(report.rules.map((rule) => [rule.id, rule]));
  const cases = new Map<string, TestCase>();
  for (const finding of report.findings) {
    const key = JSON.stringify([finding.environment, finding.ruleId, finding.resource]);
    let testCase = cases.get(key);
    if (!testCase) cases.set(key, (testCase = { ruleId: finding.ruleId, environment: finding.environment, resource: finding.resource, findings: [] }));
    testCase.findings.push(finding);
  }

  const evidenceProperties = [...report.rules]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((rule) => {
      return `      <property name="${attribute(`evidence:${rule.id}`)}" value="${attribute(evidenceLine(report.ruleEvidence[rule.id]))}"/>`;
    });

  let totals = { tests: 0, failures: 0, skipped: 0 };
  const suites = reportEnvironments(report).map((environment, index) => {
    const suiteCases = [...cases.values()]
      .filter((testCase) => testCase.environment === environment)
      .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.resource.localeCompare(b.resource));
    const counts = { tests: suiteCases.length, failures: 0, skipped: 0 };
    const body = suiteCases.map((testCase) => {
      const status = caseStatus(testCase);
      const open = `    <testcase classname="${attribute(testCase.ruleId)}" name="${attribute(`${environment}/${testCase.resource}`)}" time="0">`;
      const rule = rulesById.get(testCase.ruleId);
      const relevant = testCase.findings.filter((finding) => finding.status === status);
      const messages = relevant.map((finding) => finding.message).join('\n');
      if (status === 'fail') {
        counts.failures += 1;
        const first = relevant[0]!;
        const text = [messages, rule ? `How to fix: ${rule.remediation}` : '', `Controls: ${formatControls(first.controls)}`, `File: ${first.file}`]
          .filter(Boolean)
          .join('\n');
        return `${open}\n      <failure message="${attribute(relevant.length === 1 ? first.message : `${relevant.length} failures: ${first.message}`)}" type="${attribute(first.severity)}">${escapeXml(text)}</failure>\n    </testcase>`;
      }
      if (status === 'not-applicable') {
        counts.skipped += 1;
        return `${open}\n      <skipped message="${attribute(`not applicable: ${messages}`)}"/>\n    </testcase>`;
      }
      if (status === 'waived') {
        const notes = relevant.map(
          (finding) =>
            `WAIVED (counted as passed): ${finding.message}\nReason: ${finding.waiver?.reason ?? 'unknown'}\nApprover: ${finding.waiver?.approver ?? 'unknown'}\nExpires: ${finding.waiver?.expires ?? 'unknown'}`,
        );
        return `${open}\n      <system-out>${escapeXml(notes.join('\n\n'))}</system-out>\n    </testcase>`;
      }
      return `${open}</testcase>`;
    });
    totals = { tests: totals.tests + counts.tests, failures: totals.failures + counts.failures, skipped: totals.skipped + counts.skipped };
    return [
      `  <testsuite name="${attribute(`policy/${environment}`)}" tests="${counts.tests}" failures="${counts.failures}" errors="0" skipped="${counts.skipped}" time="0" timestamp="${attribute(report.generatedAt.slice(0, 19))}" hostname="policy-engine" id="${index}" package="${attribute(`policy.${environment}`)}">`,
      '    <properties>',
      `      <property name="environment" value="${attribute(environment)}"/>`,
      ...evidenceProperties,
      '    </properties>',
      ...body,
      '    <system-out/>',
      '    <system-err/>',
      '  </testsuite>',
    ].join('\n');
  });

  const tool = defaultTool(report);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attribute(`${tool.name} ${tool.version}`)}" tests="${totals.tests}" failures="${totals.failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
