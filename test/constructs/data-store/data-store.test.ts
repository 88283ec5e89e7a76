/** DataStore built from props: one clinical database as a restricted StatefulSet on its storage class. */
import { Testing, TerraformStack } from 'cdktf';
import { DataStore, PGBACKREST_TLS_PORT, type DataStoreProps } from '../../../constructs/data-store';
import { testingApp } from '../../support/testing-app';

type Json = Record<string, any>;

const props: DataStoreProps = {
  name: 'emr-db',
  namespace: 'clinical-data',
  segment: 'medical',
  engine: 'postgresql',
  image: `registry.hospital.internal/data/postgresql:16.4@sha256:${'c'.repeat(64)}`,
  storageClass: 'medical-encrypted',
  size: '500Gi',
  holdsMedicalRecords: true,
  core: true,
  database: 'emr',
  resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi' } },
  placement: {
    nodeSelector: { 'platform.hospital/node-pool': 'medical' },
    tolerations: [{ key: 'platform.hospital/segment', value: 'medical', effect: 'NoSchedule' }],
  },
  backupVolume: { claimName: 'emr-db-backup-local-a', mountPath: '/backup/local-a' },
  pgbackrest: { configMap: 'emr-db-pgbackrest', tlsSecret: 'emr-db-pgbackrest-tls', stanza: 'emr' },
};

function synth(overrides: Partial<DataStoreProps> = {}): { json: Json; store: DataStore } {
  const stack = new TerraformStack(testingApp(), 'test');
  const store = new DataStore(stack, 'store', { ...props, ...overrides });
  return { json: JSON.parse(Testing.synth(stack)), store };
}
const only = (json: Json, type: string): Json => {
  const all = Object.values(json.resource[type] ?? {}) as Json[];
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe('DataStore from props', () => {
  const { json, store } = synth();
  const set = only(json, 'kubernetes_stateful_set_v1');
  const podSpec = set.spec.template.spec;

  it('keeps its data on the given storage class, labelled as medical records, and retains it', () => {
    expect(set.metadata.labels).toMatchObject({
      'platform.hospital/data-class': 'medical-record',
      'platform.hospital/data-store': 'emr-db',
      'platform.hospital/segment': 'medical',
    });
    expect(set.spec.template.metadata.labels['platform.hospital/data-class']).toBe('medical-record');
    expect(set.spec.volume_claim_template).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'data', labels: expect.objectContaining({ 'platform.hospital/data-class': 'medical-record' }) }),
        spec: expect.objectContaining({
          storage_class_name: 'medical-encrypted',
          access_modes: ['ReadWriteOnce'],
          resources: { requests: { storage: '500Gi' } },
        }),
      }),
    ]);
    expect(set.spec.persistent_volume_claim_retention_policy).toEqual([{ when_deleted: 'Retain', when_scaled: 'Retain' }]);
  });

  it('labels a store without medical records without a data class', () => {
    const plain = only(synth({ holdsMedicalRecords: false }).json, 'kubernetes_stateful_set_v1');
    expect(plain.metadata.labels['platform.hospital/data-class']).toBeUndefined();
    expect(plain.spec.volume_claim_template[0].metadata.labels['platform.hospital/data-class']).toBeUndefined();
  });

  it('runs restricted, pinned and limited, on the placement it is given', () => {
    expect(podSpec.security_context).toMatchObject({ run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } });
    expect(podSpec.node_selector).toEqual({ 'platform.hospital/node-pool': 'medical' });
    for (const container of podSpec.container) {
      expect(container.image).toMatch(/@sha256:[a-f0-9]{64}$/);
      expect(container.security_context).toMatchObject({ read_only_root_filesystem: true, allow_privilege_escalation: false, capabilities: { drop: ['ALL'] } });
      expect(container.resources.limits).toBeDefined();
    }
  });

  it('PostgreSQL archives WAL into pgBackRest on the backup volume and serves the backup jobs over TLS', () => {
    expect(podSpec.container.map((container: Json) => container.name)).toEqual(['postgresql', 'pgbackrest-server']);
    expect(podSpec.container[0].args).toContain('archive_command=pgbackrest --stanza=emr archive-push %p');
    expect(podSpec.container[1].command).toEqual(['pgbackrest', 'server']);
    expect(podSpec.volume).toContainEqual({ name: 'backup-local-a', persistent_volume_claim: { claim_name: 'emr-db-backup-local-a' } });
    const service = only(json, 'kubernetes_service_v1');
    expect(service.spec.port.map((port: Json) => [port.name, port.port])).toEqual([
      ['postgresql', 5432],
      ['pgbackrest', PGBACKREST_TLS_PORT],
    ]);
  });

  it('Oracle writes to the backup volume without pgBackRest; MySQL does not mount it', () => {
    const oracle = only(synth({ engine: 'oracle', pgbackrest: undefined }).json, 'kubernetes_stateful_set_v1').spec.template.spec;
    expect(oracle.container.map((container: Json) => container.name)).toEqual(['oracle']);
    expect(oracle.volume).toContainEqual({ name: 'backup-local-a', persistent_volume_claim: { claim_name: 'emr-db-backup-local-a' } });
    const mysql = only(synth({ engine: 'mysql', pgbackrest: undefined, backupVolume: undefined }).json, 'kubernetes_stateful_set_v1').spec.template.spec;
    expect(mysql.volume.some((volume: Json) => volume.name === 'backup-local-a')).toBe(false);
  });

  it('gives the backup jobs the primary’s stable address and data claim', () => {
    expect(store.primaryHost).toBe('emr-db-0.emr-db.clinical-data.svc');
    expect(store.primaryDataClaim).toBe('data-emr-db-0');
    expect(only(json, 'kubernetes_service_v1').spec.cluster_ip).toBe('None');
  });
});
