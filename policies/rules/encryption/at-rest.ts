import { perEnvironment } from '../../estate';
import { namespaceOf, NAMESPACE_TYPES, objectName, PVC_TYPES, STATEFUL_SET_TYPES, WORKLOAD_TYPES, workloadLabels, type PodSpecRef } from '../../kubernetes';
import { LABEL_VALUES, LABELS } from '../../labels';
import { isUnknown, type Estate, type Resource, type ResourceRule, type RuleResult } from '../../model';
import { planOf, plannedStoreAt, plannedZone } from '../../plan/facts';
import { block, blocks, get, isObject, map, str, type Values } from '../../values';
import { labelSelectorMatches } from '../availability/label-selector';
import { FAIL_CLOSED, podSpecOrResult } from '../workload/container-check';
import { chartOf, parseRelease, valueAt } from '../monitoring/helm-facts';
import { environmentFacts } from '../../options';
import { ACCEPTED_ALGORITHMS, ALGORITHM_ANNOTATION, DEFAULT_CLASS_ANNOTATION, encryptionProblem } from './csi-drivers';

export const STORAGE_CLASS_TYPES = ['kubernetes_storage_class', 'kubernetes_storage_class_v1'];
export const PERSISTENT_VOLUME_TYPES = ['kubernetes_persistent_volume', 'kubernetes_persistent_volume_v1'];
export const ENCRYPTION_AT_REST_CONTROLS = {
  mlps: ['8.1.4.8', '8.1.2.2'],
  hipaa: ['164.312(a)(2)(iv)'],
  pipl: ['Art. 51'],
  operationsPlan: 'ops-6.2',
};
const MEDICAL_ZONE = 'medical';

/** Pod volume sources that store data outside any StorageClass: none is proven to encrypt at rest. */
const INLINE_STORAGE = [
  'nfs',
  'host_path',
  'iscsi',
  'glusterfs',
  'rbd',
  'ceph_fs',
  'cephfs',
  'fc',
  'flocker',
  'aws_elastic_block_store',
  'gce_persistent_disk',
  'azure_disk',
  'azure_file',
  'vsphere_volume',
  'quobyte',
  'portworx_volume',
  'photon_persistent_disk',
  'cinder',
  'flex_volume',
  'csi',
  'git_repo',
];

const classes = (estate: Estate, environment: string): Resource[] => STORAGE_CLASS_TYPES.flatMap((type) => estate.byType(type, environment));
const volumes = (estate: Estate, environment: string): Resource[] => PERSISTENT_VOLUME_TYPES.flatMap((type) => estate.byType(type, environment));
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
  if (typeof algorithm === 'string' && !ACCEPTED_ALGORITHMS.test(algorithm))
    return `declares cipher "${algorithm}" (${ALGORITHM_ANNOTATION}); expected SM4 or AES`;
  return undefined;
}

/**
 * Why a PersistentVolume's own source does not encrypt at rest, or undefined. A statically provisioned
 * volume is judged by what it is (nfs, hostPath, local, iSCSI, …: no encryption at rest is proven), not
 * by the class name it carries; a CSI volume counts when its driver's encryption attributes are set.
 */
function persistentVolumeProblem(volume: Resource): string | undefined {
  const source = get(volume.values, 'spec[0].persistent_volume_source');
  if (isUnknown(source)) return `${volume.address} spec[0].persistent_volume_source ${FAIL_CLOSED}`;
  const first = block(volume.values, 'spec[0].persistent_volume_source');
  if (!first) return `${volume.address} declares no persistent_volume_source`;
  const kinds = Object.keys(first).filter((key) => first[key] !== undefined);
  const csi = block(first, 'csi');
  if (csi && kinds.length === 1) {
    const driver = csi.driver;
    const attributes = map(csi, 'volume_attributes');
    if (isUnknown(driver) || isUnknown(attributes)) return `${volume.address} spec[0].persistent_volume_source[0].csi ${FAIL_CLOSED}`;
    const problem = encryptionProblem(str(driver) ?? '(unset)', attributes);
    return problem ? `${volume.address} is a static CSI volume whose volume_attributes ${problem.replace(/^parameters /, '')}` : undefined;
  }
  return `${volume.address} is a statically provisioned ${kinds.join('/') || 'volume'} volume, which is not proven to encrypt at rest`;
}

/** Whether a namespace holds medical data: the plan puts it in the medical zone, or its labels say so (strictness only). */
function isMedicalNamespace(estate: Estate, environment: string, name: string): boolean {
  if (plannedZone(planOf(estate), name) === MEDICAL_ZONE) return true;
  const namespace = namespacesByName(estate, environment).get(name);
  if (!namespace) return false;
  const labels = map(namespace.values, 'metadata[0].labels');
  return !isUnknown(labels) && (labels[LABELS.segment] === MEDICAL_ZONE || labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord);
}

/**
 * The first namespace declared with each name in the environment, indexed once per estate: every PVC
 * and workload asks for its namespace.
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

/** The class name a PersistentVolume offers to claims ('' when none). */
const volumeClass = (volume: Resource): unknown => get(volume.values, 'spec[0].storage_class_name') ?? '';

/** Whether a PersistentVolume is already reserved for another claim than `namespace/name`. */
function reservedForAnother(volume: Resource, namespace: unknown, name: unknown): boolean {
  const claimRef = block(volume.values, 'spec[0].claim_ref');
  if (!claimRef) return false;
  return (claimRef.namespace !== undefined && claimRef.namespace !== namespace) || (claimRef.name !== undefined && claimRef.name !== name);
}

/**
 * A claim (PVC spec, volume claim template or ephemeral volume) must end on encrypted storage: the
 * class it provisions from, and every statically provisioned volume it may bind instead — the one it
 * names (`volume_name`), those its `selector` picks, those of its class name, and for
 * `storage_class_name = ""` (no dynamic provisioning at all) the volumes without a class.
 */
function claimResult(
  estate: Estate,
  environment: string,
  spec: Values | undefined,
  where: string,
  claimant?: { namespace: unknown; name: unknown },
): RuleResult {
  const requested = get(spec, 'storage_class_name');
  const volumeName = get(spec, 'volume_name');
  const selector = get(spec, 'selector');
  if (isUnknown(requested)) return { status: 'fail', message: `${where}.storage_class_name ${FAIL_CLOSED}` };
  if (isUnknown(volumeName)) return { status: 'fail', message: `${where}.volume_name ${FAIL_CLOSED}` };
  if (isUnknown(selector)) return { status: 'fail', message: `${where}.selector ${FAIL_CLOSED}` };
  const declared = volumes(estate, environment);

  if (typeof volumeName === 'string' && volumeName !== '') {
    const volume = declared.find((candidate) => get(candidate.values, 'metadata[0].name') === volumeName);
    if (!volume)
      return {
        status: 'fail',
        message: `${where}.volume_name binds PersistentVolume "${volumeName}", which this configuration does not declare: its encryption cannot be proven`,
      };
    const problem = persistentVolumeProblem(volume);
    return problem
      ? { status: 'fail', message: `${where}.volume_name binds ${problem}` }
      : { status: 'pass', message: `${where}.volume_name binds ${volume.address}, encrypted by its CSI driver` };
  }

  const storageClass =
    typeof requested === 'string' && requested !== ''
      ? classes(estate, environment).find((candidate) => className(candidate) === requested)
      : requested === undefined
        ? classes(estate, environment).find(isDefaultClass)
        : undefined;
  const effectiveClass = typeof requested === 'string' ? requested : storageClass ? className(storageClass) : undefined;
  const staticOnly = requested === '' || isObject(block(spec, 'selector'));
  // Statically provisioned volumes this claim may bind: same class name, free, and matching its selector.
  const candidates = declared.filter((volume) => {
    if (volumeClass(volume) !== (effectiveClass ?? '')) return false;
    if (claimant && reservedForAnother(volume, claimant.namespace, claimant.name)) return false;
    return (
      selector === undefined ||
      labelSelectorMatches(selector, isObject(map(volume.values, 'metadata[0].labels')) ? (map(volume.values, 'metadata[0].labels') as Values) : {}) === 'match'
    );
  });
  const volumeProblems = candidates.map(persistentVolumeProblem).filter((problem): problem is string => problem !== undefined);
  if (volumeProblems.length) return { status: 'fail', message: `${where} may bind ${volumeProblems.join('; ')}` };

  if (staticOnly) {
    const why =
      requested === ''
        ? 'storage_class_name is "" (no dynamic provisioning: it binds only pre-created volumes without a class)'
        : 'a selector (no dynamic provisioning: it binds only pre-created volumes)';
    if (candidates.length === 0)
      return { status: 'fail', message: `${where} has ${why}, and this configuration declares no such volume: its encryption cannot be proven` };
    return {
      status: 'pass',
      message: `${where} has ${why}; every volume it may bind (${candidates.map((volume) => volume.address).join(', ')}) is encrypted by its CSI driver`,
    };
  }
  const named = typeof requested === 'string' ? `storage class "${requested}"` : 'the default storage class';
  if (!storageClass) return { status: 'fail', message: `${where} uses ${named}, which this configuration does not declare: its encryption cannot be proven` };
  const problem = storageClassProblem(storageClass);
  if (problem) return { status: 'fail', message: `${where} uses ${named}, which is not encrypted: ${problem}` };
  return { status: 'pass', message: `${where} uses ${named} (${storageClass.address}), encrypted through the storage KMS` };
}

/**
 * The volume claim template whose PVCs carry this name: a StatefulSet names them
 * `<template>-<statefulset>-<ordinal>` (other workloads, such as backup jobs, mount them by that name).
 */
function statefulSetClaim(
  estate: Estate,
  environment: string,
  namespace: unknown,
  claimName: unknown,
): { statefulSet: Resource; template: Values; index: number } | undefined {
  if (typeof claimName !== 'string') return undefined;
  for (const statefulSet of STATEFUL_SET_TYPES.flatMap((type) => estate.byType(type, environment))) {
    if (namespaceOf(statefulSet) !== namespace) continue;
    const name = objectName(statefulSet);
    const templates = blocks(get(statefulSet.values, 'spec[0].volume_claim_template'));
    for (const [index, template] of templates.entries()) {
      const prefix = `${String(get(template, 'metadata[0].name'))}-${name}-`;
      if (claimName.startsWith(prefix) && /^\d+$/.test(claimName.slice(prefix.length))) return { statefulSet, template, index };
    }
  }
  return undefined;
}

/** Every volume of a pod that stores data: PVCs (judged by their claims), ephemeral claims and inline storage. */
function podVolumeResults(estate: Estate, workload: Resource, pod: PodSpecRef, namespace: unknown): RuleResult[] {
  if (isUnknown(pod.spec.volume)) return [{ status: 'fail', message: `${pod.path}.volume ${FAIL_CLOSED}` }];
  const results: RuleResult[] = [];
  blocks(pod.spec.volume).forEach((volume, index) => {
    const where = `${pod.path}.volume[${index}] ("${String(volume.name)}")`;
    if (isUnknown(volume.persistent_volume_claim)) {
      results.push({ status: 'fail', message: `${pod.path}.volume[${index}].persistent_volume_claim ${FAIL_CLOSED}` });
      return;
    }
    const claimRef = block(volume, 'persistent_volume_claim');
    if (claimRef) {
      const claimName = claimRef.claim_name;
      const claim = PVC_TYPES.flatMap((type) => estate.byType(type, workload.environment)).find(
        (candidate) => get(candidate.values, 'metadata[0].name') === claimName && namespaceOf(candidate) === namespace,
      );
      if (claim) {
        results.push(
          claimResult(estate, workload.environment, block(claim.values, 'spec'), `volume "${String(volume.name)}" → PVC ${claim.address} spec[0]`, {
            namespace,
            name: claimName,
          }),
        );
        return;
      }
      const template = statefulSetClaim(estate, workload.environment, namespace, claimName);
      results.push(
        template
          ? claimResult(
              estate,
              workload.environment,
              block(template.template, 'spec'),
              `volume "${String(volume.name)}" → PVC of ${template.statefulSet.address} spec[0].volume_claim_template[${template.index}].spec[0]`,
            )
          : { status: 'fail', message: `volume "${String(volume.name)}" mounts PVC ${JSON.stringify(claimName)}, which this configuration does not declare` },
      );
      return;
    }
    const ephemeral = block(volume, 'ephemeral');
    if (ephemeral) {
      results.push(
        claimResult(estate, workload.environment, block(ephemeral, 'volume_claim_template[0].spec'), `${where}.ephemeral[0].volume_claim_template[0].spec[0]`),
      );
      return;
    }
    const inline = INLINE_STORAGE.find((key) => volume[key] !== undefined);
    if (inline) results.push({ status: 'fail', message: `${where} stores data on an inline ${inline} volume, which is not proven to encrypt at rest` });
  });
  return results;
}

/**
 * Where the platform's own stores keep their data inside Helm values: the log store (operation logs,
 * kept 10 years, with patients' identifiers in them) and the metrics and alert stores. Each path names
 * the storage class of a volume claim the chart creates; unset means the cluster's default class.
 * Loki's single binary persists unless `enabled: false` (then nothing is stored on a volume to judge;
 * the retention rules judge that).
 */
const HELM_PERSISTENCE: Readonly<Record<string, readonly { readonly enabled?: string; readonly when?: string; readonly storageClass: string }[]>> = {
  loki: [{ enabled: 'singleBinary.persistence.enabled', storageClass: 'singleBinary.persistence.storageClass' }],
  'kube-prometheus-stack': [
    {
      when: 'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate',
      storageClass: 'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName',
    },
    {
      when: 'alertmanager.alertmanagerSpec.storage.volumeClaimTemplate',
      storageClass: 'alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.storageClassName',
    },
  ],
};

/**
 * The volumes a platform store's chart provisions, each judged like a claim. Only for this repository's
 * environments: on anyone else's Terraform an unset class names a default class the input cannot show.
 */
function helmStorageResults(resource: Resource, estate: Estate): RuleResult[] | RuleResult {
  if (!environmentFacts(estate, resource.environment)) return { status: 'not-applicable', message: "not one of this repository's environments" };
  const chart = chartOf(resource);
  if (chart === undefined || !Object.hasOwn(HELM_PERSISTENCE, chart))
    return { status: 'not-applicable', message: 'not a platform store whose volumes this rule knows' };
  const release = parseRelease(resource);
  if (release.problem) return { status: 'fail', message: release.problem };
  const results = HELM_PERSISTENCE[chart]!.flatMap((store): RuleResult[] => {
    if (store.enabled && [false, 'false'].includes(valueAt(release.values, store.enabled) as never)) return [];
    if (store.when && valueAt(release.values, store.when) === undefined) return [];
    const requested = valueAt(release.values, store.storageClass);
    // The charts treat an empty or null class as "unset" (the cluster's default class), except "-", which means no class at all.
    const spec = requested === undefined || requested === null || requested === '' ? {} : { storage_class_name: requested === '-' ? '' : String(requested) };
    return [claimResult(estate, resource.environment, spec, `values ${store.storageClass}`)];
  });
  return results.length > 0 ? results : { status: 'not-applicable', message: 'keeps no data on a persistent volume' };
}

export const atRest: ResourceRule = {
  id: 'encryption/at-rest',
  profile: 'generic',
  title: 'Medical data is stored only on volumes encrypted through the storage KMS',
  severity: 'critical',
  rationale:
    'Disks leave the hospital (replacement, failed drives, snapshots sent off site); medical records on them must be unreadable without the KMS key (SM4 or AES). A claim with storage_class_name "" or a volume_name binds a pre-created volume (NFS, hostPath, …) that no StorageClass encrypts.',
  remediation:
    'Store medical data on a StorageClass whose CSI parameters switch encryption on with a KMS key (e.g. rbd.csi.ceph.com `encrypted: "true"` + `encryptionKMSID`), name that class (or leave storage_class_name unset for the encrypted default class) in every PVC, volume claim template and ephemeral volume of the medical zone (policies/plan.yaml: segments.namespaces, medicalRecordStores), and do not bind statically provisioned NFS/hostPath/local volumes there.',
  resourceTypes: [...STORAGE_CLASS_TYPES, ...PERSISTENT_VOLUME_TYPES, ...PVC_TYPES, ...WORKLOAD_TYPES, 'helm_release'],
  controls: ENCRYPTION_AT_REST_CONTROLS,
  planKeys: ['segments.namespaces', 'medicalRecordStores'],
  scope: 'resource',
  evaluate(resource, estate) {
    if (STORAGE_CLASS_TYPES.includes(resource.type)) {
      const labels = map(resource.values, 'metadata[0].labels');
      const forMedicalData = isDefaultClass(resource) || (!isUnknown(labels) && labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord);
      if (!forMedicalData) return { status: 'not-applicable', message: 'neither the default class nor labelled for medical records' };
      const problem = storageClassProblem(resource);
      return problem ? { status: 'fail', message: problem } : { status: 'pass', message: 'encryption parameters of its CSI driver are set' };
    }

    if (resource.type === 'helm_release') return helmStorageResults(resource, estate);

    if (PERSISTENT_VOLUME_TYPES.includes(resource.type)) {
      const claimNamespace = get(resource.values, 'spec[0].claim_ref[0].namespace');
      if (isUnknown(claimNamespace)) return { status: 'fail', message: `spec[0].claim_ref[0].namespace ${FAIL_CLOSED}` };
      if (typeof claimNamespace !== 'string' || !isMedicalNamespace(estate, resource.environment, claimNamespace)) {
        return { status: 'not-applicable', message: 'not reserved for a claim of the medical zone (claims that may bind it are judged)' };
      }
      const problem = persistentVolumeProblem(resource);
      return problem
        ? { status: 'fail', message: `reserved for a claim in "${claimNamespace}" (medical zone), but ${problem}` }
        : { status: 'pass', message: 'encrypted by its CSI driver' };
    }

    const namespace = namespaceOf(resource);
    if (isUnknown(namespace)) return { status: 'fail', message: `metadata[0].namespace ${FAIL_CLOSED}` };
    const store = plannedStoreAt(planOf(estate), namespace, objectName(resource));
    const labels = PVC_TYPES.includes(resource.type) ? map(resource.values, 'metadata[0].labels') : workloadLabels(resource);
    const medicalRecord = store !== undefined || (!isUnknown(labels) && labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord);
    const medicalNamespace = isMedicalNamespace(estate, resource.environment, String(namespace));
    // Labels known only after apply may yet mark medical records: fail closed outside the medical zone too.
    if (isUnknown(labels) && !medicalNamespace && !medicalRecord) return { status: 'fail', message: `metadata[0].labels ${FAIL_CLOSED}` };
    if (!medicalRecord && !medicalNamespace) {
      return {
        status: 'not-applicable',
        message: `namespace "${String(namespace)}" is not in the medical zone (policies/plan.yaml: segments.namespaces) and the object is not labelled as medical records`,
      };
    }

    if (PVC_TYPES.includes(resource.type)) {
      return claimResult(estate, resource.environment, block(resource.values, 'spec'), 'spec[0]', { namespace, name: objectName(resource) });
    }

    const results: RuleResult[] = [];
    if (STATEFUL_SET_TYPES.includes(resource.type)) {
      const templates = get(resource.values, 'spec[0].volume_claim_template');
      if (isUnknown(templates)) return { status: 'fail', message: `spec[0].volume_claim_template ${FAIL_CLOSED}` };
      blocks(templates).forEach((template, index) =>
        results.push(claimResult(estate, resource.environment, block(template, 'spec'), `spec[0].volume_claim_template[${index}].spec[0]`)),
      );
    }
    const pod = podSpecOrResult(resource);
    // A pod template known only after apply may mount anything.
    if ('status' in pod) {
      if (pod.status === 'fail') results.push(pod);
    } else {
      results.push(...podVolumeResults(estate, resource, pod, namespace));
    }
    if (results.length === 0) {
      return medicalRecord
        ? {
            status: 'fail',
            message: `holds medical records${store ? ` (policies/plan.yaml: medicalRecordStores.${store.key})` : ''} but declares no volume claim template or PVC volume on an encrypted class`,
          }
        : { status: 'not-applicable', message: 'no persistent volumes' };
    }
    return results;
  },
};
