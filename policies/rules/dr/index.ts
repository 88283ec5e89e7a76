import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { drCoreSystemsPresent } from './core-systems-present';
import { drCoreSystemsPresentFixtures } from './core-systems-present.fixtures';

/** The disaster-recovery site mirrors production. */
export const rules: readonly Rule[] = [drCoreSystemsPresent];
export const fixtures: readonly RuleFixtures[] = [drCoreSystemsPresentFixtures];
