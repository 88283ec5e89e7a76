import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { bool } from '../../values';
import { FAIL_CLOSED, podSpecOrResult } from './container-check';
import { HARDENING_CONTROLS } from './controls';

const HOST_NAMESPACES = ['host_pid', 'host_ipc', 'host_network'] as const;

export const noHostNamespaces: ResourceRule = {
  id: 'workload/no-host-namespaces',
  profile: 'generic',
  title: 'Pods do not share the host PID, IPC or network namespace',
  severity: 'critical',
  rationale: 'Host namespaces expose the node’s processes and network to the pod and bypass network policies that isolate the medical segment.',
  remediation: 'Remove `host_pid`, `host_ipc` and `host_network` from the pod spec (or set them to false).',
  resourceTypes: WORKLOAD_TYPES,
  controls: { ...HARDENING_CONTROLS, mlps: ['8.1.4.2', '8.1.4.4', '8.1.2.1'] },
  scope: 'resource',
  evaluate(resource) {
    const pod = podSpecOrResult(resource);
    if ('status' in pod) return pod;
    const failures: string[] = [];
    for (const key of HOST_NAMESPACES) {
      const value = pod.spec[key];
      if (isUnknown(value)) failures.push(`${pod.path}.${key} ${FAIL_CLOSED}`);
      else if (bool(value) === true) failures.push(`${pod.path}.${key} is true`);
    }
    return failures.length ? { status: 'fail', message: failures.join('; ') } : { status: 'pass', message: 'no host PID, IPC or network namespace' };
  },
};
