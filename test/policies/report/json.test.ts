import { renderReport } from '../../../policies/report';
import { sampleReport } from './sample-report';

describe('JSON report', () => {
  const json = JSON.parse(renderReport('json', sampleReport()));

  it('keeps the check format for summary and findings, key for key', () => {
    expect(json.summary).toEqual({ passed: 10, failed: 5, waived: 1, notApplicable: 1 });
    expect(Object.keys(json.summary)).toEqual(['passed', 'failed', 'waived', 'notApplicable']);
    expect(json.findings).toHaveLength(17);
    for (const finding of json.findings) {
      expect(Object.keys(finding)).toEqual(['ruleId', 'severity', 'status', 'resource', 'environment', 'file', 'message', 'controls']);
    }
    // Ordered for reading: environments as declared, failures first.
    expect(json.findings[0]).toEqual({
      ruleId: 'workload/resources',
      severity: 'medium',
      status: 'fail',
      resource: 'kubernetes_deployment_v1.registration',
      environment: 'dev',
      file: 'cdktf.out/stacks/dev/cdk.tf.json',
      message: 'spec.template.spec.container[0].resources.limits.memory is missing',
      controls: { mlps: ['8.1.4.10'], hipaa: ['164.308(a)(7)(i)'], operationsPlan: '§4.3 Capacity' },
    });
  });

  it('adds the gate, rules with evidence, frameworks, waivers, manual controls and sections', () => {
    expect(json.gate.verdict).toBe('blocked');
    expect(json.gate.blockingSeverities).toEqual({ dev: ['critical', 'high'], staging: ['critical', 'high'], prod: ['critical', 'high', 'medium'] });
    expect(json.gate.blocking).toHaveLength(3);
    expect(json.environments.find((entry: { environment: string }) => entry.environment === 'dev')).toMatchObject({ blocking: 0, warnings: 1 });
    const rule = json.rules.find((entry: { id: string }) => entry.id === 'workload/no-privileged');
    expect(rule.status).toBe('fail');
    expect(rule.counts).toEqual({ passed: 3, failed: 2, waived: 1, notApplicable: 0 });
    expect(rule.evidence).toMatchObject({
      state: 'as-declared',
      fixtures: [{ expects: 'pass', name: 'a restricted container', result: 'as-declared' }, { expects: 'fail' }],
    });
    const mlps = json.frameworks.find((framework: { key: string }) => framework.key === 'mlps');
    const clause = mlps.clauses.find((entry: { clause: string }) => entry.clause === '8.1.4.2');
    expect(clause).toMatchObject({ status: 'fail', manualControls: [{ id: 'manual/vpn-2fa', title: 'Remote administration uses VPN with two-factor login' }] });
    // Clauses only a manual control covers are listed as manual.
    expect(mlps.clauses.find((entry: { clause: string }) => entry.clause === '8.1.9.3').status).toBe('manual');
    // Natural clause order: 8.1.4.2 < 8.1.4.5 < 8.1.4.10.
    expect(mlps.clauses.map((entry: { clause: string }) => entry.clause).slice(0, 5)).toEqual(['8.1.4.2', '8.1.4.5', '8.1.4.8', '8.1.4.10', '8.1.4.11']);
    expect(json.waivers).toHaveLength(4);
    expect(json.waived[0]).toMatchObject({ resource: 'kubernetes_daemon_set_v1.falco', approver: 'security-officer@hospital.example' });
    expect(json.manualControls[0].evidence).toHaveLength(2);
    expect(json.sections['network-matrix']).toEqual([{ title: 'Segment reachability', environment: 'prod', data: { medical: { guest: false } } }]);
  });

  it('reports a passing gate when nothing blocks', () => {
    const passing = sampleReport({ findings: sampleReport().findings.filter((finding) => finding.environment !== 'prod') });
    expect(JSON.parse(renderReport('json', passing)).gate.verdict).toBe('pass');
  });
});
