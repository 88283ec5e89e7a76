import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { protectedResourceDeletion } from './protected-resource-deletion';
import { protectedResourceDeletionFixtures } from './protected-resource-deletion.fixtures';

/** Change safety: rules over plan actions. */
export const rules: readonly Rule[] = [protectedResourceDeletion];
export const fixtures: readonly RuleFixtures[] = [protectedResourceDeletionFixtures];
