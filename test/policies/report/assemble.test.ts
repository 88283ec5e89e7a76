import { MANUAL_CONTROLS } from '../../../policies/frameworks';
import { applyWaivers, parseWaivers, WAIVER_RULE } from '../../../policies/waivers';
import { buildComplianceReport, renderReport, type RuleEvidence } from '../../../policies/report';
import { findings, rules } from './sample-report';

const WAIVERS = `
waivers:
  - rule: workload/no-privileged
    resource: kubernetes_deployment_v1.emr_*
    environment: prod
    reason: EMR vendor agent needs privileged mode until the 2027 upgrade
    approver: security-officer@hospital.example
    expires: 2027-03-01
  - rule: helm/pinned-version
    resource: helm_release.unused
    environment: dev
    reason: chart pinned through an umbrella chart in dev only
    approver: platform-lead@hospital.example
    expires: 2027-02-01
  - rule: secrets/no-literals
    resource: helm_release.legacy
    environment: prod
    reason: legacy chart until migration to external secrets
    approver: cio@hospital.example
    expires: 2026-10-01
  - rule: workload/resources
    resource: "*"
    environment: dev
    reason: short
    approver: someone
    expires: 2027-01-01
`;

describe('buildComplianceReport (from the engine’s outputs)', () => {
  const NO_PRIVILEGED_EVIDENCE: RuleEvidence = {
    state: 'as-declared',
    summary: 'fixtures: 0 pass, 1 fail — all as declared',
    source: 'test/policies/rules/fixtures.test.ts',
    fixtures: [{ name: 'privileged init container', expects: 'fail', result: 'as-declared' }],
  };
  const now = new Date('2026-11-26T01:00:00Z');
  const waiverSet = parseWaivers(WAIVERS, 'policies/waivers.yaml', now);
  const waivedFindings = applyWaivers(findings, waiverSet);
  const report = buildComplianceReport({
    generatedAt: now,
    environments: ['dev', 'staging', 'prod'],
    rules,
    findings: waivedFindings,
    waivers: waiverSet,
    manualControls: MANUAL_CONTROLS,
    evidence: { 'workload/no-privileged': NO_PRIVILEGED_EVIDENCE },
    gate: { default: { blockOn: ['critical', 'high'] } },
  });

  it('states each waiver: active, unused, expired or invalid', () => {
    expect(report.generatedAt).toBe('2026-11-26T01:00:00.000Z');
    expect(report.waivers.map(({ status, resource }) => [status, resource])).toEqual([
      ['active', 'kubernetes_deployment_v1.emr_*'],
      ['unused', 'helm_release.unused'],
      ['expired', 'waivers[2]'],
      ['invalid', 'waivers[3]'],
    ]);
    expect(report.waivers[2]).toMatchObject({ expires: '2026-10-01', file: 'policies/waivers.yaml' });
    expect(report.waivers[3]!.problem).toMatch(/reason: at least 20 characters/);
  });

  it('describes the waiver pseudo-rule, keys evidence by rule and keeps the manual-control catalogue', () => {
    expect(report.rules.map((rule) => rule.id)).toContain(WAIVER_RULE.id);
    expect(report.ruleEvidence).toEqual({ 'workload/no-privileged': NO_PRIVILEGED_EVIDENCE });
    expect(report.manualControls.length).toBe(MANUAL_CONTROLS.length);
  });

  it('renders the assembled report: waived privileged EMR, blocking waiver problems', () => {
    const json = JSON.parse(renderReport('json', report));
    const emr = json.findings.filter((finding: { resource: string }) => finding.resource.startsWith('kubernetes_deployment_v1.emr_'));
    expect(emr.map((finding: { status: string }) => finding.status)).toEqual(['waived', 'waived']);
    // Sorted for reading: environment, then severity (the waiver pseudo-rule is critical).
    expect(json.gate.blocking).toEqual([
      { ruleId: 'waiver/valid', environment: 'dev', resource: 'waivers[3]' },
      { ruleId: 'waiver/valid', environment: 'prod', resource: 'waivers[2]' },
      { ruleId: 'secrets/no-literals', environment: 'prod', resource: 'helm_release.his' },
    ]);
    // Manual-control clauses show up in the framework coverage with their catalogue titles.
    const mlps = json.frameworks.find((framework: { key: string }) => framework.key === 'mlps');
    const clause = mlps.clauses.find((entry: { clause: string }) => entry.clause === '8.1.4.1');
    expect(clause).toMatchObject({ status: 'manual', title: expect.stringContaining('identification and authentication') });
  });
});
