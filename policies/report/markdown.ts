/**
 * compliance.md: a summary that fits a pull-request comment (verdict, counts per environment and per
 * severity, blocking findings), then the details in collapsed <details> blocks.
 *
 * `renderMarkdownSummary` alone is what a workflow posts as the PR comment; it always stays under
 * GitHub's 65,536-character comment limit by cutting the blocking list short and pointing to the details.
 */
import { SEVERITIES, type Finding } from '../model';
import { escapeHtml } from './html';
import type { ComplianceReport } from './model';
import {
  WAIVER_EXPIRY_WARNING_DAYS,
  blockingFindings,
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
  reportEnvironments,
  ruleSummaries,
  severityCounts,
  sortFindings,
} from './summary';

/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room left in the comment for text a workflow adds around the summary (a marker, a link to the run). */
const SUMMARY_BUDGET = GITHUB_COMMENT_LIMIT - 2_048;

/** Marks where the PR-comment part ends, so tools can cut the file there. */
export const SUMMARY_END_MARKER = '<!-- compliance-summary:end -->';

/**
 * Inline text from findings and rules is untrusted: escape what Markdown or GitHub's HTML would interpret
 * (so a resource name cannot inject links, images or markup), and keep table cells on one line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/** A code span: literal inside, except `|` which GFM tables split on before anything else. */
function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longestTicks = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestTicks + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

const STATUS_LABEL: Record<string, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  waived: '⚠️ waived',
  'not-applicable': '➖ n/a',
  'not-evaluated': '❔ not evaluated',
  manual: '📋 manual',
  unproven: '🚫 unproven',
};

function blockingLine(finding: Finding): string {
  return `- **${finding.severity}** ${code(finding.ruleId)} · ${escapeMarkdown(finding.environment)} · ${code(finding.resource)}: ${escapeMarkdown(finding.message)}`;
}

/** One line on waivers that need someone: expired, invalid, or due within the warning window. */
function waiverAttention(report: ComplianceReport): string {
  const expired = report.waivers.filter((waiver) => waiver.status === 'expired').length;
  const invalid = report.waivers.filter((waiver) => waiver.status === 'invalid').length;
  const dueSoon = report.waivers.filter((waiver) => {
    const days = daysUntil(waiver.expires, report.generatedAt);
    return waiver.status !== 'expired' && waiver.status !== 'invalid' && days !== undefined && days >= 0 && days <= WAIVER_EXPIRY_WARNING_DAYS;
  }).length;
  if (expired + invalid + dueSoon === 0) return '';
  return `**Waivers:** ${expired} expired, ${invalid} invalid, ${dueSoon} expiring within ${WAIVER_EXPIRY_WARNING_DAYS} days (see _Waivers_ below).\n`;
}

/** Break-glass bindings and waivers to renew before the gate blocks on them (a warning, listed in full: they are few). */
function renewalList(report: ComplianceReport): string {
  const due = renewalsDue(report);
  if (due.length === 0) return '';
  const lines = due.map(
    (finding) => `- ${code(finding.ruleId)} · ${escapeMarkdown(finding.environment)} · ${code(finding.resource)}: ${escapeMarkdown(finding.message)}`,
  );
  return `\n### Renew before expiry (${due.length})\n\nWarnings, not blocking: each blocks the gate from the day after its expiry.\n\n${lines.join('\n')}\n`;
}

export function renderMarkdownSummary(report: ComplianceReport): string {
  const verdict = gateVerdict(report);
  const blocking = blockingFindings(report);
  const environments = environmentSummaries(report);
  const bySeverity = severityCounts(report.findings);
  const tool = defaultTool(report);

  const head =
    [
      '## Compliance report',
      '',
      verdict === 'blocked'
        ? `**❌ Blocked:** ${blocking.length} unwaived blocking finding${blocking.length === 1 ? '' : 's'}.`
        : '**✅ Passed:** no unwaived blocking findings.',
      '',
      `Generated ${escapeMarkdown(report.generatedAt)} by ${escapeMarkdown(`${tool.name} ${tool.version}`)} · ${report.rules.length} rules · ${report.findings.length} results.`,
      '',
      '### Per environment',
      '',
      table(
        ['Environment', 'Passed', 'Failed', 'Waived', 'Not applicable', 'Blocking', 'Blocks on'],
        environments.map(({ environment, counts, blocking: blockingCount }) => [
          escapeMarkdown(environment),
          String(counts.passed),
          String(counts.failed),
          String(counts.waived),
          String(counts.notApplicable),
          blockingCount > 0 ? `**${blockingCount}**` : '0',
          blockingSeveritiesFor(report, environment).join(', '),
        ]),
      ),
      '',
      '### Per severity',
      '',
      table(
        ['Severity', 'Passed', 'Failed', 'Waived', 'Not applicable'],
        SEVERITIES.map((severity) => {
          const counts = bySeverity[severity];
          return [severity, String(counts.passed), String(counts.failed), String(counts.waived), String(counts.notApplicable)];
        }),
      ),
      '',
      waiverAttention(report),
    ].join('\n') + renewalList(report);

  const tail = ['', SUMMARY_END_MARKER, ''].join('\n');
  if (blocking.length === 0) return `${head}${tail}`;

  // Add blocking findings one by one while the comment stays within budget.
  let list = '\n### Blocking findings\n\n';
  let shown = 0;
  for (const finding of blocking) {
    const line = `${blockingLine(finding)}\n`;
    const omittedNote = `\n…and ${blocking.length - shown - 1} more: see _Findings per environment_ below.\n`;
    if (head.length + list.length + line.length + omittedNote.length + tail.length > SUMMARY_BUDGET) break;
    list += line;
    shown += 1;
  }
  if (shown < blocking.length) list += `\n…and ${blocking.length - shown} more: see _Findings per environment_ below.\n`;
  return `${head}${list}${tail}`;
}

function details(summary: string, body: string): string {
  // The blank line after <summary> lets GitHub render the Markdown inside.
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>\n`;
}

function findingsDetails(report: ComplianceReport): string {
  const blocks = reportEnvironments(report).map((environment) => {
    const findings = sortFindings(
      report,
      report.findings.filter((finding) => finding.environment === environment),
    );
    const notPassing = findings.filter((finding) => finding.status === 'fail' || finding.status === 'waived');
    const passed = findings.filter((finding) => finding.status === 'pass').length;
    const notApplicable = findings.filter((finding) => finding.status === 'not-applicable').length;
    const body = notPassing.length
      ? table(
          ['Status', 'Severity', 'Rule', 'Resource', 'File', 'Message', 'Controls'],
          notPassing.map((finding) => [
            finding.status === 'fail' ? (isBlocking(report, finding) ? '❌ blocking' : '⚠️ warning') : '⚠️ waived',
            finding.severity,
            code(finding.ruleId),
            code(finding.resource),
            code(finding.file),
            escapeMarkdown(finding.message) +
              (finding.waiver
                ? ` _(waived by ${escapeMarkdown(finding.waiver.approver)} until ${escapeMarkdown(finding.waiver.expires)}: ${escapeMarkdown(finding.waiver.reason)})_`
                : ''),
            escapeMarkdown(formatControls(finding.controls)),
          ]),
        )
      : '_No failed or waived findings._';
    return `#### ${escapeMarkdown(environment)}\n\n${body}\n\n${passed} passed, ${notApplicable} not applicable.`;
  });
  return details('Findings per environment', blocks.join('\n\n'));
}

function waiverDetails(report: ComplianceReport): string {
  if (report.waivers.length === 0) return details('Waivers (0)', '_No waivers._');
  const rows = [...report.waivers]
    .sort((a, b) => a.expires.localeCompare(b.expires))
    .map((waiver) => {
      const days = daysUntil(waiver.expires, report.generatedAt);
      const due =
        days === undefined
          ? ''
          : days < 0
            ? ` (expired ${-days} days ago)`
            : days <= WAIVER_EXPIRY_WARNING_DAYS
              ? ` (**${days} days left**)`
              : ` (${days} days left)`;
      return [
        code(waiver.rule),
        code(waiver.resource),
        escapeMarkdown(waiver.environment),
        escapeMarkdown(waiver.reason),
        escapeMarkdown(waiver.approver),
        `${escapeMarkdown(waiver.expires)}${due}`,
        escapeMarkdown(waiver.status) + (waiver.problem ? `: ${escapeMarkdown(waiver.problem)}` : ''),
      ];
    });
  return details(`Waivers (${report.waivers.length})`, table(['Rule', 'Resource', 'Environment', 'Reason', 'Approver', 'Expires', 'Status'], rows));
}

function manualControlDetails(report: ComplianceReport): string {
  if (report.manualControls.length === 0) return details('Manual controls (0)', '_No manual controls listed._');
  const body = report.manualControls
    .map((control) =>
      [
        `#### ${escapeMarkdown(control.id)}: ${escapeMarkdown(control.title)}`,
        '',
        control.description ? `${escapeMarkdown(control.description)}\n` : '',
        `Controls: ${escapeMarkdown(formatControls(control.controls)) || '—'}` +
          (control.owner ? ` · Owner: ${escapeMarkdown(control.owner)}` : '') +
          (control.frequency ? ` · Frequency: ${escapeMarkdown(control.frequency)}` : ''),
        '',
        'Evidence to collect:',
        '',
        ...control.evidence.map((item) => `- [ ] ${escapeMarkdown(item)}`),
      ].join('\n'),
    )
    .join('\n\n');
  return details(`Manual controls (${report.manualControls.length})`, body);
}

function frameworkDetails(report: ComplianceReport): string {
  const body = frameworkCoverage(report)
    .filter((framework) => framework.clauses.length > 0)
    .map((framework) => {
      // The operations plan's table also shows the plan values its rules judged against.
      const withPlan = framework.key === 'operationsPlan' && report.plan !== undefined;
      const rows = framework.clauses.map((clause) => [
        escapeMarkdown(clause.clause) + (clause.title ? ` ${escapeMarkdown(clause.title)}` : ''),
        STATUS_LABEL[clause.status]!,
        clause.rules.map((rule) => `${code(rule.id)} ${STATUS_LABEL[rule.status]}`).join('<br>') || '—',
        clause.manualControls.map((control) => escapeMarkdown(control.id)).join(', ') || '—',
        ...(withPlan ? [clause.plan?.map((value) => `${code(value.key)}: ${escapeMarkdown(value.value)}`).join('<br>') || '—'] : []),
      ]);
      const totals = framework.clauseStatus;
      const unproven = totals.unproven > 0 ? `, ${totals.unproven} unproven (no rule and no manual control)` : '';
      const header = ['Clause', 'Status', 'Rules', 'Manual controls', ...(withPlan ? ['Plan values'] : [])];
      const source = withPlan
        ? `Plan: ${escapeMarkdown(report.plan!.document.title)} ${escapeMarkdown(report.plan!.document.version)}, approved by ${escapeMarkdown(report.plan!.document.approvedBy)} on ${report.plan!.document.approvedOn} (\`policies/plan.yaml\`).\n\n`
        : '';
      return `#### ${escapeMarkdown(framework.name)}\n\n${source}${totals.fail} failing, ${totals.waived} waived, ${totals.pass} passing, ${totals.manual} manual-only clauses${unproven}.\n\n${table(header, rows)}`;
    })
    .join('\n\n');
  return details('Framework coverage (MLPS 2.0, HIPAA, PIPL, operations plan)', body || '_No rules mapped._');
}

function sectionDetails(report: ComplianceReport): string {
  return (
    report.sections
      // <summary> is HTML, where Markdown backslash escapes would show: escape it as HTML.
      .map((section) => details(escapeHtml(`${section.title}${section.environment ? ` (${section.environment})` : ''}`), section.markdown))
      .join('\n')
  );
}

function evidenceDetails(report: ComplianceReport): string {
  const rows = ruleSummaries(report).map(({ rule, status, counts }) => {
    const evidence = report.ruleEvidence[rule.id];
    return [
      code(rule.id),
      escapeMarkdown(rule.title),
      rule.severity,
      `${STATUS_LABEL[status]} (${counts.passed}/${counts.failed}/${counts.waived})`,
      evidence
        ? `${evidenceProves(evidence) ? '' : '❌ '}${escapeMarkdown(evidence.summary)} (${code(evidence.source)})${
            evidence.fixtures.length ? `<br>${evidence.fixtures.map((fixture) => escapeMarkdown(fixtureLabel(fixture))).join('; ')}` : ''
          }`
        : '**no fixture results**',
    ];
  });
  return details('Rules and the fixture results that prove them', table(['Rule', 'Title', 'Severity', 'Status (pass/fail/waived)', 'Fixture results'], rows));
}

export function renderMarkdown(report: ComplianceReport): string {
  return [
    renderMarkdownSummary(report),
    '## Details',
    '',
    findingsDetails(report),
    waiverDetails(report),
    manualControlDetails(report),
    frameworkDetails(report),
    sectionDetails(report),
    evidenceDetails(report),
  ].join('\n');
}
