/**
 * The structured details the RBAC rules attach to their findings (the JSON report carries them for
 * dashboards and the access review); the fixtures check only statuses and messages.
 */
import { runNamedFixture } from '../../../support/fixtures';

describe('RBAC finding details', () => {
  it('break-glass-expiry reports the expiry date and the days left', () => {
    const findings = runNamedFixture('rbac/break-glass-expiry', 'pass', 'expires within the quarter');
    expect(findings.map((finding) => [finding.status, finding.details])).toEqual([['pass', { expires: '2027-02-15', days: 81 }]]);
  });

  it('separation-of-duties reports the subject and the duties it combines', () => {
    const findings = runNamedFixture('rbac/separation-of-duties', 'fail', 'system engineer also reads the IDS logs').filter(
      (finding) => finding.status === 'fail',
    );
    expect(findings.map((finding) => finding.details)).toEqual([{ subject: 'Group:oidc:system-engineers', duties: ['system administration', 'audit'] }]);
  });
});
