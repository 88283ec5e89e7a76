import type { Rule } from '../../model';
import { noPrivileged } from './no-privileged';
import { noPrivilegeEscalation } from './no-privilege-escalation';
import { runAsNonRoot } from './run-as-non-root';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { dropAllCapabilities } from './drop-all-capabilities';
import { seccompRuntimeDefault } from './seccomp-runtime-default';
import { noHostNamespaces } from './no-host-namespaces';
import { noHostPath } from './no-host-path';
import { noHostPort } from './no-host-port';
import { resourcesSet } from './resources-set';
import { probesSet } from './probes-set';
import { imagePinnedDigest } from './image-pinned-digest';
import { noDefaultNamespace } from './no-default-namespace';
import { noAutomountToken } from './no-automount-token';
import { defaultServiceAccountToken } from './default-service-account-token';

/** Workload hardening: every kubernetes workload type, versioned and unversioned, init containers included. */
export const rules: readonly Rule[] = [
  noPrivileged,
  noPrivilegeEscalation,
  runAsNonRoot,
  readOnlyRootFilesystem,
  dropAllCapabilities,
  seccompRuntimeDefault,
  noHostNamespaces,
  noHostPath,
  noHostPort,
  resourcesSet,
  probesSet,
  imagePinnedDigest,
  noDefaultNamespace,
  noAutomountToken,
  defaultServiceAccountToken,
];
