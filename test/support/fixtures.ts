import type { Finding } from '../../policies/model';
import { ruleUnits } from '../../policies/rules/fixture-registry';
import { runFixture } from '../../policies/rules/fixtures';

/** The findings of one named fixture of a rule, run as the generic fixture test runs it. */
export function runNamedFixture(ruleId: string, list: 'pass' | 'fail' | 'skip', name: string): Finding[] {
  const unit = ruleUnits().find((entry) => entry.rule.id === ruleId);
  const rule = unit?.rule;
  const found = unit?.fixtures[list]?.find((entry) => entry.name === name);
  if (!rule || !found) throw new Error(`no ${list} fixture "${name}" for ${ruleId}`);
  return runFixture(rule, found);
}
