/**
 * End to end through `npm run synth`: a prod environment weakened in several ways (a weekday-only
 * incremental schedule, an incremental at 14:00 instead of 02:00, the full backup on Monday instead of
 * Sunday, no off-site target, a 10-year archive of a store declared `holdsMedicalRecords: false`) is
 * blocked by the gate with each rule's message, and nothing is written to the output folders.
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
  // The plan lists lis-db as a medical-record store: its label cannot take it out of the rules in prod.
  document.dataStores['lis-db'].holdsMedicalRecords = false;
  document.dataStores['pacs-index-db'].backup.schedules.incremental = '0 14 * * *';
  document.dataStores['emr-db'].backup.schedules.full = '0 1 * * 1';
  fs.writeFileSync(prodFile, stringify(document));
  const run = runSynth(workspace.environmentsDir, workspace.outputRoot);

  it('exits 1 and names each rule with its message', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('backup/rpo');
    expect(run.stderr).toMatch(/data store his-db: RPO 47 h exceeds 24 h/);
    expect(run.stderr).toContain('backup/offsite-copy');
    expect(run.stderr).toContain('incremental backup of emr-db is copied to 0 object store(s) of another site');
    expect(run.stderr).toMatch(/data store pacs-index-db: no backup runs at 02:00 \(Asia\/Shanghai\) on /);
    expect(run.stderr).toContain('backup/full-weekly');
    expect(run.stderr).toMatch(/data store emr-db: no full backup on Sunday /);
    expect(run.stderr).toContain('retention/medical-records');
    expect(run.stderr).toMatch(
      /data store lis-db: archive retention is 10 years \(.*env RETENTION_YEARS\); medical records must be kept at least 30 years \(plan: retention.medicalRecordsYears\)/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at .*\(.*\.ts:\d+:\d+\)/); // no stack trace
  });

  it('writes no synthesized output', () => {
    expect(fs.existsSync(path.join(workspace.outputRoot, 'cdktf.out', 'stacks', 'prod', 'cdk.tf.json'))).toBe(false);
  });
});
