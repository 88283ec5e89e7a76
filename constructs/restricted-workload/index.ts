/**
 * The restricted Pod Security Standard as Terraform blocks: every container of the platform starts from
 * these and only an explicit, reviewed exception (see the security constructs) departs from them.
 */
import type {
  DeploymentV1SpecTemplateSpecContainerSecurityContext,
  DeploymentV1SpecTemplateSpecSecurityContext,
} from '@cdktf/provider-kubernetes/lib/deployment-v1';

/** An unprivileged UID/GID outside the range distribution images use for system accounts. */
export const DEFAULT_RUN_AS_USER = 10001;

export const restrictedPodSecurityContext = (): DeploymentV1SpecTemplateSpecSecurityContext => ({
  runAsNonRoot: true,
  runAsUser: String(DEFAULT_RUN_AS_USER),
  runAsGroup: String(DEFAULT_RUN_AS_USER),
  fsGroup: String(DEFAULT_RUN_AS_USER),
  seccompProfile: { type: 'RuntimeDefault' },
});

export const restrictedContainerSecurityContext = (): DeploymentV1SpecTemplateSpecContainerSecurityContext => ({
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
});

/** Where a pod may run: the segment's node pool, and never a node pool it does not belong to. */
export interface Placement {
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly { readonly key: string; readonly value: string; readonly effect: string }[];
}

export const toleration = (taint: Placement['tolerations'][number]) => ({
  key: taint.key,
  operator: 'Equal',
  value: taint.value,
  effect: taint.effect,
});
