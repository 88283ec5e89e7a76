import type { Rule } from '../../model';
import { podSecurityRestricted } from './pod-security-restricted';

/** Namespaces: Pod Security Admission levels (exceptions only through waivers). */
export const rules: readonly Rule[] = [podSecurityRestricted];
