import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { podSecurityRestricted } from './pod-security-restricted';
import { podSecurityRestrictedFixtures } from './pod-security-restricted.fixtures';

/** Namespaces: Pod Security Admission levels (exceptions only through waivers). */
export const rules: readonly Rule[] = [podSecurityRestricted];
export const fixtures: readonly RuleFixtures[] = [podSecurityRestrictedFixtures];
