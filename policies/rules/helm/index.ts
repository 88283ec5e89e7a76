import type { Rule } from '../../model';
import { atomicInProduction } from './atomic-in-production';
import { chartVersionPinned } from './chart-version-pinned';
import { imagesPinnedDigest } from './images-pinned-digest';
import { repositoryHttpsOrOci } from './repository-https-or-oci';
import { valuesKeysExist } from './values-keys-exist';

/** Helm releases: supply chain and safe upgrades. */
export const rules: readonly Rule[] = [chartVersionPinned, repositoryHttpsOrOci, atomicInProduction, valuesKeysExist, imagesPinnedDigest];
