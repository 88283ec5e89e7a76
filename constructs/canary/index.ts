import { DeploymentV1, type DeploymentV1SpecTemplate, type DeploymentV1SpecTemplateSpecContainer } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Construct } from 'constructs';
import { LABEL_VALUES } from '../../contract';
import { TRACK_LABEL } from '../platform-labels';

/** The gray-release step of the operations plan (test → gray → full), as an environment file declares it. */
export interface CanaryProps {
  /** The new image, pinned by digest; policy requires the same digest to run in staging first. */
  readonly image: string;
  /** Share of the system's pods that run the canary, in percent (default 10 in the schema). */
  readonly weight: number;
}

export interface CanaryDeploymentProps {
  /** The clinical system's name; the canary Deployment is `<name>-canary`. */
  readonly name: string;
  readonly namespace: string;
  /** The system's object labels (name, system, segment, tier, …). */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels every track shares; the Service selects on these only, so it sends traffic to both. */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** The stable track's pod template: the canary runs the same pod with the new image. */
  readonly stableTemplate: DeploymentV1SpecTemplate;
  /** The stable track's pod count (its replicas, or its HPA minimum). */
  readonly stableReplicas: number;
  readonly canary: CanaryProps;
}

export const CANARY_TRACK = LABEL_VALUES.canaryTrack;

/**
 * Pods the canary gets so that it is about `weight` % of all the system's pods, never fewer than one:
 * canary / (stable + canary) ≈ weight / 100.
 */
export function canaryReplicas(stableReplicas: number, weight: number): number {
  return Math.max(1, Math.round((stableReplicas * weight) / (100 - weight)));
}

/**
 * A second Deployment of a clinical system running the new image on a slice of the pods. It joins the
 * system's Service (same shared labels) and carries `platform.hospital/track: canary` so alerts,
 * dashboards and logs tell it apart from the stable track. Promotion is a follow-up change that moves
 * the system's image to the canary's and removes the canary.
 */
export class CanaryDeployment extends Construct {
  readonly deployment: DeploymentV1;
  readonly replicas: number;

  constructor(scope: Construct, id: string, props: CanaryDeploymentProps) {
    super(scope, id);
    this.replicas = canaryReplicas(props.stableReplicas, props.canary.weight);
    const trackLabels = { ...props.selectorLabels, [TRACK_LABEL]: CANARY_TRACK };
    const template = props.stableTemplate;
    const containers = template.spec.container;
    if (!Array.isArray(containers)) throw new Error(`canary of ${props.name}: the stable pod template's containers are not a plain list`);

    this.deployment = new DeploymentV1(this, 'deployment', {
      metadata: { name: `${props.name}-canary`, namespace: props.namespace, labels: { ...props.labels, [TRACK_LABEL]: CANARY_TRACK } },
      spec: {
        replicas: String(this.replicas),
        revisionHistoryLimit: 10,
        selector: { matchLabels: trackLabels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '1', maxUnavailable: '0' } },
        template: {
          ...template,
          metadata: { ...template.metadata, labels: { ...template.metadata?.labels, [TRACK_LABEL]: CANARY_TRACK } },
          spec: {
            ...template.spec,
            // Only the system's own container changes image; sidecars stay as the stable track runs them.
            container: containers.map((container: DeploymentV1SpecTemplateSpecContainer) =>
              container.name === props.name ? { ...container, image: props.canary.image } : container,
            ),
          },
        },
      },
    });
  }
}
