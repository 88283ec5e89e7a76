/** Terraform JSON pieces the encryption fixtures share (as cdk.tf.json writes them). */
import { resource } from '../fixture-builders';

export const namespace = (name: string, segment: string, labels: Record<string, string> = {}, id = name.replaceAll('-', '_')) =>
  resource('kubernetes_namespace_v1', id, { metadata: { name, labels: { 'platform.hospital/segment': segment, ...labels } } });

/** `algorithm: null` leaves the cipher annotation out; `provisioner` and `parameters` may be `${…}` expressions. */
export const encryptedClass = (
  name = 'medical-encrypted',
  options: { default?: boolean; parameters?: Record<string, string> | string; provisioner?: string; algorithm?: string | null } = {},
) =>
  resource('kubernetes_storage_class_v1', name.replaceAll('-', '_'), {
    metadata: {
      name,
      labels: { 'platform.hospital/data-class': 'medical-record' },
      annotations: {
        ...(options.algorithm === null ? {} : { 'platform.hospital/encryption-algorithm': options.algorithm ?? 'SM4' }),
        ...(options.default ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {}),
      },
    },
    storage_provisioner: options.provisioner ?? 'rbd.csi.ceph.com',
    parameters: options.parameters ?? { clusterID: 'ceph-prod', pool: 'medical', encrypted: 'true', encryptionKMSID: 'hospital-sm-kms' },
    reclaim_policy: 'Retain',
  });

export const plainClass = (name = 'standard') =>
  resource('kubernetes_storage_class_v1', name, {
    metadata: { name },
    storage_provisioner: 'rbd.csi.ceph.com',
    parameters: { clusterID: 'ceph-prod', pool: 'general' },
  });

/**
 * A PVC; `storageClassName` undefined leaves the field out (an empty string is kept); `id` is its
 * Terraform name; `spec` adds fields (`volume_name`, `selector`).
 */
export const claim = (name: string, namespaceName: string, storageClassName?: string, id = name.replaceAll('-', '_'), spec: Record<string, unknown> = {}) =>
  resource('kubernetes_persistent_volume_claim_v1', id, {
    metadata: { name, namespace: namespaceName },
    spec: {
      access_modes: ['ReadWriteOnce'],
      resources: { requests: { storage: '100Gi' } },
      ...(storageClassName !== undefined ? { storage_class_name: storageClassName } : {}),
      ...spec,
    },
    wait_until_bound: false,
  });

/** A statically provisioned PersistentVolume with the given source (`{ nfs: {…} }`, `{ csi: {…} }`, …). */
export const volume = (name: string, source: Record<string, unknown>, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}) =>
  resource('kubernetes_persistent_volume_v1', name.replaceAll('-', '_'), {
    metadata: { name, labels },
    spec: { capacity: { storage: '1Ti' }, access_modes: ['ReadWriteOnce'], persistent_volume_source: source, ...spec },
  });

/** A StatefulSet; `volumes` are pod volumes (e.g. a `persistent_volume_claim` of a declared PVC). */
export const dataStore = (
  name: string,
  namespaceName: string,
  storageClassName?: string,
  labels: Record<string, string> = { 'platform.hospital/data-class': 'medical-record' },
  volumes: Record<string, unknown>[] = [],
) =>
  resource('kubernetes_stateful_set_v1', name.replaceAll('-', '_'), {
    metadata: { name, namespace: namespaceName, labels },
    spec: {
      service_name: name,
      selector: { match_labels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': name, ...labels } },
        spec: {
          container: [{ name: 'db', image: 'registry.hospital.example/db/postgres:16@sha256:' + 'a'.repeat(64) }],
          ...(volumes.length ? { volume: volumes } : {}),
        },
      },
      ...(storageClassName !== undefined
        ? {
            volume_claim_template: [
              {
                metadata: { name: 'data' },
                spec: { access_modes: ['ReadWriteOnce'], storage_class_name: storageClassName, resources: { requests: { storage: '500Gi' } } },
              },
            ],
          }
        : {}),
    },
  });
