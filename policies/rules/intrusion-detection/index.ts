import type { Rule } from '../../model';
import { falcoAlertsPage } from './falco-alerts-page';
import { falcoCoverage } from './falco-coverage';
import { falcoRulesLoaded } from './falco-rules-loaded';
import { suricataCoverage } from './suricata-coverage';
import { suricataOutput } from './suricata-output';
import { suricataRules } from './suricata-rules';

/** Intrusion detection (ops-8.2): Falco and Suricata wherever clinical systems run, with the plan's rule categories, paging on-call. */
export const rules: readonly Rule[] = [falcoCoverage, falcoRulesLoaded, falcoAlertsPage, suricataCoverage, suricataRules, suricataOutput];
