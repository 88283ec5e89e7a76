/**
 * What "encrypted" means for each CSI driver's StorageClass parameters. Encryption through the storage
 * KMS needs both the switch and a KMS key reference; a driver missing from this table cannot be proven
 * to encrypt, so classes on it fail closed (add the driver here with its parameters).
 */
import { ANNOTATIONS } from '../../labels';

type Parameters = Readonly<Record<string, unknown>>;

interface DriverEncryption {
  /** Parameters that must be present, with the value required (`undefined`: any non-empty value). */
  readonly required: Readonly<Record<string, string | undefined>>;
}

export const CSI_ENCRYPTION: Readonly<Record<string, DriverEncryption>> = {
  // Ceph RBD: LUKS per volume, passphrase from the KMS named by encryptionKMSID.
  'rbd.csi.ceph.com': { required: { encrypted: 'true', encryptionKMSID: undefined } },
  // CephFS: fscrypt per subvolume, key from the KMS named by encryptionKMSID.
  'cephfs.csi.ceph.com': { required: { encrypted: 'true', encryptionKMSID: undefined } },
  'ebs.csi.aws.com': { required: { encrypted: 'true', kmsKeyId: undefined } },
  'diskplugin.csi.alibabacloud.com': { required: { encrypted: 'true', kmsKeyId: undefined } },
  'disk.csi.azure.com': { required: { diskEncryptionSetID: undefined } },
  'pd.csi.storage.gke.io': { required: { 'disk-encryption-kms-key': undefined } },
  'com.tencent.cloud.csi.cbs': { required: { encrypt: 'ENCRYPT', kmsKeyId: undefined } },
};

/** Ciphers the operations plan accepts (GM/T SM4, or AES), as declared by `platform.hospital/encryption-algorithm`. */
export const ACCEPTED_ALGORITHMS = /^(SM4|AES-(128|192|256))$/;
export const ALGORITHM_ANNOTATION = ANNOTATIONS.encryptionAlgorithm;
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

/** Why a class with these parameters is not proven to encrypt, or undefined when it is. */
export function encryptionProblem(provisioner: string, parameters: Parameters): string | undefined {
  const driver = CSI_ENCRYPTION[provisioner];
  if (!driver) return `provisioner "${provisioner}" is not a CSI driver whose encryption parameters are known (${Object.keys(CSI_ENCRYPTION).join(', ')})`;
  const missing = Object.entries(driver.required).filter(([key, wanted]) => {
    const value = parameters[key];
    if (typeof value !== 'string' || value === '') return true;
    return wanted !== undefined && value.toLowerCase() !== wanted.toLowerCase();
  });
  if (missing.length === 0) return undefined;
  return `parameters lack ${missing.map(([key, wanted]) => (wanted ? `${key}: "${wanted}"` : `${key}`)).join(' and ')} (${provisioner} encrypts only with them)`;
}
