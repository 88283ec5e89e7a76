/**
 * The structured details the RBAC rules attach to their findings (the JSON report carries them for
 * dashboards and the access review); the fixtures check only statuses and messages.
 */
import { allFixtures, allRules } from '../../../../policies/rules';
import { runFixture } from '../../../../policies/rules/fixtures';

const fixture = (ruleId: string, list: 'pass' | 'fail', name: string) => {
  const rule = allRules.find((entry) => entry.id === ruleId)!;
  const found = allFixtures.find((entry) => entry.ruleId === ruleId)![list].find((entry) => entry.name === name)!;
  return runFixture(rule, found);
};

describe('RBAC finding details', () => {
  it('break-glass-expiry reports the expiry date and the days left', () => {
    const findings = fixture('rbac/break-glass-expiry', 'pass', 'expires within the quarter');
    expect(findings.map((finding) => [finding.status, finding.details])).toEqual([['pass', { expires: '2027-02-15', days: 81 }]]);
  });

  it('separation-of-duties reports the subject and the duties it combines', () => {
    const findings = fixture('rbac/separation-of-duties', 'fail', 'system engineer also reads the IDS logs').filter((finding) => finding.status === 'fail');
    expect(findings.map((finding) => finding.details)).toEqual([{ subject: 'Group:oidc:system-engineers', duties: ['system administration', 'audit'] }]);
  });
});
