import type { Rule } from '../../model';
import { coreDisruptionBudget } from './core-disruption-budget';
import { coreFailureDetection } from './core-failure-detection';
import { coreReplicas } from './core-replicas';
import { coreRolloutStrategy } from './core-rollout-strategy';
import { coreNodeSpread } from './core-node-spread';
import { registrationAutoscaling } from './registration-autoscaling';

/** Availability of the core clinical systems. */
export const rules: readonly Rule[] = [coreReplicas, coreDisruptionBudget, coreFailureDetection, coreRolloutStrategy, coreNodeSpread, registrationAutoscaling];
