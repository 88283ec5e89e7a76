/**
 * The data stores the backup rules judge: their order (reports list them by name, whatever the order of
 * the input) and the stores a rule leaves out rather than reporting as not applicable.
 */
import { buildEstate } from '../../../../policies/estate';
import { resourcesFromTerraformJson } from '../../../../policies/inputs';
import { dataStoresOf } from '../../../../policies/rules/backup/facts';
import { backupCronJob, compliantStore, dataStoreStatefulSet, terraform } from '../../../../policies/rules/backup/fixture-builders';
import { backupFullWeekly } from '../../../../policies/rules/backup/full-weekly';
import { workload } from '../../../../policies/rules/fixture-builders';
import { FIXTURE_ENVIRONMENTS } from '../../../../policies/rules/fixtures';

const estateOf = (document: Record<string, unknown>) =>
  buildEstate(resourcesFromTerraformJson(document, { file: 'cdktf.out/stacks/prod/cdk.tf.json', environment: 'prod' }), { environments: FIXTURE_ENVIRONMENTS });

describe('backup data stores', () => {
  it('are listed by name, whatever the order of the input', () => {
    const estate = estateOf(terraform(compliantStore('pacs-db'), backupCronJob('his-db', 'full'), dataStoreStatefulSet('emr-db')));
    expect(dataStoresOf(estate, 'prod').map((store) => store.name)).toEqual(['emr-db', 'his-db', 'pacs-db']);
  });

  it('full-weekly says nothing of a store without backups or medical records', () => {
    const estate = estateOf(terraform(compliantStore('his-db'), dataStoreStatefulSet('cache', { medical: false })));
    const results = backupFullWeekly.evaluate(estate);
    expect(results.map((result) => [result.resource, result.status])).toEqual([['kubernetes_stateful_set_v1.his-db', 'pass']]);
  });
});

describe('which data stores hold medical records', () => {
  const bare = (name: string) => workload('kubernetes_stateful_set_v1', name, { namespace: 'clinical-data', replicas: 1 });
  const storesIn = (environment: string, document: Record<string, unknown>) =>
    dataStoresOf(
      buildEstate(resourcesFromTerraformJson(document, { file: `${environment}.tf.json`, environment }), { environments: FIXTURE_ENVIRONMENTS }),
      environment,
    ).map((store) => [store.key, store.medical, store.planned]);

  it('in production: every store of the plan, whatever its labels say', () => {
    expect(storesIn('prod', terraform(bare('his-db'), bare('reporting-db')))).toEqual([['clinical-data/his-db', true, true]]);
    expect(storesIn('dr', terraform(dataStoreStatefulSet('emr-db', { medical: false })))).toEqual([['clinical-data/emr-db', true, true]]);
  });

  it('in development and staging (test data): the labels decide', () => {
    expect(storesIn('staging', terraform(bare('his-db')))).toEqual([]);
    expect(storesIn('staging', terraform(dataStoreStatefulSet('his-db', { medical: false })))).toEqual([['clinical-data/his-db', false, true]]);
    expect(storesIn('dev', terraform(dataStoreStatefulSet('his-db')))).toEqual([['clinical-data/his-db', true, true]]);
  });

  it('a label adds a store the plan does not list', () => {
    expect(storesIn('prod', terraform(dataStoreStatefulSet('ris-db')))).toEqual([['clinical-data/ris-db', true, false]]);
  });

  it('a backup belongs to the store it connects to, not to the one its label names', () => {
    const estate = estateOf(
      terraform(
        dataStoreStatefulSet('his-db'),
        dataStoreStatefulSet('emr-db'),
        backupCronJob('his-db', 'full', { dbHost: 'emr-db-0.emr-db.clinical-data.svc', dataClaim: 'data-emr-db-0' }),
      ),
    );
    const stores = Object.fromEntries(
      dataStoresOf(estate, 'prod').map((store) => [
        store.name,
        { jobs: store.jobs.map((job) => job.resource.name), claims: store.claims.map((job) => job.resource.name) },
      ]),
    );
    expect(stores).toEqual({ 'emr-db': { jobs: ['his-db-backup-full'], claims: [] }, 'his-db': { jobs: [], claims: ['his-db-backup-full'] } });
  });
});
