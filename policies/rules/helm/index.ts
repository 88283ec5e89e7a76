import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { atomicInProduction } from './atomic-in-production';
import { atomicInProductionFixtures } from './atomic-in-production.fixtures';
import { chartVersionPinned } from './chart-version-pinned';
import { chartVersionPinnedFixtures } from './chart-version-pinned.fixtures';
import { imagesPinnedDigest } from './images-pinned-digest';
import { imagesPinnedDigestFixtures } from './images-pinned-digest.fixtures';
import { repositoryHttpsOrOci } from './repository-https-or-oci';
import { repositoryHttpsOrOciFixtures } from './repository-https-or-oci.fixtures';
import { valuesKeysExist } from './values-keys-exist';
import { valuesKeysExistFixtures } from './values-keys-exist.fixtures';

/** Helm releases: supply chain and safe upgrades. */
export const rules: readonly Rule[] = [chartVersionPinned, repositoryHttpsOrOci, atomicInProduction, valuesKeysExist, imagesPinnedDigest];
export const fixtures: readonly RuleFixtures[] = [chartVersionPinnedFixtures, repositoryHttpsOrOciFixtures, atomicInProductionFixtures, valuesKeysExistFixtures, imagesPinnedDigestFixtures];
