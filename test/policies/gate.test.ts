import { gate } from '../../policies/gate';
import type { Finding, Severity } from '../../policies/model';

const finding = (severity: Severity, status: Finding['status'] = 'fail', environment = 'prod'): Finding => ({
  ruleId: `test/${severity}`,
  severity,
  status,
  resource: 'kubernetes_pod_v1.x',
  environment,
  file: 'cdk.tf.json',
  message: 'm',
  controls: { mlps: [], hipaa: [], operationsPlan: 'ops-1' },
});

describe('gate', () => {
  it('blocks on unwaived critical and high failures, warns on medium and low', () => {
    const result = gate([finding('critical'), finding('high'), finding('medium'), finding('low'), finding('high', 'waived'), finding('critical', 'pass')]);
    expect(result.passed).toBe(false);
    expect(result.blocking.map((f) => f.severity)).toEqual(['critical', 'high']);
    expect(result.warnings.map((f) => f.severity)).toEqual(['medium', 'low']);
  });

  it('passes when only warnings and waived findings remain', () => {
    expect(gate([finding('medium'), finding('critical', 'waived'), finding('high', 'not-applicable')]).passed).toBe(true);
  });

  it('is configurable per environment', () => {
    const config = {
      default: { blockOn: ['critical', 'high'] as Severity[] },
      environments: { prod: { blockOn: ['critical', 'high', 'medium'] as Severity[] }, dev: { blockOn: ['critical'] as Severity[] } },
    };
    expect(gate([finding('medium', 'fail', 'prod')], config).passed).toBe(false);
    expect(gate([finding('medium', 'fail', 'staging')], config).passed).toBe(true);
    expect(gate([finding('high', 'fail', 'dev')], config).passed).toBe(true);
    expect(gate([finding('critical', 'fail', 'dev')], config).passed).toBe(false);
  });
});
