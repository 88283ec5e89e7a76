/**
 * compliance.html: one self-contained file an auditor opens offline. Inline CSS, no scripts, no external
 * references (a Content-Security-Policy forbids them), charts drawn as inline SVG. Every value from the
 * report is escaped; contributed sections bring their own already-escaped, self-contained fragments.
 */
import { SEVERITIES, type Finding } from '../model';
import { renderStackedBarChart } from './chart';
import type { ComplianceReport } from './model';
import {
  WAIVER_EXPIRY_WARNING_DAYS,
  blockingSeveritiesFor,
  daysUntil,
  defaultTool,
  environmentSummaries,
  evidenceProves,
  fixtureLabel,
  formatControls,
  frameworkCoverage,
  gateVerdict,
  isBlocking,
  renewalsDue,
  ruleSummaries,
  severityCounts,
  sortFindings,
  type CoverageStatus,
} from './summary';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const e = escapeHtml;

const STYLE = `
:root { color-scheme: light; --pass: #2e7d32; --fail: #c62828; --waived: #a66a00; --muted: #607d8b; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1c2430; background: #fff; }
header { background: #12324a; color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; opacity: .85; }
main { padding: 16px 32px 48px; max-width: 1400px; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; list-style: none; }
h2 { border-bottom: 2px solid #dfe6ec; padding-bottom: 4px; margin-top: 36px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid #d5dde3; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef3f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.verdict { display: inline-block; padding: 6px 14px; border-radius: 4px; font-weight: 600; margin-top: 8px; }
.verdict.pass { background: #e8f5e9; color: var(--pass); }
.verdict.blocked { background: #ffebee; color: var(--fail); }
.status { font-weight: 600; white-space: nowrap; }
.status-pass { color: var(--pass); } .status-fail, .status-blocking, .status-unproven { color: var(--fail); }
.status-waived, .status-warning { color: var(--waived); } .status-not-applicable, .status-not-evaluated, .status-manual { color: var(--muted); }
.soon { color: var(--fail); font-weight: 600; }
.chart { max-width: 100%; height: auto; display: block; margin: 8px 0 16px; }
details { margin: 8px 0; } summary { cursor: pointer; font-weight: 600; }
section.contributed { border: 1px solid #dfe6ec; border-radius: 6px; padding: 8px 16px; margin: 12px 0; }
ul.evidence { margin: 0; padding-left: 18px; }
tr.finding td:nth-child(4) code, #rules-table td:first-child code { white-space: nowrap; }
tr.finding td:nth-child(5), tr.finding td:nth-child(6) { min-width: 12em; }
tr.finding td:nth-child(8) { min-width: 11em; }
tr.finding td:nth-child(-n+3) { white-space: nowrap; }
tr.finding td:nth-child(7) { min-width: 16em; overflow-wrap: anywhere; white-space: pre-line; }
@media print { header { background: #fff; color: #000; } details > * { display: block; } }
`;

function table(id: string, caption: string, header: readonly string[], rows: readonly string[], numeric: readonly number[] = []): string {
  const head = header.map((label, index) => `<th scope="col"${numeric.includes(index) ? ' class="num"' : ''}>${e(label)}</th>`).join('');
  return `<table id="${e(id)}"><caption class="visually-hidden">${e(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const num = (value: number): string => `<td class="num">${value}</td>`;
const cell = (html: string): string => `<td>${html}</td>`;
const status = (value: CoverageStatus | 'blocking' | 'warning'): string => `<span class="status status-${value}">${e(value)}</span>`;

function findingStatus(report: ComplianceReport, finding: Finding): string {
  if (finding.status === 'fail') return status(isBlocking(report, finding) ? 'blocking' : 'warning');
  return status(finding.status);
}

function findingRow(report: ComplianceReport, finding: Finding): string {
  const waiver = finding.waiver
    ? `<br><small>waived by ${e(finding.waiver.approver)} until ${e(finding.waiver.expires)}: ${e(finding.waiver.reason)}</small>`
    : '';
  return `<tr class="finding finding-${e(finding.status)}">${[
    cell(e(finding.environment)),
    cell(findingStatus(report, finding)),
    cell(e(finding.severity)),
    cell(`<code>${e(finding.ruleId)}</code>`),
    cell(`<code>${e(finding.resource)}</code>`),
    cell(`<code>${e(finding.file)}</code>`),
    cell(e(finding.message) + waiver),
    cell(e(formatControls(finding.controls))),
  ].join('')}</tr>`;
}

const FINDING_HEADER = ['Environment', 'Status', 'Severity', 'Rule', 'Resource', 'File', 'Message', 'Controls'];

export function renderHtml(report: ComplianceReport): string {
  const verdict = gateVerdict(report);
  const tool = defaultTool(report);
  const environments = environmentSummaries(report);
  const frameworks = frameworkCoverage(report);
  const findings = sortFindings(report, report.findings);
  const notPassing = findings.filter((finding) => finding.status === 'fail' || finding.status === 'waived');
  const passing = findings.filter((finding) => finding.status === 'pass' || finding.status === 'not-applicable');
  const blockingCount = findings.filter((finding) => isBlocking(report, finding)).length;
  const bySeverity = severityCounts(findings);
  const renewals = renewalsDue(report);
  const renewalSection = renewals.length
    ? `<h3 id="renewals">Renew before expiry</h3>\n<p>Warnings, not blocking: each blocks the gate from the day after its expiry.</p>\n${table(
        'renewals-table',
        'Break-glass bindings and waivers to renew',
        ['Rule', 'Environment', 'Resource', 'Expires', 'Days left', 'Message'],
        renewals.map(
          (finding) =>
            `<tr>${cell(`<code>${e(finding.ruleId)}</code>`)}${cell(e(finding.environment))}${cell(`<code>${e(finding.resource)}</code>`)}${cell(e(String(finding.details?.expires ?? '')))}${num(Number(finding.details?.days ?? 0))}${cell(e(finding.message))}</tr>`,
        ),
        [4],
      )}`
    : '';

  const environmentChart = renderStackedBarChart(
    environments.map(({ environment, counts }) => ({ label: environment, counts })),
    {
      id: 'chart-environments',
      title: 'Policy results per environment',
      description: 'Stacked bars of passed, waived and failed policy results for each environment.',
      escape: e,
    },
  );
  const frameworkChart = renderStackedBarChart(
    frameworks.map(({ shortName, counts }) => ({ label: shortName, counts })),
    {
      id: 'chart-frameworks',
      title: 'Policy results per compliance framework',
      description: 'Stacked bars of passed, waived and failed results of the rules mapped to each framework.',
      escape: e,
    },
  );

  const environmentTable = table(
    'environment-summary',
    'Results per environment',
    ['Environment', 'Passed', 'Failed', 'Waived', 'Not applicable', 'Blocking', 'Warnings', 'Blocks on'],
    environments.map(
      ({ environment, counts, blocking, warnings }) =>
        `<tr>${cell(e(environment))}${num(counts.passed)}${num(counts.failed)}${num(counts.waived)}${num(counts.notApplicable)}${num(blocking)}${num(warnings)}${cell(e(blockingSeveritiesFor(report, environment).join(', ')))}</tr>`,
    ),
    [1, 2, 3, 4, 5, 6],
  );

  const severityTable = table(
    'severity-summary',
    'Results per severity',
    ['Severity', 'Passed', 'Failed', 'Waived', 'Not applicable'],
    SEVERITIES.map((severity) => {
      const counts = bySeverity[severity];
      return `<tr>${cell(e(severity))}${num(counts.passed)}${num(counts.failed)}${num(counts.waived)}${num(counts.notApplicable)}</tr>`;
    }),
    [1, 2, 3, 4],
  );

  const frameworkTable = table(
    'framework-summary',
    'Results per framework',
    ['Framework', 'Clauses', 'Failing', 'Unproven', 'Waived', 'Passing', 'Manual only', 'Not evaluated', 'Results passed', 'Results failed', 'Results waived'],
    frameworks.map(
      ({ name, clauses, clauseStatus, counts }) =>
        `<tr>${cell(e(name))}${num(clauses.length)}${num(clauseStatus.fail)}${num(clauseStatus.unproven)}${num(clauseStatus.waived)}${num(clauseStatus.pass)}${num(clauseStatus.manual)}${num(clauseStatus['not-evaluated'] + clauseStatus['not-applicable'])}${num(counts.passed)}${num(counts.failed)}${num(counts.waived)}</tr>`,
    ),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );

  const frameworkDetails = frameworks
    .filter((framework) => framework.clauses.length > 0)
    .map(
      (framework) =>
        `<details class="framework" id="framework-${e(framework.key)}"><summary>${e(framework.name)}: ${framework.clauses.length} clauses</summary>${table(
          `framework-${framework.key}-clauses`,
          `${framework.name} clauses`,
          ['Clause', 'Status', 'Rules', 'Manual controls', ...(framework.key === 'operationsPlan' && report.plan ? ['Plan values'] : [])],
          framework.clauses.map(
            (clause) =>
              `<tr>${cell(`<strong>${e(clause.clause)}</strong>${clause.title ? `<br><small>${e(clause.title)}</small>` : ''}`)}${cell(status(clause.status))}${cell(
                clause.rules.map((rule) => `<code>${e(rule.id)}</code> ${status(rule.status)}`).join('<br>') || '—',
              )}${cell(clause.manualControls.map((control) => `${e(control.id)}: ${e(control.title)}`).join('<br>') || '—')}${
                framework.key === 'operationsPlan' && report.plan
                  ? cell(clause.plan?.map((value) => `<code>${e(value.key)}</code>: ${e(value.value)}`).join('<br>') || '—')
                  : ''
              }</tr>`,
          ),
        )}</details>`,
    )
    .join('');

  const waiverRows = [...report.waivers]
    .sort((a, b) => a.expires.localeCompare(b.expires))
    .map((waiver) => {
      const days = daysUntil(waiver.expires, report.generatedAt);
      const due =
        days === undefined
          ? ''
          : days < 0
            ? `<span class="soon">expired ${-days} days ago</span>`
            : `<span class="${days <= WAIVER_EXPIRY_WARNING_DAYS ? 'soon' : ''}">${days} days left</span>`;
      return `<tr class="waiver waiver-${e(waiver.status)}">${cell(`<code>${e(waiver.rule)}</code>`)}${cell(`<code>${e(waiver.resource)}</code>`)}${cell(e(waiver.environment))}${cell(
        e(waiver.reason),
      )}${cell(e(waiver.approver))}${cell(`${e(waiver.expires)}<br>${due}`)}${cell(e(waiver.status) + (waiver.problem ? `: ${e(waiver.problem)}` : ''))}</tr>`;
    });

  const manualRows = report.manualControls.map(
    (control) =>
      `<tr>${cell(e(control.id))}${cell(`<strong>${e(control.title)}</strong>${control.description ? `<br>${e(control.description)}` : ''}`)}${cell(
        e(formatControls(control.controls)),
      )}${cell(`<ul class="evidence">${control.evidence.map((item) => `<li>${e(item)}</li>`).join('')}</ul>`)}${cell(e(control.owner ?? ''))}${cell(e(control.frequency ?? ''))}</tr>`,
  );

  const sections = report.sections
    .map(
      (section, index) =>
        `<section class="contributed" id="section-${index}-${e(section.id)}" data-section="${e(section.id)}"><h3>${e(section.title)}${
          section.environment ? ` <small>(${e(section.environment)})</small>` : ''
        }</h3>${section.html}</section>`,
    )
    .join('');

  const ruleRows = ruleSummaries(report).map(({ rule, counts, status: ruleStatus }) => {
    const evidence = report.ruleEvidence[rule.id];
    const evidenceHtml = evidence
      ? `<span class="status ${evidenceProves(evidence) ? 'status-pass' : 'status-fail'}" data-evidence="${e(evidence.state)}">${e(evidence.summary)}</span> <code>${e(evidence.source)}</code>${
          evidence.fixtures.length
            ? `<ul class="evidence">${evidence.fixtures.map((fixture) => `<li data-result="${e(fixture.result)}">${e(fixtureLabel({ expects: fixture.expects, name: fixture.name }))}${fixture.result === 'as-declared' ? '' : ` <strong class="status-fail">${e(fixture.result)}${fixture.reason ? `: ${fixture.reason}` : ''}</strong>`}</li>`).join('')}</ul>`
            : ''
        }`
      : '<span class="status status-fail">no fixture results</span>';
    return `<tr id="rule-${e(rule.id.replace(/[^A-Za-z0-9_-]/g, '-'))}">${cell(`<code>${e(rule.id)}</code>`)}${cell(`<strong>${e(rule.title)}</strong><br>${e(rule.rationale)}<br><em>How to fix:</em> ${e(rule.remediation)}`)}${cell(
      e(rule.severity),
    )}${cell(status(ruleStatus))}${num(counts.passed)}${num(counts.failed)}${num(counts.waived)}${cell(e(formatControls(rule.controls)))}${cell(evidenceHtml)}</tr>`;
  });

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Compliance report — ${e(report.generatedAt)}</title>
<style>${STYLE} .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }</style>
</head>
<body>
<header>
<h1>Compliance report</h1>
<p>Generated ${e(report.generatedAt)} by ${e(tool.name)} ${e(tool.version)} · environments: ${e(environmentList(report))} · ${report.rules.length} rules · ${report.findings.length} results</p>
<div class="verdict ${verdict}" id="verdict">${verdict === 'blocked' ? `Blocked: ${blockingCount} unwaived blocking finding${blockingCount === 1 ? '' : 's'}` : 'Passed: no unwaived blocking findings'}</div>
</header>
<main>
<nav aria-label="Contents"><ul><li><a href="#summary">Summary</a></li><li><a href="#frameworks">Frameworks</a></li><li><a href="#findings">Findings</a></li><li><a href="#waivers">Waivers</a></li><li><a href="#manual-controls">Manual controls</a></li><li><a href="#sections">Capabilities</a></li><li><a href="#rules">Rules and evidence</a></li></ul></nav>
<h2 id="summary">Summary per environment</h2>
${environmentChart}
${environmentTable}
<h3>Per severity</h3>
${severityTable}
${renewalSection}
<h2 id="frameworks">Frameworks</h2>
${frameworkChart}
${frameworkTable}
${frameworkDetails}
<h2 id="findings">Findings</h2>
<p>${notPassing.length} failed or waived, ${passing.length} passed or not applicable.</p>
${table(
  'findings-table',
  'Failed and waived findings',
  FINDING_HEADER,
  notPassing.map((finding) => findingRow(report, finding)),
)}
<details><summary>Passed and not-applicable results (${passing.length})</summary>
${table(
  'passed-table',
  'Passed and not-applicable results',
  FINDING_HEADER,
  passing.map((finding) => findingRow(report, finding)),
)}
</details>
<h2 id="waivers">Waivers</h2>
${report.waivers.length ? table('waivers-table', 'Waivers', ['Rule', 'Resource', 'Environment', 'Reason', 'Approver', 'Expires', 'Status'], waiverRows) : '<p>No waivers.</p>'}
<h2 id="manual-controls">Manual controls</h2>
<p>Controls no code can prove; the auditor collects the listed evidence.</p>
${report.manualControls.length ? table('manual-controls-table', 'Manual controls', ['Id', 'Control', 'Clauses', 'Evidence to collect', 'Owner', 'Frequency'], manualRows) : '<p>No manual controls listed.</p>'}
<h2 id="sections">Capabilities</h2>
${sections || '<p>No capability sections.</p>'}
<h2 id="rules">Rules and the fixture results that prove them</h2>
${table('rules-table', 'Rules', ['Rule', 'Description', 'Severity', 'Status', 'Passed', 'Failed', 'Waived', 'Clauses', 'Fixture results'], ruleRows, [4, 5, 6])}
</main>
</body>
</html>
`;
}

function environmentList(report: ComplianceReport): string {
  return environmentSummaries(report)
    .map(({ environment }) => environment)
    .join(', ');
}
