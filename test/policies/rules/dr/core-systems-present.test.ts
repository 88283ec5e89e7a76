import { evaluate } from '../../../../policies/engine';
import { resourcesFromTerraformJson } from '../../../../policies/inputs';
import { LABELS, LABEL_VALUES } from '../../../../policies/labels';
import { resource, terraform, workload } from '../../../../policies/rules/fixture-builders';
import { drCoreSystemsPresent } from '../../../../policies/rules/dr/core-systems-present';
import { backupCronJob, dataStoreStatefulSet } from '../../../../policies/rules/backup/fixture-builders';

const core = (name: string, replicas?: number) =>
  workload('kubernetes_deployment_v1', name, {
    namespace: 'his',
    ...(replicas === undefined ? {} : { replicas }),
    labels: { [LABELS.tier]: LABEL_VALUES.coreTier },
  });
const hpa = (target: string, min: number) =>
  resource('kubernetes_horizontal_pod_autoscaler_v2', `${target}-hpa`, {
    metadata: { name: target, namespace: 'his' },
    spec: { min_replicas: min, max_replicas: 10, scale_target_ref: { kind: 'Deployment', name: target } },
  });
const run = (environments: Record<string, Record<string, unknown>>, options = {}) =>
  evaluate(
    Object.entries(environments).flatMap(([environment, json]) => resourcesFromTerraformJson(json, { file: `${environment}.tf.json`, environment })),
    [drCoreSystemsPresent],
    { policyOptions: options },
  ).findings.map((finding) => [finding.status, finding.message]);
const details = (environments: Record<string, Record<string, unknown>>) =>
  evaluate(
    Object.entries(environments).flatMap(([environment, json]) => resourcesFromTerraformJson(json, { file: `${environment}.tf.json`, environment })),
    [drCoreSystemsPresent],
  ).findings.map((finding) => [finding.status, finding.resource, finding.file, finding.details]);

describe('dr/core-systems-present', () => {
  it('counts an HPA minimum as the warm replicas of an autoscaled counterpart', () => {
    expect(run({ prod: core('registration', 5), dr: terraform(core('registration'), hpa('registration', 2)) })).toEqual([
      ['pass', 'core system his/registration runs warm in dr (kubernetes_deployment_v1.registration, 2 replicas)'],
    ]);
    expect(run({ prod: core('registration', 5), dr: terraform(core('registration'), hpa('registration', 0)) })[0]![1]).toMatch(
      /runs 0 replicas; a warm standby needs at least 1/,
    );
  });

  it('fails closed when the standby replica count is known only after apply', () => {
    const unknown = core('billing') as any;
    unknown.resource.kubernetes_deployment_v1.billing.spec.replicas = '${var.billing_replicas}';
    expect(run({ prod: core('billing', 3), dr: terraform(unknown, { variable: { billing_replicas: { type: 'number' } } }) })[0]).toEqual([
      'fail',
      'core system his/billing: the replica count of kubernetes_deployment_v1.billing in dr is known only after apply; failing closed',
    ]);
  });

  it('follows the configured DR pairs', () => {
    expect(run({ prod: core('emr', 3), 'dr-east': core('emr', 1) }, { drSites: { prod: 'dr-east' } })).toEqual([
      ['pass', 'core system his/emr runs warm in dr-east (kubernetes_deployment_v1.emr, 1 replica)'],
    ]);
  });

  it('says nothing about environments that are not a primary in the check', () => {
    expect(run({ staging: core('registration', 2) })).toEqual([]);
  });

  it('reports the counterpart of each core system and data store, and whether the standby drills restores', () => {
    // prod copies emr-db's backups off site to dr, where a drill fetches exactly that copy.
    const prod = terraform(
      core('emr', 3),
      dataStoreStatefulSet('emr-db'),
      backupCronJob('emr-db', 'full'),
      backupCronJob('emr-db', 'incremental'),
      backupCronJob('lis-db', 'full'),
    );
    const dr = terraform(
      core('emr', 1),
      dataStoreStatefulSet('emr-db'),
      backupCronJob('lis-db', 'full', { site: 'dr' }),
      backupCronJob('emr-db', 'restore-drill', { site: 'dr' }),
    );
    expect(details({ prod, dr })).toEqual([
      [
        'pass',
        'kubernetes_deployment_v1.emr',
        'prod.tf.json',
        { system: 'his/emr', counterpart: 'dr: his/emr (1 replica(s))', counterpartAddress: 'kubernetes_deployment_v1.emr', readyReplicas: 1 },
      ],
      [
        'pass',
        'kubernetes_stateful_set_v1.emr-db',
        'prod.tf.json',
        { dataStore: 'emr-db', counterpart: 'dr: clinical-data/emr-db', counterpartAddress: 'kubernetes_stateful_set_v1.emr-db', restoreDrillAtStandby: true },
      ],
      [
        'pass',
        'kubernetes_cron_job_v1.lis-db-backup-full',
        'prod.tf.json',
        { dataStore: 'lis-db', counterpart: 'dr: backup jobs only', counterpartAddress: 'backup jobs only', restoreDrillAtStandby: false },
      ],
    ]);
  });
});
