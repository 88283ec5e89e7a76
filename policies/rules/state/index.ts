import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { remoteBackendLocking } from './remote-backend-locking';
import { remoteBackendLockingFixtures } from './remote-backend-locking.fixtures';

/** Terraform state management. */
export const rules: readonly Rule[] = [remoteBackendLocking];
export const fixtures: readonly RuleFixtures[] = [remoteBackendLockingFixtures];
