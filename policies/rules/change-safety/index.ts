import type { Rule } from '../../model';
import { protectedResourceDeletion } from './protected-resource-deletion';

/** Change safety: rules over plan actions. */
export const rules: readonly Rule[] = [protectedResourceDeletion];
