import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { blocks, str } from '../../values';
import { FAIL_CLOSED, podSpecOrResult } from './container-check';

export const noHostPath: ResourceRule = {
  id: 'workload/no-host-path',
  profile: 'generic',
  title: 'Pods mount no hostPath volumes',
  severity: 'high',
  rationale: 'A hostPath volume reaches the node filesystem (kubelet credentials, other pods’ data) and outlives the pod without backup or access control.',
  remediation: 'Replace `volume.host_path` with a PersistentVolumeClaim, ConfigMap, Secret or `empty_dir` volume.',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.4.2', '8.1.4.8'], hipaa: ['164.312(a)(1)'], pipl: ['Art. 51'], operationsPlan: 'ops-4.1' },
  scope: 'resource',
  evaluate(resource) {
    const pod = podSpecOrResult(resource);
    if ('status' in pod) return pod;
    if (isUnknown(pod.spec.volume)) return { status: 'fail', message: `${pod.path}.volume ${FAIL_CLOSED}` };
    const failures = blocks(pod.spec.volume).flatMap((volume, index) =>
      volume.host_path === undefined || (Array.isArray(volume.host_path) && volume.host_path.length === 0)
        ? []
        : [
            `${pod.path}.volume[${index}].host_path mounts the node path ${JSON.stringify(str(blocks(volume.host_path)[0]?.path) ?? '(unknown)')} (volume "${str(volume.name) ?? index}")`,
          ],
    );
    return failures.length ? { status: 'fail', message: failures.join('; ') } : { status: 'pass', message: 'no hostPath volumes' };
  },
};
