import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { canaryPromotedThroughStaging } from './canary-promoted-through-staging';
import { canaryPromotedThroughStagingFixtures } from './canary-promoted-through-staging.fixtures';
import { canaryShare } from './canary-share';
import { canaryShareFixtures } from './canary-share.fixtures';
import { productionReleaseRegistry } from './production-release-registry';
import { productionReleaseRegistryFixtures } from './production-release-registry.fixtures';

/** Delivery: how changes reach production (test → gray → full). */
export const rules: readonly Rule[] = [canaryPromotedThroughStaging, canaryShare, productionReleaseRegistry];
export const fixtures: readonly RuleFixtures[] = [canaryPromotedThroughStagingFixtures, canaryShareFixtures, productionReleaseRegistryFixtures];
