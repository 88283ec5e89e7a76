/**
 * Runs every registered rule's fixtures: passing fixtures must pass, failing fixtures must fail, skipped
 * fixtures must be judged neither way. A rule added to `allRules` is tested here without further work;
 * the test names are what `ruleEvidence` reports cite.
 */
import { allFixtures, allRules } from '../../../policies/rules';
import { checkFixture } from '../../../policies/rules/fixtures';
import { passTestName, failTestName, skipTestName } from '../../../policies/rules/evidence';

describe('rule registry', () => {
  it('has unique rule ids in <category>/<kebab-name> form', () => {
    const ids = allRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
  });

  it('has passing and failing fixtures for every rule, and no fixtures without a rule', () => {
    const ruleIds = new Set(allRules.map((rule) => rule.id));
    const fixtureIds = allFixtures.map((fixtures) => fixtures.ruleId);
    expect(new Set(fixtureIds).size).toBe(fixtureIds.length);
    for (const fixtures of allFixtures) expect(ruleIds).toContain(fixtures.ruleId);
    for (const rule of allRules) {
      const fixtures = allFixtures.find((entry) => entry.ruleId === rule.id);
      expect({ rule: rule.id, passing: (fixtures?.pass.length ?? 0) > 0, failing: (fixtures?.fail.length ?? 0) > 0 }).toEqual({
        rule: rule.id,
        passing: true,
        failing: true,
      });
    }
  });
});

for (const rule of allRules) {
  const fixtures = allFixtures.find((entry) => entry.ruleId === rule.id);
  describe(rule.id, () => {
    for (const fixture of fixtures?.pass ?? []) {
      it(passTestName(fixture), () => {
        const verdict = checkFixture(rule, fixture, 'pass');
        if (!verdict.ok) throw new Error(`${rule.id} / ${fixture.name}: ${verdict.reason}`);
      });
    }
    for (const fixture of fixtures?.fail ?? []) {
      it(failTestName(fixture), () => {
        const verdict = checkFixture(rule, fixture, 'fail');
        if (!verdict.ok) throw new Error(`${rule.id} / ${fixture.name}: ${verdict.reason}`);
      });
    }
    for (const fixture of fixtures?.skip ?? []) {
      it(skipTestName(fixture), () => {
        const verdict = checkFixture(rule, fixture, 'skip');
        if (!verdict.ok) throw new Error(`${rule.id} / ${fixture.name}: ${verdict.reason}`);
      });
    }
  });
}
