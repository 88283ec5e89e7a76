import type { ControlMappings } from '../../model';

/**
 * MLPS 2.0 Level 3 boundary controls (8.1.3.1 boundary protection, 8.1.3.2 access control), network
 * architecture (8.1.2.1: zones separated by reliable technical means) and HIPAA transmission security.
 */
export const BOUNDARY_CONTROLS = {
  mlps: ['8.1.3.1', '8.1.3.2'],
  hipaa: ['164.312(e)(1)', '164.312(a)(1)'],
  pipl: ['Art. 51'],
} as const satisfies Omit<ControlMappings, 'operationsPlan'>;
