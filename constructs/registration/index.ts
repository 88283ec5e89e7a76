import { Construct } from 'constructs';
import { ClinicalService, FAST_UP_SLOW_DOWN, type AutoscalingProps, type ClinicalServiceProps } from '../clinical-service';

/** The operations plan: 5 registration pods at all times, up to 10 at the morning peak. */
export const REGISTRATION_AUTOSCALING: AutoscalingProps = { min: 5, max: 10, targetCpuUtilization: 70 };
/** Voluntary disruptions (node drains, upgrades) never take registration below 4 pods. */
export const REGISTRATION_MIN_AVAILABLE = 4;

export type RegistrationProps = Omit<ClinicalServiceProps, 'replicas' | 'autoscaling' | 'core' | 'minAvailable'> & {
  /** Overrides of the plan's figures, e.g. a different CPU target; min/max default to 5 → 10. */
  readonly autoscaling?: Partial<AutoscalingProps>;
  readonly minAvailable?: number;
};

/** The HIS registration service: a core clinical service that autoscales 5 → 10 on CPU. */
export class Registration extends ClinicalService {
  constructor(scope: Construct, id: string, props: RegistrationProps) {
    super(scope, id, {
      ...props,
      core: true,
      autoscaling: { ...REGISTRATION_AUTOSCALING, ...props.autoscaling },
      minAvailable: props.minAvailable ?? REGISTRATION_MIN_AVAILABLE,
      scalingBehavior: props.scalingBehavior ?? FAST_UP_SLOW_DOWN,
    });
  }
}
