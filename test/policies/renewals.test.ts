/**
 * Expiring break-glass bindings and waivers are announced 30 days ahead (issue 16, item 14): a `low`
 * finding that blocks no shipped gate — prod's included, which blocks on medium — and is listed in the
 * report summary, so the renewal is reviewed before the gate starts blocking on the day after expiry.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildReport, checkResources, gate, parseWaivers, resourcesFromTerraformJson, selectRules } from '../../policies';
import { renderMarkdownSummary } from '../../policies/report/markdown';
import { renderHtml } from '../../policies/report/html';
import { resource } from '../../policies/rules/fixture-builders';
import { REPO_ROOT } from '../support/environments';
import { runSynth, scratchWorkspace } from '../support/run-synth';

const RBAC = 'rbac.authorization.k8s.io';
const day = (offset: number, from = new Date()) => new Date(from.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

const breakGlass = (expires: string) =>
  resource('kubernetes_cluster_role_binding_v1', 'break_glass', {
    metadata: { name: 'hospital:break-glass', annotations: { 'platform.hospital/expires': expires } },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: 'cluster-admin' },
    subject: [{ kind: 'Group', name: 'platform:break-glass', api_group: RBAC }],
  });

const waiverYaml = (expires: string) =>
  [
    'waivers:',
    '  - rule: workload/no-host-namespaces',
    '    resource: kubernetes_daemon_set_v1.suricata',
    '    environment: prod',
    '    reason: Suricata captures traffic on the node interface of the medical segment',
    '    approver: security-officer@hospital.example',
    `    expires: ${expires}`,
  ].join('\n');

describe('renewal notices', () => {
  const today = '2027-01-20';
  const resources = resourcesFromTerraformJson(breakGlass('2027-02-15'), { file: 'prod.tf.json', environment: 'prod' });
  const waivers = parseWaivers(waiverYaml('2027-02-01'), 'policies/waivers.yaml', new Date(`${today}T08:00:00Z`), new Set(['workload/no-host-namespaces']));
  // The break-glass rules only: a lone binding is no platform for the other rules.
  const rules = selectRules(['rbac/break-glass-*']);
  const result = checkResources(resources, { waivers, rules, policyOptions: { today } });
  const notices = result.findings.filter((finding) => finding.status === 'fail');
  const prodGate = { default: { blockOn: ['critical', 'high'] as const }, environments: { prod: { blockOn: ['critical', 'high', 'medium'] as const } } };

  it('announces a break-glass binding and a waiver within 30 days of expiry as low findings', () => {
    expect(notices).toEqual([
      expect.objectContaining({
        ruleId: 'rbac/break-glass-expiry-soon',
        severity: 'low',
        environment: 'prod',
        message: expect.stringContaining('expires 2027-02-15, in 26 days'),
      }),
      expect.objectContaining({
        ruleId: 'waiver/renewal-due',
        severity: 'low',
        resource: 'waivers[0]',
        message: expect.stringContaining('expires 2027-02-01, in 12 days'),
      }),
    ]);
    // The binding itself is still valid: the blocking rule passes until its day.
    expect(result.findings).toContainEqual(expect.objectContaining({ ruleId: 'rbac/break-glass-expiry', status: 'pass' }));
  });

  it('does not block prod (which blocks on medium), unless an environment chooses to block on low', () => {
    const mutable = { default: { blockOn: [...prodGate.default.blockOn] }, environments: { prod: { blockOn: [...prodGate.environments.prod.blockOn] } } };
    expect(gate(result.findings, mutable)).toMatchObject({ passed: true, blocking: [] });
    expect(gate(result.findings, mutable).warnings).toHaveLength(2);
    expect(gate(result.findings, { default: { blockOn: ['critical', 'high', 'medium', 'low'] } }).passed).toBe(false);
  });

  it('lists both in the summary of the Markdown (pull-request comment) and HTML reports', async () => {
    const report = await buildReport(result, { withoutContributors: true, generatedAt: new Date(`${today}T08:00:00Z`) });
    const summary = renderMarkdownSummary(report);
    expect(summary).toMatch(/### Renew before expiry \(2\)/);
    expect(summary).toMatch(/`waiver\/renewal-due` · prod · `waivers\[0\]`: .*in 12 days/);
    expect(summary).toMatch(/`rbac\/break-glass-expiry-soon` · prod · `kubernetes_cluster_role_binding_v1.break_glass`: .*in 26 days/);
    // Soonest first.
    expect(summary.indexOf('waiver/renewal-due')).toBeLessThan(summary.indexOf('rbac/break-glass-expiry-soon'));
    const html = renderHtml(report);
    expect(html).toMatch(/<table id="renewals-table"/);
    expect(html).toMatch(/2027-02-01<\/td><td class="num">12<\/td>/);
  });

  it('stays silent more than 30 days ahead', () => {
    const early = checkResources(resources, {
      waivers: parseWaivers(waiverYaml('2027-02-01'), 'w.yaml', new Date('2026-12-01T00:00:00Z'), new Set(['workload/no-host-namespaces'])),
      rules,
      policyOptions: { today: '2026-12-01' },
    });
    expect(early.findings.filter((finding) => finding.status === 'fail')).toEqual([]);
  });
});

describe('npm run synth with break-glass bindings and waivers expiring within 30 days', () => {
  const workspace = scratchWorkspace('hospital-renewals-');
  const soon = day(10);
  for (const name of ['dev', 'staging', 'prod', 'dr']) {
    const file = path.join(workspace.environmentsDir, `${name}.yaml`);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/expires: "\d{4}-\d{2}-\d{2}"/, `expires: "${soon}"`));
  }
  const waiversFile = path.join(workspace.root, 'waivers.yaml');
  fs.writeFileSync(
    waiversFile,
    fs.readFileSync(path.join(REPO_ROOT, 'policies', 'waivers.yaml'), 'utf8').replace(/expires: \d{4}-\d{2}-\d{2}/g, `expires: ${day(20)}`),
  );
  const run = runSynth(workspace.environmentsDir, workspace.outputRoot, { PLATFORM_WAIVERS_FILE: waiversFile });
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  it('passes the gate (prod blocks on medium; the notices are low) and lists every renewal in the report summary', () => {
    expect(run.stderr).not.toMatch(/blocking finding/);
    expect(run.status).toBe(0);
    const markdown = fs.readFileSync(path.join(workspace.outputRoot, 'reports', 'compliance.md'), 'utf8');
    const summary = markdown.slice(0, markdown.indexOf('<!-- compliance-summary:end -->'));
    // Four break-glass bindings (one per environment) and the four shipped waivers.
    expect(summary).toMatch(/### Renew before expiry \(8\)/);
    for (const environment of ['dev', 'staging', 'prod', 'dr'])
      expect(summary).toMatch(new RegExp(`rbac/break-glass-expiry-soon\` · ${environment} · .*expires ${soon}, in 10 days`));
    expect(summary.match(/waiver\/renewal-due/g)).toHaveLength(4);
  });
});
