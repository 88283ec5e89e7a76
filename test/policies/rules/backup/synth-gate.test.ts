/**
 * End to end through `npm run synth`: a prod environment weakened in three ways (a
 * weekday-only incremental schedule, no off-site target, a 10-year archive) is blocked by the gate with
 * each rule's message, and nothing is written to the output folders.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { runSynth, scratchWorkspace } from '../../../support/run-synth';

describe('npm run synth blocks a weakened prod', () => {
  const workspace = scratchWorkspace('hospital-backup-gate-');
  const prodFile = path.join(workspace.environmentsDir, 'prod.yaml');
  const document = parse(fs.readFileSync(prodFile, 'utf8'));
  document.dataStores['his-db'].backup.schedules.incremental = '0 2 * * 1-5';
  delete document.dataStores['emr-db'].backup.targets.offsite;
  document.dataStores['lis-db'].backup.retentionYears = 10;
  fs.writeFileSync(prodFile, stringify(document));
  const run = runSynth(workspace.environmentsDir, workspace.outputRoot);

  it('exits 1 and names each rule with its message', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('backup/rpo');
    expect(run.stderr).toMatch(/data store his-db: RPO 47 h exceeds 24 h/);
    expect(run.stderr).toContain('backup/offsite-copy');
    expect(run.stderr).toContain('incremental backup of emr-db has no off-site target');
    expect(run.stderr).toContain('retention/medical-records');
    expect(run.stderr).toContain('data store lis-db: archive retention is 10 years; medical records must be kept at least 30 years');
    expect(run.stderr).not.toMatch(/\n\s+at .*\(.*\.ts:\d+:\d+\)/); // no stack trace
  });

  it('writes no synthesized output', () => {
    expect(fs.existsSync(path.join(workspace.outputRoot, 'cdktf.out', 'stacks', 'prod', 'cdk.tf.json'))).toBe(false);
  });
});
