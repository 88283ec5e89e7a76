import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { coreDisruptionBudget } from './core-disruption-budget';
import { coreDisruptionBudgetFixtures } from './core-disruption-budget.fixtures';
import { coreReplicas } from './core-replicas';
import { coreReplicasFixtures } from './core-replicas.fixtures';
import { registrationAutoscaling } from './registration-autoscaling';
import { registrationAutoscalingFixtures } from './registration-autoscaling.fixtures';

/** Availability of the core clinical systems. */
export const rules: readonly Rule[] = [coreReplicas, coreDisruptionBudget, registrationAutoscaling];
export const fixtures: readonly RuleFixtures[] = [coreReplicasFixtures, coreDisruptionBudgetFixtures, registrationAutoscalingFixtures];
