/** The clinical data stores as the prod environment declares them (the construct from props: test/constructs/data-store). */
import { shippedEnvironment, synthEnvironment, resourcesOfType } from '../../support/synth';

type Json = Record<string, any>;

describe('clinical data stores as StatefulSets', () => {
  let statefulSets: Map<string, Json>;
  let claims: Map<string, Json>;
  beforeAll(() => {
    const { json } = synthEnvironment(shippedEnvironment('prod'));
    statefulSets = new Map(Object.values(resourcesOfType(json, 'kubernetes_stateful_set_v1')).map((resource) => [resource.metadata.name, resource]));
    claims = new Map(Object.values(resourcesOfType(json, 'kubernetes_persistent_volume_claim_v1')).map((resource) => [resource.metadata.name, resource]));
  });

  it('keeps data on the encrypted storage class, labelled as medical records', () => {
    for (const name of ['his-db', 'emr-db', 'lis-db', 'pacs-index-db']) {
      const set = statefulSets.get(name)!;
      expect(set.metadata.labels).toMatchObject({
        'platform.hospital/data-class': 'medical-record',
        'platform.hospital/data-store': name,
        'platform.hospital/segment': 'medical',
      });
      expect(set.spec.template.metadata.labels['platform.hospital/data-class']).toBe('medical-record');
      expect(set.spec.volume_claim_template).toEqual([
        expect.objectContaining({
          metadata: expect.objectContaining({ name: 'data', labels: expect.objectContaining({ 'platform.hospital/data-class': 'medical-record' }) }),
          spec: expect.objectContaining({ storage_class_name: 'medical-encrypted', access_modes: ['ReadWriteOnce'] }),
        }),
      ]);
      expect(set.spec.persistent_volume_claim_retention_policy).toEqual([{ when_deleted: 'Retain', when_scaled: 'Retain' }]);
      expect(claims.get(`${name}-backup-local-a`)!.spec.storage_class_name).toBe('medical-encrypted');
    }
    expect(statefulSets.get('his-db')!.spec.volume_claim_template[0].spec.resources.requests.storage).toBe('2Ti');
  });

  it('runs restricted, pinned and limited, on the medical node pool', () => {
    for (const set of statefulSets.values()) {
      if (!set.metadata.labels['platform.hospital/data-store']) continue;
      const spec = set.spec.template.spec;
      expect(spec.security_context).toMatchObject({ run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } });
      expect(spec.node_selector).toEqual({ 'platform.hospital/node-pool': 'medical' });
      for (const container of spec.container) {
        expect(container.image).toMatch(/@sha256:[a-f0-9]{64}$/);
        expect(container.security_context).toMatchObject({
          read_only_root_filesystem: true,
          allow_privilege_escalation: false,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources.limits).toBeDefined();
      }
    }
  });

  it('PostgreSQL archives WAL into pgBackRest and serves the backup jobs over TLS; Oracle writes RMAN pieces to the backup volume', () => {
    const emr = statefulSets.get('emr-db')!.spec.template.spec;
    expect(emr.container.map((container: Json) => container.name)).toEqual(['postgresql', 'pgbackrest-server']);
    expect(emr.container[0].args).toContain('archive_command=pgbackrest --stanza=emr archive-push %p');
    expect(emr.container[1].command).toEqual(['pgbackrest', 'server']);
    expect(emr.volume).toContainEqual({ name: 'backup-local-a', persistent_volume_claim: { claim_name: 'emr-db-backup-local-a' } });
    expect(statefulSets.get('lis-db')!.spec.template.spec.volume).toContainEqual({
      name: 'backup-local-a',
      persistent_volume_claim: { claim_name: 'lis-db-backup-local-a' },
    });
    expect(statefulSets.get('his-db')!.spec.template.spec.volume.some((volume: Json) => volume.name === 'backup-local-a')).toBe(false);
  });
});
