/** Encryption as each shipped environment declares it, and the encryption rules on it (the construct from props: test/constructs/encryption). */
import { parse } from 'yaml';
import { resourcesFromTerraformJson } from '../../../policies';
import { evaluate } from '../../../policies/engine';
import { rules as encryptionRules } from '../../../policies/rules/encryption';
import { findByName, resourcesOfType, shippedEnvironment, synthEnvironment, type TerraformJson } from '../../support/synth';

const failures = (json: TerraformJson, environment: string) =>
  evaluate(resourcesFromTerraformJson(json, { file: 'cdk.tf.json', environment }), encryptionRules)
    .findings.filter((finding) => finding.status === 'fail')
    .map((finding) => `${finding.ruleId}: ${finding.message}`);

/** A deep copy to weaken without touching the synthesized original. */
const copy = (json: TerraformJson): TerraformJson => JSON.parse(JSON.stringify(json)) as TerraformJson;

describe.each(['prod', 'staging', 'dev', 'dr'])('encryption in %s', (name) => {
  const environment = shippedEnvironment(name);
  const { json } = synthEnvironment(environment);

  it('declares the medical storage classes with their CSI encryption parameters, medical-encrypted as default', () => {
    const medical = findByName(json, 'kubernetes_storage_class_v1', 'medical-encrypted');
    expect(medical.metadata.annotations['storageclass.kubernetes.io/is-default-class']).toBe('true');
    expect(medical.storage_provisioner).toBe('rbd.csi.ceph.com');
    expect(medical.parameters).toMatchObject({
      encrypted: 'true',
      encryptionKMSID: environment.encryption!.storageClasses['medical-encrypted']!.parameters.encryptionKMSID,
    });
    expect(medical.reclaim_policy).toBe('Retain');
    expect(['SM4', 'AES-256']).toContain(medical.metadata.annotations['platform.hospital/encryption-algorithm']);
  });

  it('runs Traefik pinned in dmz-ingress with TLS 1.3 as the minimum', () => {
    const traefik = Object.values(resourcesOfType(json, 'helm_release')).find((release) => release.chart === 'traefik')!;
    expect(traefik).toMatchObject({ repository: 'https://traefik.github.io/charts', version: '37.1.1', namespace: 'dmz-ingress' });
    const values = parse(traefik.values[0]) as Record<string, any>;
    expect(values.tlsOptions.default.minVersion).toBe('VersionTLS13');
    expect(values.providers.kubernetesCRD.enabled).toBe(true); // the TLSOption is a CRD object
  });

  it('publishes each clinical host over TLS with its existing certificate Secret, on the TLS entry point only', () => {
    const ingresses = Object.values(resourcesOfType(json, 'kubernetes_ingress_v1'));
    expect(ingresses.map((ingress) => ingress.spec.rule[0].host).sort()).toEqual(environment.encryption!.clinicalHosts.map((entry) => entry.host).sort());
    for (const ingress of ingresses) {
      expect(ingress.spec.tls).toEqual([{ hosts: [ingress.spec.rule[0].host], secret_name: expect.stringMatching(/-tls$/) }]);
      expect(ingress.metadata.annotations['traefik.ingress.kubernetes.io/router.entrypoints']).toBe('websecure');
    }
    expect(resourcesOfType(json, 'kubernetes_secret_v1')).toEqual({});
  });

  it('passes encryption/at-rest and encryption/in-transit-tls13 as shipped', () => {
    expect(failures(json, name)).toEqual([]);
  });

  describe('blocks leaky variants', () => {
    const storageClassKey = (leaky: TerraformJson) =>
      Object.entries(resourcesOfType(leaky, 'kubernetes_storage_class_v1')).find(([, storageClass]) => storageClass.metadata.name === 'medical-encrypted')![0];

    it('a default class that lost its KMS key', () => {
      const leaky = copy(json);
      delete resourcesOfType(leaky, 'kubernetes_storage_class_v1')[storageClassKey(leaky)]!.parameters.encryptionKMSID;
      expect(failures(leaky, name)).toEqual(expect.arrayContaining([expect.stringContaining('encryption/at-rest: parameters lack encryptionKMSID')]));
    });

    it('a medical PVC on an unencrypted class', () => {
      const leaky = copy(json);
      leaky.resource.kubernetes_persistent_volume_claim_v1 = {
        ...(leaky.resource.kubernetes_persistent_volume_claim_v1 ?? {}),
        leaky: {
          metadata: { name: 'scans', namespace: 'emr' },
          spec: { access_modes: ['ReadWriteOnce'], storage_class_name: 'local-path', resources: { requests: { storage: '10Gi' } } },
        },
      };
      expect(failures(leaky, name)).toEqual(
        expect.arrayContaining([expect.stringContaining('storage class "local-path", which this configuration does not declare')]),
      );
    });

    it('an ingress controller that accepts TLS 1.2, and a clinical Ingress without TLS', () => {
      const leaky = copy(json);
      const traefik = Object.values(resourcesOfType(leaky, 'helm_release')).find((release) => release.chart === 'traefik')!;
      traefik.values = [traefik.values[0].replace('VersionTLS13', 'VersionTLS12')];
      const ingress = Object.values(resourcesOfType(leaky, 'kubernetes_ingress_v1'))[0]!;
      delete ingress.spec.tls;
      const found = failures(leaky, name);
      expect(found).toEqual(
        expect.arrayContaining([
          expect.stringContaining('tlsOptions.default.minVersion is "VersionTLS12"'),
          expect.stringContaining('is not covered by any spec[0].tls[].hosts'),
        ]),
      );
    });
  });
});
