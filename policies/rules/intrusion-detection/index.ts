import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { falcoAlertsPage } from './falco-alerts-page';
import { falcoCoverage } from './falco-coverage';
import { falcoRulesLoaded } from './falco-rules-loaded';
import { falcoRulesLoadedFixtures } from './falco-rules-loaded.fixtures';
import { falcoAlertsPageFixtures } from './falco-alerts-page.fixtures';
import { falcoCoverageFixtures } from './falco-coverage.fixtures';
import { suricataCoverage } from './suricata-coverage';
import { suricataOutput } from './suricata-output';
import { suricataOutputFixtures } from './suricata-output.fixtures';
import { suricataRules } from './suricata-rules';
import { suricataCoverageFixtures } from './suricata-coverage.fixtures';
import { suricataRulesFixtures } from './suricata-rules.fixtures';

/** Intrusion detection (ops-8.2): Falco and Suricata wherever clinical systems run, with the plan's rule categories, paging on-call. */
export const rules: readonly Rule[] = [falcoCoverage, falcoRulesLoaded, falcoAlertsPage, suricataCoverage, suricataRules, suricataOutput];
export const fixtures: readonly RuleFixtures[] = [falcoCoverageFixtures, falcoRulesLoadedFixtures, falcoAlertsPageFixtures, suricataCoverageFixtures, suricataRulesFixtures, suricataOutputFixtures];
