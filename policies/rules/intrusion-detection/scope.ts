/** The environments intrusion detection is required in: those that carry clinical systems (ops-8.2). */
import type { Estate, EstateRule } from '../../model';
import { carriesClinicalSystems } from '../../plan/clinical-environments';

export type EstateResult = ReturnType<EstateRule['evaluate']>[number];

export const clinicalEnvironments = (estate: Estate): string[] => estate.environments.filter((environment) => carriesClinicalSystems(estate, environment));

/** MLPS 2.0 clauses every intrusion-detection rule answers: boundary and host intrusion prevention, centralized control, incident handling. */
export const IDS_CONTROLS = {
  mlps: ['8.1.3.3', '8.1.4.4', '8.1.5.4', '8.1.10.12'],
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(B)', '164.308(a)(6)(ii)', '164.312(b)'],
  operationsPlan: 'ops-8.2',
} as const;
