import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../support/temp-dir';

// The scripts run inside actions/github-script (plain CommonJS), so the tests load them the same way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const comment = require('../../.github/scripts/pull-request-comment.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const drift = require('../../.github/scripts/drift-issues.cjs');

const context = { serverUrl: 'https://github.com', repo: { owner: 'hospital', repo: 'platform' }, runId: 42, payload: { pull_request: { number: 7 } } };
const core = { info: jest.fn(), warning: jest.fn() };

/** Records every call; list endpoints answer from `existing`. */
function fakeGithub(existing: unknown[]) {
  const calls: [string, Record<string, unknown>][] = [];
  const record =
    (name: string, data: unknown = {}) =>
    async (params: Record<string, unknown>) => {
      calls.push([name, params]);
      return { data };
    };
  return {
    calls,
    paginate: async (_endpoint: unknown, params: Record<string, unknown>) => {
      calls.push(['paginate', params]);
      return existing;
    },
    rest: {
      issues: {
        listComments: 'listComments',
        listForRepo: 'listForRepo',
        createComment: record('createComment', { id: 1001 }),
        updateComment: record('updateComment'),
        create: record('create', { number: 12 }),
        update: record('update'),
      },
    },
  };
}

describe('pull request comment', () => {
  const summary = '# Compliance report\n\n✅ The gate passes.\n';

  it('puts the compliance summary first and each plan collapsed, skipped environments with their reason', () => {
    const body: string = comment.composeComment({
      summary,
      buildResult: 'success',
      runUrl: 'https://run',
      plans: [
        { environment: 'staging', status: 'planned', output: 'Terraform will perform:\n  + resource\nPlan: 1 to add, 0 to change, 0 to destroy.\n' },
        { environment: 'dev', status: 'skipped', reason: 'uses local Terraform state' },
        { environment: 'prod', status: 'failed', output: 'Error: Unauthorized' },
      ],
    });
    expect(body.startsWith(`${comment.MARKER}\n# Compliance report`)).toBe(true);
    expect(body).toContain('- **dev**: skipped, uses local Terraform state');
    expect(body).toContain('<details><summary><b>staging</b>: Plan: 1 to add, 0 to change, 0 to destroy.</summary>');
    expect(body).toContain('<details><summary><b>prod</b>: ❌ plan failed</summary>');
    expect(body.indexOf('**dev**')).toBeLessThan(body.indexOf('<b>prod</b>'));
  });

  it('stays under GitHub’s comment limit however long the plans are, and says where the rest is', () => {
    const huge = `${'+ kubernetes_config_map_v1.dashboard\n'.repeat(20000)}Plan: 20000 to add, 0 to change, 0 to destroy.\n`;
    const plans = ['dev', 'staging', 'prod', 'dr'].map((environment) => ({ environment, status: 'planned', output: huge }));
    const body: string = comment.composeComment({ summary: 'S'.repeat(63000), plans, runUrl: 'https://run', buildResult: 'success' });
    expect(body.length).toBeLessThanOrEqual(comment.GITHUB_COMMENT_LIMIT);
    const small: string = comment.composeComment({ summary, plans, runUrl: 'https://run', buildResult: 'success' });
    expect(small.length).toBeLessThanOrEqual(comment.GITHUB_COMMENT_LIMIT);
    expect(small.length).toBeGreaterThan(60000);
    expect(small.match(/cut to fit the comment/g)).toHaveLength(4);
  });

  it('keeps a plan containing backticks inside its code block', () => {
    const body: string = comment.composeComment({
      summary,
      buildResult: 'success',
      runUrl: 'https://run',
      plans: [{ environment: 'prod', status: 'planned', output: 'annotation = "```"\nNo changes.' }],
    });
    expect(body).toContain('````diff\nannotation = "```"\nNo changes.\n````');
  });

  it('says why there is no summary when the build stopped before synth', () => {
    const body: string = comment.composeComment({ summary: undefined, plans: [], runUrl: 'https://run', buildResult: 'failure' });
    expect(body).toContain('No compliance report: the build ended with `failure`');
    expect(body).toContain('No environment was planned.');
  });

  it('updates its own earlier comment instead of adding another', async () => {
    const dir = tempDir('pr-comment-');
    fs.mkdirSync(path.join(dir, 'reports'));
    fs.writeFileSync(path.join(dir, 'reports/compliance.md'), `${summary}<!-- compliance-summary:end -->\n<details>details</details>`);
    const github = fakeGithub([
      { id: 5, user: { type: 'User' }, body: `${comment.MARKER} quoted by a person` },
      { id: 9, user: { type: 'Bot' }, body: `${comment.MARKER}\nold` },
    ]);
    await comment.postPullRequestComment({
      github,
      context,
      core,
      reportsDir: path.join(dir, 'reports'),
      plansDir: path.join(dir, 'plans'),
      buildResult: 'success',
    });
    const [name, params] = github.calls[1]!;
    expect(name).toBe('updateComment');
    expect(params.comment_id).toBe(9);
    expect(params.body).toContain('The gate passes.');
    expect(params.body).not.toContain('details</details>');
  });
});

describe('drift issues', () => {
  const result = (environment: string, status: string) => ({ environment, status, output: `Plan: 0 to add, 1 to change, 0 to destroy.` });

  it('opens one issue per newly drifting environment, labelled with the environment', async () => {
    const github = fakeGithub([]);
    await drift.applyDriftResults({ github, context, core, results: [result('prod', 'drift'), result('staging', 'in-sync')] });
    const creates = github.calls.filter(([name]) => name === 'create');
    expect(creates).toHaveLength(1);
    expect(creates[0]![1]).toMatchObject({ title: 'Drift: prod differs from main', labels: ['drift', 'env:prod'] });
    expect(creates[0]![1].body).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
  });

  it('updates the open issue while drift continues, closes it when back in line, leaves it on errors', async () => {
    const open = [
      { number: 3, title: 'Drift: prod differs from main' },
      { number: 4, title: 'Drift: dr differs from main' },
      { number: 5, title: 'Drift: staging differs from main' },
    ];
    const github = fakeGithub(open);
    await drift.applyDriftResults({ github, context, core, results: [result('prod', 'drift'), result('dr', 'in-sync'), result('staging', 'error')] });
    const actions = github.calls
      .filter(([name]) => name !== 'paginate')
      .map(([name, params]) => `${name} #${params.issue_number} ${params.state ?? ''}`.trim());
    expect(actions).toEqual(['update #3', 'createComment #3', 'createComment #4', 'update #4 closed']);
    expect(github.calls.some(([name]) => name === 'create')).toBe(false);
  });
});
