/**
 * The structured details the availability rules attach to their findings (the JSON report carries them
 * for the capacity dashboard); the fixtures check only statuses and messages.
 */
import { runNamedFixture } from '../../../support/fixtures';

describe('availability finding details', () => {
  it('registration-autoscaling reports the HPA bounds it passed', () => {
    const findings = runNamedFixture('availability/registration-autoscaling', 'pass', 'HPA 5 to 10').filter((finding) => finding.status === 'pass');
    expect(findings.map((finding) => finding.details)).toEqual([{ min: 5, max: 10 }]);
  });

  it('registration-autoscaling reports the HPA bounds it failed', () => {
    const findings = runNamedFixture('availability/registration-autoscaling', 'fail', 'HPA 5 to 8 (maximum below 10)').filter((finding) => finding.status === 'fail');
    expect(findings.map((finding) => finding.details)).toEqual([{ min: 5, max: 8 }]);
  });
});
