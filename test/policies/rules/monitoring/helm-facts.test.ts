/** The helm_release readers behind the monitoring and log-retention rules, beyond what the rule fixtures show. */
import { buildEstate } from '../../../../policies/estate';
import { resourcesFromTerraformJson } from '../../../../policies/inputs';
import { alertRulesOf, durationDays, matchesAll, releasesOf, selectorsOf } from '../../../../policies/rules/monitoring/helm-facts';
import { coreDeployment, coreSystemDown, prometheusStack, terraform } from '../../../../policies/rules/monitoring/fixture-builders';
import { evaluate } from '../../../../policies/engine';
import { coreSystemsAlerted } from '../../../../policies/rules/monitoring/core-systems-alerted';

const estateOf = (json: Record<string, unknown>) => buildEstate(resourcesFromTerraformJson(json, { file: 'cdk.tf.json', environment: 'prod' }));
const stackRelease = (rules: readonly unknown[]) =>
  releasesOf(estateOf(prometheusStack(rules as Record<string, unknown>[])), 'prod', 'kube-prometheus-stack')[0]!;

describe('durationDays: Prometheus/Loki durations in days', () => {
  it('reads every unit', () => {
    expect(durationDays('4320h')).toBe(180);
    expect(durationDays('180d')).toBe(180);
    expect(durationDays('10y')).toBe(3650);
    expect(durationDays('2w')).toBe(14);
    expect(durationDays('1440m')).toBeCloseTo(1, 10);
    expect(durationDays('86400s')).toBeCloseTo(1, 10);
    expect(durationDays('86400000ms')).toBeCloseTo(1, 10);
  });

  it('adds up compound durations and reads decimals', () => {
    expect(durationDays('25w5d')).toBe(180);
    expect(durationDays('1d12h')).toBe(1.5);
    expect(durationDays('0.5d')).toBe(0.5);
    expect(durationDays('182.50d')).toBe(182.5);
  });

  it('reads a number as seconds', () => {
    expect(durationDays(15_552_000)).toBeCloseTo(180, 10);
  });

  it('refuses anything else', () => {
    for (const value of ['4320hours', '-4320h', '4320', 'h', '', '1.d', undefined, null, true, [15_552_000], { hours: 4320 }]) {
      expect({ value, days: durationDays(value) }).toEqual({ value, days: undefined });
    }
  });
});

describe('selectorsOf and matchesAll: PromQL selectors of a metric', () => {
  const METRIC = 'kube_deployment_status_replicas_available';

  it('finds every selector of the metric, and only of that metric', () => {
    expect(selectorsOf(`${METRIC}{deployment="emr"} < 1 or other_${METRIC}{deployment="lis"} < 1 or ${METRIC} == 0`, METRIC)).toEqual([
      [{ label: 'deployment', op: '=', value: 'emr' }],
      [],
    ]);
    expect(selectorsOf(`${METRIC} {namespace=~"his|emr", deployment!~"canary-.*"}`, METRIC)).toEqual([
      [
        { label: 'namespace', op: '=~', value: 'his|emr' },
        { label: 'deployment', op: '!~', value: 'canary-.*' },
      ],
    ]);
    expect(selectorsOf('up == 0', METRIC)).toEqual([]);
  });

  it('unescapes backslashes in matcher values', () => {
    expect(selectorsOf(`${METRIC}{deployment=~"emr\\\\d"}`, METRIC)).toEqual([[{ label: 'deployment', op: '=~', value: 'emr\\d' }]]);
  });

  it('matches labels with each operator, regexes anchored, a missing label as empty', () => {
    const labels = { namespace: 'his', deployment: 'registration' };
    expect(matchesAll([{ label: 'deployment', op: '=', value: 'registration' }], labels)).toBe(true);
    expect(matchesAll([{ label: 'deployment', op: '=', value: 'billing' }], labels)).toBe(false);
    expect(matchesAll([{ label: 'deployment', op: '!=', value: 'billing' }], labels)).toBe(true);
    expect(matchesAll([{ label: 'deployment', op: '!=', value: 'registration' }], labels)).toBe(false);
    expect(matchesAll([{ label: 'deployment', op: '=~', value: 'reg.*' }], labels)).toBe(true);
    expect(matchesAll([{ label: 'deployment', op: '=~', value: 'reg' }], labels)).toBe(false);
    expect(matchesAll([{ label: 'deployment', op: '!~', value: 'reg' }], labels)).toBe(true);
    expect(matchesAll([{ label: 'deployment', op: '!~', value: 'reg.*' }], labels)).toBe(false);
    expect(matchesAll([{ label: 'pod', op: '=', value: '' }], labels)).toBe(true);
    expect(matchesAll([], labels)).toBe(true);
  });
});

describe('alertRulesOf: the alerting rules of a kube-prometheus-stack release', () => {
  it('keeps each well-formed rule with its for, labels and annotations as strings', () => {
    const rules = alertRulesOf(
      stackRelease([
        { ...coreSystemDown('kube_deployment_status_replicas_available < 1'), annotations: { summary: 'core system down', runbook: 7 } },
        { alert: 'CertificateExpiry', expr: 'cert_expiry_days < 14', labels: { severity: 2 } },
      ]),
    );
    expect(rules.map(({ release, ...rule }) => ({ ...rule, release: release.address }))).toEqual([
      {
        alert: 'CoreSystemDown',
        expr: 'kube_deployment_status_replicas_available < 1',
        for: '2m',
        labels: { severity: 'P1', system: '{{ $labels.deployment }}' },
        annotations: { summary: 'core system down', runbook: '7' },
        release: 'helm_release.kube-prometheus-stack',
        group: 'hospital',
      },
      {
        alert: 'CertificateExpiry',
        expr: 'cert_expiry_days < 14',
        labels: { severity: '2' },
        annotations: {},
        release: 'helm_release.kube-prometheus-stack',
        group: 'hospital',
      },
    ]);
  });

  it('skips rules without a string alert and expr (recording rules, typos)', () => {
    const rules = alertRulesOf(
      stackRelease([{ record: 'job:up:sum', expr: 'sum(up)' }, { alert: 7, expr: 'up == 0' }, { alert: 'NodeDown', expr: 1 }, 'NodeDown', null]),
    );
    expect(rules).toEqual([]);
  });

  it('gives no rules for a release without additionalPrometheusRulesMap', () => {
    const estate = estateOf(prometheusStack([]));
    const release = releasesOf(estate, 'prod', 'kube-prometheus-stack')[0]!;
    expect(alertRulesOf({ ...release, values: {} })).toEqual([]);
    expect(alertRulesOf({ ...release, values: { additionalPrometheusRulesMap: 'none' } })).toEqual([]);
  });
});

describe('monitoring/core-systems-alerted', () => {
  it('says nothing about an environment without core systems', () => {
    const findings = evaluate(
      resourcesFromTerraformJson(terraform(coreDeployment('pacs', 'pacs', 'standard'), prometheusStack([])), { file: 'cdk.tf.json', environment: 'prod' }),
      [coreSystemsAlerted],
    ).findings;
    expect(findings).toEqual([]);
  });
});
