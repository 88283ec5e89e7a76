import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeGroupEnvironments, writeGroupPlan } from '../../bench/scale';
import { runSynth, scratchWorkspace, snapshotTree } from '../support/run-synth';

/**
 * Many environments are synthesized in batches and, with cores to spare, in worker processes. Both
 * must write exactly what one CDKTF app writes: the same stacks and one manifest listing them all.
 */
describe('synthesizing a large estate', () => {
  const workspace = scratchWorkspace('hospital-parallel-');
  for (const file of fs.readdirSync(workspace.environmentsDir)) fs.rmSync(path.join(workspace.environmentsDir, file));
  writeGroupEnvironments(workspace.environmentsDir, 12);
  const planFile = path.join(workspace.root, 'plan.yaml');
  writeGroupPlan(planFile, 12);
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  const inProcess = path.join(workspace.root, 'in-process');
  const parallel = path.join(workspace.root, 'parallel');
  const inProcessRun = runSynth(workspace.environmentsDir, inProcess, { PLATFORM_SYNTH_WORKERS: '1', PLATFORM_PLAN_FILE: planFile });
  const parallelRun = runSynth(workspace.environmentsDir, parallel, { PLATFORM_SYNTH_WORKERS: '2', PLATFORM_PLAN_FILE: planFile });
  const terraformOf = (root: string) => snapshotTree(path.join(root, 'cdktf.out'));

  it('completes the whole job both ways', () => {
    expect([inProcessRun.status, parallelRun.status]).toEqual([inProcessRun.status, inProcessRun.status]);
    // The group passes the gate (its hospitals are placed in its plan): a blocked run publishes no Terraform to compare.
    expect({ status: inProcessRun.status, stderr: inProcessRun.stderr.slice(-2000) }).toEqual({ status: 0, stderr: expect.any(String) });
  });

  it('writes identical Terraform in batches and in worker processes', () => {
    const batched = terraformOf(inProcess);
    expect(Object.keys(batched).filter((file) => file.endsWith('cdk.tf.json'))).toHaveLength(12);
    expect(terraformOf(parallel)).toEqual(batched);
  });

  it('lists every stack once, in environment order, in one manifest', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(parallel, 'cdktf.out/manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(Array.from({ length: 12 }, (_, index) => `hospital-${String(index + 1).padStart(3, '0')}`));
    expect(manifest.stacks['hospital-007'].synthesizedStackPath).toBe('stacks/hospital-007/cdk.tf.json');
    expect(fs.readdirSync(path.join(parallel, 'cdktf.out')).sort()).toEqual(['manifest.json', 'stacks']);
  });
});
