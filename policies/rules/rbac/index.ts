import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { breakGlassExpiry } from './break-glass-expiry';
import { breakGlassExpiryFixtures } from './break-glass-expiry.fixtures';
import { medicalSecretsReaders } from './medical-secrets-readers';
import { medicalSecretsReadersFixtures } from './medical-secrets-readers.fixtures';
import { medicalPodExec } from './medical-pod-exec';
import { medicalPodExecFixtures } from './medical-pod-exec.fixtures';
import { breakGlassExpirySoon } from './break-glass-expiry-soon';
import { breakGlassExpirySoonFixtures } from './break-glass-expiry-soon.fixtures';
import { noClusterAdmin } from './no-cluster-admin';
import { noClusterAdminFixtures } from './no-cluster-admin.fixtures';
import { noWildcards } from './no-wildcards';
import { noWildcardsFixtures } from './no-wildcards.fixtures';
import { separationOfDuties } from './separation-of-duties';
import { separationOfDutiesFixtures } from './separation-of-duties.fixtures';
import { defaultServiceAccountUnbound } from './default-service-account-unbound';
import { defaultServiceAccountUnboundFixtures } from './default-service-account-unbound.fixtures';

/** Access control: Kubernetes RBAC (least privilege, break-glass, separation of duties). */
export const rules: readonly Rule[] = [noWildcards, noClusterAdmin, medicalSecretsReaders, medicalPodExec, separationOfDuties, breakGlassExpiry, breakGlassExpirySoon, defaultServiceAccountUnbound];
export const fixtures: readonly RuleFixtures[] = [
  noWildcardsFixtures,
  noClusterAdminFixtures,
  medicalSecretsReadersFixtures,
  medicalPodExecFixtures,
  separationOfDutiesFixtures,
  breakGlassExpiryFixtures,
  breakGlassExpirySoonFixtures,
  defaultServiceAccountUnboundFixtures,
];
