import type { RuleFixtures } from '../fixtures';
import { plannedEstate, plannedStore, terraform, without } from './fixture-builders';

export const medicalRecordStoresPresentFixtures: RuleFixtures = {
  ruleId: 'plan/medical-record-stores-present',
  pass: [
    {
      name: 'production holds every store of the plan, classified',
      terraform: plannedEstate(),
      resource: 'kubernetes_stateful_set_v1.emr_db',
      message: 'clinical-data/emr-db holds medical records, is classified so and runs 1 replica(s)',
    },
  ],
  skip: [
    { name: 'development holds test data only', terraform: plannedStore('his-db', {}), environment: 'dev', message: 'dev is not a production environment' },
  ],
  fail: [
    {
      name: 'his-db declassified (holdsMedicalRecords: false)',
      terraform: terraform(without(plannedEstate(), 'kubernetes_stateful_set_v1', 'his_db'), plannedStore('his-db', {})),
      resource: 'kubernetes_stateful_set_v1.his_db',
      message: 'clinical-data/his-db holds medical records in the plan, but its label platform.hospital/data-class is unset',
    },
    {
      name: 'declassified at the DR site',
      resource: 'kubernetes_stateful_set_v1.lis_db',
      terraform: terraform(
        without(plannedEstate(), 'kubernetes_stateful_set_v1', 'lis_db'),
        plannedStore('lis-db', { 'platform.hospital/data-class': 'operational' }),
      ),
      environment: 'dr',
      message: 'is "operational"',
    },
    {
      name: 'emr-db scaled to zero replicas (declared, runs nothing)',
      terraform: terraform(without(plannedEstate(), 'kubernetes_stateful_set_v1', 'emr_db'), plannedStore('emr-db', undefined, 0)),
      resource: 'kubernetes_stateful_set_v1.emr_db',
      message:
        'clinical-data/emr-db holds medical records in the plan (medicalRecordStores.emr-db), but spec.replicas is 0: the store runs no pod (at least 1 required)',
    },
    {
      name: 'a store missing in production',
      terraform: without(plannedEstate(), 'kubernetes_stateful_set_v1', 'pacs_index_db'),
      resource: 'plan.medicalRecordStores.pacs-index-db',
      message: 'clinical-data/pacs-index-db is not deployed: the plan requires it in prod',
    },
  ],
};
