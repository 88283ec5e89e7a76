import type { Finding } from '../../policies/model';
import { allFixtures, allRules } from '../../policies/rules';
import { runFixture } from '../../policies/rules/fixtures';

/** The findings of one named fixture of a rule, run as the generic fixture test runs it. */
export function runNamedFixture(ruleId: string, list: 'pass' | 'fail' | 'skip', name: string): Finding[] {
  const rule = allRules.find((entry) => entry.id === ruleId);
  const found = allFixtures.find((entry) => entry.ruleId === ruleId)?.[list]?.find((entry) => entry.name === name);
  if (!rule || !found) throw new Error(`no ${list} fixture "${name}" for ${ruleId}`);
  return runFixture(rule, found);
}
