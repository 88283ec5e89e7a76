import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { bool, get } from '../../values';
import { checkContainers, type ContainerCheck, FAIL_CLOSED } from './container-check';

const FIELD = 'security_context[0].read_only_root_filesystem';

// The field's full path is built only for a message: nearly every container passes.
const writableRootProblem: ContainerCheck = (ref) => {
  const value = get(ref.container, FIELD);
  if (isUnknown(value)) return `${ref.path}.${FIELD} ${FAIL_CLOSED}`;
  return bool(value) === true ? undefined : `${ref.path}.${FIELD} is ${value === undefined ? 'unset' : JSON.stringify(value)}`;
};

export const readOnlyRootFilesystem: ResourceRule = {
  id: 'workload/read-only-root-filesystem',
  profile: 'generic',
  title: 'Containers have a read-only root filesystem',
  severity: 'medium',
  rationale: 'A writable root filesystem lets an attacker drop tools or alter binaries; writable state belongs on declared volumes.',
  remediation: 'Set `security_context.read_only_root_filesystem = true` and mount an `empty_dir` for paths the application writes (e.g. /tmp).',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.4.4', '8.1.4.7'], hipaa: ['164.312(c)(1)'], operationsPlan: 'ops-4.1' },
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, writableRootProblem, { passMessage: 'all root filesystems are read-only' }),
};
