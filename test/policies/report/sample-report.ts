/** Hand-made report inputs for the writer tests: small but with every status, tricky text and a big variant. */
import type { ControlMappings, Finding, RuleMetadata, Severity } from '../../../policies/model';
import type { ComplianceReport, FixtureOutcome, RuleEvidence } from '../../../policies/report/model';

const workloadControls: ControlMappings = { mlps: ['8.1.4.2', '8.1.4.10'], hipaa: ['164.312(a)(1)'], operationsPlan: '§4.2 Workload hardening' };
const secretControls: ControlMappings = {
  mlps: ['8.1.4.8'],
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  pipl: ['Art. 51'],
  operationsPlan: '§6.1 Secrets',
};
const availabilityControls: ControlMappings = { mlps: ['8.1.4.11'], hipaa: ['164.308(a)(7)(ii)(B)'], operationsPlan: '§3.1 7×24 core systems' };

export const rules: RuleMetadata[] = [
  {
    id: 'workload/no-privileged',
    profile: 'generic',
    title: 'Containers must not run privileged',
    severity: 'critical',
    rationale: 'A privileged container has every capability of the node.',
    remediation: 'Remove security_context.privileged or set it to false.',
    resourceTypes: ['kubernetes_deployment_v1', 'kubernetes_stateful_set_v1'],
    controls: workloadControls,
  },
  {
    id: 'workload/resources',
    profile: 'generic',
    title: 'Containers declare CPU and memory requests and limits',
    severity: 'medium',
    rationale: 'Without limits one workload can starve the node.',
    remediation: 'Set resources.requests and resources.limits for cpu and memory.',
    resourceTypes: ['kubernetes_deployment_v1'],
    controls: { mlps: ['8.1.4.10'], hipaa: ['164.308(a)(7)(i)'], operationsPlan: '§4.3 Capacity' },
  },
  {
    id: 'secrets/no-literals',
    profile: 'generic',
    title: 'No literal secret values in synthesized output',
    severity: 'high',
    rationale: 'Secrets in Terraform JSON end up in state and in review diffs.',
    remediation: 'Reference an existing Secret by name or mount it as a file.',
    resourceTypes: ['kubernetes_secret_v1', 'helm_release'],
    controls: secretControls,
  },
  {
    id: 'availability/replicas',
    profile: 'generic',
    title: 'Core systems have at least two replicas and a PDB',
    severity: 'high',
    rationale: 'A single replica cannot meet the 7×24 requirement.',
    remediation: 'Set an HPA with min_replicas ≥ 2 and add a PodDisruptionBudget.',
    resourceTypes: ['kubernetes_deployment_v1'],
    controls: availabilityControls,
  },
  {
    id: 'helm/pinned-version',
    profile: 'generic',
    title: 'Helm charts are pinned to an exact version',
    severity: 'low',
    rationale: 'A floating chart version changes what is deployed without review.',
    remediation: 'Set version to an exact chart version.',
    resourceTypes: ['helm_release'],
    controls: { mlps: ['8.1.4.5'], hipaa: [], operationsPlan: '§5.4 Change management' },
  },
];

const byId = new Map(rules.map((rule) => [rule.id, rule]));

function finding(ruleId: string, environment: string, resource: string, status: Finding['status'], message: string, extra: Partial<Finding> = {}): Finding {
  const rule = byId.get(ruleId)!;
  return {
    ruleId,
    severity: rule.severity,
    status,
    resource,
    environment,
    file: `cdktf.out/stacks/${environment}/cdk.tf.json`,
    message,
    controls: rule.controls,
    ...extra,
  };
}

export const TRICKY_RESOURCE = 'kubernetes_deployment_v1.emr_<script>alert(1)</script>';
export const FORMULA_MESSAGE = '=HYPERLINK("http://evil.example","click"), then "quote" | pipe\nsecond line';

export const findings: Finding[] = [
  // dev: everything passes except one medium warning
  finding('workload/no-privileged', 'dev', 'kubernetes_deployment_v1.registration', 'pass', 'no container is privileged'),
  finding('workload/resources', 'dev', 'kubernetes_deployment_v1.registration', 'fail', 'spec.template.spec.container[0].resources.limits.memory is missing'),
  finding('secrets/no-literals', 'dev', 'kubernetes_secret_v1.db', 'pass', 'no literal values'),
  finding('availability/replicas', 'dev', 'kubernetes_deployment_v1.registration', 'not-applicable', 'dev is not a 7×24 environment'),
  finding('helm/pinned-version', 'dev', 'helm_release.monitoring', 'pass', 'version 65.1.0 is exact'),
  // staging: one waived critical
  finding(
    'workload/no-privileged',
    'staging',
    'kubernetes_daemon_set_v1.falco',
    'waived',
    'spec.template.spec.container[0].security_context.privileged is true',
    {
      waiver: { reason: 'Falco needs kernel access to observe syscalls on the node', approver: 'security-officer@hospital.example', expires: '2027-01-15' },
    },
  ),
  finding('workload/no-privileged', 'staging', 'kubernetes_deployment_v1.registration', 'pass', 'no container is privileged'),
  finding('secrets/no-literals', 'staging', 'kubernetes_secret_v1.db', 'pass', 'no literal values'),
  finding('availability/replicas', 'staging', 'kubernetes_deployment_v1.registration', 'pass', 'HPA min_replicas is 5'),
  finding('helm/pinned-version', 'staging', 'helm_release.monitoring', 'fail', 'version "~65" is a range'),
  // prod: blocking failures, a resource rule reporting two containers, tricky text
  finding('workload/no-privileged', 'prod', TRICKY_RESOURCE, 'fail', 'spec.template.spec.container[0].security_context.privileged is true'),
  finding('workload/no-privileged', 'prod', TRICKY_RESOURCE, 'fail', 'spec.template.spec.init_container[0].security_context.privileged is true'),
  finding('workload/no-privileged', 'prod', 'kubernetes_deployment_v1.registration', 'pass', 'no container is privileged'),
  finding('secrets/no-literals', 'prod', 'helm_release.his', 'fail', FORMULA_MESSAGE, { file: 'cdktf.out/stacks/prod/cdk.tf.json' }),
  finding('availability/replicas', 'prod', 'kubernetes_deployment_v1.registration', 'pass', 'HPA min_replicas is 5'),
  finding('workload/resources', 'prod', 'kubernetes_deployment_v1.registration', 'pass', 'requests and limits set', { details: { line: 42 } }),
  finding('helm/pinned-version', 'prod', 'helm_release.monitoring', 'pass', 'version 65.1.0 is exact'),
];

export function sampleReport(overrides: Partial<ComplianceReport> = {}): ComplianceReport {
  return {
    generatedAt: '2026-11-26T01:00:00.000Z',
    environments: ['dev', 'staging', 'prod'],
    rules,
    findings,
    waivers: [
      {
        rule: 'workload/no-privileged',
        resource: 'kubernetes_daemon_set_v1.falco',
        environment: 'staging',
        reason: 'Falco needs kernel access to observe syscalls on the node',
        approver: 'security-officer@hospital.example',
        expires: '2027-01-15',
        status: 'active',
      },
      {
        rule: 'workload/no-privileged',
        resource: 'kubernetes_daemon_set_v1.node-exporter*',
        environment: 'prod',
        reason: 'node exporter reads host metrics through hostPath mounts',
        approver: 'platform-lead@hospital.example',
        expires: '2026-12-10',
        status: 'unused',
      },
      {
        rule: 'secrets/no-literals',
        resource: 'helm_release.legacy',
        environment: 'prod',
        reason: 'legacy chart until migration to external secrets',
        approver: 'cio@hospital.example',
        expires: '2026-10-01',
        status: 'expired',
      },
      {
        rule: 'helm/pinned-version',
        resource: '*',
        environment: 'dev',
        reason: 'too short',
        approver: '',
        expires: '2029-01-01',
        status: 'invalid',
        problem: 'reason is shorter than 20 characters; approver is missing; expiry is more than one year ahead',
        file: 'policies/waivers.yaml',
      },
    ],
    manualControls: [
      {
        id: 'manual/vpn-2fa',
        title: 'Remote administration uses VPN with two-factor login',
        description: 'Administrators reach the management segment only through the VPN.',
        controls: { mlps: ['8.1.4.2'], hipaa: ['164.312(d)'], operationsPlan: '§7.2 Remote access' },
        evidence: ['VPN configuration export showing MFA enforcement', 'List of VPN accounts with MFA enrolment dates'],
        owner: 'network team',
        frequency: 'quarterly',
      },
      {
        id: 'manual/training',
        title: 'Security awareness training for staff',
        controls: { mlps: ['8.1.9.3'], hipaa: ['164.308(a)(5)(i)'] },
        evidence: ['Training attendance records for the last 12 months'],
        owner: 'security officer',
        frequency: 'yearly',
      },
    ],
    sections: [
      {
        id: 'network-matrix',
        title: 'Segment reachability',
        environment: 'prod',
        markdown: '| from \\ to | medical | guest |\n| --- | --- | --- |\n| medical | ✅ | ❌ |\n| guest | ❌ | ✅ |',
        html: '<table class="matrix" id="contributed-matrix"><tr><th>from \\ to</th><th>medical</th><th>guest</th></tr><tr><th>medical</th><td>allowed</td><td>denied</td></tr><tr><th>guest</th><td>denied</td><td>allowed</td></tr></table>',
        data: { medical: { guest: false } },
      },
      {
        id: 'backup-table',
        title: 'Backups',
        markdown: '- emr: daily 01:00, 30 days',
        html: '<svg xmlns="http://www.w3.org/2000/svg" id="contributed-svg" width="120" height="30" role="img"><title>backup schedule</title><rect width="100" height="20" fill="#1565c0"/></svg>',
        data: [{ system: 'emr', schedule: '0 1 * * *' }],
      },
    ],
    ruleEvidence: {
      'workload/no-privileged': evidence('as-declared', 'fixtures: 1 pass, 1 fail — all as declared', [
        ['pass', 'a restricted container'],
        ['fail', 'a privileged init container'],
      ]),
      'secrets/no-literals': evidence('as-declared', 'fixtures: 1 pass, 1 fail — all as declared', [
        ['fail', 'a literal password in helm set'],
        ['pass', 'a secret reference'],
      ]),
      'availability/replicas': evidence('as-declared', 'fixtures: 0 pass, 1 fail — all as declared', [['fail', 'one replica without HPA']]),
      'workload/resources': evidence('not-as-declared', 'fixtures: 0 pass, 1 fail — 1 not as declared: fails: missing memory limit', [
        ['fail', 'missing memory limit', 'expected exactly [kubernetes_deployment_v1.his] to fail: kubernetes_deployment_v1.his did not fail'],
      ]),
    },
    gate: { default: { blockOn: ['critical', 'high'] }, environments: { prod: { blockOn: ['critical', 'high', 'medium'] } } },
    ...overrides,
  };
}

/** A large estate: `count` blocking failures spread over 100 environments, to test size limits. */
export function largeReport(count: number): ComplianceReport {
  const environments = Array.from({ length: 100 }, (_, index) => `cluster-${String(index).padStart(3, '0')}`);
  const severities: Severity[] = ['critical', 'high'];
  const many: Finding[] = Array.from({ length: count }, (_, index) => ({
    ruleId: 'workload/no-privileged',
    severity: severities[index % 2]!,
    status: 'fail',
    resource: `kubernetes_deployment_v1.service_${index}_${'x'.repeat(40)}`,
    environment: environments[index % environments.length]!,
    file: `cdktf.out/stacks/${environments[index % environments.length]}/cdk.tf.json`,
    message: `spec.template.spec.container[${index % 3}].security_context.privileged is true`,
    controls: workloadControls,
  }));
  return sampleReport({ environments, findings: many, gate: undefined });
}

/** A rule's fixture evidence as `policies/rules/evidence.ts` builds it; a third tuple item marks a fixture that misbehaved. */
function evidence(state: RuleEvidence['state'], summary: string, fixtures: readonly (readonly [FixtureOutcome['expects'], string, string?])[]): RuleEvidence {
  return {
    state,
    summary,
    source: 'test/policies/rules/fixtures.test.ts',
    fixtures: fixtures.map(([expects, name, reason]) => ({ name, expects, result: reason ? 'not-as-declared' : 'as-declared', ...(reason ? { reason } : {}) })),
  };
}
