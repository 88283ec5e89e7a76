import type { Rule } from '../../model';
import { drCoreSystemsPresent } from './core-systems-present';

/** The disaster-recovery site mirrors production. */
export const rules: readonly Rule[] = [drCoreSystemsPresent];
