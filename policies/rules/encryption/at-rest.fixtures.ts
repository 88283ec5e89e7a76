import type { RuleFixtures } from '../fixtures';
import { terraform, workload } from '../fixture-builders';
import { helmReleaseWith, lokiSingleBinary } from '../monitoring/fixture-builders';
import { claim, dataStore, encryptedClass, namespace, plainClass, volume } from './fixtures-shared';

const EMR_DB = 'kubernetes_stateful_set_v1.emr_db';
const pvcVolume = (name: string, claimName: string) => ({ name, persistent_volume_claim: { claim_name: claimName } });
/** A medical-record data store mounting the PVC `emr-archive` (volume "archive") beside a ConfigMap volume. */
const archiveMounter = () =>
  dataStore('emr-db', 'clinical-data', 'medical-encrypted', undefined, [
    { name: 'config', config_map: { name: 'emr-db-config' } },
    pvcVolume('archive', 'emr-archive'),
  ]);
/** Replaces fields of the first resource of a Terraform JSON document (to make a value known only after apply). */
type Body = Record<string, unknown>;
const withValues = (document: Body, values: Body, at: (body: Body) => Body = (body) => body) => {
  const resources = document.resource as Record<string, Record<string, Body>>;
  const [type] = Object.keys(resources);
  const [name] = Object.keys(resources[type!]!);
  Object.assign(at(resources[type!]![name!]!), values);
  return document;
};

/** A platform store's Helm release with its values, as the monitoring construct writes it. */
/** The platform's log and metrics stores, as the monitoring construct writes their Helm releases. */
const loki = (persistence: Body) => lokiSingleBinary({ size: '2Ti', ...persistence });
const prometheusStack = (storageClassName: string) =>
  helmReleaseWith('kube_prometheus_stack', 'kube-prometheus-stack', '88.5.3', {
    prometheus: { prometheusSpec: { storageSpec: { volumeClaimTemplate: { spec: { storageClassName, resources: { requests: { storage: '200Gi' } } } } } } },
    alertmanager: { alertmanagerSpec: { storage: { volumeClaimTemplate: { spec: { storageClassName: 'medical-encrypted' } } } } },
  });

export const atRestFixtures: RuleFixtures = {
  ruleId: 'encryption/at-rest',
  pass: [
    {
      name: 'the log store and the metrics stores on the encrypted class',
      terraform: terraform(encryptedClass(), loki({ enabled: true, storageClass: 'medical-encrypted' }), prometheusStack('medical-encrypted')),
      resource: 'helm_release.loki',
      message: 'values singleBinary.persistence.storageClass uses storage class "medical-encrypted"',
    },
    {
      name: 'medical PVC on the encrypted default class',
      terraform: terraform(namespace('his', 'medical'), encryptedClass('medical-encrypted', { default: true }), claim('his-archive', 'his')),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
    },
    {
      name: 'data store whose volume claim template names the encrypted class',
      terraform: terraform(namespace('clinical-data', 'medical'), encryptedClass(), dataStore('emr-db', 'clinical-data', 'medical-encrypted')),
      resource: 'kubernetes_stateful_set_v1.emr_db',
    },
    {
      name: 'AES through the cloud KMS',
      terraform: encryptedClass('cloud-encrypted', {
        provisioner: 'ebs.csi.aws.com',
        algorithm: 'AES-256',
        parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: 'arn:aws:kms:cn-north-1:111122223333:key/medical' },
      }),
    },
    {
      name: 'plain class for guest data only',
      terraform: terraform(
        namespace('guest-services', 'guest'),
        encryptedClass('medical-encrypted', { default: true }),
        plainClass(),
        claim('portal-cache', 'guest-services', 'standard'),
      ),
    },
    {
      name: 'class without a cipher annotation, encrypted through the KMS',
      terraform: encryptedClass('medical-encrypted', { algorithm: null }),
      resource: 'kubernetes_storage_class_v1.medical_encrypted',
      message: 'encryption parameters of its CSI driver are set',
    },
    {
      name: 'PVC naming the encrypted class',
      terraform: terraform(namespace('his', 'medical'), encryptedClass(), claim('his-archive', 'his', 'medical-encrypted')),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
      message: 'spec[0] uses storage class "medical-encrypted" (kubernetes_storage_class_v1.medical_encrypted)',
    },
    {
      name: 'unset storage class name means the encrypted default class',
      terraform: terraform(namespace('his', 'medical'), encryptedClass('medical-encrypted', { default: true }), claim('his-archive', 'his')),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
      message: 'spec[0] uses the default storage class',
    },
    {
      name: 'a backup job mounting the PVC a StatefulSet’s claim template creates (data-emr-db-0)',
      terraform: terraform(
        encryptedClass(),
        dataStore('emr-db', 'clinical-data', 'medical-encrypted'),
        workload('kubernetes_cron_job_v1', 'backup', { namespace: 'clinical-data', podSpec: { volume: [pvcVolume('data', 'data-emr-db-0')] } }),
      ),
      resource: 'kubernetes_cron_job_v1.backup',
      message: 'volume "data" → PVC of kubernetes_stateful_set_v1.emr_db spec[0].volume_claim_template[0].spec[0] uses storage class "medical-encrypted"',
    },
    {
      name: 'claim naming a static CSI volume whose driver attributes encrypt',
      terraform: terraform(
        namespace('his', 'medical'),
        volume('his-archive-pv', {
          csi: { driver: 'rbd.csi.ceph.com', volume_handle: 'his-archive', volume_attributes: { encrypted: 'true', encryptionKMSID: 'hospital-sm-kms' } },
        }),
        claim('his-archive', 'his', '', undefined, { volume_name: 'his-archive-pv' }),
      ),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
      message: 'spec[0].volume_name binds kubernetes_persistent_volume_v1.his_archive_pv, encrypted by its CSI driver',
    },
    {
      name: 'a static NFS volume reserved for a guest claim does not concern the medical claims of the encrypted class',
      terraform: terraform(
        namespace('his', 'medical'),
        encryptedClass('medical-encrypted', { default: true }),
        volume(
          'portal-nfs',
          { nfs: { server: 'nas.hospital.internal', path: '/portal' } },
          { storage_class_name: 'medical-encrypted', claim_ref: { namespace: 'guest-services', name: 'portal-cache' } },
        ),
        claim('his-archive', 'his', 'medical-encrypted'),
      ),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
    },
    {
      name: 'data store mounting its encrypted PVC by name and namespace',
      terraform: terraform(
        namespace('clinical-data', 'medical'),
        namespace('guest-services', 'guest'),
        encryptedClass(),
        plainClass(),
        claim('emr-scratch', 'clinical-data', 'medical-encrypted'),
        claim('emr-archive', 'guest-services', 'standard', 'guest_archive'),
        claim('emr-archive', 'clinical-data', 'medical-encrypted'),
        archiveMounter(),
      ),
      resource: EMR_DB,
      message: 'volume "archive" → PVC kubernetes_persistent_volume_claim_v1.emr_archive spec[0] uses storage class "medical-encrypted"',
    },
    {
      name: 'PVC in a namespace labelled for medical records (not the medical segment) on the encrypted class',
      terraform: terraform(
        namespace('records', 'office', { 'platform.hospital/data-class': 'medical-record' }),
        encryptedClass(),
        claim('scans', 'records', 'medical-encrypted'),
      ),
      resource: 'kubernetes_persistent_volume_claim_v1.scans',
    },
  ],
  fail: [
    {
      name: 'the log store (Loki) on an unencrypted class',
      terraform: terraform(encryptedClass(), plainClass(), loki({ enabled: true, storageClass: 'standard' })),
      resource: 'helm_release.loki',
      message: 'values singleBinary.persistence.storageClass uses storage class "standard", which is not encrypted',
    },
    {
      name: 'the log store on the cluster default class, not encrypted',
      terraform: terraform(
        encryptedClass(),
        {
          resource: {
            kubernetes_storage_class_v1: {
              default: {
                metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
                storage_provisioner: 'rbd.csi.ceph.com',
                parameters: { pool: 'rbd' },
              },
            },
          },
        },
        loki({ storageClass: null }),
      ),
      failing: ['helm_release.loki', 'kubernetes_storage_class_v1.default'],
      message: 'values singleBinary.persistence.storageClass uses the default storage class, which is not encrypted',
    },
    {
      name: 'Prometheus metrics on a class the configuration does not declare',
      terraform: terraform(encryptedClass(), prometheusStack('fast-ssd')),
      resource: 'helm_release.kube_prometheus_stack',
      message: 'uses storage class "fast-ssd", which this configuration does not declare',
    },
    {
      name: 'empty storage class name bound to a static NFS volume (not the default class)',
      terraform: terraform(
        namespace('his', 'medical'),
        encryptedClass('medical-encrypted', { default: true }),
        volume('records-nfs', { nfs: { server: 'nas.hospital.internal', path: '/export/records' } }),
        claim('his-archive', 'his', ''),
      ),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
      message: 'spec[0] may bind kubernetes_persistent_volume_v1.records_nfs is a statically provisioned nfs volume, which is not proven to encrypt at rest',
    },
    {
      name: 'empty storage class name with no volume declared (binds whatever was created by hand)',
      terraform: terraform(namespace('his', 'medical'), encryptedClass('medical-encrypted', { default: true }), claim('his-archive', 'his', '')),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
      message: 'storage_class_name is "" (no dynamic provisioning',
    },
    {
      name: 'claim naming a hostPath volume',
      resource: 'kubernetes_persistent_volume_claim_v1.emr_scans',
      terraform: terraform(
        namespace('emr', 'medical'),
        encryptedClass(),
        volume('node-disk', { host_path: { path: '/mnt/emr' } }),
        claim('emr-scans', 'emr', 'medical-encrypted', undefined, { volume_name: 'node-disk' }),
      ),
      message: 'spec[0].volume_name binds kubernetes_persistent_volume_v1.node_disk is a statically provisioned host_path volume',
    },
    {
      name: 'claim naming a volume the configuration does not declare',
      resource: 'kubernetes_persistent_volume_claim_v1.emr_scans',
      terraform: terraform(
        namespace('emr', 'medical'),
        encryptedClass(),
        claim('emr-scans', 'emr', 'medical-encrypted', undefined, { volume_name: 'legacy-san' }),
      ),
      message: 'binds PersistentVolume "legacy-san", which this configuration does not declare',
    },
    {
      name: 'a static NFS volume carrying the encrypted class’s name, which the claim binds instead of provisioning',
      terraform: terraform(
        namespace('his', 'medical'),
        encryptedClass('medical-encrypted', { default: true }),
        volume('records-nfs', { nfs: { server: 'nas.hospital.internal', path: '/export/records' } }, { storage_class_name: 'medical-encrypted' }),
        claim('his-archive', 'his', 'medical-encrypted'),
      ),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
      message: 'may bind kubernetes_persistent_volume_v1.records_nfs',
    },
    {
      name: 'claim with a selector picking a local volume',
      terraform: terraform(
        namespace('lis', 'medical'),
        encryptedClass(),
        volume('lis-local', { local: { path: '/mnt/disks/ssd1' } }, { storage_class_name: 'medical-encrypted' }, { tier: 'fast' }),
        claim('lis-results', 'lis', 'medical-encrypted', undefined, { selector: { match_labels: { tier: 'fast' } } }),
      ),
      resource: 'kubernetes_persistent_volume_claim_v1.lis_results',
      message: 'statically provisioned local volume',
    },
    {
      name: 'static CSI volume of a driver whose encryption attributes are missing',
      terraform: terraform(
        namespace('his', 'medical'),
        volume('his-archive-pv', { csi: { driver: 'rbd.csi.ceph.com', volume_handle: 'his-archive' } }),
        claim('his-archive', 'his', '', undefined, { volume_name: 'his-archive-pv' }),
      ),
      message: 'static CSI volume whose volume_attributes lack encrypted',
    },
    {
      name: 'a volume reserved for a claim of the medical zone on NFS',
      terraform: volume(
        'records-nfs',
        { nfs: { server: 'nas.hospital.internal', path: '/export/records' } },
        { claim_ref: { namespace: 'emr', name: 'emr-scans' } },
      ),
      resource: 'kubernetes_persistent_volume_v1.records_nfs',
      message: 'reserved for a claim in "emr" (medical zone), but kubernetes_persistent_volume_v1.records_nfs is a statically provisioned nfs volume',
    },
    {
      name: 'a medical-record store (by the plan, unlabelled) mounting NFS inline',
      terraform: terraform(
        encryptedClass(),
        dataStore('emr-db', 'clinical-data', 'medical-encrypted', {}, [{ name: 'wal', nfs: { server: 'nas.hospital.internal', path: '/wal' } }]),
      ),
      resource: EMR_DB,
      message: 'stores data on an inline nfs volume',
    },
    {
      name: 'a clinical Deployment mounting an NFS share inline (namespace in the medical zone by the plan, no labels)',
      terraform: terraform(
        workload('kubernetes_deployment_v1', 'pacs', {
          namespace: 'pacs',
          podSpec: { volume: [{ name: 'studies', nfs: { server: 'nas.hospital.internal', path: '/dicom' } }] },
        }),
      ),
      resource: 'kubernetes_deployment_v1.pacs',
      message: 'stores data on an inline nfs volume',
    },
    {
      name: 'an ephemeral volume of a restore drill on a plain class',
      terraform: terraform(
        plainClass(),
        workload('kubernetes_cron_job_v1', 'restore', {
          namespace: 'clinical-data',
          podSpec: {
            volume: [
              {
                name: 'scratch',
                ephemeral: {
                  volume_claim_template: {
                    spec: { access_modes: ['ReadWriteOnce'], storage_class_name: 'standard', resources: { requests: { storage: '1Ti' } } },
                  },
                },
              },
            ],
          },
        }),
      ),
      resource: 'kubernetes_cron_job_v1.restore',
      message: 'ephemeral[0].volume_claim_template[0].spec[0] uses storage class "standard", which is not encrypted',
    },
    {
      name: 'a planned store without any volume (labels removed)',
      terraform: terraform(encryptedClass(), dataStore('his-db', 'clinical-data', undefined, {})),
      resource: 'kubernetes_stateful_set_v1.his_db',
      message: 'holds medical records (policies/plan.yaml: medicalRecordStores.his-db) but declares no volume claim template',
    },
    {
      name: 'a PVC in a namespace the plan puts in the medical zone but labelled guest, on a plain class',
      terraform: terraform(namespace('emr', 'guest'), plainClass(), claim('emr-scans', 'emr', 'standard')),
      resource: 'kubernetes_persistent_volume_claim_v1.emr_scans',
      message: 'not encrypted',
    },
    {
      name: 'encrypted switch without a KMS key',
      terraform: encryptedClass('medical-encrypted', { parameters: { clusterID: 'ceph-prod', pool: 'medical', encrypted: 'true' } }),
      message: 'lack encryptionKMSID',
    },
    {
      name: 'medical PVC on a plain class',
      terraform: terraform(
        namespace('his', 'medical'),
        encryptedClass('medical-encrypted', { default: true }),
        plainClass(),
        claim('his-archive', 'his', 'standard'),
      ),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
      message: 'not encrypted',
    },
    {
      name: 'volume claim template on a class the configuration does not declare',
      terraform: terraform(namespace('clinical-data', 'medical'), encryptedClass(), dataStore('lis-db', 'clinical-data', 'fast-ssd')),
      resource: 'kubernetes_stateful_set_v1.lis_db',
      message: 'does not declare',
    },
    {
      name: 'medical PVC relying on an undeclared default class',
      terraform: terraform(namespace('emr', 'medical'), claim('emr-scans', 'emr')),
      message: 'the default storage class',
    },
    {
      name: 'medical-record data store without persistent volumes',
      resource: 'kubernetes_stateful_set_v1.his_db',
      terraform: terraform(namespace('clinical-data', 'medical'), encryptedClass(), dataStore('his-db', 'clinical-data')),
      message: 'declares no volume claim template',
    },
    {
      name: 'default class on a driver that cannot encrypt',
      terraform: encryptedClass('local', { default: true, provisioner: 'rancher.io/local-path', parameters: {} }),
      message: 'not a CSI driver whose encryption parameters are known',
    },
    {
      name: 'cipher outside SM4 and AES',
      terraform: encryptedClass('medical-encrypted', { algorithm: 'DES' }),
      message: 'expected SM4 or AES',
    },
    {
      name: 'encrypted switch off',
      terraform: encryptedClass('medical-encrypted', {
        parameters: { clusterID: 'ceph-prod', pool: 'medical', encrypted: 'false', encryptionKMSID: 'hospital-sm-kms' },
      }),
      message: 'parameters lack encrypted: "true" (rbd.csi.ceph.com encrypts only with them)',
    },
    {
      name: 'empty KMS key',
      terraform: encryptedClass('cloud-encrypted', {
        provisioner: 'ebs.csi.aws.com',
        algorithm: 'AES-256',
        parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: '' },
      }),
      message: 'parameters lack kmsKeyId (ebs.csi.aws.com',
    },
    {
      name: 'provisioner known only after apply',
      terraform: encryptedClass('medical-encrypted', { provisioner: '${var.storage_provisioner}' }),
      message: 'storage_provisioner or parameters is known only after apply',
    },
    {
      name: 'parameters known only after apply',
      terraform: encryptedClass('medical-encrypted', { parameters: '${var.storage_parameters}' }),
      message: 'storage_provisioner or parameters is known only after apply',
    },
    {
      name: 'PVC storage class name known only after apply',
      terraform: terraform(namespace('his', 'medical'), encryptedClass(), claim('his-archive', 'his', '${var.archive_class}')),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
      message: 'spec[0].storage_class_name is known only after apply',
    },
    {
      name: 'PVC namespace known only after apply',
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
      terraform: terraform(encryptedClass(), claim('his-archive', '${var.archive_namespace}', 'medical-encrypted')),
      message: 'metadata[0].namespace is known only after apply',
    },
    {
      name: 'volume claim templates known only after apply',
      terraform: terraform(
        namespace('clinical-data', 'medical'),
        encryptedClass(),
        withValues(dataStore('emr-db', 'clinical-data', 'medical-encrypted'), { volume_claim_template: '${var.emr_claims}' }, (body) => body.spec as Body),
      ),
      resource: EMR_DB,
      message: 'spec[0].volume_claim_template is known only after apply',
    },
    {
      name: 'data store whose pod template spec is known only after apply',
      terraform: terraform(
        namespace('clinical-data', 'medical'),
        encryptedClass(),
        withValues(dataStore('emr-db', 'clinical-data', 'medical-encrypted'), { spec: '${var.emr_pod_spec}' }, (body) => (body.spec as Body).template as Body),
      ),
      resource: EMR_DB,
      message: 'spec[0].template[0].spec is known only after apply',
    },
    {
      name: 'data store whose volumes are known only after apply',
      terraform: terraform(
        namespace('clinical-data', 'medical'),
        encryptedClass(),
        withValues(
          dataStore('emr-db', 'clinical-data', 'medical-encrypted'),
          { volume: '${var.emr_volumes}' },
          (body) => ((body.spec as Body).template as Body).spec as Body,
        ),
      ),
      resource: EMR_DB,
      message: 'spec[0].template[0].spec[0].volume is known only after apply',
    },
    {
      name: "a volume's claim known only after apply",
      terraform: terraform(
        namespace('clinical-data', 'medical'),
        encryptedClass(),
        dataStore('emr-db', 'clinical-data', 'medical-encrypted', undefined, [{ name: 'archive', persistent_volume_claim: '${var.emr_archive_claim}' }]),
      ),
      resource: EMR_DB,
      message: 'spec[0].template[0].spec[0].volume[0].persistent_volume_claim is known only after apply',
    },
    {
      name: 'PVC outside the medical segment whose labels are known only after apply',
      terraform: terraform(
        namespace('guest-services', 'guest'),
        plainClass(),
        withValues(claim('portal-cache', 'guest-services', 'standard'), { labels: '${var.cache_labels}' }, (body) => body.metadata as Body),
      ),
      resource: 'kubernetes_persistent_volume_claim_v1.portal_cache',
      message: 'metadata[0].labels is known only after apply',
    },
    {
      name: 'data store mounting a PVC the configuration does not declare',
      terraform: terraform(namespace('clinical-data', 'medical'), encryptedClass(), archiveMounter()),
      resource: EMR_DB,
      message: 'volume "archive" mounts PVC "emr-archive", which this configuration does not declare',
    },
    {
      name: 'data store mounting a PVC declared only in another namespace',
      terraform: terraform(
        namespace('clinical-data', 'medical'),
        encryptedClass(),
        claim('emr-archive', 'guest-services', 'medical-encrypted'),
        archiveMounter(),
      ),
      resource: EMR_DB,
      message: 'mounts PVC "emr-archive", which this configuration does not declare',
    },
    {
      name: 'PVC in a namespace labelled for medical records (not the medical segment) on a plain class',
      terraform: terraform(
        namespace('records', 'office', { 'platform.hospital/data-class': 'medical-record' }),
        plainClass(),
        claim('scans', 'records', 'standard'),
      ),
      resource: 'kubernetes_persistent_volume_claim_v1.scans',
      message: 'uses storage class "standard", which is not encrypted',
    },
    {
      name: 'namespace declared twice, first in the medical segment: its PVC on a plain class fails',
      terraform: terraform(
        namespace('his', 'medical', {}, 'his_medical'),
        namespace('his', 'guest', {}, 'his_guest'),
        plainClass(),
        claim('his-archive', 'his', 'standard'),
      ),
      resource: 'kubernetes_persistent_volume_claim_v1.his_archive',
      message: 'not encrypted',
    },
  ],
  skip: [
    {
      name: 'the log store with persistence off (the retention rules judge it)',
      terraform: terraform(encryptedClass(), loki({ enabled: false })),
      resource: 'helm_release.loki',
      message: 'keeps no data on a persistent volume',
    },
    {
      name: "a Loki release in another hospital's Terraform",
      environment: 'elsewhere',
      terraform: loki({ storageClass: 'standard' }),
      resource: 'helm_release.loki',
      message: "not one of this repository's environments",
    },
    {
      name: 'plain class neither default nor labelled for medical records',
      terraform: plainClass(),
      resource: 'kubernetes_storage_class_v1.standard',
      message: 'neither the default class nor labelled for medical records',
    },
    {
      name: 'PVC of the guest segment',
      terraform: terraform(namespace('guest-services', 'guest'), plainClass(), claim('portal-cache', 'guest-services', 'standard')),
      resource: 'kubernetes_persistent_volume_claim_v1.portal_cache',
      message:
        'namespace "guest-services" is not in the medical zone (policies/plan.yaml: segments.namespaces) and the object is not labelled as medical records',
    },
    {
      name: 'PVC in a namespace this configuration does not declare',
      terraform: terraform(plainClass(), claim('portal-cache', 'portal', 'standard')),
      resource: 'kubernetes_persistent_volume_claim_v1.portal_cache',
      message: 'namespace "portal" is not in the medical zone',
    },
    {
      name: 'unlabelled StatefulSet of the medical segment without persistent volumes',
      terraform: terraform(namespace('clinical-data', 'medical'), dataStore('cache', 'clinical-data', undefined, {})),
      resource: 'kubernetes_stateful_set_v1.cache',
      message: 'no persistent volumes',
    },
  ],
};
