import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { loadEnvironmentText } from '../../environments/load';
import { REPO_ROOT } from '../support/environments';

const prodText = fs.readFileSync(path.join(REPO_ROOT, 'environments/prod.yaml'), 'utf8');
/** prod.yaml with one change applied to the parsed document. */
function prodWith(change: (document: any) => void) {
  const document = parse(prodText);
  change(document);
  return loadEnvironmentText(stringify(document), { file: 'environments/prod.yaml', name: 'prod' });
}
const problems = (result: ReturnType<typeof prodWith>) => (result.ok ? [] : result.problems.map((problem) => `${problem.keyPath}: ${problem.message}`));

describe('dataStores schema', () => {
  it('fills in the operations plan defaults and the tooling images', () => {
    const result = prodWith((document) => {
      delete document.dataStores['his-db'].backup.schedules;
      delete document.dataStores['his-db'].backup.restoreDrill.schedule;
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const store = result.environment.dataStores['his-db']!;
    expect(store.backup.schedules).toEqual({ incremental: '0 2 * * *', full: '0 1 * * 0', archive: '0 6 1 * *' });
    expect(store.backup.restoreDrill?.schedule).toBe('0 3 1 * *');
    expect(store.backup.localRetentionDays).toBe(35);
    expect(result.environment.backupTooling.xtrabackup).toMatch(/percona-xtrabackup:8\.0\.35-31@sha256:[a-f0-9]{64}$/);
  });

  it('names the key path of a bad schedule, engine, image or target', () => {
    expect(problems(prodWith((document) => (document.dataStores['his-db'].backup.schedules.incremental = '0 2 * *')))).toEqual([
      'dataStores.his-db.backup.schedules.incremental: expected a cron schedule Kubernetes accepts, got "0 2 * *": expected 5 fields (minute hour day-of-month month day-of-week), got 4',
    ]);
    expect(problems(prodWith((document) => (document.dataStores['his-db'].backup.schedules.full = '0 25 * * 0')))[0]).toMatch(
      /^dataStores\.his-db\.backup\.schedules\.full: expected a cron schedule Kubernetes accepts, got "0 25 \* \* 0": hour "25"/,
    );
    // cron-parser's extensions that Kubernetes' parser (robfig/cron) rejects at apply time.
    for (const schedule of ['0 6 L * *', '0 1 * * 0#1', 'H 2 * * *', '0 1 * * 7', '0 0 2 * * *', '@every 24h']) {
      expect(problems(prodWith((document) => (document.dataStores['his-db'].backup.schedules.full = schedule)))[0]).toMatch(
        /^dataStores\.his-db\.backup\.schedules\.full: expected a cron schedule Kubernetes accepts/,
      );
    }
    expect(problems(prodWith((document) => (document.dataStores['lis-db'].engine = 'db2')))[0]).toMatch(
      /^dataStores\.lis-db\.engine: expected one of "mysql", "postgresql", "oracle"/,
    );
    expect(problems(prodWith((document) => (document.dataStores['emr-db'].image = 'postgres:16')))[0]).toMatch(
      /^dataStores\.emr-db\.image: expected an image pinned by digest/,
    );
    expect(problems(prodWith((document) => document.dataStores['his-db'].backup.targets.local.reverse()))).toEqual([
      'dataStores.his-db.backup.targets.local.0.type: expected "volume" for the first local target (the engine writes its backup set to that PVC), got "s3"',
    ]);
    expect(problems(prodWith((document) => (document.dataStores['his-db'].backup.targets.offsite.endpoint = 'http://s3.dr.hospital.internal')))[0]).toMatch(
      /^dataStores\.his-db\.backup\.targets\.offsite\.endpoint: expected an https:\/\/ endpoint URL/,
    );
  });

  it('checks references to namespaces, clinical systems and encrypted storage classes', () => {
    expect(problems(prodWith((document) => (document.dataStores['his-db'].namespace = 'databases')))[0]).toMatch(
      /^dataStores\.his-db\.namespace: expected one of the declared namespaces/,
    );
    expect(problems(prodWith((document) => (document.dataStores['his-db'].serves = ['registration', 'pharmacy'])))).toEqual([
      expect.stringMatching(/^dataStores\.his-db\.serves\.1: expected one of the declared clinical systems \(.*\), got "pharmacy"$/),
    ]);
    expect(problems(prodWith((document) => (document.dataStores['his-db'].storageClass = 'standard')))[0]).toMatch(
      /^dataStores\.his-db\.storageClass: expected one of the storage classes declared under encryption\.storageClasses \(medical-encrypted, shared-encrypted\), got "standard"$/,
    );
  });

  it('leaves the minimums to the policy rules: a 10-year retention and a missing off-site target still load', () => {
    const result = prodWith((document) => {
      document.dataStores['his-db'].backup.retentionYears = 10;
      delete document.dataStores['his-db'].backup.targets.offsite;
    });
    expect(result.ok).toBe(true);
  });
});
