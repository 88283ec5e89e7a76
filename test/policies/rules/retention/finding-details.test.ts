/**
 * The structured details the retention rules attach to their findings (the JSON report carries them for
 * the audit evidence); the fixtures check only statuses and messages.
 */
import { runNamedFixture } from '../../../support/fixtures';

const details = (ruleId: string, list: 'pass' | 'fail', name: string) => {
  return runNamedFixture(ruleId, list, name)
    .filter((finding) => finding.status === list)
    .map((finding) => finding.details);
};

describe('retention finding details', () => {
  it('application-logs reports the retention in days against the minimum', () => {
    expect(details('retention/application-logs', 'pass', '180 days, longer audit stream')).toEqual([{ retentionDays: 180, minimumDays: 180 }]);
    expect(details('retention/application-logs', 'pass', 'retention_period 0 keeps logs forever')).toEqual([{ retentionDays: 'unlimited', minimumDays: 180 }]);
    expect(details('retention/application-logs', 'fail', 'retention_period unset while the compactor deletes')).toEqual([
      { retentionDays: null, minimumDays: 180 },
    ]);
  });

  it('operation-logs reports the days each kind of log is kept', () => {
    expect(details('retention/operation-logs', 'pass', 'one regex stream for both, exactly ten years')).toEqual([{ operation: 3650, audit: 3650 }]);
    expect(details('retention/operation-logs', 'pass', 'retention_period 0 keeps every stream forever')).toEqual([
      { operation: 'unlimited', audit: 'unlimited' },
    ]);
    expect(details('retention/operation-logs', 'fail', 'an audit stream period that is not a duration')).toEqual([{ operation: 3650, audit: null }]);
  });

  it('medical-records reports the retention and lock of the archive judged', () => {
    expect(details('retention/medical-records', 'pass', '30 years under COMPLIANCE lock, archived monthly')).toEqual([
      { dataStore: 'his-db', retentionYears: 30, minimumYears: 30, objectLock: 'COMPLIANCE' },
    ]);
    expect(details('retention/medical-records', 'fail', 'GOVERNANCE lock can be bypassed')).toEqual([
      { dataStore: 'his-db', retentionYears: null, minimumYears: 30, objectLock: 'GOVERNANCE' },
    ]);
    expect(details('retention/medical-records', 'fail', 'RETENTION_YEARS=20 in the containers while the annotation says 30')).toEqual([
      { dataStore: 'his-db', retentionYears: 20, minimumYears: 30, objectLock: 'COMPLIANCE' },
    ]);
    expect(details('retention/medical-records', 'fail', 'the lock checks removed')).toEqual([
      { dataStore: 'his-db', retentionYears: null, minimumYears: 30, objectLock: null },
    ]);
  });
});
