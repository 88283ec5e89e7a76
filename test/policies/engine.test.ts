import * as path from 'node:path';
import { evaluate } from '../../policies/engine';
import { controlTitle, MANUAL_CONTROLS } from '../../policies/frameworks';
import { controlIds } from '../../policies/frameworks';
import { allRules, checkResources, ruleCatalog, ruleEvidence, resourcesFromTerraformJson } from '../../policies';
import type { EstateRule, ResourceRule } from '../../policies/model';
import { workload } from '../../policies/rules/fixture-builders';

const controls = { mlps: ['8.1.4.2'], hipaa: ['164.312(a)(1)'], operationsPlan: 'ops-4.1' };
const base = { profile: 'generic' as const, title: 't', severity: 'high' as const, rationale: 'r', remediation: 'm', controls };
// Outside the plan's zones: an environment that runs clinical systems must also run monitoring and
// intrusion detection (monitoring/*, intrusion-detection/*), which a lone workload does not bring.
const resources = resourcesFromTerraformJson(workload('kubernetes_deployment_v1', 'emr', { namespace: 'tools' }), { file: 'cdk.tf.json', environment: 'dev' });

describe('engine', () => {
  it('calls resource rules only for their resource types', () => {
    const seen: string[] = [];
    const rule: ResourceRule = {
      ...base,
      id: 'test/types',
      resourceTypes: ['kubernetes_deployment_v1'],
      scope: 'resource',
      evaluate: (r) => (seen.push(r.address), { status: 'pass', message: 'ok' }),
    };
    const { findings, summary } = evaluate(resources, [rule]);
    expect(seen).toEqual(['kubernetes_deployment_v1.emr']);
    expect(findings).toEqual([
      {
        ruleId: 'test/types',
        severity: 'high',
        status: 'pass',
        resource: 'kubernetes_deployment_v1.emr',
        environment: 'dev',
        file: 'cdk.tf.json',
        message: 'ok',
        controls,
      },
    ]);
    expect(summary).toEqual({ passed: 1, failed: 0, waived: 0, notApplicable: 0 });
  });

  it('fails closed when a rule throws', () => {
    const rule: ResourceRule = {
      ...base,
      id: 'test/crash',
      resourceTypes: ['kubernetes_deployment_v1'],
      scope: 'resource',
      evaluate: () => {
        throw new Error('boom');
      },
    };
    expect(evaluate(resources, [rule]).findings[0]).toMatchObject({ status: 'fail', message: expect.stringContaining('boom') });
  });

  it('runs estate rules once and fills in the file of the named resource', () => {
    const rule: EstateRule = {
      ...base,
      id: 'test/estate',
      resourceTypes: [],
      scope: 'estate',
      evaluate: (estate) =>
        estate
          .byType('kubernetes_deployment_v1', 'dev')
          .map((r) => ({ status: 'fail' as const, message: 'x', resource: r.address, environment: r.environment })),
    };
    expect(evaluate(resources, [rule]).findings).toEqual([
      expect.objectContaining({ resource: 'kubernetes_deployment_v1.emr', file: 'cdk.tf.json', status: 'fail' }),
    ]);
  });

  it('passes a hardened workload through every rule without a failure', () => {
    const { findings } = checkResources(resources);
    expect(findings.filter((f) => f.status === 'fail' && !f.ruleId.startsWith('network/'))).toEqual([]);
  });
});

describe('frameworks and evidence', () => {
  it('maps every rule and manual control to controls that have titles', () => {
    for (const entry of [...ruleCatalog(), ...MANUAL_CONTROLS]) {
      for (const { framework, id } of controlIds(entry.controls)) {
        expect({ rule: entry.id, framework, id, title: controlTitle(framework, id) }).toEqual({ rule: entry.id, framework, id, title: expect.any(String) });
      }
    }
  });

  it('gives every rule evidence from the recorded fixture run, and says when none was recorded', () => {
    const ids = allRules.map((rule) => rule.id);
    const missing = ruleEvidence(ids, path.join(__dirname, 'no-such-results.json'));
    expect(Object.keys(missing)).toEqual(ids);
    for (const evidence of Object.values(missing)) {
      expect(evidence).toEqual({
        state: 'not-recorded',
        summary: 'no fixture results recorded (run `npx jest test/policies/rules/fixtures.test.ts`)',
        source: 'test/policies/rules/fixtures.test.ts',
        fixtures: [],
      });
    }
  });
});
