/** Plans for fixtures and tests: the repository's plan with further reviewed flows. */
import { loadPlan } from '../../plan/load';
import type { AllowedFlow, OperationsPlan } from '../../plan/schema';

export function planWithFlows(...flows: AllowedFlow[]): OperationsPlan {
  const plan = structuredClone(loadPlan());
  plan.segments.allowedFlows.push(...flows);
  return plan;
}
