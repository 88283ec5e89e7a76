import type { Rule } from '../../model';
import { breakGlassExpiry } from './break-glass-expiry';
import { medicalSecretsReaders } from './medical-secrets-readers';
import { medicalPodExec } from './medical-pod-exec';
import { breakGlassExpirySoon } from './break-glass-expiry-soon';
import { noClusterAdmin } from './no-cluster-admin';
import { noWildcards } from './no-wildcards';
import { separationOfDuties } from './separation-of-duties';
import { defaultServiceAccountUnbound } from './default-service-account-unbound';
import { accessReviewCurrent } from './access-review-current';
import { accessReviewDueSoon } from './access-review-due-soon';

/** Access control: Kubernetes RBAC (least privilege, break-glass, separation of duties). */
export const rules: readonly Rule[] = [
  noWildcards,
  noClusterAdmin,
  medicalSecretsReaders,
  medicalPodExec,
  separationOfDuties,
  breakGlassExpiry,
  breakGlassExpirySoon,
  defaultServiceAccountUnbound,
  accessReviewCurrent,
  accessReviewDueSoon,
];
