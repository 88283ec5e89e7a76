/**
 * The data stores the backup rules judge: their order (reports list them by name, whatever the order of
 * the input) and the stores a rule leaves out rather than reporting as not applicable.
 */
import { buildEstate } from '../../../../policies/estate';
import { resourcesFromTerraformJson } from '../../../../policies/inputs';
import { dataStoresOf } from '../../../../policies/rules/backup/facts';
import { backupCronJob, compliantStore, dataStoreStatefulSet, terraform } from '../../../../policies/rules/backup/fixture-builders';
import { backupFullWeekly } from '../../../../policies/rules/backup/full-weekly';

const estateOf = (document: Record<string, unknown>) =>
  buildEstate(resourcesFromTerraformJson(document, { file: 'cdktf.out/stacks/prod/cdk.tf.json', environment: 'prod' }));

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
