import type { RuleFixtures } from '../fixtures';
import { coreDeployment, pdb, terraform } from './fixtures-shared';

export const coreDisruptionBudgetFixtures: RuleFixtures = {
  ruleId: 'availability/core-disruption-budget',
  pass: [{ name: 'PDB selects the pods', terraform: terraform(coreDeployment('registration', 2), pdb('registration')) }],
  fail: [
    { name: 'no PDB', terraform: coreDeployment('registration', 2), message: 'no PodDisruptionBudget' },
    { name: 'PDB in another namespace', terraform: terraform(coreDeployment('emr', 2), pdb('emr', 'emr-other')), message: 'no PodDisruptionBudget' },
  ],
};
