import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { falcoAlertsPage } from './falco-alerts-page';
import { falcoCoverage } from './falco-coverage';
import { suricataCoverage } from './suricata-coverage';
import { suricataRules } from './suricata-rules';

/** Intrusion detection (ops-8.2): Falco and Suricata wherever clinical systems run, with the plan's rule categories, paging on-call. */
export const rules: readonly Rule[] = [falcoCoverage, falcoAlertsPage, suricataCoverage, suricataRules];
export const fixtures: readonly RuleFixtures[] = [];
