import {
  DeploymentV1,
  type DeploymentV1SpecTemplate,
  type DeploymentV1SpecTemplateSpecContainerLivenessProbe,
} from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Construct } from 'constructs';
import { CanaryDeployment, type CanaryProps } from '../canary';
import { LABEL_VALUES } from '../../contract';
import { NAME_LABEL, platformLabels, SEGMENT_LABEL, SYSTEM_LABEL, TIER_LABEL, TRACK_LABEL } from '../platform-labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, toleration, type Placement } from '../restricted-workload';

type Amounts = { readonly cpu: string; readonly memory: string };
type ProbePort = string | number;
export type ProbeSpec = { readonly httpGet: { readonly path: string; readonly port: ProbePort } } | { readonly tcpSocket: { readonly port: ProbePort } };

export interface AutoscalingProps {
  readonly min: number;
  readonly max: number;
  readonly targetCpuUtilization: number;
}

export interface ClinicalServiceProps {
  readonly name: string;
  readonly namespace: string;
  readonly segment: string;
  readonly image: string;
  readonly core: boolean;
  readonly ports: readonly { readonly name: string; readonly containerPort: number; readonly protocol: string }[];
  readonly resources: { readonly requests: Amounts; readonly limits: Amounts };
  readonly probes: {
    readonly liveness: ProbeSpec;
    readonly readiness: ProbeSpec;
    readonly timing: { readonly initialDelaySeconds: number; readonly periodSeconds: number; readonly failureThreshold: number };
  };
  /** Fixed replica count; leave unset when `autoscaling` is given (the HPA owns `spec.replicas`). */
  readonly replicas?: number;
  readonly autoscaling?: AutoscalingProps;
  /** HPA scaling behaviour; the default scales up fast and down slowly. */
  readonly scalingBehavior?: ScalingBehavior;
  readonly env: Readonly<Record<string, string>>;
  readonly secretEnv: Readonly<Record<string, { readonly secret: string; readonly key: string }>>;
  readonly writablePaths: readonly string[];
  readonly placement: Placement;
  /** PDB: at least this many pods stay up during voluntary disruptions (default: all but one). */
  readonly minAvailable?: number;
  /** Gray release: a second Deployment of a new image on about `weight` % of the pods (constructs/canary). */
  readonly canary?: CanaryProps;
}

export interface ScalingBehavior {
  readonly scaleUp: { readonly stabilizationWindowSeconds: number; readonly percent: number; readonly pods: number; readonly periodSeconds: number };
  readonly scaleDown: { readonly stabilizationWindowSeconds: number; readonly pods: number; readonly periodSeconds: number };
}

/** Peak registration traffic arrives within minutes; scale-in waits for the queue to be really gone. */
export const FAST_UP_SLOW_DOWN: ScalingBehavior = {
  scaleUp: { stabilizationWindowSeconds: 0, percent: 100, pods: 4, periodSeconds: 15 },
  scaleDown: { stabilizationWindowSeconds: 300, pods: 1, periodSeconds: 60 },
};

/**
 * One clinical system: Deployment (restricted, probed, limited, spread over nodes), Service, a service
 * account without an API token, a PodDisruptionBudget, an HPA when it autoscales, and a canary
 * Deployment during a gray release.
 */
export class ClinicalService extends Construct {
  readonly deployment: DeploymentV1;
  readonly service: ServiceV1;
  readonly podDisruptionBudget: PodDisruptionBudgetV1;
  readonly autoscaler?: HorizontalPodAutoscalerV2;
  readonly canary?: CanaryDeployment;
  /** Labels that select this system's pods (shared by every track, e.g. a canary). */
  readonly selectorLabels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ClinicalServiceProps) {
    super(scope, id);
    if (props.replicas === undefined && props.autoscaling === undefined) {
      throw new Error(`clinical service ${props.name}: set replicas or autoscaling`);
    }
    this.selectorLabels = { [NAME_LABEL]: props.name, [SYSTEM_LABEL]: props.name };
    const labels = {
      ...platformLabels(props.name),
      ...this.selectorLabels,
      [SEGMENT_LABEL]: props.segment,
      [TIER_LABEL]: props.core ? LABEL_VALUES.coreTier : 'standard',
    };
    const podLabels = { ...labels, [TRACK_LABEL]: LABEL_VALUES.stableTrack };

    const serviceAccount = new ServiceAccountV1(this, 'service-account', {
      metadata: { name: props.name, namespace: props.namespace, labels },
      automountServiceAccountToken: false,
    });

    const writableVolumes = props.writablePaths.map((mountPath, index) => ({ name: `writable-${index}`, mountPath }));
    const podTemplate: DeploymentV1SpecTemplate = {
      metadata: { labels: podLabels },
      spec: {
        serviceAccountName: serviceAccount.metadata.name,
        automountServiceAccountToken: false,
        securityContext: restrictedPodSecurityContext(),
        nodeSelector: { ...props.placement.nodeSelector },
        toleration: props.placement.tolerations.map(toleration),
        topologySpreadConstraint: [
          {
            maxSkew: 1,
            topologyKey: 'kubernetes.io/hostname',
            whenUnsatisfiable: props.core ? 'DoNotSchedule' : 'ScheduleAnyway',
            labelSelector: [{ matchLabels: { ...this.selectorLabels } }],
          },
        ],
        terminationGracePeriodSeconds: 30,
        container: [
          {
            name: props.name,
            image: props.image,
            imagePullPolicy: 'IfNotPresent',
            port: props.ports.map((port) => ({ name: port.name, containerPort: port.containerPort, protocol: port.protocol })),
            env: [
              ...Object.entries(props.env).map(([name, value]) => ({ name, value })),
              ...Object.entries(props.secretEnv).map(([name, ref]) => ({
                name,
                valueFrom: { secretKeyRef: { name: ref.secret, key: ref.key } },
              })),
            ],
            resources: { requests: { ...props.resources.requests }, limits: { ...props.resources.limits } },
            livenessProbe: probe(props.probes.liveness, props.probes.timing),
            readinessProbe: probe(props.probes.readiness, props.probes.timing),
            securityContext: restrictedContainerSecurityContext(),
            volumeMount: writableVolumes.map(({ name, mountPath }) => ({ name, mountPath })),
          },
        ],
        volume: writableVolumes.map(({ name }) => ({ name, emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } })),
      },
    };
    this.deployment = new DeploymentV1(this, 'deployment', {
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: {
        ...(props.autoscaling ? {} : { replicas: String(props.replicas) }),
        revisionHistoryLimit: 10,
        selector: { matchLabels: { ...this.selectorLabels, [TRACK_LABEL]: LABEL_VALUES.stableTrack } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '0' } },
        template: podTemplate,
      },
      lifecycle: props.autoscaling ? { ignoreChanges: ['spec[0].replicas'] } : undefined,
    });

    if (props.canary) {
      this.canary = new CanaryDeployment(this, 'canary', {
        name: props.name,
        namespace: props.namespace,
        labels,
        selectorLabels: this.selectorLabels,
        stableTemplate: podTemplate,
        stableReplicas: props.autoscaling?.min ?? props.replicas ?? 1,
        canary: props.canary,
      });
    }

    this.service = new ServiceV1(this, 'service', {
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector: { ...this.selectorLabels },
        port: props.ports.map((port) => ({ name: port.name, port: port.containerPort, targetPort: port.name, protocol: port.protocol })),
      },
    });

    const minimumPods = props.autoscaling?.min ?? props.replicas ?? 1;
    const minAvailable = props.minAvailable ?? Math.max(minimumPods - 1, 1);
    this.podDisruptionBudget = new PodDisruptionBudgetV1(this, 'disruption-budget', {
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: {
        minAvailable: String(minAvailable),
        selector: { matchLabels: { ...this.selectorLabels } },
      },
    });

    if (props.autoscaling) {
      const behavior = props.scalingBehavior ?? FAST_UP_SLOW_DOWN;
      this.autoscaler = new HorizontalPodAutoscalerV2(this, 'autoscaler', {
        metadata: { name: props.name, namespace: props.namespace, labels },
        spec: {
          minReplicas: props.autoscaling.min,
          maxReplicas: props.autoscaling.max,
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.deployment.metadata.name },
          metric: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: props.autoscaling.targetCpuUtilization } },
            },
          ],
          behavior: {
            scaleUp: [
              {
                stabilizationWindowSeconds: behavior.scaleUp.stabilizationWindowSeconds,
                selectPolicy: 'Max',
                policy: [
                  { type: 'Percent', value: behavior.scaleUp.percent, periodSeconds: behavior.scaleUp.periodSeconds },
                  { type: 'Pods', value: behavior.scaleUp.pods, periodSeconds: behavior.scaleUp.periodSeconds },
                ],
              },
            ],
            scaleDown: [
              {
                stabilizationWindowSeconds: behavior.scaleDown.stabilizationWindowSeconds,
                selectPolicy: 'Min',
                policy: [{ type: 'Pods', value: behavior.scaleDown.pods, periodSeconds: behavior.scaleDown.periodSeconds }],
              },
            ],
          },
        },
      });
    }
  }
}

function probe(spec: ProbeSpec, timing: ClinicalServiceProps['probes']['timing']): DeploymentV1SpecTemplateSpecContainerLivenessProbe {
  const action =
    'httpGet' in spec
      ? { httpGet: { path: spec.httpGet.path, port: String(spec.httpGet.port), scheme: 'HTTP' } }
      : { tcpSocket: [{ port: String(spec.tcpSocket.port) }] };
  return { ...action, ...timing, timeoutSeconds: 3 };
}
