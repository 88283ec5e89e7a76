// One issue per drifting environment: opened when `terraform plan -detailed-exitcode` first exits 2,
// updated (body and a dated comment) on every later night it still drifts, closed when it is back in
// line. Run by actions/github-script in .github/workflows/drift.yml.
const fs = require('node:fs');
const path = require('node:path');

const LABEL = 'drift';
/** Issue bodies are limited to 65,536 characters; keep room for the text around the plan. */
const PLAN_BUDGET = 60000;

/** @typedef {{ environment: string, status: 'in-sync' | 'drift' | 'error' | 'skipped', reason?: string, output?: string }} DriftResult */

const titleFor = (environment) => `Drift: ${environment} differs from main`;

function issueBody(result, runUrl) {
  const output = (result.output || '').trim();
  const plan = output.length > PLAN_BUDGET ? `${output.slice(0, PLAN_BUDGET)}\n… cut; the full plan is in the run's log.` : output;
  const longest = Math.max(2, ...(plan.match(/`+/g) || []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [
    `The nightly drift check found that the live **${result.environment}** environment no longer matches the configuration on main.`,
    '',
    `Last seen: [drift run](${runUrl}). Reconcile by deploying main again (the deploy workflow) or, if the change was`,
    'intended, by bringing it into the repository through a pull request. This issue closes by itself once the',
    'environment is back in line.',
    '',
    `${fence}diff`,
    plan,
    fence,
  ].join('\n');
}

/**
 * Applies the night's results to the issues. Pure in its decisions: it only calls the GitHub client.
 * @param {{ github: any, context: any, core: any, results: DriftResult[] }} input
 */
async function applyDriftResults({ github, context, core, results }) {
  const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
  const open = await github.paginate(github.rest.issues.listForRepo, { ...context.repo, state: 'open', labels: LABEL, per_page: 100 });
  for (const result of results) {
    const title = titleFor(result.environment);
    const existing = open.find((issue) => issue.title === title && !issue.pull_request);
    if (result.status === 'drift') {
      const body = issueBody(result, runUrl);
      if (existing) {
        await github.rest.issues.update({ ...context.repo, issue_number: existing.number, body });
        await github.rest.issues.createComment({ ...context.repo, issue_number: existing.number, body: `Still drifting: [run](${runUrl}).` });
        core.info(`${result.environment}: updated issue #${existing.number}`);
      } else {
        const created = await github.rest.issues.create({ ...context.repo, title, body, labels: [LABEL, `env:${result.environment}`] });
        core.info(`${result.environment}: opened issue #${created.data.number}`);
      }
    } else if (result.status === 'in-sync' && existing) {
      await github.rest.issues.createComment({ ...context.repo, issue_number: existing.number, body: `Back in line with main: [run](${runUrl}).` });
      await github.rest.issues.update({ ...context.repo, issue_number: existing.number, state: 'closed', state_reason: 'completed' });
      core.info(`${result.environment}: closed issue #${existing.number}`);
    } else if (result.status === 'error') {
      core.warning(`${result.environment}: the drift check itself failed; issues left as they are`);
    }
  }
}

/** Reads drift/<environment>.json as the workflow downloaded them, then applies them. */
async function reconcileDriftIssues({ github, context, core, resultsDir }) {
  const results = fs
    .readdirSync(resultsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => /** @type {DriftResult} */ (JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'))));
  await applyDriftResults({ github, context, core, results });
}

module.exports = { applyDriftResults, reconcileDriftIssues, titleFor };
