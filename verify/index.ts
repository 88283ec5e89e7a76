import type { EnvironmentConfig } from '../environments/schema';
import { REGISTRATION_SYSTEM } from '../environments/schema';
import type { ClusterReader } from './cluster';
import { type BackupExpectation, checkBackups } from './checks/backup-freshness';
import { checkCoreDeployments } from './checks/core-deployments';
import { checkDefaultDeny } from './checks/default-deny';
import { checkIntrusionDetection } from './checks/intrusion-detection';
import { type AutoscalingExpectation, checkRegistrationAutoscaling } from './checks/registration-autoscaling';
import { type CheckResult, fail } from './result';

export type { CheckResult } from './result';

/** What the environment file promised, in the terms the checks compare the live cluster with. */
export interface VerifyExpectations {
  readonly registration?: AutoscalingExpectation;
  /** `namespace/name` of every system the file declares core. */
  readonly coreDeployments: readonly string[];
  /** Every namespace the file declares. */
  readonly namespaces: readonly string[];
  /** The backup CronJobs each declared data store must have. */
  readonly backups: readonly BackupExpectation[];
}

export function expectationsFor(environment: EnvironmentConfig): VerifyExpectations {
  const registration = environment.clinicalSystems[REGISTRATION_SYSTEM];
  return {
    registration: registration?.autoscaling && {
      namespace: registration.namespace,
      name: REGISTRATION_SYSTEM,
      minReplicas: registration.autoscaling.min,
      maxReplicas: registration.autoscaling.max,
    },
    coreDeployments: Object.entries(environment.clinicalSystems)
      .filter(([, system]) => system.core)
      .map(([name, system]) => `${system.namespace}/${name}`),
    namespaces: Object.keys(environment.namespaces),
    // Incremental and full backups always exist; the archive and the restore drill when configured.
    backups: Object.entries(environment.dataStores).map(([dataStore, store]) => ({
      dataStore,
      namespace: store.namespace,
      kinds: ['incremental', 'full', ...(store.backup.targets.archive ? ['archive'] : []), ...(store.backup.restoreDrill ? ['restore-drill'] : [])],
    })),
  };
}

/** Runs every post-deploy check against the cluster; API failures become failed results, never throws. */
export async function verifyCluster(cluster: ClusterReader, expected: VerifyExpectations, now: Date): Promise<readonly CheckResult[]> {
  const groups = await Promise.all([
    expected.registration
      ? checkRegistrationAutoscaling(cluster, expected.registration)
      : Promise.resolve([fail('registration-hpa', REGISTRATION_SYSTEM, 'the environment file declares no registration service with autoscaling')]),
    checkCoreDeployments(cluster, expected.coreDeployments),
    checkDefaultDeny(cluster, expected.namespaces),
    checkBackups(cluster, expected.backups, now),
    checkIntrusionDetection(cluster),
  ]);
  return groups.flat();
}
