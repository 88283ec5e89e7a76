/**
 * The structured details the backup rules attach to their findings (the JSON report and the backup
 * report section read them); the fixtures check only statuses and messages.
 */
import { runNamedFixture } from '../../../support/fixtures';

const findings = (ruleId: string, list: 'pass' | 'fail' | 'skip', name: string, environment = 'prod') => {
  const status = list === 'skip' ? 'not-applicable' : list;
  return runNamedFixture(ruleId, list, name).filter((finding) => finding.status === status && finding.environment === environment);
};
const details = (ruleId: string, list: 'pass' | 'fail' | 'skip', name: string) => findings(ruleId, list, name).map((finding) => finding.details);
const HOUR_MS = 3_600_000;

describe('backup finding details', () => {
  it('rpo reports the gap, its limit, the worst gap of the year and the schedules', () => {
    const [passed] = details('backup/rpo', 'pass', 'daily incremental at 02:00 Asia/Shanghai and Sunday full') as [Record<string, unknown>];
    expect(passed).toMatchObject({
      dataStore: 'his-db',
      rpoHours: 24,
      limitHours: 24,
      year: new Date().getUTCFullYear(),
      schedules: [
        { schedule: '0 1 * * 0', timeZone: 'Asia/Shanghai', job: 'kubernetes_cron_job_v1.his-db-backup-full' },
        { schedule: '0 2 * * *', timeZone: 'Asia/Shanghai', job: 'kubernetes_cron_job_v1.his-db-backup-incremental' },
      ],
    });
    const [failed] = details('backup/rpo', 'fail', 'weekday-only incremental') as [Record<string, unknown>];
    expect(failed).toMatchObject({ dataStore: 'his-db', rpoHours: 47, limitHours: 24 });
    expect(Date.parse(failed.worstGapTo as string) - Date.parse(failed.worstGapFrom as string)).toBe(47 * HOUR_MS);
    expect(new Date(failed.worstGapFrom as string).toISOString()).toBe(failed.worstGapFrom);
  });

  it('rpo reports the figures of a store it does not judge too', () => {
    expect(details('backup/rpo', 'skip', 'a store without medical records, weekly backups')).toEqual([
      expect.objectContaining({ dataStore: 'cache', rpoHours: 168, limitHours: 24 }),
    ]);
  });

  it('full-weekly reports the longest gap between fulls against its limit', () => {
    expect(details('backup/full-weekly', 'pass', 'full every Sunday 01:00')).toEqual([{ dataStore: 'his-db', fullGapHours: 168, limitHours: 169 }]);
    expect(details('backup/full-weekly', 'fail', 'full on the 1st of the month only')).toEqual([{ dataStore: 'his-db', fullGapHours: 744, limitHours: 169 }]);
  });

  it('restore-drill-monthly reports the drill gap, its limit and where the drills run', () => {
    const drill = { dataStore: 'his-db', drillGapHours: 744, limitHours: 745, drills: 'dr/kubernetes_cron_job_v1.his-db-restore-drill' };
    expect(details('backup/restore-drill-monthly', 'pass', 'dr drills prod monthly and prod drills dr')).toEqual([drill]);
    expect(details('backup/restore-drill-monthly', 'fail', 'drill quarterly')).toEqual([{ ...drill, drillGapHours: 2208 }]);
    expect(details('backup/restore-drill-monthly', 'fail', 'drill every two months')).toEqual([{ ...drill, drillGapHours: 1488 }]);
  });

  it('offsite-copy and two-local-copies report the targets', () => {
    expect(details('backup/offsite-copy', 'pass', 'incremental copied to the dr site')).toEqual([
      { offsiteTarget: 's3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db', offsiteSite: 'dr' },
    ]);
    expect(details('backup/two-local-copies', 'pass', 'PVC and on-site object store')).toEqual([
      { localTargets: ['pvc://clinical-data/his-db-backup-local-a/his-db', 's3://s3.backup.prod.hospital.internal/prod-backup-b/his-db'] },
    ]);
  });

  it('reports each finding on the file of its subject', () => {
    expect(findings('backup/rpo', 'pass', 'daily incremental at 02:00 Asia/Shanghai and Sunday full').map((finding) => finding.file)).toEqual([
      'fixtures/backup/rpo/daily-incremental-at-02-00-Asia-Shanghai-and-Sunday-full.tf.json',
    ]);
  });
});
