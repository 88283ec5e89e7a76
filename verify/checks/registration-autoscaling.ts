import type { ClusterReader } from '../cluster';
import { type CheckResult, fail, guarded, pass } from '../result';

export interface AutoscalingExpectation {
  readonly namespace: string;
  /** Name of the clinical system's HorizontalPodAutoscaler. */
  readonly name: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
}

const BOUNDS = 'registration-hpa';
const READY = 'registration-ready';

/**
 * The registration desk's surge capacity: its HPA scales between the planned bounds, and the workload it
 * targets has at least the minimum number of ready pods right now.
 */
export function checkRegistrationAutoscaling(cluster: ClusterReader, expected: AutoscalingExpectation): Promise<readonly CheckResult[]> {
  const subject = `${expected.namespace}/${expected.name}`;
  return guarded(BOUNDS, subject, async () => {
    const hpa = await cluster.readHorizontalPodAutoscaler(expected.namespace, expected.name);
    const min = hpa.spec?.minReplicas ?? 1; // the API server defaults minReplicas to 1
    const max = hpa.spec?.maxReplicas;
    const bounds =
      min === expected.minReplicas && max === expected.maxReplicas
        ? pass(BOUNDS, subject, `scales ${min}→${max}`)
        : fail(BOUNDS, subject, `spec scales ${min}→${max}, expected ${expected.minReplicas}→${expected.maxReplicas}`);

    const target = hpa.spec?.scaleTargetRef;
    if (target?.kind !== 'Deployment') {
      return [bounds, fail(READY, subject, `scaleTargetRef is ${target?.kind ?? 'missing'}/${target?.name ?? ''}, expected a Deployment`)];
    }
    const targetSubject = `${expected.namespace}/${target.name}`;
    const ready = await guarded(READY, targetSubject, async () => {
      const deployment = await cluster.readDeployment(expected.namespace, target.name);
      const readyPods = deployment.status?.readyReplicas ?? 0;
      return [
        readyPods >= expected.minReplicas
          ? pass(READY, targetSubject, `${readyPods} ready pods (≥ ${expected.minReplicas})`)
          : fail(READY, targetSubject, `status.readyReplicas is ${readyPods}, expected ≥ ${expected.minReplicas}`),
      ];
    });
    return [bounds, ...ready];
  });
}
