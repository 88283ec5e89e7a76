import { perEnvironment } from '../../estate';
import { namespaceOf, NAMESPACE_TYPES, PVC_TYPES, STATEFUL_SET_TYPES, workloadLabels, type PodSpecRef } from '../../kubernetes';
import { LABEL_VALUES, LABELS } from '../../labels';
import { isUnknown, type Estate, type Resource, type ResourceRule, type RuleResult } from '../../model';
import { blocks, get, isObject, map, str } from '../../values';
import { FAIL_CLOSED, podSpecOrResult } from '../workload/container-check';
import { ACCEPTED_ALGORITHMS, ALGORITHM_ANNOTATION, DEFAULT_CLASS_ANNOTATION, encryptionProblem } from './csi-drivers';

export const STORAGE_CLASS_TYPES = ['kubernetes_storage_class', 'kubernetes_storage_class_v1'];
export const ENCRYPTION_AT_REST_CONTROLS = {
  mlps: ['8.1.4.8', '8.1.2.2'],
  hipaa: ['164.312(a)(2)(iv)'],
  pipl: ['Art. 51'],
  operationsPlan: 'ops-6.2',
};

const classes = (estate: Estate, environment: string): Resource[] => STORAGE_CLASS_TYPES.flatMap((type) => estate.byType(type, environment));
const className = (storageClass: Resource): unknown => get(storageClass.values, 'metadata[0].name');
const isDefaultClass = (storageClass: Resource): boolean => {
  const annotations = map(storageClass.values, 'metadata[0].annotations');
  return !isUnknown(annotations) && annotations[DEFAULT_CLASS_ANNOTATION] === 'true';
};

/** Why a StorageClass does not encrypt through its KMS with an accepted cipher, or undefined. */
function storageClassProblem(storageClass: Resource): string | undefined {
  const provisioner = get(storageClass.values, 'storage_provisioner');
  const parameters = map(storageClass.values, 'parameters');
  if (isUnknown(provisioner) || isUnknown(parameters)) return `storage_provisioner or parameters ${FAIL_CLOSED}`;
  const problem = encryptionProblem(str(provisioner) ?? '(unset)', parameters);
  if (problem) return problem;
  const annotations = map(storageClass.values, 'metadata[0].annotations');
  const algorithm = isUnknown(annotations) ? undefined : annotations[ALGORITHM_ANNOTATION];
  if (typeof algorithm === 'string' && !ACCEPTED_ALGORITHMS.test(algorithm)) return `declares cipher "${algorithm}" (${ALGORITHM_ANNOTATION}); expected SM4 or AES`;
  return undefined;
}

/** Whether a namespace of the environment is in the medical segment (unknown: undefined). */
function isMedicalNamespace(estate: Estate, environment: string, name: string): boolean {
  const namespace = namespacesByName(estate, environment).get(name);
  if (!namespace) return false;
  const labels = map(namespace.values, 'metadata[0].labels');
  return !isUnknown(labels) && (labels[LABELS.segment] === 'medical' || labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord);
}

/**
 * The first namespace declared with each name in the environment, indexed once per estate: every PVC
 * and StatefulSet asks for its namespace.
 */
const namespacesByName = perEnvironment((estate, environment): Map<string, Resource> => {
  const byName = new Map<string, Resource>();
  for (const type of NAMESPACE_TYPES) {
    for (const namespace of estate.byType(type, environment)) {
      const name = get(namespace.values, 'metadata[0].name');
      if (typeof name === 'string' && !byName.has(name)) byName.set(name, namespace);
    }
  }
  return byName;
});

/** A claim (PVC spec or volume claim template) on an encrypted class; `where` names it in messages. */
function claimResult(estate: Estate, resource: Resource, spec: unknown, where: string): RuleResult {
  const requested = get(spec, 'storage_class_name');
  if (isUnknown(requested)) return { status: 'fail', message: `${where}.storage_class_name ${FAIL_CLOSED}` };
  const declared = classes(estate, resource.environment);
  const storageClass =
    typeof requested === 'string' && requested !== ''
      ? declared.find((candidate) => className(candidate) === requested)
      : declared.find(isDefaultClass);
  const named = typeof requested === 'string' && requested !== '' ? `storage class "${requested}"` : 'the default storage class';
  if (!storageClass) {
    return { status: 'fail', message: `${where} uses ${named}, which this configuration does not declare: its encryption cannot be proven` };
  }
  const problem = storageClassProblem(storageClass);
  if (problem) return { status: 'fail', message: `${where} uses ${named}, which is not encrypted: ${problem}` };
  return { status: 'pass', message: `${where} uses ${named} (${storageClass.address}), encrypted through the storage KMS` };
}

/** Fail-closed results for volumes, or a volume's claim, known only after apply. */
function unknownVolumes(pod: PodSpecRef): RuleResult[] {
  if (isUnknown(pod.spec.volume)) return [{ status: 'fail', message: `${pod.path}.volume ${FAIL_CLOSED}` }];
  return blocks(pod.spec.volume).flatMap((volume, index): RuleResult[] =>
    isUnknown(volume.persistent_volume_claim) ? [{ status: 'fail', message: `${pod.path}.volume[${index}].persistent_volume_claim ${FAIL_CLOSED}` }] : [],
  );
}

export const atRest: ResourceRule = {
  id: 'encryption/at-rest',
  title: 'Medical data is stored only on volumes encrypted through the storage KMS',
  severity: 'critical',
  rationale:
    'Disks leave the hospital (replacement, failed drives, snapshots sent off site); medical records on them must be unreadable without the KMS key (SM4 or AES).',
  remediation:
    'Store medical data on a StorageClass whose CSI parameters switch encryption on with a KMS key (e.g. rbd.csi.ceph.com `encrypted: "true"` + `encryptionKMSID`), name that class in every PVC and volume claim template of the medical segment, or make it the default class.',
  resourceTypes: [...STORAGE_CLASS_TYPES, ...PVC_TYPES, ...STATEFUL_SET_TYPES],
  controls: ENCRYPTION_AT_REST_CONTROLS,
  scope: 'resource',
  evaluate(resource, estate) {
    if (STORAGE_CLASS_TYPES.includes(resource.type)) {
      const labels = map(resource.values, 'metadata[0].labels');
      const forMedicalData = isDefaultClass(resource) || (!isUnknown(labels) && labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord);
      if (!forMedicalData) return { status: 'not-applicable', message: 'neither the default class nor labelled for medical records' };
      const problem = storageClassProblem(resource);
      return problem ? { status: 'fail', message: problem } : { status: 'pass', message: 'encryption parameters of its CSI driver are set' };
    }

    const namespace = namespaceOf(resource);
    if (isUnknown(namespace)) return { status: 'fail', message: `metadata[0].namespace ${FAIL_CLOSED}` };
    const labels = PVC_TYPES.includes(resource.type) ? map(resource.values, 'metadata[0].labels') : workloadLabels(resource);
    const medicalRecord = !isUnknown(labels) && labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord;
    const medicalNamespace = isMedicalNamespace(estate, resource.environment, String(namespace));
    // Labels known only after apply may yet mark medical records: fail closed outside the medical segment too.
    if (isUnknown(labels) && !medicalNamespace) return { status: 'fail', message: `metadata[0].labels ${FAIL_CLOSED}` };
    if (!medicalRecord && !medicalNamespace) {
      return { status: 'not-applicable', message: `namespace "${String(namespace)}" is not in the medical segment and the object is not labelled as medical records` };
    }

    if (PVC_TYPES.includes(resource.type)) return claimResult(estate, resource, get(resource.values, 'spec[0]'), 'spec[0]');

    const templates = get(resource.values, 'spec[0].volume_claim_template');
    if (isUnknown(templates)) return { status: 'fail', message: `spec[0].volume_claim_template ${FAIL_CLOSED}` };
    const results = blocks(templates).map((template, index) => claimResult(estate, resource, get(template, 'spec[0]'), `spec[0].volume_claim_template[${index}].spec[0]`));
    const pod = podSpecOrResult(resource);
    const podSpec = 'status' in pod ? undefined : pod;
    // A pod template known only after apply may mount a PVC on any class.
    if ('status' in pod && pod.status === 'fail') results.push(pod);
    if (podSpec) results.push(...unknownVolumes(podSpec));
    const claimVolumes = blocks(podSpec?.spec.volume).filter((volume) => isObject(get(volume, 'persistent_volume_claim[0]')));
    for (const volume of claimVolumes) {
      const claimName = get(volume, 'persistent_volume_claim[0].claim_name');
      const claim = PVC_TYPES.flatMap((type) => estate.byType(type, resource.environment)).find(
        (candidate) => get(candidate.values, 'metadata[0].name') === claimName && namespaceOf(candidate) === namespace,
      );
      results.push(
        claim
          ? claimResult(estate, claim, get(claim.values, 'spec[0]'), `volume "${String(volume.name)}" → PVC ${claim.address} spec[0]`)
          : { status: 'fail', message: `volume "${String(volume.name)}" mounts PVC ${JSON.stringify(claimName)}, which this configuration does not declare` },
      );
    }
    if (results.length === 0) {
      return medicalRecord
        ? { status: 'fail', message: 'holds medical records but declares no volume claim template or PVC volume on an encrypted class' }
        : { status: 'not-applicable', message: 'no persistent volumes' };
    }
    return results;
  },
};
