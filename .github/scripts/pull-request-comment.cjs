// The pull request's one sticky comment: the compliance summary `npm run synth` wrote (compliance.md up to
// its summary marker) and each environment's plan, collapsed. Run by actions/github-script in
// .github/workflows/pull-request.yml; kept in a file so tests can exercise it.
const fs = require('node:fs');
const path = require('node:path');

/** Hidden marker that finds this workflow's comment among the others on the pull request. */
const MARKER = '<!-- hospital-platform:pull-request -->';
/** Where compliance.md's pull-request part ends (policies/report/markdown.ts SUMMARY_END_MARKER). */
const SUMMARY_END_MARKER = '<!-- compliance-summary:end -->';
/** GitHub rejects comments longer than this many characters. */
const GITHUB_COMMENT_LIMIT = 65536;

/**
 * @typedef {{ environment: string, status: 'planned' | 'skipped' | 'failed', reason?: string, output?: string }} PlanResult
 */

/** A fence longer than any backtick run inside, so plan text cannot close it early. */
function fenced(text) {
  const longest = Math.max(2, ...(text.match(/`+/g) || []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}diff\n${text.replace(/\s+$/, '')}\n${fence}`;
}

/** Terraform's one-line verdict ("Plan: 1 to add, 0 to change, 0 to destroy.", "No changes."). */
function planHeadline(output) {
  const line = output.split('\n').find((candidate) => /^\s*(Plan: \d+ to add|No changes\.)/.test(candidate));
  return line ? line.trim() : 'see the plan';
}

/** Escapes what GitHub would read as HTML or Markdown in text from a reason or an environment name. */
function plain(text) {
  return String(text).replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] || c);
}

/**
 * Builds the comment body, never longer than GitHub's limit: the summary first, then the plans sharing
 * the room left, each cut short with a pointer to the run when it does not fit.
 * @param {{ summary: string | undefined, plans: PlanResult[], runUrl: string, buildResult: string }} input
 */
function composeComment({ summary, plans, runUrl, buildResult }) {
  const head = [
    MARKER,
    summary && summary.trim()
      ? summary.trim()
      : `## Compliance gate\n\nNo compliance report: the build ended with \`${plain(buildResult)}\` before \`npm run synth\` wrote one. See [the run](${runUrl}).`,
  ].join('\n');
  const footer = `\n\n<sub>[Workflow run](${runUrl}) · the plans use read-only credentials and \`cdktf diff --skip-synth\` on this pull request's synthesized stacks.</sub>`;
  const ordered = [...plans].sort((a, b) => a.environment.localeCompare(b.environment));
  const sections = ordered.map((plan) => {
    if (plan.status === 'skipped') return { prefix: `- **${plain(plan.environment)}**: skipped, ${plain(plan.reason || 'no credentials')}`, body: '' };
    const verdict = plan.status === 'failed' ? '❌ plan failed' : plain(planHeadline(plan.output || ''));
    return {
      prefix: `<details><summary><b>${plain(plan.environment)}</b>: ${verdict}</summary>\n\n`,
      body: plan.output || '',
      suffix: '\n\n</details>',
    };
  });
  const title = '\n\n## Plans\n\n';
  const fixed = head.length + title.length + footer.length + sections.reduce((sum, s) => sum + s.prefix.length + (s.suffix || '').length + 20, 0);
  const room = Math.max(0, GITHUB_COMMENT_LIMIT - fixed - 200);
  const withBody = sections.filter((section) => section.body);
  const perPlan = withBody.length > 0 ? Math.floor(room / withBody.length) : 0;
  const rendered = sections.map((section) => {
    if (!section.suffix) return section.prefix;
    let body = section.body;
    const note = `\n… cut to fit the comment; the full plan is in the run's log.`;
    if (fenced(body).length > perPlan) body = body.slice(0, Math.max(0, perPlan - note.length - 40)) + note;
    return `${section.prefix}${fenced(body)}${section.suffix}`;
  });
  const plansText = rendered.length > 0 ? `${title}${rendered.join('\n\n')}` : `${title}No environment was planned.`;
  return `${head}${plansText}${footer}`;
}

/** Reads what the workflow downloaded: reports/compliance.md and plans/<environment>.json. */
function readInputs(reportsDir, plansDir) {
  const compliance = path.join(reportsDir, 'compliance.md');
  const summary = fs.existsSync(compliance) ? fs.readFileSync(compliance, 'utf8').split(SUMMARY_END_MARKER)[0] : undefined;
  const plans = fs.existsSync(plansDir)
    ? fs
        .readdirSync(plansDir)
        .filter((file) => file.endsWith('.json'))
        .map((file) => /** @type {PlanResult} */ (JSON.parse(fs.readFileSync(path.join(plansDir, file), 'utf8'))))
    : [];
  return { summary, plans };
}

/** Creates the comment, or updates the one this workflow posted before. */
async function postPullRequestComment({ github, context, core, reportsDir, plansDir, buildResult }) {
  const { summary, plans } = readInputs(reportsDir, plansDir);
  const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
  const body = composeComment({ summary, plans, runUrl, buildResult });
  const issue_number = context.payload.pull_request.number;
  const comments = await github.paginate(github.rest.issues.listComments, { ...context.repo, issue_number, per_page: 100 });
  const previous = comments.find((comment) => comment.user && comment.user.type === 'Bot' && (comment.body || '').startsWith(MARKER));
  if (previous) {
    await github.rest.issues.updateComment({ ...context.repo, comment_id: previous.id, body });
    core.info(`updated comment ${previous.id}`);
  } else {
    const created = await github.rest.issues.createComment({ ...context.repo, issue_number, body });
    core.info(`created comment ${created.data.id}`);
  }
}

module.exports = { composeComment, postPullRequestComment, readInputs, MARKER, GITHUB_COMMENT_LIMIT };
