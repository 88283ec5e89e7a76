import { z } from 'zod';
import { count, dnsLabel } from './primitives';

/** The storage class data stores use unless they name another (the backup capability relies on it). */
export const DEFAULT_MEDICAL_STORAGE_CLASS = 'medical-encrypted';

const hostName = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/, 'expected a fully qualified host name');

/**
 * A storage class for medical data. The encryption parameters are the CSI driver's own (Ceph RBD
 * `encrypted` + `encryptionKMSID`, a cloud disk's `encrypted` + `kmsKeyId`, …); the policy rule
 * `encryption/at-rest` knows which parameters each driver needs, so a class that forgets them blocks
 * synth instead of being silently plain.
 */
const storageClassSchema = z.strictObject({
  /** CSI driver name, e.g. `rbd.csi.ceph.com`. */
  provisioner: z.string().min(1),
  /** Cipher the storage KMS applies (shown in the compliance report). */
  algorithm: z.enum(['SM4', 'AES-256']),
  /** Driver parameters, encryption ones included. Secrets are referenced by name, never inlined. */
  parameters: z.record(z.string(), z.string()),
  /** The cluster's default class (at most one). */
  default: z.boolean().default(false),
  reclaimPolicy: z.enum(['Retain', 'Delete']).default('Retain'),
  volumeBindingMode: z.enum(['WaitForFirstConsumer', 'Immediate']).default('WaitForFirstConsumer'),
  allowVolumeExpansion: z.boolean().default(true),
});
export type StorageClassConfig = z.infer<typeof storageClassSchema>;

/**
 * The ingress controller: ingress-nginx was retired in 2026, so the platform runs Traefik (maintained,
 * Ingress and Gateway API) pinned to one chart version, with TLS 1.3 as the minimum for every router.
 */
const ingressControllerSchema = z.strictObject({
  chart: z.literal('traefik').default('traefik'),
  chartVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'expected an exact chart version such as "37.1.1"')
    .default('37.1.1'),
  namespace: dnsLabel.default('dmz-ingress'),
  replicas: count.positive().default(2),
  minTlsVersion: z.enum(['VersionTLS13']).default('VersionTLS13'),
  ingressClassName: dnsLabel.default('traefik'),
});

/** A clinical host published through the ingress controller, with its certificate in an existing Secret. */
const clinicalHostSchema = z.strictObject({
  host: hostName,
  /** The clinical system (key of `clinicalSystems`) the host routes to. */
  system: dnsLabel,
  /** Service port name of that system. */
  port: z.string().min(1).default('http'),
  /** Existing `kubernetes.io/tls` Secret in the system's namespace (issued by the hospital CA). */
  tlsSecret: dnsLabel,
});

export const encryptionSchema = z
  .strictObject({
    storageClasses: z.record(dnsLabel, storageClassSchema),
    ingressController: ingressControllerSchema.default({
      chart: 'traefik',
      chartVersion: '37.1.1',
      namespace: 'dmz-ingress',
      replicas: 2,
      minTlsVersion: 'VersionTLS13',
      ingressClassName: 'traefik',
    }),
    clinicalHosts: z.array(clinicalHostSchema).default([]),
  })
  .superRefine((encryption, ctx) => {
    const defaults = Object.entries(encryption.storageClasses).filter(([, storageClass]) => storageClass.default);
    if (defaults.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['storageClasses'],
        message: `expected exactly one default storage class, got ${defaults.length}${defaults.length ? ` (${defaults.map(([name]) => name).join(', ')})` : ''}`,
      });
    }
    const hosts = new Set<string>();
    encryption.clinicalHosts.forEach((entry, index) => {
      if (hosts.has(entry.host)) {
        ctx.addIssue({ code: 'custom', path: ['clinicalHosts', index, 'host'], message: `expected each host once, got "${entry.host}" again` });
      }
      hosts.add(entry.host);
    });
  });
export type EncryptionConfig = z.infer<typeof encryptionSchema>;

/** Cross-section checks: the ingress namespace and the systems behind clinical hosts must be declared. */
export function checkEncryptionReferences(
  encryption: EncryptionConfig | undefined,
  environment: {
    readonly namespaces: Readonly<Record<string, unknown>>;
    readonly clinicalSystems: Readonly<Record<string, { readonly ports: readonly { readonly name: string }[] }>>;
  },
  addIssue: (path: (string | number)[], message: string) => void,
): void {
  if (!encryption) return;
  const namespace = encryption.ingressController.namespace;
  if (!Object.hasOwn(environment.namespaces, namespace)) {
    addIssue(['encryption', 'ingressController', 'namespace'], `expected one of the declared namespaces, got "${namespace}"`);
  }
  encryption.clinicalHosts.forEach((entry, index) => {
    const system = environment.clinicalSystems[entry.system];
    if (!system) {
      addIssue(
        ['encryption', 'clinicalHosts', index, 'system'],
        `expected one of the clinical systems (${Object.keys(environment.clinicalSystems).join(', ')}), got "${entry.system}"`,
      );
    } else if (!system.ports.some((port) => port.name === entry.port)) {
      addIssue(
        ['encryption', 'clinicalHosts', index, 'port'],
        `expected a port of ${entry.system} (${system.ports.map((port) => port.name).join(', ')}), got "${entry.port}"`,
      );
    }
  });
}
