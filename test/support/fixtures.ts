import type { Finding } from '../../policies/model';
import { allRules } from '../../policies/rules';
import { ruleUnits } from '../../policies/rules/fixture-registry';
import { runFixture } from '../../policies/rules/fixtures';

/** The findings of one named fixture of a rule, run as the generic fixture test runs it. */
export function runNamedFixture(ruleId: string, list: 'pass' | 'fail' | 'skip', name: string): Finding[] {
  // Only this rule's fixtures file is loaded: loading all of them took seconds per test file.
  const [unit] = ruleUnits(allRules.filter((rule) => rule.id === ruleId));
  const rule = unit?.rule;
  const found = unit?.fixtures[list]?.find((entry) => entry.name === name);
  if (!rule || !found) throw new Error(`no ${list} fixture "${name}" for ${ruleId}`);
  return runFixture(rule, found);
}
