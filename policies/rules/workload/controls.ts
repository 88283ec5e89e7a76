import type { ControlMappings } from '../../model';

/** The mapping most workload-hardening rules share: least privilege inside the computing environment. */
export const HARDENING_CONTROLS: ControlMappings = {
  mlps: ['8.1.4.2', '8.1.4.4'],
  hipaa: ['164.312(a)(1)', '164.308(a)(5)(ii)(B)'],
  pipl: ['Art. 51'],
  operationsPlan: 'ops-4.1',
};
