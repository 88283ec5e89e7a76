import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterReader } from '../cluster';
import { NAME_LABEL } from '../../constructs/platform-labels';
import { type CheckResult, fail, guarded, pass } from '../result';

/** The sensors the security plan relies on: Falco (host and container events) and Suricata (network IDS). */
export const SENSORS = [
  { check: 'falco-running', selector: `${NAME_LABEL}=falco` },
  { check: 'suricata-running', selector: `${NAME_LABEL}=suricata` },
] as const;

/** Each sensor has pods, and every one of them is Running with all containers ready. */
export async function checkIntrusionDetection(cluster: ClusterReader): Promise<readonly CheckResult[]> {
  const perSensor = await Promise.all(
    SENSORS.map(({ check, selector }) =>
      guarded(check, selector, async () => {
        const pods = await cluster.listPods({ labelSelector: selector });
        if (pods.length === 0) return [fail(check, selector, 'no pods found')];
        const unhealthy = pods.filter((pod) => !isRunningAndReady(pod));
        if (unhealthy.length === 0) {
          const nodes = pods.map((pod) => pod.spec?.nodeName).filter(Boolean);
          return [pass(check, selector, `${pods.length}/${pods.length} pods running and ready on ${nodes.join(', ')}`)];
        }
        return unhealthy.map((pod) => fail(check, `${pod.metadata?.namespace}/${pod.metadata?.name}`, describePod(pod)));
      }),
    ),
  );
  return perSensor.flat();
}

function isRunningAndReady(pod: V1Pod): boolean {
  return pod.status?.phase === 'Running' && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** The phase plus the first waiting container's reason (CrashLoopBackOff, ImagePullBackOff, …). */
function describePod(pod: V1Pod): string {
  const waiting = pod.status?.containerStatuses?.find((status) => status.state?.waiting)?.state?.waiting;
  const node = pod.spec?.nodeName ? ` on ${pod.spec.nodeName}` : '';
  const reason = waiting ? `, container waiting: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}` : ', not ready';
  return `phase ${pod.status?.phase ?? 'unknown'}${node}${reason}`;
}
