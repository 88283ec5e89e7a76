import { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { ANNOTATIONS } from '../../contract';
import { DATA_CLASS_LABEL, platformLabels } from '../platform-labels';
import { toleration, type Placement } from '../restricted-workload';

/** Annotation naming the cipher the storage KMS applies (read by the compliance report). */
export const ENCRYPTION_ALGORITHM_ANNOTATION = ANNOTATIONS.encryptionAlgorithm;
const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export interface EncryptedStorageClassProps {
  readonly provisioner: string;
  readonly algorithm: 'SM4' | 'AES-256';
  readonly parameters: Readonly<Record<string, string>>;
  readonly default: boolean;
  readonly reclaimPolicy: 'Retain' | 'Delete';
  readonly volumeBindingMode: 'WaitForFirstConsumer' | 'Immediate';
  readonly allowVolumeExpansion: boolean;
}

export interface IngressControllerProps {
  readonly chartVersion: string;
  readonly namespace: string;
  readonly replicas: number;
  readonly minTlsVersion: 'VersionTLS13';
  readonly ingressClassName: string;
  /** The DMZ node pool. */
  readonly placement: Placement;
  /** Helm rolls back a failed upgrade by itself (production environments). */
  readonly atomic: boolean;
}

export interface ClinicalHostProps {
  readonly host: string;
  readonly namespace: string;
  /** Name of the clinical system's Service and the port name to route to. */
  readonly service: string;
  readonly port: string;
  /** Existing `kubernetes.io/tls` Secret in `namespace` (never created here: no key material in state). */
  readonly tlsSecret: string;
}

export interface EncryptionProps {
  readonly storageClasses: Readonly<Record<string, EncryptedStorageClassProps>>;
  readonly ingressController: IngressControllerProps;
  readonly clinicalHosts: readonly ClinicalHostProps[];
}

export const TRAEFIK_REPOSITORY = 'https://traefik.github.io/charts';

/**
 * Encryption at rest and in transit for medical data: storage classes whose volumes the storage's KMS
 * encrypts (SM4 or AES), a maintained ingress controller (Traefik; ingress-nginx was retired in 2026)
 * that accepts nothing below TLS 1.3, and the clinical hosts published through it over TLS only.
 */
export class Encryption extends Construct {
  readonly storageClasses = new Map<string, StorageClassV1>();
  readonly ingressController: Release;
  readonly ingresses = new Map<string, IngressV1>();

  constructor(scope: Construct, id: string, props: EncryptionProps) {
    super(scope, id);

    for (const [name, storageClass] of Object.entries(props.storageClasses)) {
      this.storageClasses.set(
        name,
        new StorageClassV1(this, `storage-class-${name}`, {
          metadata: {
            name,
            labels: { ...platformLabels(name), [DATA_CLASS_LABEL]: 'medical-record' },
            annotations: {
              [ENCRYPTION_ALGORITHM_ANNOTATION]: storageClass.algorithm,
              ...(storageClass.default ? { [DEFAULT_CLASS_ANNOTATION]: 'true' } : {}),
            },
          },
          storageProvisioner: storageClass.provisioner,
          parameters: { ...storageClass.parameters },
          reclaimPolicy: storageClass.reclaimPolicy,
          volumeBindingMode: storageClass.volumeBindingMode,
          allowVolumeExpansion: storageClass.allowVolumeExpansion,
        }),
      );
    }

    this.ingressController = new Release(this, 'ingress-controller', {
      name: 'traefik',
      repository: TRAEFIK_REPOSITORY,
      chart: 'traefik',
      version: props.ingressController.chartVersion,
      namespace: props.ingressController.namespace,
      createNamespace: false,
      atomic: props.ingressController.atomic,
      cleanupOnFail: true,
      timeout: 600,
      values: [stringify(traefikValues(props.ingressController))],
    });

    for (const host of props.clinicalHosts) {
      this.ingresses.set(
        host.host,
        new IngressV1(this, `ingress-${host.host.replaceAll('.', '-')}`, {
          metadata: {
            name: host.service,
            namespace: host.namespace,
            labels: platformLabels(host.service),
            annotations: {
              // Route only on the TLS entry point: the plain-HTTP entry point never serves clinical hosts.
              'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
              'traefik.ingress.kubernetes.io/router.tls': 'true',
            },
          },
          spec: {
            ingressClassName: props.ingressController.ingressClassName,
            tls: [{ hosts: [host.host], secretName: host.tlsSecret }],
            rule: [
              {
                host: host.host,
                http: {
                  path: [{ path: '/', pathType: 'Prefix', backend: { service: { name: host.service, port: { name: host.port } } } }],
                },
              },
            ],
          },
        }),
      );
    }
  }
}

/**
 * Values for the Traefik chart. No values file of the Traefik chart is kept in
 * `policies/helm-values/charts/`, so these keys are not machine-checked: keep them to the few
 * documented ones below. The default TLSOption (rendered from `tlsOptions`) applies to every router,
 * Ingress routers included, which is how TLS 1.3 becomes the floor.
 */
export function traefikValues(props: IngressControllerProps): Record<string, unknown> {
  return {
    deployment: { replicas: props.replicas },
    ingressClass: { enabled: true, isDefaultClass: false, name: props.ingressClassName },
    providers: { kubernetesCRD: { enabled: true }, kubernetesIngress: { enabled: true } },
    tlsOptions: { default: { minVersion: props.minTlsVersion, sniStrict: true } },
    nodeSelector: { ...props.placement.nodeSelector },
    tolerations: props.placement.tolerations.map(toleration),
  };
}
