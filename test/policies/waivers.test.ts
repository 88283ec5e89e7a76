import * as path from 'node:path';
import { evaluate } from '../../policies/engine';
import { InputError } from '../../policies/inputs';
import type { ResourceRule } from '../../policies/model';
import { loadWaivers, parseWaivers, WAIVER_RULE } from '../../policies/waivers';

const now = new Date('2026-11-26T00:00:00Z');
const rule: ResourceRule = {
  id: 'test/always-fails',
  profile: 'generic',
  title: 'always fails',
  severity: 'high',
  rationale: 'r',
  remediation: 'm',
  resourceTypes: ['kubernetes_deployment_v1'],
  controls: { mlps: ['8.1.4.2'], hipaa: ['164.312(a)(1)'], operationsPlan: 'ops-4.1' },
  scope: 'resource',
  evaluate: () => ({ status: 'fail', message: 'bad' }),
};
const resource = (name: string, environment = 'prod') => ({
  address: `kubernetes_deployment_v1.${name}`,
  type: 'kubernetes_deployment_v1',
  name,
  values: {},
  environment,
  file: 'cdk.tf.json',
});
const entry = (overrides: Record<string, unknown> = {}) => ({
  rule: 'test/always-fails',
  resource: 'kubernetes_deployment_v1.pacs-*',
  environment: 'prod',
  reason: 'PACS viewer caches DICOM on its root filesystem until vendor release 5.2',
  approver: 'security-officer@hospital.example',
  expires: '2027-03-31',
  ...overrides,
});
const yaml = (...entries: Record<string, unknown>[]) =>
  `waivers:\n${entries
    .map(
      (e) =>
        `  - ${Object.entries(e)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
          .join('\n    ')}`,
    )
    .join('\n')}\n`;

describe('waivers', () => {
  it('waives matching failures, which stay visible with the waiver, and records the waiver as valid', () => {
    const waivers = parseWaivers(yaml(entry()), 'waivers.yaml', now);
    expect(waivers.problems).toEqual([]);
    const { findings, summary } = evaluate([resource('pacs-viewer'), resource('emr'), resource('pacs-viewer', 'staging')], [rule], { waivers });
    const byKey = (address: string, environment: string) =>
      findings.find((f) => f.resource === address && f.environment === environment && f.ruleId === rule.id);
    expect(byKey('kubernetes_deployment_v1.pacs-viewer', 'prod')).toMatchObject({
      status: 'waived',
      waiver: { approver: 'security-officer@hospital.example', expires: '2027-03-31' },
    });
    expect(byKey('kubernetes_deployment_v1.emr', 'prod')?.status).toBe('fail');
    expect(byKey('kubernetes_deployment_v1.pacs-viewer', 'staging')?.status).toBe('fail');
    expect(findings.filter((f) => f.ruleId === WAIVER_RULE.id)).toEqual([
      expect.objectContaining({ status: 'pass', resource: 'waivers[0]', file: 'waivers.yaml' }),
    ]);
    expect(summary).toEqual({ passed: 1, failed: 2, waived: 1, notApplicable: 0 });
  });

  it.each([
    ['expired', { expires: '2026-11-25' }, /expired on 2026-11-25/, 'expired'],
    ['too far ahead', { expires: '2027-11-27' }, /more than one year ahead/, 'invalid'],
    ['short reason', { reason: 'because' }, /reason: at least 20 characters/, 'invalid'],
    ['missing approver', { approver: undefined }, /approver: required/, 'invalid'],
    ['not a date', { expires: '2027-02-30' }, /expected a date YYYY-MM-DD/, 'invalid'],
    ['unknown rule', { rule: 'workload/nope' }, /unknown rule/, 'invalid'],
  ])('rejects a waiver that is %s with a blocking waiver/valid finding, and does not apply it', (_, overrides, message, kind) => {
    const waivers = parseWaivers(yaml(entry(overrides)), 'waivers.yaml', now, new Set([rule.id]));
    expect(waivers.waivers).toEqual([]);
    expect(waivers.problems).toEqual([expect.objectContaining({ location: 'waivers[0]', kind, message: expect.stringMatching(message) })]);
    const { findings } = evaluate([resource('pacs-viewer')], [rule], { waivers });
    expect(findings.find((f) => f.ruleId === rule.id)?.status).toBe('fail');
    expect(findings.find((f) => f.ruleId === WAIVER_RULE.id)).toMatchObject({ status: 'fail', severity: 'critical', message: expect.stringMatching(message) });
  });

  it('accepts an expiry exactly one year ahead and today', () => {
    expect(parseWaivers(yaml(entry({ expires: '2027-11-26' }), entry({ expires: '2026-11-26' })), 'w.yaml', now).problems).toEqual([]);
  });

  it('treats invalid YAML and a non-list as malformed, and an empty file as no waivers', () => {
    expect(parseWaivers('waivers: [\n', 'w.yaml', now).problems[0].message).toMatch(/invalid YAML/);
    expect(parseWaivers('waivers: {}\n', 'w.yaml', now).problems[0].message).toMatch(/expected a list/);
    expect(parseWaivers('', 'w.yaml', now)).toEqual({ file: 'w.yaml', waivers: [], problems: [] });
    expect(parseWaivers('waivers: []\n', 'w.yaml', now).problems).toEqual([]);
  });

  it('matches environment "*" and exact addresses, and reports a missing file as unusable input', () => {
    const waivers = parseWaivers(yaml(entry({ environment: '*', resource: 'kubernetes_deployment_v1.emr' })), 'w.yaml', now);
    const { findings } = evaluate([resource('emr', 'dr'), resource('emr-two', 'dr')], [rule], { waivers });
    expect(findings.filter((f) => f.ruleId === rule.id).map((f) => f.status)).toEqual(['waived', 'fail']);
    expect(() => loadWaivers(path.join(__dirname, 'no-such-waivers.yaml'), now)).toThrow(InputError);
  });

  it('refuses a blanket waiver of a critical rule, which would silence it everywhere', () => {
    const critical = new Set(['test/always-fails']);
    const known = new Set(['test/always-fails']);
    for (const pattern of ['*', 'kubernetes_*', 'kubernetes_deployment_v1.*', '*.pacs', 'kubernetes_deployment_v1.?acs*', 'everything']) {
      const waivers = parseWaivers(yaml(entry({ environment: '*', resource: pattern })), 'w.yaml', now, known, critical);
      expect(waivers.waivers).toEqual([]);
      expect(waivers.problems.map((problem) => problem.message)).toEqual([
        `waiver for test/always-fails on ${pattern} (*): a critical rule may be waived only for named resources (type.name-prefix*), not for every resource`,
      ]);
    }
    // Named resources stay waivable, and a blanket waiver of a rule that is not critical is not refused.
    expect(parseWaivers(yaml(entry({ environment: '*', resource: 'kubernetes_deployment_v1.pacs-*' })), 'w.yaml', now, known, critical).problems).toEqual([]);
    expect(parseWaivers(yaml(entry({ environment: '*', resource: '*' })), 'w.yaml', now, known, new Set()).problems).toEqual([]);
  });

  it('matches globs in linear time and refuses overlong ones', () => {
    const stars = `${'*'.repeat(60)}a`;
    const address = `kubernetes_daemon_set_v1.${'x'.repeat(4000)}`;
    const waivers = parseWaivers(yaml(entry({ resource: stars })), 'w.yaml', now);
    const started = process.hrtime.bigint();
    const { findings } = evaluate([{ ...resource('x'), address }], [rule], { waivers });
    // A backtracking matcher needs astronomically long for this pair; the piecewise one answers at once.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
    expect(findings.filter((f) => f.ruleId === rule.id).map((f) => f.status)).toEqual(['fail']);
    expect(parseWaivers(yaml(entry({ resource: 'a'.repeat(300) })), 'w.yaml', now).problems[0]!.message).toMatch(/resource: a glob of at most 256 characters/);
  });
});
