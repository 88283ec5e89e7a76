import type { Rule } from '../../model';
import { canaryPromotedThroughStaging } from './canary-promoted-through-staging';
import { canaryShare } from './canary-share';
import { productionReleaseRegistry } from './production-release-registry';

/** Delivery: how changes reach production (test → gray → full). */
export const rules: readonly Rule[] = [canaryPromotedThroughStaging, canaryShare, productionReleaseRegistry];
