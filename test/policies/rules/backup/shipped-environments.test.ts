/**
 * The backup, retention and DR rules on the shipped environments (all pass) and on weakened copies of
 * prod (each weakening fails the right rule with a clear message). Environments are changed as YAML,
 * loaded through the real schema, synthesized and read back through the policy input adapters.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { loadEnvironmentText } from '../../../../environments/load';
import type { EnvironmentConfig } from '../../../../environments/schema';
import { evaluate } from '../../../../policies/engine';
import { resourcesFromTerraformJson } from '../../../../policies/inputs';
import type { Finding, Resource } from '../../../../policies/model';
import * as backup from '../../../../policies/rules/backup';
import * as dr from '../../../../policies/rules/dr';
import * as retention from '../../../../policies/rules/retention';
import { REPO_ROOT, shippedEnvironment, synthEnvironment } from '../../../support/synth';

const RULES = [...backup.rules, ...retention.rules, ...dr.rules];

const resourcesOf = (environment: EnvironmentConfig): Resource[] =>
  resourcesFromTerraformJson(synthEnvironment(environment).json as unknown as Record<string, unknown>, {
    file: `cdktf.out/stacks/${environment.name}/cdk.tf.json`,
    environment: environment.name,
  });

function environmentWith(name: string, change: (document: any) => void): EnvironmentConfig {
  const document = parse(fs.readFileSync(path.join(REPO_ROOT, 'environments', `${name}.yaml`), 'utf8'));
  change(document);
  const result = loadEnvironmentText(stringify(document), { file: `environments/${name}.yaml`, name });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result.environment;
}

const failures = (findings: readonly Finding[], ruleId?: string) =>
  findings.filter((finding) => finding.status === 'fail' && (!ruleId || finding.ruleId === ruleId));

describe('backup, retention and DR rules on the shipped environments', () => {
  const resources = new Map<string, Resource[]>();
  let findings: Finding[];
  beforeAll(() => {
    for (const name of ['dev', 'staging', 'prod', 'dr']) resources.set(name, resourcesOf(shippedEnvironment(name)));
    findings = evaluate([...resources.values()].flat(), RULES).findings;
  });

  it('pass every rule', () => {
    expect(failures(findings).map((finding) => `${finding.ruleId} ${finding.environment} ${finding.message}`)).toEqual([]);
  });

  it('report an RPO of 24 h for every medical data store of prod and dr', () => {
    const rpo = findings.filter((finding) => finding.ruleId === 'backup/rpo' && finding.status === 'pass');
    expect(rpo.map((finding) => `${finding.environment}/${String(finding.details?.dataStore)}`).sort()).toEqual([
      'dr/emr-db',
      'dr/his-db',
      'dr/lis-db',
      'dr/pacs-index-db',
      'prod/emr-db',
      'prod/his-db',
      'prod/lis-db',
      'prod/pacs-index-db',
    ]);
    for (const finding of rpo) expect(finding.details?.rpoHours).toBe(24);
  });

  it('cover every core system and data store of prod in dr', () => {
    const coverage = findings.filter((finding) => finding.ruleId === 'dr/core-systems-present');
    expect(coverage.map((finding) => finding.message).sort()).toEqual([
      expect.stringMatching(/^core system emr\/emr runs warm in dr/),
      expect.stringMatching(/^core system his\/billing runs warm in dr/),
      expect.stringMatching(/^core system his\/registration runs warm in dr/),
      expect.stringMatching(/^core system lis\/lis runs warm in dr/),
      'data store emr-db has its counterpart in dr (kubernetes_stateful_set_v1.clinical-data-stores_data-store-emr-db_stateful-set_A5ACC241)',
      'data store his-db has its counterpart in dr (kubernetes_stateful_set_v1.clinical-data-stores_data-store-his-db_stateful-set_1789B696)',
      'data store lis-db has its counterpart in dr (kubernetes_stateful_set_v1.clinical-data-stores_data-store-lis-db_stateful-set_478E2F0D)',
      'data store pacs-index-db has its counterpart in dr (kubernetes_stateful_set_v1.clinical-data-stores_data-store-pacs-index-db_stateful-set_E15E2DBB)',
    ]);
  });

  it('say so, instead of failing, when prod is checked without dr', () => {
    const alone = evaluate(resources.get('prod')!, RULES).findings;
    expect(failures(alone)).toEqual([]);
    expect(alone.filter((finding) => finding.ruleId === 'dr/core-systems-present').map((finding) => [finding.status, finding.message])).toEqual([
      ['not-applicable', 'the DR environment dr of prod is not part of this check; check both together to prove DR coverage'],
    ]);
    expect(alone.find((finding) => finding.ruleId === 'backup/restore-drill-monthly')?.message).toMatch(
      /expected in environment dr, which is not part of this check/,
    );
  });

  describe('a weakened prod fails with a clear message', () => {
    const check = (prod: EnvironmentConfig) => evaluate([...resourcesOf(prod), ...resources.get('dr')!], RULES).findings;

    it('weekday-only incremental schedule → backup/rpo', () => {
      const found = check(environmentWith('prod', (document) => (document.dataStores['his-db'].backup.schedules.incremental = '0 2 * * 1-5')));
      expect(failures(found).map((finding) => [finding.ruleId, finding.severity, finding.message])).toEqual([
        [
          'backup/rpo',
          'high',
          expect.stringMatching(
            /^data store his-db: RPO 47 h exceeds 24 h \(plan: backup.maxGapHours = 24\): the longest gap between backups \(from \d{4}-\d\d-\d\d 02:00 GMT\+8 to \d{4}-\d\d-\d\d 01:00 GMT\+8\) with "0 1 \* \* 0" Asia\/Shanghai \+ "0 2 \* \* 1-5" Asia\/Shanghai$/,
          ),
        ],
      ]);
    });

    it('no off-site target → backup/offsite-copy (full and incremental)', () => {
      const found = check(environmentWith('prod', (document) => delete document.dataStores['emr-db'].backup.targets.offsite));
      expect(
        failures(found, 'backup/offsite-copy')
          .map((finding) => finding.message)
          .sort(),
      ).toEqual([
        'full backup of emr-db is copied to 0 object store(s) of another site; the plan asks for 1 (plan: backup.offsiteCopies = 1, backup.sites); it writes only at its own site main: pvc://clinical-data/emr-db-backup-local-a/emr-db/pgbackrest (backup), s3://s3.backup.prod.hospital.internal/prod-backup-b/emr-db (copy-local)',
        'incremental backup of emr-db is copied to 0 object store(s) of another site; the plan asks for 1 (plan: backup.offsiteCopies = 1, backup.sites); it writes only at its own site main: pvc://clinical-data/emr-db-backup-local-a/emr-db/pgbackrest (backup), s3://s3.backup.prod.hospital.internal/prod-backup-b/emr-db (copy-local)',
      ]);
    });

    it('10-year archive → retention/medical-records', () => {
      const found = check(environmentWith('prod', (document) => (document.dataStores['lis-db'].backup.retentionYears = 10)));
      expect(failures(found).map((finding) => [finding.ruleId, finding.message])).toEqual([
        [
          'retention/medical-records',
          'data store lis-db: archive retention is 10 years (spec[0].job_template[0].spec[0].template[0].spec[0].init_container[0] (check-object-lock) env RETENTION_YEARS); medical records must be kept at least 30 years (plan: retention.medicalRecordsYears)',
        ],
      ]);
    });

    it('a single local target → backup/two-local-copies', () => {
      const found = check(environmentWith('prod', (document) => document.dataStores['pacs-index-db'].backup.targets.local.pop()));
      expect(failures(found, 'backup/two-local-copies').map((finding) => finding.message)).toEqual([
        expect.stringMatching(
          /^full backup of pacs-index-db writes 1 local medium\(s\) \(pvc:\/\/clinical-data\/pacs-index-db-backup-local-a\/pacs-index-db\/pgbackrest \(backup\)\); the plan asks for 2/,
        ),
        expect.stringMatching(/^incremental backup of pacs-index-db writes 1 local medium\(s\)/),
      ]);
    });
  });

  describe('DR coverage across environments', () => {
    it('fails when dr lacks a core system or a data store of prod', () => {
      const weakDr = environmentWith('dr', (document) => {
        delete document.clinicalSystems.billing;
        delete document.dataStores['pacs-index-db'];
        document.encryption.clinicalHosts = document.encryption.clinicalHosts.filter((host: any) => host.system !== 'billing');
        document.dataStores['his-db'].serves = ['registration'];
      });
      const found = evaluate([...resources.get('prod')!, ...resourcesOf(weakDr)], RULES).findings;
      expect(
        failures(found, 'dr/core-systems-present')
          .map((finding) => finding.message)
          .sort(),
      ).toEqual(['core system his/billing of prod has no counterpart in dr', 'data store pacs-index-db of prod has no counterpart in dr']);
      // And nobody drills prod's pacs-index-db backups any more.
      expect(failures(found, 'backup/restore-drill-monthly').map((finding) => finding.message)).toEqual([
        'data store pacs-index-db: no restore drill restores its off-site copy s3://s3.backup.dr.hospital.internal/offsite-from-prod/pacs-index-db at site dr (expected a restore-drill CronJob in dr)',
      ]);
    });
  });
});
