/**
 * Evidence that each rule itself works: the fixture tests that exercise it. Reports list these per rule
 * so an auditor sees which tests prove a check before trusting its result.
 */
import type { FixtureCase, FixtureExpectation } from './fixtures';
import { allFixtures } from './index';

/** The test file that runs every rule's fixtures. */
export const FIXTURE_TEST_FILE = 'test/policies/rules/fixtures.test.ts';

export const passTestName = (fixture: FixtureCase): string => `passes: ${fixture.name}`;
export const failTestName = (fixture: FixtureCase): string => `fails: ${fixture.name}`;
export const skipTestName = (fixture: FixtureCase): string => `skips: ${fixture.name}`;

export interface RuleEvidence {
  readonly ruleId: string;
  readonly testFile: string;
  /** Full jest test names (`<rule id> passes: <case>`), as `jest -t` and JUnit reports show them. */
  readonly cases: readonly { readonly name: string; readonly expects: FixtureExpectation }[];
}

export function ruleEvidence(ruleId: string): RuleEvidence {
  const fixtures = allFixtures.find((entry) => entry.ruleId === ruleId);
  return {
    ruleId,
    testFile: FIXTURE_TEST_FILE,
    cases: [
      ...(fixtures?.pass ?? []).map((fixture) => ({ name: `${ruleId} ${passTestName(fixture)}`, expects: 'pass' as const })),
      ...(fixtures?.fail ?? []).map((fixture) => ({ name: `${ruleId} ${failTestName(fixture)}`, expects: 'fail' as const })),
      ...(fixtures?.skip ?? []).map((fixture) => ({ name: `${ruleId} ${skipTestName(fixture)}`, expects: 'skip' as const })),
    ],
  };
}
