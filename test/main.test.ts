import * as fs from 'node:fs';
import * as path from 'node:path';
import { runSynth, scratchWorkspace, snapshotTree, unreferencedHiddenEntries } from './support/run-synth';

/**
 * The real entry point (`npm run synth`, its command line read from package.json), run as a user runs it. Each case edits one
 * environment file of a scratch copy and expects the promised message and exit code 2, with the
 * outputs of the previous good run untouched.
 */
describe('npm run synth', () => {
  const workspace = scratchWorkspace();
  const firstRun = runSynth(workspace.environmentsDir, workspace.outputRoot);
  const goodOutputs = snapshotTree(workspace.outputRoot);

  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  it('synthesizes the four shipped environments', () => {
    expect(firstRun.stderr).toBe('');
    expect(firstRun.status).toBe(0);
    for (const environment of ['dev', 'staging', 'prod', 'dr']) {
      const file = path.join(workspace.outputRoot, 'cdktf.out/stacks', environment, 'cdk.tf.json');
      const stack = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(stack.resource.kubernetes_namespace_v1).toBeDefined();
      // Exactly one backend: CDKTF adds a local one whenever a stack declares none of its own.
      expect(Object.keys(stack.terraform.backend)).toEqual([{ dev: 'local', staging: 'kubernetes', prod: 'pg', dr: 'pg' }[environment]]);
    }
    expect(unreferencedHiddenEntries(workspace.outputRoot)).toEqual([]);
  });

  const prodFile = () => path.join(workspace.environmentsDir, 'prod.yaml');
  const original = () => fs.readFileSync(path.join(__dirname, '../environments/prod.yaml'), 'utf8');

  const cases: [string, (text: string) => string, RegExp][] = [
    [
      'an unknown key',
      (text) => text.replace('  registration:\n    namespace: his', '  registration:\n    replicaz: 3\n    namespace: his'),
      /prod\.yaml:\d+: clinicalSystems\.registration\.replicaz: unknown key "replicaz"/,
    ],
    ['a wrong type', (text) => text.replace('role: primary', 'role: 7'), /prod\.yaml:\d+: role: expected one of "primary", "dr", got 7/],
    [
      'min above max replicas',
      (text) => text.replace('autoscaling: { min: 5, max: 10, targetCpuUtilization: 70 }', 'autoscaling: { min: 5, max: 3 }'),
      /prod\.yaml:\d+: clinicalSystems\.registration\.autoscaling\.max: expected a number ≥ min \(5\), got 3/,
    ],
    [
      'an unpinned image',
      (text) => text.replace(/emr-server:7\.3\.0@sha256:[a-f0-9]+/, 'emr-server:latest'),
      /prod\.yaml:\d+: clinicalSystems\.emr\.image: expected an image pinned by digest .*got ".*emr-server:latest"/,
    ],
  ];

  // The plan names prod as production: its file cannot relax the gate to leave production (and then keep local state).
  it('refuses a production gate looser than the plan’s minimum (exit 2), even with a local backend', () => {
    fs.writeFileSync(
      prodFile(),
      original()
        .replace('blockOn: [critical, high, medium]', 'blockOn: [critical, high]')
        .replace(/backend:\n  type: pg\n  connStr: .*\n  schemaName: .*\n/, 'backend:\n  type: local\n  path: terraform.prod.tfstate\n'),
    );
    try {
      const run = runSynth(workspace.environmentsDir, workspace.outputRoot);
      expect(run.stderr).toMatch(
        /prod\.yaml: gate\.blockOn: \[critical, high\] leaves out medium: prod is production \(policies\/plan\.yaml production\.environments\)/,
      );
      expect(run.status).toBe(2);
      expect(snapshotTree(workspace.outputRoot)).toEqual(goodOutputs);
    } finally {
      fs.writeFileSync(prodFile(), original());
    }
  });

  // Where state may be local is judged from what the file declares (prod gates on medium: production),
  // by the gate: a blocking finding naming the environment and the fix, not a guess from the file name.
  it('blocks a local backend for prod (exit 1) with the state rule naming the environment', () => {
    fs.writeFileSync(
      prodFile(),
      original().replace(/backend:\n  type: pg\n  connStr: .*\n  schemaName: .*\n/, 'backend:\n  type: local\n  path: terraform.prod.tfstate\n'),
    );
    try {
      const run = runSynth(workspace.environmentsDir, workspace.outputRoot);
      expect(run.stderr).toMatch(/state\/remote-backend-locking[\s\S]*backend is local: prod keeps its state/);
      expect(run.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
      expect(run.status).toBe(1);
      // A blocked run publishes nothing: the good run's Terraform, artifacts and reports stay; its own reports go beside them.
      const after = snapshotTree(workspace.outputRoot);
      expect(Object.fromEntries(Object.entries(after).filter(([file]) => !file.startsWith('reports-blocked/')))).toEqual(goodOutputs);
      expect(Object.keys(after)).toContain('reports-blocked/compliance.md');
    } finally {
      fs.writeFileSync(prodFile(), original());
    }
  });

  it.each(cases)('rejects %s with file, key path and exit code 2, leaving the previous outputs intact', (_label, edit, message) => {
    fs.writeFileSync(prodFile(), edit(original()));
    const before = snapshotTree(workspace.outputRoot);
    try {
      const run = runSynth(workspace.environmentsDir, workspace.outputRoot);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
      expect(run.status).toBe(2);
      expect(snapshotTree(workspace.outputRoot)).toEqual(before);
    } finally {
      fs.writeFileSync(prodFile(), original());
    }
  });

  it('rejects a missing environments folder with exit code 2', () => {
    const before = snapshotTree(workspace.outputRoot);
    const run = runSynth(path.join(workspace.root, 'no-such-folder'), workspace.outputRoot);
    expect(run.stderr).toMatch(/no-such-folder: environments folder not found/);
    expect(run.status).toBe(2);
    expect(snapshotTree(workspace.outputRoot)).toEqual(before);
  });
});

describe('npm run synth with an operations plan', () => {
  const workspace = scratchWorkspace();
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  it('rejects an invalid plan with its file, key path and exit code 2, writing nothing', () => {
    const planFile = path.join(workspace.root, 'plan.yaml');
    fs.writeFileSync(planFile, fs.readFileSync(path.join(__dirname, '../policies/plan.yaml'), 'utf8').replace('diskUsagePercent: 80', 'diskUsagePercent: 180'));
    const run = runSynth(workspace.environmentsDir, workspace.outputRoot, { PLATFORM_PLAN_FILE: planFile });
    expect(run.stderr).toMatch(/plan\.yaml: monitoring\.thresholds\.diskUsagePercent: Too big: expected number to be <=100/);
    expect(run.status).toBe(2);
    expect(fs.readdirSync(workspace.outputRoot)).toEqual([]);
  });
});

describe('npm run synth with the quarterly access review records', () => {
  const workspace = scratchWorkspace();
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));
  const reviewsDir = path.join(workspace.root, 'reviews', 'access');
  const recordFor = (quarter: string, date: string, reviewer = 'security-officer@hospital.example') =>
    `---\nquarter: ${quarter}\ndate: ${date}\nreviewer: ${reviewer}\napprover: information-director@hospital.example\n---\n`;
  const withRecord = (name: string, text: string) => {
    fs.rmSync(reviewsDir, { recursive: true, force: true });
    fs.mkdirSync(reviewsDir, { recursive: true });
    fs.writeFileSync(path.join(reviewsDir, name), text);
    return { PLATFORM_ACCESS_REVIEWS_DIR: reviewsDir };
  };

  it('rejects a malformed record with its file, key path and exit code 2, writing nothing', () => {
    const run = runSynth(workspace.environmentsDir, workspace.outputRoot, withRecord('2026-Q4.md', recordFor('2026-Q4', '2026-12-04', 'ok')));
    expect(run.stderr).toMatch(/Invalid access review record \(nothing was written\):\n {2}reviews\/access\/2026-Q4\.md: reviewer: name the person/);
    expect(run.status).toBe(2);
    expect(fs.readdirSync(workspace.outputRoot)).toEqual([]);
  });

  it('blocks production when the latest review is older than the plan’s period, naming the record', () => {
    // A year before the clock: stale on any day this test runs.
    const lastYear = new Date(Date.now() - 400 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const quarter = `${lastYear.slice(0, 4)}-Q${Math.floor((Number(lastYear.slice(5, 7)) - 1) / 3) + 1}`;
    const run = runSynth(workspace.environmentsDir, workspace.outputRoot, withRecord(`${quarter}.md`, recordFor(quarter, lastYear)));
    expect(run.status).toBe(1);
    for (const environment of ['prod', 'dr'])
      expect(run.stderr).toContain(`✖ [high] rbac/access-review-current\n  resource:    reviews/access/${quarter}.md\n  environment: ${environment} `);
    expect(run.stderr).toMatch(/the latest access review \(\d{4}-Q\d, done \d{4}-\d{2}-\d{2}\) is \d+ days old; access\.reviewEveryDays is 92/);
    // Staging and dev hold no patient data and are not judged.
    expect(run.stderr).not.toMatch(/rbac\/access-review-current\n.*\n {2}environment: (staging|dev) /);
  });

  it('blocks production when no review is recorded at all', () => {
    fs.rmSync(reviewsDir, { recursive: true, force: true });
    const run = runSynth(workspace.environmentsDir, workspace.outputRoot, { PLATFORM_ACCESS_REVIEWS_DIR: reviewsDir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no access review is recorded in reviews/access/');
  });
});
