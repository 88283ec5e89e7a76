/**
 * The structured details the availability rules attach to their findings (the JSON report carries them
 * for the capacity dashboard); the fixtures check only statuses and messages.
 */
import { runNamedFixture } from '../../../support/fixtures';

describe('availability finding details', () => {
  it('registration-autoscaling reports the HPA bounds it passed and how fast it reaches the maximum', () => {
    const findings = runNamedFixture('availability/registration-autoscaling', 'pass', 'HPA 5 to 10').filter((finding) => finding.status === 'pass');
    expect(findings.map((finding) => finding.details)).toEqual([{ min: 5, max: 10, scaleUpSeconds: 0 }]);
    const slow = runNamedFixture(
      'availability/registration-autoscaling',
      'pass',
      'a stabilization window of 2 minutes and one pod per 30 s (5 → 10 in 4 minutes)',
    );
    expect(slow.filter((finding) => finding.status === 'pass').map((finding) => finding.details)).toEqual([{ min: 5, max: 10, scaleUpSeconds: 240 }]);
  });

  it('core-disruption-budget reports the pods a budget keeps', () => {
    const findings = runNamedFixture('availability/core-disruption-budget', 'pass', 'max_unavailable 1 of 3 replicas keeps 2').filter(
      (finding) => finding.status === 'pass',
    );
    expect(findings.map((finding) => finding.details)).toEqual([{ pdb: 'kubernetes_pod_disruption_budget_v1.emr', kept: 2, pods: 3 }]);
  });

  it('registration-autoscaling reports the HPA bounds it failed', () => {
    const findings = runNamedFixture('availability/registration-autoscaling', 'fail', 'HPA 5 to 8 (maximum below 10)').filter(
      (finding) => finding.status === 'fail',
    );
    expect(findings.map((finding) => finding.details)).toEqual([{ min: 5, max: 8 }]);
  });
});
