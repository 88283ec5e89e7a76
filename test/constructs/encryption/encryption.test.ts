/** Encryption built from props: encrypted storage classes, Traefik with a TLS 1.3 floor, clinical hosts over TLS. */
import { Testing, TerraformStack } from 'cdktf';
import { parse } from 'yaml';
import { Encryption, TRAEFIK_REPOSITORY, type EncryptionProps } from '../../../constructs/encryption';
import { testingApp } from '../../support/testing-app';

type Json = Record<string, any>;

const props: EncryptionProps = {
  storageClasses: {
    'medical-encrypted': {
      provisioner: 'rbd.csi.ceph.com',
      algorithm: 'SM4',
      parameters: { encrypted: 'true', encryptionKMSID: 'hospital-kms' },
      default: true,
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    },
    'imaging-encrypted': {
      provisioner: 'rbd.csi.ceph.com',
      algorithm: 'AES-256',
      parameters: { encrypted: 'true', encryptionKMSID: 'imaging-kms' },
      default: false,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: false,
    },
  },
  ingressController: {
    chartVersion: '37.1.1',
    namespace: 'dmz-ingress',
    replicas: 2,
    minTlsVersion: 'VersionTLS13',
    ingressClassName: 'traefik',
    placement: { nodeSelector: { 'platform.hospital/node-pool': 'dmz' }, tolerations: [] },
    atomic: true,
  },
  clinicalHosts: [
    { host: 'emr.hospital.example', namespace: 'emr', service: 'emr', port: 'http', tlsSecret: 'emr-tls' },
    { host: 'pacs.hospital.example', namespace: 'pacs', service: 'pacs-viewer', port: 'https', tlsSecret: 'pacs-tls' },
  ],
};

function synth(overrides: Partial<EncryptionProps> = {}): Json {
  const stack = new TerraformStack(testingApp(), 'test');
  new Encryption(stack, 'encryption', { ...props, ...overrides });
  return JSON.parse(Testing.synth(stack));
}
const all = (json: Json, type: string): Json[] => Object.values(json.resource[type] ?? {});
const storageClass = (json: Json, name: string): Json => all(json, 'kubernetes_storage_class_v1').find((entry) => entry.metadata.name === name)!;

describe('Encryption from props', () => {
  const json = synth();

  it('declares each storage class with its CSI encryption parameters and algorithm, the default one marked', () => {
    const medical = storageClass(json, 'medical-encrypted');
    expect(medical.metadata.annotations).toEqual({ 'platform.hospital/encryption-algorithm': 'SM4', 'storageclass.kubernetes.io/is-default-class': 'true' });
    expect(medical.metadata.labels['platform.hospital/data-class']).toBe('medical-record');
    expect(medical).toMatchObject({
      storage_provisioner: 'rbd.csi.ceph.com',
      parameters: { encrypted: 'true', encryptionKMSID: 'hospital-kms' },
      reclaim_policy: 'Retain',
      volume_binding_mode: 'WaitForFirstConsumer',
      allow_volume_expansion: true,
    });
    const imaging = storageClass(json, 'imaging-encrypted');
    expect(imaging.metadata.annotations).toEqual({ 'platform.hospital/encryption-algorithm': 'AES-256' });
    expect(imaging).toMatchObject({
      parameters: { encryptionKMSID: 'imaging-kms' },
      reclaim_policy: 'Delete',
      volume_binding_mode: 'Immediate',
      allow_volume_expansion: false,
    });
  });

  it('runs Traefik from its chart in the given namespace with TLS 1.3 as the minimum', () => {
    const [traefik] = all(json, 'helm_release');
    expect(traefik).toMatchObject({
      name: 'traefik',
      chart: 'traefik',
      repository: TRAEFIK_REPOSITORY,
      version: '37.1.1',
      namespace: 'dmz-ingress',
      atomic: true,
      create_namespace: false,
    });
    const values = parse(traefik!.values[0]) as Json;
    expect(values.tlsOptions.default.minVersion).toBe('VersionTLS13');
    expect(values.providers.kubernetesCRD.enabled).toBe(true); // the TLSOption is a CRD object
    expect(all(synth({ ingressController: { ...props.ingressController, atomic: false } }), 'helm_release')[0]!.atomic).toBe(false);
  });

  it('publishes each clinical host over TLS with its existing certificate Secret, on the TLS entry point only', () => {
    const ingresses = all(json, 'kubernetes_ingress_v1');
    expect(ingresses.map((ingress) => [ingress.metadata.namespace, ingress.metadata.name, ingress.spec.rule[0].host, ingress.spec.tls])).toEqual([
      ['emr', 'emr', 'emr.hospital.example', [{ hosts: ['emr.hospital.example'], secret_name: 'emr-tls' }]],
      ['pacs', 'pacs-viewer', 'pacs.hospital.example', [{ hosts: ['pacs.hospital.example'], secret_name: 'pacs-tls' }]],
    ]);
    for (const ingress of ingresses) {
      expect(ingress.metadata.annotations['traefik.ingress.kubernetes.io/router.entrypoints']).toBe('websecure');
      expect(ingress.spec.ingress_class_name).toBe('traefik');
    }
    expect(ingresses[1]!.spec.rule[0].http.path[0].backend.service).toEqual({ name: 'pacs-viewer', port: { name: 'https' } });
    // The certificates exist already: no key material in Terraform state.
    expect(json.resource.kubernetes_secret_v1).toBeUndefined();
  });
});
