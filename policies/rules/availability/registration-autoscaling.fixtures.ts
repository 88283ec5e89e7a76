import type { RuleFixtures } from '../fixtures';
import { coreDeployment, hpa, terraform } from './fixtures-shared';

export const registrationAutoscalingFixtures: RuleFixtures = {
  ruleId: 'availability/registration-autoscaling',
  pass: [
    { name: 'HPA 5 to 10', terraform: terraform(coreDeployment('registration'), hpa('registration', 5, 10)) },
    {
      name: 'configured registration service name',
      terraform: terraform(coreDeployment('his-reg'), hpa('his-reg', 5, 12)),
      options: { registration: { appName: 'his-reg', minReplicas: 5, maxReplicas: 10 } },
    },
  ],
  fail: [
    { name: 'no HPA', terraform: coreDeployment('registration', 5), message: 'no HPA targets the registration service' },
    { name: 'HPA 2 to 4', terraform: terraform(coreDeployment('registration'), hpa('registration', 2, 4)), message: 'scales 2→4' },
    { name: 'HPA minimum from an unresolvable variable', terraform: terraform(coreDeployment('registration'), hpa('registration', '${var.min}', 10)), message: 'failing closed' },
  ],
};
