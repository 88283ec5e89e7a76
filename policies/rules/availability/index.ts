import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { coreDisruptionBudget } from './core-disruption-budget';
import { coreDisruptionBudgetFixtures } from './core-disruption-budget.fixtures';
import { coreFailureDetection } from './core-failure-detection';
import { coreFailureDetectionFixtures } from './core-failure-detection.fixtures';
import { coreReplicas } from './core-replicas';
import { coreReplicasFixtures } from './core-replicas.fixtures';
import { coreRolloutStrategy } from './core-rollout-strategy';
import { coreRolloutStrategyFixtures } from './core-rollout-strategy.fixtures';
import { registrationAutoscaling } from './registration-autoscaling';
import { registrationAutoscalingFixtures } from './registration-autoscaling.fixtures';

/** Availability of the core clinical systems. */
export const rules: readonly Rule[] = [coreReplicas, coreDisruptionBudget, coreFailureDetection, coreRolloutStrategy, registrationAutoscaling];
export const fixtures: readonly RuleFixtures[] = [coreReplicasFixtures, coreDisruptionBudgetFixtures, coreFailureDetectionFixtures, coreRolloutStrategyFixtures, registrationAutoscalingFixtures];
