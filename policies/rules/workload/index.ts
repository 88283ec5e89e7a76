import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { noPrivileged } from './no-privileged';
import { noPrivilegedFixtures } from './no-privileged.fixtures';
import { noPrivilegeEscalation } from './no-privilege-escalation';
import { noPrivilegeEscalationFixtures } from './no-privilege-escalation.fixtures';
import { runAsNonRoot } from './run-as-non-root';
import { runAsNonRootFixtures } from './run-as-non-root.fixtures';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { readOnlyRootFilesystemFixtures } from './read-only-root-filesystem.fixtures';
import { dropAllCapabilities } from './drop-all-capabilities';
import { dropAllCapabilitiesFixtures } from './drop-all-capabilities.fixtures';
import { seccompRuntimeDefault } from './seccomp-runtime-default';
import { seccompRuntimeDefaultFixtures } from './seccomp-runtime-default.fixtures';
import { noHostNamespaces } from './no-host-namespaces';
import { noHostNamespacesFixtures } from './no-host-namespaces.fixtures';
import { noHostPath } from './no-host-path';
import { noHostPathFixtures } from './no-host-path.fixtures';
import { noHostPort } from './no-host-port';
import { noHostPortFixtures } from './no-host-port.fixtures';
import { resourcesSet } from './resources-set';
import { resourcesSetFixtures } from './resources-set.fixtures';
import { probesSet } from './probes-set';
import { probesSetFixtures } from './probes-set.fixtures';
import { imagePinnedDigest } from './image-pinned-digest';
import { imagePinnedDigestFixtures } from './image-pinned-digest.fixtures';
import { noDefaultNamespace } from './no-default-namespace';
import { noDefaultNamespaceFixtures } from './no-default-namespace.fixtures';
import { noAutomountToken } from './no-automount-token';
import { noAutomountTokenFixtures } from './no-automount-token.fixtures';
import { defaultServiceAccountToken } from './default-service-account-token';
import { defaultServiceAccountTokenFixtures } from './default-service-account-token.fixtures';

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
export const fixtures: readonly RuleFixtures[] = [
  noPrivilegedFixtures,
  noPrivilegeEscalationFixtures,
  runAsNonRootFixtures,
  readOnlyRootFilesystemFixtures,
  dropAllCapabilitiesFixtures,
  seccompRuntimeDefaultFixtures,
  noHostNamespacesFixtures,
  noHostPathFixtures,
  noHostPortFixtures,
  resourcesSetFixtures,
  probesSetFixtures,
  imagePinnedDigestFixtures,
  noDefaultNamespaceFixtures,
  noAutomountTokenFixtures,
  defaultServiceAccountTokenFixtures,
];
