/**
 * The backup CronJobs of the shipped environments, synthesized (the scripts on their own:
 * test/constructs/backup/backup-scripts.test.ts).
 */
import { BACKUP_SCRIPTS, readBackupScript, terraformLiteral } from '../../../constructs/backup';
import { shippedEnvironment, synthEnvironment, resourcesOfType, type TerraformJson } from '../../support/synth';

type Json = Record<string, any>;

const byName = (json: TerraformJson, type: string): Map<string, Json> =>
  new Map(Object.values(resourcesOfType(json, type)).map((resource) => [resource.metadata.name as string, resource]));
const podSpec = (cronJob: Json): Json => cronJob.spec.job_template.spec.template.spec;
/** Steps in order: init containers, then the main container. */
const steps = (cronJob: Json): Json[] => [...(podSpec(cronJob).init_container ?? []), ...podSpec(cronJob).container];
const step = (cronJob: Json, name: string): Json => {
  const found = steps(cronJob).find((container) => container.name === name);
  if (!found)
    throw new Error(
      `no step ${name} in ${cronJob.metadata.name}: ${steps(cronJob)
        .map((c) => c.name)
        .join(', ')}`,
    );
  return found;
};
const envOf = (container: Json): Record<string, Json> => Object.fromEntries((container.env ?? []).map((entry: Json) => [entry.name, entry]));

describe('backup CronJobs of the shipped prod and dr environments', () => {
  let prod: Map<string, Json>;
  let dr: Map<string, Json>;
  let dev: Map<string, Json>;
  let prodConfigMaps: Map<string, Json>;
  beforeAll(() => {
    const prodJson = synthEnvironment(shippedEnvironment('prod')).json;
    prod = byName(prodJson, 'kubernetes_cron_job_v1');
    prodConfigMaps = byName(prodJson, 'kubernetes_config_map_v1');
    dr = byName(synthEnvironment(shippedEnvironment('dr')).json, 'kubernetes_cron_job_v1');
    dev = byName(synthEnvironment(shippedEnvironment('dev')).json, 'kubernetes_cron_job_v1');
  });

  it('declares full, incremental, archive and restore-drill jobs per data store, labelled for the alerts', () => {
    for (const store of ['his-db', 'emr-db', 'lis-db', 'pacs-index-db']) {
      for (const [name, kind] of [
        [`${store}-backup-full`, 'full'],
        [`${store}-backup-incremental`, 'incremental'],
        [`${store}-archive`, 'archive'],
        [`${store}-restore-drill`, 'restore-drill'],
      ] as const) {
        const job = prod.get(name);
        expect(job).toBeDefined();
        for (const labels of [job!.metadata.labels, job!.spec.job_template.metadata.labels, job!.spec.job_template.spec.template.metadata.labels]) {
          expect(labels).toMatchObject({
            'platform.hospital/backup': kind,
            'platform.hospital/data-store': store,
            'platform.hospital/data-class': 'medical-record',
            'app.kubernetes.io/name': name,
          });
        }
      }
    }
  });

  it('runs incrementals daily at 02:00 and fulls on Sunday, in the site time zone, never concurrently', () => {
    const incremental = prod.get('his-db-backup-incremental')!;
    expect(incremental.spec).toMatchObject({ schedule: '0 2 * * *', timezone: 'Asia/Shanghai', concurrency_policy: 'Forbid', suspend: false });
    expect(prod.get('his-db-backup-full')!.spec).toMatchObject({ schedule: '0 1 * * 0', timezone: 'Asia/Shanghai' });
    expect(prod.get('his-db-archive')!.spec.schedule).toBe('0 6 1 * *');
    for (const job of [...prod.values(), ...dr.values()].filter((cron) => cron.metadata.labels['platform.hospital/backup'])) {
      expect(job.spec.concurrency_policy).toBe('Forbid');
      expect(job.spec.starting_deadline_seconds).toBeGreaterThan(0);
      expect(job.spec.successful_jobs_history_limit).toBeGreaterThan(0);
      expect(job.spec.failed_jobs_history_limit).toBeGreaterThan(0);
      expect(job.spec.job_template.spec.backoff_limit).toBeGreaterThanOrEqual(1);
      expect(job.spec.job_template.spec.active_deadline_seconds).toBeGreaterThan(0);
      expect(job.spec.timezone).toBe('Asia/Shanghai');
    }
  });

  it('MySQL: Percona XtraBackup full, and incremental on the latest set (--incremental-basedir in the script)', () => {
    const full = step(prod.get('his-db-backup-full')!, 'backup');
    expect(full.image).toMatch(/percona-xtrabackup:8\.0\.35-31@sha256:[a-f0-9]{64}$/);
    expect(full.command).toEqual(['/bin/bash', '/opt/backup/mysql-backup.sh']);
    expect(full.args).toEqual(['full']);
    expect(step(prod.get('his-db-backup-incremental')!, 'backup').args).toEqual(['incremental']);
    // XtraBackup reads the InnoDB files: the data volume is mounted read-only, next to the database.
    const spec = podSpec(prod.get('his-db-backup-full')!);
    expect(spec.volume).toContainEqual({ name: 'data', persistent_volume_claim: { claim_name: 'data-his-db-0', read_only: true } });
    expect(full.volume_mount).toContainEqual({ name: 'data', mount_path: '/var/lib/mysql', read_only: true });
    expect(spec.affinity.pod_affinity.required_during_scheduling_ignored_during_execution[0]).toMatchObject({
      topology_key: 'kubernetes.io/hostname',
      label_selector: [{ match_labels: { 'app.kubernetes.io/name': 'his-db', 'platform.hospital/data-store': 'his-db' } }],
    });
    const script = readBackupScript('mysql-backup.sh');
    expect(script).toMatch(/xtrabackup --defaults-extra-file="\$defaults" --backup [\s\S]*?--target-dir="\$target"/);
    expect(script).toContain('--incremental-basedir="$BACKUP_ROOT/sets/$base"');
  });

  it('PostgreSQL: pgBackRest --type=full|incr over TLS to the database pod', () => {
    const backup = step(prod.get('emr-db-backup-incremental')!, 'backup');
    expect(backup.image).toMatch(/pgbackrest:2\.54\.2@sha256:/);
    expect(backup.command).toEqual(['/bin/bash', '/opt/backup/postgresql-backup.sh']);
    expect(backup.args).toEqual(['incremental']);
    expect(envOf(backup).STANZA.value).toBe('emr');
    const script = readBackupScript('postgresql-backup.sh');
    expect(script).toContain('full) type=full');
    expect(script).toContain('incremental) type=incr');
    expect(script).toContain('pgbackrest --stanza="$STANZA" backup --type="$type"');
    const client = prodConfigMaps.get('emr-db-pgbackrest-client')!.data['pgbackrest.conf'] as string;
    expect(client).toContain('pg1-host=emr-db-0.emr-db.clinical-data.svc');
    expect(client).toContain('pg1-host-type=tls');
    expect(client).toContain('repo1-path=/backup/local-a/emr-db/pgbackrest');
  });

  it('Oracle: RMAN incremental level 0 (full) and level 1 from the database image', () => {
    const full = step(prod.get('lis-db-backup-full')!, 'backup');
    expect(full.image).toMatch(/oracle\/database:19\.3\.0-ee@sha256:/);
    expect(full.command).toEqual(['/bin/bash', '/opt/backup/oracle-backup.sh']);
    const script = readBackupScript('oracle-backup.sh');
    expect(script).toContain('full) level=0');
    expect(script).toContain('incremental) level=1');
    expect(script).toContain('BACKUP AS COMPRESSED BACKUPSET INCREMENTAL LEVEL $level DATABASE');
  });

  it('writes each backup to the first local target, copies it to the second, then off site', () => {
    const job = prod.get('his-db-backup-incremental')!;
    expect(steps(job).map((container) => container.name)).toEqual(['canary', 'backup', 'copy-local', 'offsite-copy']);
    expect(step(job, 'copy-local').args).toEqual(['localb:prod-backup-b/his-db']);
    expect(step(job, 'offsite-copy').args).toEqual(['offsite:offsite-from-prod/his-db']);
    expect(envOf(step(job, 'offsite-copy')).RCLONE_CONFIG_OFFSITE_ENDPOINT.value).toBe('https://s3.backup.dr.hospital.internal');
    expect(job.metadata.annotations).toMatchObject({
      'platform.hospital/backup-local-targets': 'pvc://clinical-data/his-db-backup-local-a,s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db',
      'platform.hospital/backup-offsite-target': 's3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db',
      'platform.hospital/backup-offsite-site': 'dr',
      'platform.hospital/retention-years': '30',
      'platform.hospital/archive-object-lock': 'COMPLIANCE',
    });
    // dr's own backups go the other way: off site means prod.
    expect(dr.get('his-db-backup-incremental')!.metadata.annotations['platform.hospital/backup-offsite-site']).toBe('prod');
  });

  it('the restore drill in dr restores prod’s off-site copy into an encrypted scratch volume and verifies it', () => {
    const drill = dr.get('his-db-restore-drill')!;
    expect(drill.metadata.annotations).toMatchObject({
      'platform.hospital/drill-source-environment': 'prod',
      'platform.hospital/drill-source': 's3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db',
    });
    expect(drill.spec.schedule).toBe('0 10 1 * *');
    expect(steps(drill).map((container) => [container.name, container.args])).toEqual([
      ['fetch-offsite', ['drillsource:offsite-from-prod/his-db']],
      ['prepare', ['prepare']],
      ['verify', ['verify']],
    ]);
    const scratch = podSpec(drill).volume.find((volume: Json) => volume.name === 'scratch');
    expect(scratch.ephemeral.volume_claim_template.spec).toMatchObject({
      storage_class_name: 'medical-encrypted',
      resources: { requests: { storage: '2Ti' } },
    });
    expect(steps(dr.get('lis-db-restore-drill')!).map((container) => container.name)).toEqual(['fetch-offsite', 'verify']);
    expect(steps(dr.get('emr-db-restore-drill')!).map((container) => container.name)).toEqual(['fetch-offsite', 'prepare', 'verify']);
  });

  it('ships the scripts as a ConfigMap mounted read-only', () => {
    const scripts = prodConfigMaps.get('his-db-backup-scripts')!;
    expect(Object.keys(scripts.data).sort()).toEqual([...BACKUP_SCRIPTS].sort());
    // In Terraform JSON every string is a template: the shell's `${…}` is written `$${…}`, and the ConfigMap receives the script unchanged.
    expect(scripts.data['lib.sh']).toBe(terraformLiteral(readBackupScript('lib.sh')));
    for (const file of BACKUP_SCRIPTS) {
      expect({ file, unescaped: /(^|[^$])\$\{|(^|[^%])%\{/.test(scripts.data[file]) }).toEqual({ file, unescaped: false });
      expect(scripts.data[file].replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')).toBe(readBackupScript(file));
    }
    const job = prod.get('his-db-backup-full')!;
    expect(podSpec(job).volume).toContainEqual({ name: 'scripts', config_map: { name: 'his-db-backup-scripts', default_mode: '0555' } });
    for (const container of steps(job)) expect(container.volume_mount).toContainEqual({ name: 'scripts', mount_path: '/opt/backup', read_only: true });
  });

  it('restricted security context, requests and limits, and credentials only from Secrets', () => {
    for (const job of [...prod.values(), ...dr.values()].filter((cron) => cron.metadata.labels['platform.hospital/backup'])) {
      const spec = podSpec(job);
      expect(spec.security_context).toMatchObject({ run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } });
      expect(spec.automount_service_account_token).toBe(false);
      expect(spec.restart_policy).toBe('Never');
      for (const container of steps(job)) {
        expect(container.image).toMatch(/@sha256:[a-f0-9]{64}$/);
        expect(container.security_context).toMatchObject({
          run_as_non_root: true,
          allow_privilege_escalation: false,
          privileged: false,
          read_only_root_filesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        for (const entry of container.env ?? []) {
          if (/KEY|PASSWORD|SECRET/.test(entry.name)) expect(entry.value_from?.secret_key_ref).toBeDefined();
        }
      }
      const credentials = spec.volume.find((volume: Json) => volume.name === 'credentials');
      if (credentials) expect(credentials.secret.default_mode).toBe('0400');
    }
  });

  it('dev (synthetic data): one local target, no off-site copy, no archive, no drill', () => {
    expect(
      [...dev.entries()]
        .filter(([, cron]) => cron.metadata.labels['platform.hospital/backup'])
        .map(([name]) => name)
        .sort(),
    ).toEqual(['his-db-backup-full', 'his-db-backup-incremental']);
    const job = dev.get('his-db-backup-incremental')!;
    expect(steps(job).map((container) => container.name)).toEqual(['canary', 'backup']);
    expect(job.metadata.labels['platform.hospital/data-class']).toBeUndefined();
  });
});
