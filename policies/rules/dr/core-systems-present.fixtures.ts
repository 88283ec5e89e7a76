import type { RuleFixtures } from '../fixtures';
import { resource, workload } from '../fixture-builders';
import { LABELS, LABEL_VALUES } from '../../labels';
import { backupCronJob, dataStoreStatefulSet, terraform } from '../backup/fixture-builders';
import { DATA_STORE_LABEL } from '../backup/facts';

type Json = Record<string, unknown>;
const coreLabels = { [LABELS.tier]: LABEL_VALUES.coreTier };

/** A core Deployment in `his`; `replicas` undefined leaves `spec.replicas` unset. */
const coreDeployment = (name: string, replicas?: number, options: { resourceName?: string; labels?: Record<string, string> } = {}) =>
  workload('kubernetes_deployment_v1', options.resourceName ?? name, {
    name,
    namespace: 'his',
    ...(replicas === undefined ? {} : { replicas }),
    labels: { ...coreLabels, ...(options.labels ?? {}) },
  });

/** An HPA in `namespace` scaling the Deployment `target`. */
const hpa = (target: string, min: number, namespace = 'his') =>
  resource('kubernetes_horizontal_pod_autoscaler_v2', `${target}_hpa`, {
    metadata: { name: target, namespace },
    spec: { min_replicas: min, max_replicas: 10, scale_target_ref: { kind: 'Deployment', name: target } },
  });

/** The document with `spec.replicas` of resource `type.name` set to a raw value (an interpolation, …). */
function withReplicas(json: Json, type: string, name: string, replicas: unknown): Json {
  const body = (json.resource as Record<string, Record<string, { spec: Json }>>)[type]![name]!;
  body.spec.replicas = replicas;
  return json;
}

const prod = terraform(coreDeployment('registration', 5), coreDeployment('billing', 3), dataStoreStatefulSet('his-db'));
/** A compliant dr for `prod`, with `extra` documents merged over it. */
const dr = (...extra: Json[]) => terraform(coreDeployment('registration', 2), coreDeployment('billing', 1), dataStoreStatefulSet('his-db'), ...extra);

export const drCoreSystemsPresentFixtures: RuleFixtures = {
  ruleId: 'dr/core-systems-present',
  pass: [
    {
      name: 'every core system and data store warm in dr',
      terraform: prod,
      otherEnvironments: { dr: dr() },
      resource: 'kubernetes_deployment_v1.billing',
      message: 'core system his/billing runs warm in dr (kubernetes_deployment_v1.billing, 1 replica)',
    },
    {
      name: "replicas unset in dr: Kubernetes' default of 1 keeps it warm",
      terraform: prod,
      otherEnvironments: { dr: dr(coreDeployment('registration')) },
      resource: 'kubernetes_deployment_v1.registration',
      message: 'core system his/registration runs warm in dr (kubernetes_deployment_v1.registration, 1 replica)',
    },
    {
      name: 'counterpart matched by Kubernetes namespace and name, not by Terraform resource name',
      terraform: prod,
      otherEnvironments: {
        dr: terraform(coreDeployment('registration', 2, { resourceName: 'registration_dr' }), coreDeployment('billing', 1), dataStoreStatefulSet('his-db')),
      },
      resource: 'kubernetes_deployment_v1.registration',
      message: 'core system his/registration runs warm in dr (kubernetes_deployment_v1.registration_dr, 2 replicas)',
    },
    {
      name: 'a system that is not core needs no DR counterpart',
      terraform: terraform(prod, workload('kubernetes_deployment_v1', 'visitor-portal', { namespace: 'his', replicas: 2 })),
      otherEnvironments: { dr: dr() },
    },
    {
      name: 'a prod canary needs no DR counterpart (its stable Deployment has one)',
      terraform: terraform(prod, coreDeployment('billing-canary', 1, { labels: { [LABELS.track]: LABEL_VALUES.canaryTrack } })),
      otherEnvironments: { dr: dr() },
    },
    {
      name: 'data store in another namespace at the DR site is matched by its store name',
      terraform: prod,
      otherEnvironments: {
        dr: terraform(coreDeployment('registration', 2), coreDeployment('billing', 1), dataStoreStatefulSet('his-db', { namespace: 'clinical-data-dr' })),
      },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db has its counterpart in dr (kubernetes_stateful_set_v1.his-db)',
    },
    {
      name: 'data store known only by its backup jobs at both sites',
      terraform: terraform(prod, backupCronJob('lis-db', 'full')),
      otherEnvironments: { dr: dr(backupCronJob('lis-db', 'full')) },
      resource: 'kubernetes_cron_job_v1.lis-db-backup-full',
      message: 'data store lis-db has its counterpart in dr (backup jobs only)',
    },
    {
      name: 'data store backed up in prod, running warm in dr',
      terraform: terraform(prod, backupCronJob('lis-db', 'full')),
      otherEnvironments: { dr: dr(dataStoreStatefulSet('lis-db')) },
      resource: 'kubernetes_cron_job_v1.lis-db-backup-full',
      message: 'data store lis-db has its counterpart in dr (kubernetes_stateful_set_v1.lis-db)',
    },
  ],
  fail: [
    {
      name: 'billing missing in dr',
      terraform: prod,
      otherEnvironments: { dr: terraform(coreDeployment('registration', 2), dataStoreStatefulSet('his-db')) },
      resource: 'kubernetes_deployment_v1.billing',
      message: 'core system his/billing of prod has no counterpart in dr',
    },
    {
      name: 'billing scaled to zero in dr (cold, not warm)',
      terraform: prod,
      otherEnvironments: { dr: dr(coreDeployment('billing', 0)) },
      resource: 'kubernetes_deployment_v1.billing',
      message: 'core system his/billing: kubernetes_deployment_v1.billing in dr runs 0 replicas; a warm standby needs at least 1',
    },
    {
      name: 'an HPA in another namespace does not keep billing warm',
      terraform: prod,
      otherEnvironments: { dr: dr(coreDeployment('billing', 0), hpa('billing', 2, 'his-other')) },
      resource: 'kubernetes_deployment_v1.billing',
      message: 'runs 0 replicas',
    },
    {
      name: 'the HPA of another system does not keep billing warm',
      terraform: prod,
      otherEnvironments: { dr: dr(coreDeployment('billing', 0), hpa('registration', 2)) },
      resource: 'kubernetes_deployment_v1.billing',
      message: 'runs 0 replicas',
    },
    {
      name: 'standby replica count known only after apply fails closed, even with an HPA',
      terraform: prod,
      otherEnvironments: {
        dr: dr(withReplicas(coreDeployment('billing'), 'kubernetes_deployment_v1', 'billing', '${var.billing_replicas}'), hpa('billing', 2)),
      },
      resource: 'kubernetes_deployment_v1.billing',
      message: 'is known only after apply; failing closed',
    },
    {
      name: 'data store missing in dr',
      terraform: prod,
      otherEnvironments: { dr: terraform(coreDeployment('registration', 2), coreDeployment('billing', 1)) },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db of prod has no counterpart in dr',
    },
    {
      name: 'data store backed up in prod but missing in dr',
      terraform: terraform(prod, backupCronJob('lis-db', 'full')),
      otherEnvironments: { dr: dr() },
      resource: 'kubernetes_cron_job_v1.lis-db-backup-full',
      message: 'data store lis-db of prod has no counterpart in dr',
    },
    {
      name: 'data store scaled to zero in dr',
      terraform: prod,
      otherEnvironments: { dr: dr(dataStoreStatefulSet('his-db', { replicas: 0 })) },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: kubernetes_stateful_set_v1.his-db in dr runs 0 replicas; a warm standby needs at least 1',
    },
    {
      name: 'data store replica count in dr known only after apply',
      terraform: prod,
      otherEnvironments: { dr: dr(withReplicas(dataStoreStatefulSet('his-db'), 'kubernetes_stateful_set_v1', 'his-db', '${var.his_db_replicas}')) },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: kubernetes_stateful_set_v1.his-db in dr runs unknown replicas',
    },
    {
      name: 'data store runs in prod but dr only backs it up',
      terraform: prod,
      otherEnvironments: { dr: terraform(coreDeployment('registration', 2), coreDeployment('billing', 1), backupCronJob('his-db', 'full')) },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db runs in prod (kubernetes_stateful_set_v1.his-db) but dr only backs it up; it needs a running standby',
    },
    {
      name: 'EMR without its tier label is still core: the plan names emr/emr',
      terraform: terraform(prod, workload('kubernetes_deployment_v1', 'emr', { namespace: 'emr', replicas: 3 })),
      otherEnvironments: { dr: dr() },
      resource: 'kubernetes_deployment_v1.emr',
      message: 'core system emr/emr of prod has no counterpart in dr',
    },
    {
      name: 'a plan core system labelled as a canary and as a data store is still core',
      terraform: terraform(
        prod,
        workload('kubernetes_deployment_v1', 'lis', {
          namespace: 'lis',
          replicas: 2,
          labels: { [LABELS.track]: LABEL_VALUES.canaryTrack, [DATA_STORE_LABEL]: 'lis' },
        }),
      ),
      otherEnvironments: { dr: dr() },
      resource: 'kubernetes_deployment_v1.lis',
      message: 'core system lis/lis of prod has no counterpart in dr',
    },
    {
      name: 'a plan store without labels (holdsMedicalRecords: false) in prod, missing in dr',
      terraform: terraform(prod, workload('kubernetes_stateful_set_v1', 'pacs-index-db', { namespace: 'clinical-data', replicas: 1 })),
      otherEnvironments: { dr: dr() },
      resource: 'kubernetes_stateful_set_v1.pacs-index-db',
      message: 'data store pacs-index-db of prod has no counterpart in dr',
    },
    {
      name: 'a tier label known only after apply fails closed',
      terraform: terraform(
        prod,
        workload('kubernetes_deployment_v1', 'reporting', { namespace: 'his', replicas: 1, labels: { [LABELS.tier]: '${var.reporting_tier}' } }),
      ),
      otherEnvironments: { dr: dr() },
      resource: 'kubernetes_deployment_v1.reporting',
      message: 'his/reporting: its platform.hospital/tier label is known only after apply, so whether it is a core system is unknown; failing closed',
    },
  ],
  skip: [
    {
      name: 'prod checked without its DR site',
      terraform: prod,
      resource: '(estate)',
      message: 'the DR environment dr of prod is not part of this check',
    },
  ],
};
