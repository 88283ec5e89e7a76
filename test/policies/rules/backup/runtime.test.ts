/**
 * How the backup rules read what a CronJob runs: the script a container starts (inline, from a
 * ConfigMap through `items` or `sub_path`), its environment (ConfigMap keys, `env_from`, `$(VAR)`),
 * where a path or an rclone remote lands, and which data store an address reaches. The rule fixtures
 * cover the common shapes; these cases are the ones a fixture cannot name.
 */
import { buildEstate } from '../../../../policies/estate';
import { resourcesFromTerraformJson } from '../../../../policies/inputs';
import {
  backupCronJob,
  dataStoreStatefulSet,
  FIXTURE_SCRIPTS,
  resource,
  terraform,
  terraformLiteral,
} from '../../../../policies/rules/backup/fixture-builders';
import { backupRunOf, describeLocation, resolveTarget } from '../../../../policies/rules/backup/runtime';
import { podViewOf } from '../../../../policies/rules/backup/pod-files';
import { actionOf, runnable } from '../../../../policies/rules/backup/steps';
import { workload } from '../../../../policies/rules/fixture-builders';

type Json = Record<string, any>;

const estateOf = (document: Json, environment = 'prod') => buildEstate(resourcesFromTerraformJson(document, { file: `${environment}.tf.json`, environment }));
const runOf = (document: Json, address: string) => {
  const estate = estateOf(document);
  return backupRunOf(
    estate.resources.find((candidate) => candidate.address === address)!,
    estate,
  )!;
};
const cronJob = (document: Json, name: string): Json => document.resource.kubernetes_cron_job_v1[name];
const podSpec = (job: Json): Json => job.spec.job_template.spec.template.spec;

describe('what a backup CronJob runs', () => {
  it('reads a script mounted through ConfigMap items under another file name', () => {
    const document: Json = backupCronJob('his-db', 'full');
    const spec = podSpec(cronJob(document, 'his-db-backup-full'));
    spec.volume.find((volume: Json) => volume.name === 'scripts').config_map.items = [
      { key: 'copy-set.sh', path: 'push.sh' },
      { key: 'mysql-backup.sh', path: 'mysql-backup.sh' },
    ];
    spec.init_container[2].command = ['/bin/bash', '/opt/backup/push.sh'];
    const run = runOf(document, 'kubernetes_cron_job_v1.his-db-backup-full');
    expect(run.pushes.map((push) => [push.step.name, describeLocation(push.to)])).toEqual([
      ['copy-local', 's3://s3.backup.prod.hospital.internal/prod-backup-b/his-db'],
    ]);
    // offsite-copy still runs copy-set.sh, which the items no longer project: it cannot be read.
    expect(run.unreadable).toContainEqual(
      expect.stringMatching(
        /container\[0\] \(offsite-copy\): cannot read \/opt\/backup\/copy-set.sh: ConfigMap his-db-backup-scripts mounted at volume "scripts" projects no copy-set.sh$/,
      ),
    );
  });

  it('reads a script mounted with sub_path', () => {
    const document: Json = backupCronJob('his-db', 'full');
    const copy = podSpec(cronJob(document, 'his-db-backup-full')).init_container[2];
    copy.command = ['/bin/bash', '/usr/local/bin/copy'];
    copy.volume_mount.push({ name: 'scripts', mount_path: '/usr/local/bin/copy', sub_path: 'copy-set.sh' });
    expect(runOf(document, 'kubernetes_cron_job_v1.his-db-backup-full').pushes.map((push) => push.step.name)).toEqual(['copy-local', 'offsite-copy']);
  });

  it('reads an inline `sh -c` script with its positional arguments', () => {
    const document: Json = backupCronJob('his-db', 'full');
    const copy = podSpec(cronJob(document, 'his-db-backup-full')).init_container[2];
    copy.command = ['/bin/sh', '-ec', terraformLiteral('rclone copy "$BACKUP_ROOT/sets" "${1}/sets"'), 'copy', 'localb:prod-backup-b/his-db'];
    copy.args = [];
    const run = runOf(document, 'kubernetes_cron_job_v1.his-db-backup-full');
    expect(describeLocation(run.pushes[0]!.to)).toBe('s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db');
  });

  it('reads rclone started directly', () => {
    const document: Json = backupCronJob('his-db', 'full');
    const copy = podSpec(cronJob(document, 'his-db-backup-full')).init_container[2];
    copy.command = ['rclone'];
    copy.args = ['copy', '--checksum', '/backup/local-a/his-db', 'localb:prod-backup-b/his-db'];
    expect(
      runOf(document, 'kubernetes_cron_job_v1.his-db-backup-full').pushes.map((push) => [describeLocation(push.from), describeLocation(push.to)])[0],
    ).toEqual(['pvc://clinical-data/his-db-backup-local-a/his-db', 's3://s3.backup.prod.hospital.internal/prod-backup-b/his-db']);
  });

  it('takes environment values from ConfigMap keys, env_from and $(VAR) references', () => {
    const document = terraform(
      backupCronJob('his-db', 'full'),
      resource('kubernetes_config_map_v1', 'backup-settings', {
        metadata: { name: 'backup-settings', namespace: 'clinical-data' },
        data: { root: '/backup/local-a', host: 'his-db-0.his-db.clinical-data.svc' },
      }),
    );
    const backup = podSpec(cronJob(document, 'his-db-backup-full')).init_container[1];
    backup.env_from = [{ config_map_ref: { name: 'backup-settings' }, prefix: 'SETTINGS_' }];
    backup.env = [
      { name: 'STORE', value: 'his-db' },
      { name: 'BACKUP_ROOT', value: '$(SETTINGS_root)/$(STORE)' },
      { name: 'DB_HOST', value_from: { config_map_key_ref: { name: 'backup-settings', key: 'host' } } },
    ];
    const [engine] = runOf(terraform(document, dataStoreStatefulSet('his-db')), 'kubernetes_cron_job_v1.his-db-backup-full').backups;
    expect([describeLocation(engine!.output), engine!.target.store?.key]).toEqual(['pvc://clinical-data/his-db-backup-local-a/his-db', 'clinical-data/his-db']);
  });

  it('fails closed on a script ConfigMap known only after apply', () => {
    const document: Json = backupCronJob('his-db', 'full');
    document.resource.kubernetes_config_map_v1['his-db-backup-scripts'].data = '${var.scripts}';
    expect(runOf(document, 'kubernetes_cron_job_v1.his-db-backup-full').unreadable[0]).toMatch(/known only after apply; failing closed$/);
  });

  it('says which ConfigMap is missing from the input', () => {
    const document: Json = backupCronJob('his-db', 'full');
    delete document.resource.kubernetes_config_map_v1;
    expect(runOf(document, 'kubernetes_cron_job_v1.his-db-backup-full').unreadable[0]).toMatch(
      /ConfigMap clinical-data\/his-db-backup-scripts is not in the input$/,
    );
  });
});

describe('which data store an address reaches', () => {
  const view = (document: Json) => {
    const estate = estateOf(terraform(backupCronJob('his-db', 'full'), document));
    return podViewOf(
      estate.resources.find((candidate) => candidate.address === 'kubernetes_cron_job_v1.his-db-backup-full')!,
      estate,
    )!;
  };
  const stores = terraform(dataStoreStatefulSet('his-db'), dataStoreStatefulSet('emr-db'));

  it.each([
    ['his-db-0.his-db.clinical-data.svc.cluster.local', 'clinical-data/his-db'],
    ['his-db-1.his-db.clinical-data.svc', 'clinical-data/his-db'],
    ['his-db-0.his-db.clinical-data', 'clinical-data/his-db'],
    ['his-db-0.his-db', 'clinical-data/his-db'],
    ['his-db.clinical-data.svc', 'clinical-data/his-db'],
    ['his-db', 'clinical-data/his-db'],
    ['EMR-DB-0.emr-db.clinical-data.svc.', 'clinical-data/emr-db'],
  ])('%s → %s', (host, key) => {
    expect(resolveTarget(view(stores), host).store?.key).toBe(key);
  });

  it.each([
    ['10.40.0.17', 'is an IP address'],
    ['db.hospital.example.org', 'is not a cluster address'],
    ['his-db-0.emr-db.clinical-data.svc', 'reaches no data store StatefulSet of the input'],
    ['reporting.clinical-data.svc', 'reaches no data store StatefulSet of the input'],
  ])('%s reaches no store (%s)', (host, problem) => {
    expect(resolveTarget(view(stores), host).problem).toContain(problem);
  });

  it('assumes the StatefulSet from the pod name when the namespace has none in the input', () => {
    expect(resolveTarget(view({}), 'lis-db-0.lis-db.clinical-data.svc').store).toEqual({
      namespace: 'clinical-data',
      name: 'lis-db',
      key: 'clinical-data/lis-db',
    });
  });

  it('follows a Service whose selector picks one StatefulSet’s pods', () => {
    const service = resource('kubernetes_service_v1', 'emr-primary', {
      metadata: { name: 'emr-primary', namespace: 'clinical-data' },
      spec: { selector: { 'app.kubernetes.io/name': 'emr-db' } },
    });
    expect(resolveTarget(view(terraform(stores, service)), 'emr-primary.clinical-data.svc').store?.key).toBe('clinical-data/emr-db');
    const empty = resource('kubernetes_service_v1', 'any', { metadata: { name: 'any', namespace: 'clinical-data' }, spec: { selector: {} } });
    expect(resolveTarget(view(terraform(stores, empty)), 'any').problem).toContain('reaches no data store');
  });

  it('a Deployment is no data store', () => {
    expect(
      resolveTarget(view(workload('kubernetes_deployment_v1', 'his-db', { namespace: 'clinical-data' })), 'his-db-0.his-db.clinical-data.svc').store?.workload,
    ).toBeUndefined();
  });
});

describe('what a script does', () => {
  const action = (script: string, argv: string[] = []) => actionOf({ script: runnable(script), argv });

  it('recognises the fixture scripts', () => {
    expect(action(FIXTURE_SCRIPTS['mysql-backup.sh']!, ['full'])).toEqual({ type: 'engine-backup', engine: 'mysql', pgbackrest: false, level: 'full' });
    expect(action(FIXTURE_SCRIPTS['postgresql-backup.sh']!, ['incr'])).toEqual({
      type: 'engine-backup',
      engine: 'postgresql',
      pgbackrest: true,
      level: 'incremental',
    });
    expect(action(FIXTURE_SCRIPTS['oracle-backup.sh']!, ['nightly'])).toEqual({ type: 'engine-backup', engine: 'oracle', pgbackrest: false });
    expect(action(FIXTURE_SCRIPTS['copy-set.sh']!, ['x:y'])).toEqual({ type: 'push', destination: 'x:y' });
    expect(action(FIXTURE_SCRIPTS['fetch-offsite.sh']!, ['x:y'])).toEqual({ type: 'pull', source: 'x:y' });
    expect(action(FIXTURE_SCRIPTS['archive-check-lock.sh']!)).toEqual({ type: 'lock-check' });
    expect(action(FIXTURE_SCRIPTS['mysql-restore-drill.sh']!, ['prepare'])).toEqual({ type: 'restore', engine: 'mysql', restores: true, verifies: false });
    expect(action(FIXTURE_SCRIPTS['mysql-restore-drill.sh']!, ['verify'])).toEqual({ type: 'restore', engine: 'mysql', restores: false, verifies: true });
    expect(action(FIXTURE_SCRIPTS['canary.sh']!)).toEqual({ type: 'other' });
  });

  it('ignores comments and everything after a top-level exit', () => {
    expect(runnable('#!/bin/bash\n# xtrabackup --backup\nexit 0\nxtrabackup --backup\n')).toBe('');
    expect(runnable('if true; then\n  exit 0\nfi\nrclone copy "$BACKUP_ROOT" "$1" # copy\n')).toBe(
      'if true; then\n  exit 0\nfi\nrclone copy "$BACKUP_ROOT" "$1"',
    );
    expect(action('rman <<EOF\n# BACKUP DATABASE\nEOF\n')).toEqual({ type: 'other' });
    expect(action('echo BACKUP DATABASE\n')).toEqual({ type: 'other' });
  });

  it('an rclone copy that transfers nothing is no copy', () => {
    expect(action('rclone copy --dry-run "$BACKUP_ROOT/sets" "$1/sets"\n')).toEqual({ type: 'other' });
    expect(action('flags=(--checksum -n)\nrclone copy "${flags[@]}" "$BACKUP_ROOT/sets" "$1/sets"\n')).toEqual({ type: 'other' });
    expect(action('[ -n "$1" ] || exit 1\nrclone copy "$BACKUP_ROOT/sets" "$1/sets"\n')).toEqual({ type: 'push' });
    expect(actionOf({ program: 'rclone', argv: ['copy', '--max-transfer=0', '/backup/local-a/his-db', 'localb:b/his-db'] })).toEqual({ type: 'other' });
  });

  it('a push that copies something else than $BACKUP_ROOT is no backup copy', () => {
    expect(action('destination="${1}"\nrclone copy /etc "$destination"\n')).toEqual({ type: 'other' });
  });
});
