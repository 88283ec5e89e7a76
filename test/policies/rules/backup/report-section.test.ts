import { buildEstate } from '../../../../policies/estate';
import { resourcesFromTerraformJson } from '../../../../policies/inputs';
import { reportContributors } from '../../../../policies/contributors';
import { backupReportContributor, type BackupRow, type CoverageRow } from '../../../../policies/rules/backup/report-section';
import { shippedEnvironment, synthEnvironment } from '../../../support/synth';

describe('backup and DR report sections', () => {
  const now = new Date('2026-11-26T00:00:00Z');
  let sections: Awaited<ReturnType<ReturnType<typeof backupReportContributor>['build']>>;
  beforeAll(async () => {
    const resources = ['staging', 'prod', 'dr'].flatMap((name) =>
      resourcesFromTerraformJson(synthEnvironment(shippedEnvironment(name)).json as unknown as Record<string, unknown>, {
        file: `cdktf.out/stacks/${name}/cdk.tf.json`,
        environment: name,
      }),
    );
    sections = await backupReportContributor(() => now).build(buildEstate(resources));
  });

  it('is registered with the report', () => {
    expect(reportContributors.map((contributor) => contributor.id)).toContain('backup');
  });

  it('tabulates each prod data store: schedules in words with next runs, RPO, retention, targets, drill', () => {
    const prod = sections.find((section) => section.id === 'backup-prod')!;
    const rows = prod.data as BackupRow[];
    expect(rows.map((row) => row.dataStore)).toEqual(['emr-db', 'his-db', 'lis-db', 'pacs-index-db']);
    const his = rows.find((row) => row.dataStore === 'his-db')!;
    expect(his).toMatchObject({
      engine: 'mysql',
      medical: true,
      rpoHours: 24,
      retentionYears: 30,
      objectLock: 'COMPLIANCE',
      localTargets: ['pvc://clinical-data/his-db-backup-local-a/his-db', 's3://s3.backup.prod.hospital.internal/prod-backup-b/his-db'],
      offsiteTarget: 's3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db',
      offsiteSite: 'dr',
      archiveTarget: 's3://archive.hospital.internal/medical-archive-prod/his-db',
      drills: ['dr: At 10:00, on day 1 of the month (Asia/Shanghai)'],
    });
    expect(his.schedules.map((schedule) => [schedule.kind, schedule.words, schedule.nextRuns])).toEqual([
      ['incremental', 'At 02:00', ['2026-11-27 02:00 GMT+8', '2026-11-28 02:00 GMT+8', '2026-11-29 02:00 GMT+8']],
      ['full', 'At 01:00, only on Sunday', ['2026-11-29 01:00 GMT+8', '2026-12-06 01:00 GMT+8', '2026-12-13 01:00 GMT+8']],
      ['archive', 'At 06:00, on day 1 of the month', ['2026-12-01 06:00 GMT+8', '2027-01-01 06:00 GMT+8', '2027-02-01 06:00 GMT+8']],
    ]);
    expect(prod.markdown).toContain('| data store | schedules (next runs) | RPO |');
    expect(prod.markdown).toContain('24 h ✓');
    expect(prod.html).toContain('<table class="backup-table">');
    // staging holds no medical records: no drill requirement.
    const staging = sections.find((section) => section.id === 'backup-staging')!.data as BackupRow[];
    expect(staging.map((row) => row.drillRequirement)).toEqual(['none (no medical records)', 'none (no medical records)']);
  });

  it('shows where each prod system and data store has its DR counterpart', () => {
    const coverage = sections.find((section) => section.id === 'dr-coverage')!;
    const rows = coverage.data as CoverageRow[];
    expect(rows.map((row) => `${row.subject} → ${row.counterpart} (${row.status})`).sort()).toEqual([
      'data store emr-db → dr: clinical-data/emr-db (pass)',
      'data store his-db → dr: clinical-data/his-db (pass)',
      'data store lis-db → dr: clinical-data/lis-db (pass)',
      'data store pacs-index-db → dr: clinical-data/pacs-index-db (pass)',
      'emr/emr → dr: emr/emr (2 replica(s)) (pass)',
      'his/billing → dr: his/billing (2 replica(s)) (pass)',
      'his/registration → dr: his/registration (5 replica(s)) (pass)',
      'lis/lis → dr: lis/lis (2 replica(s)) (pass)',
    ]);
    expect(coverage.html).not.toMatch(/<script/);
  });
});
