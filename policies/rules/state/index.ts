import type { Rule } from '../../model';
import { remoteBackendLocking } from './remote-backend-locking';

/** Terraform state management. */
export const rules: readonly Rule[] = [remoteBackendLocking];
