import { loadPlan, ruleCatalog } from '../../../policies';
import { MANUAL_CONTROLS, OPERATIONS_PLAN_SECTIONS } from '../../../policies/frameworks';
import type { RuleMetadata } from '../../../policies/model';
import { buildComplianceReport, renderReport } from '../../../policies/report';
import { frameworkCoverage } from '../../../policies/report/summary';

const rule = (id: string, operationsPlan: string, planKeys?: string[]): RuleMetadata => ({
  id,
  profile: 'generic',
  title: id,
  severity: 'high',
  rationale: 'r',
  remediation: 'r',
  resourceTypes: [],
  controls: { mlps: [], hipaa: [], operationsPlan },
  ...(planKeys ? { planKeys } : {}),
});

describe('the operations plan table (plan section → rules → status)', () => {
  const rules = [rule('backup/rpo', 'ops-7.1', ['backup.maxGapHours', 'backup.incremental.at'])];
  const report = buildComplianceReport({
    generatedAt: '2026-12-04T00:00:00Z',
    environments: ['prod'],
    rules,
    findings: [
      { ruleId: 'backup/rpo', severity: 'high', status: 'pass', resource: 'r', environment: 'prod', file: 'f', message: 'ok', controls: rules[0]!.controls },
    ],
    manualControls: MANUAL_CONTROLS.filter((control) => control.id === 'manual/staff-training'),
    plan: loadPlan(),
  });
  const plan = frameworkCoverage(report).find((framework) => framework.key === 'operationsPlan')!;

  it('lists every section of the plan, and a section nothing covers as unproven', () => {
    expect(plan.clauses.map((clause) => clause.clause).sort()).toEqual(Object.keys(OPERATIONS_PLAN_SECTIONS).sort());
    expect(plan.clauses.find((clause) => clause.clause === 'ops-8.2')).toMatchObject({ status: 'unproven', rules: [], manualControls: [] });
    expect(plan.clauses.find((clause) => clause.clause === 'ops-10.1')!.status).toBe('manual');
    expect(plan.clauses.find((clause) => clause.clause === 'ops-7.1')!.status).toBe('pass');
    expect(plan.clauseStatus.unproven).toBe(Object.keys(OPERATIONS_PLAN_SECTIONS).length - 2);
  });

  it('prints the plan values each section’s rules judged against', () => {
    expect(plan.clauses.find((clause) => clause.clause === 'ops-7.1')!.plan).toEqual([
      { key: 'backup.maxGapHours', value: '24' },
      { key: 'backup.incremental.at', value: '02:00' },
    ]);
    const markdown = renderReport('md', report);
    expect(markdown).toContain('| ops-8.2 Intrusion detection | 🚫 unproven | — | — | — |');
    expect(markdown).toContain('`backup.maxGapHours`: 24<br>`backup.incremental.at`: 02:00');
    expect(markdown).toContain('approved by security-officer@hospital.example on 2026-09-30');
    expect(renderReport('html', report)).toContain('<span class="status status-unproven">unproven</span>');
  });
});

describe('the shipped rules and manual controls cover the whole operations plan', () => {
  it('leaves no section of the plan unproven (intrusion detection, ops-8.2, included)', () => {
    const report = buildComplianceReport({
      generatedAt: '2026-12-04T00:00:00Z',
      environments: ['prod'],
      rules: ruleCatalog(),
      findings: [],
      manualControls: MANUAL_CONTROLS,
      plan: loadPlan(),
    });
    const plan = frameworkCoverage(report).find((framework) => framework.key === 'operationsPlan')!;
    expect(plan.clauses.filter((clause) => clause.status === 'unproven').map((clause) => clause.clause)).toEqual([]);
    expect(plan.clauses.find((clause) => clause.clause === 'ops-8.2')!.rules.map((rule) => rule.id)).toEqual(
      expect.arrayContaining([
        'intrusion-detection/falco-coverage',
        'intrusion-detection/falco-alerts-page',
        'intrusion-detection/suricata-coverage',
        'intrusion-detection/suricata-rules',
      ]),
    );
    expect(plan.clauses.find((clause) => clause.clause === 'ops-10.3')!.rules.map((rule) => rule.id)).toEqual(
      expect.arrayContaining(['monitoring/machine-room-snmp', 'monitoring/machine-room-alerts']),
    );
  });
});
