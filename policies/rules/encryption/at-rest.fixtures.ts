import type { RuleFixtures } from '../fixtures';
import { terraform } from '../fixture-builders';
import { claim, dataStore, encryptedClass, namespace, plainClass } from './fixtures-shared';

export const atRestFixtures: RuleFixtures = {
  ruleId: 'encryption/at-rest',
  pass: [
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
      terraform: encryptedClass('cloud-encrypted', { provisioner: 'ebs.csi.aws.com', algorithm: 'AES-256', parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: 'arn:aws:kms:cn-north-1:111122223333:key/medical' } }),
    },
    {
      name: 'plain class for guest data only',
      terraform: terraform(namespace('guest-services', 'guest'), encryptedClass('medical-encrypted', { default: true }), plainClass(), claim('portal-cache', 'guest-services', 'standard')),
    },
  ],
  fail: [
    {
      name: 'encrypted switch without a KMS key',
      terraform: encryptedClass('medical-encrypted', { parameters: { clusterID: 'ceph-prod', pool: 'medical', encrypted: 'true' } }),
      message: 'lack encryptionKMSID',
    },
    {
      name: 'medical PVC on a plain class',
      terraform: terraform(namespace('his', 'medical'), encryptedClass('medical-encrypted', { default: true }), plainClass(), claim('his-archive', 'his', 'standard')),
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
  ],
};
