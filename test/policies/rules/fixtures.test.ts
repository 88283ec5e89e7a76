/**
 * Runs every registered rule's fixtures: a failing fixture must fail exactly the resources it names,
 * passing and skipped fixtures must fail nothing. A rule registered in a category index is tested here
 * without further work, its fixtures found beside it (`policies/rules/fixture-registry.ts`). The run
 * records each fixture's outcome in `.fixture-results.json`, which the report cites as the rule's
 * evidence (`policies/rules/evidence.ts`).
 */
import { allRules } from '../../../policies/rules';
import { evidenceFrom, FIXTURE_RESULTS_FILE, writeFixtureResults, type FixtureOutcome } from '../../../policies/rules/evidence';
import { registryProblems, ruleUnits } from '../../../policies/rules/fixture-registry';
import { checkFixture, type FixtureCase, type FixtureExpectation } from '../../../policies/rules/fixtures';

describe('rule registry', () => {
  it('registers every rule file, each rule in the file its id names with its fixtures beside it, and no fixtures without a rule', () => {
    expect(registryProblems()).toEqual([]);
  });

  it('names a rule file no category index registers, and its orphaned fixtures', () => {
    const problems = registryProblems(allRules.filter((rule) => rule.id !== 'workload/no-privileged'));
    expect(problems).toEqual([
      'policies/rules/workload/no-privileged.fixtures.ts: fixtures of workload/no-privileged, which no category index registers',
      'policies/rules/workload/no-privileged.ts: exports workload/no-privileged, which no category index registers',
    ]);
  });
});

const units = ruleUnits();
const VERB: Record<FixtureExpectation, string> = { pass: 'passes', fail: 'fails', skip: 'skips' };
/** Outcomes by rule id; a fixture jest filters out (`-t`) stays `not-run`, so the report says so. */
const outcomes = new Map<string, Map<string, FixtureOutcome>>();
const key = (expects: FixtureExpectation, fixture: FixtureCase): string => `${expects}\0${fixture.name}`;
for (const { rule, fixtures } of units) {
  const declared = [
    ...fixtures.pass.map((f) => ['pass', f] as const),
    ...fixtures.fail.map((f) => ['fail', f] as const),
    ...(fixtures.skip ?? []).map((f) => ['skip', f] as const),
  ];
  outcomes.set(rule.id, new Map(declared.map(([expects, fixture]) => [key(expects, fixture), { name: fixture.name, expects, result: 'not-run' }])));
}

afterAll(() => {
  writeFixtureResults(Object.fromEntries([...outcomes].map(([ruleId, byFixture]) => [ruleId, [...byFixture.values()]])));
});

for (const { rule, fixtures, fixturesFile } of units) {
  describe(rule.id, () => {
    const cases = [
      ...fixtures.pass.map((fixture) => ({ expects: 'pass' as const, fixture })),
      ...fixtures.fail.map((fixture) => ({ expects: 'fail' as const, fixture })),
      ...(fixtures.skip ?? []).map((fixture) => ({ expects: 'skip' as const, fixture })),
    ];
    for (const { expects, fixture } of cases) {
      it(`${VERB[expects]}: ${fixture.name}`, () => {
        const verdict = checkFixture(rule, fixture, expects);
        outcomes.get(rule.id)!.set(key(expects, fixture), {
          name: fixture.name,
          expects,
          result: verdict.ok ? 'as-declared' : 'not-as-declared',
          ...(verdict.ok ? {} : { reason: verdict.reason.split('\n')[0] }),
        });
        if (!verdict.ok) throw new Error(`${fixturesFile} / ${fixture.name}: ${verdict.reason}`);
      });
    }
  });
}

describe('fixture evidence', () => {
  const outcome = (result: FixtureOutcome['result'], name = 'a case'): FixtureOutcome => ({ name, expects: 'fail', result });
  const recorded = (list: FixtureOutcome[], current = true) => ({
    results: { recordedBy: 'test/x.test.ts', sourceDigest: 'd', rules: { 'a/b': list } },
    current,
  });

  it('shows a misbehaving fixture by name instead of hiding it', () => {
    const evidence = evidenceFrom('a/b', recorded([outcome('as-declared', 'ok one'), { ...outcome('not-as-declared', 'broken one'), reason: 'x failed too' }]));
    expect(evidence.state).toBe('not-as-declared');
    expect(evidence.summary).toBe('fixtures: 0 pass, 2 fail — 1 not as declared: fails: broken one');
  });

  it('says results are stale once the policy sources changed after the run', () => {
    const evidence = evidenceFrom('a/b', recorded([outcome('as-declared')], false));
    expect(evidence.state).toBe('stale');
    expect(evidence.summary).toMatch(/^stale \(policies\/ changed after the fixture run; .*: fixtures: 0 pass, 1 fail — all as declared$/);
  });

  it('says so when nothing was recorded', () => {
    expect(evidenceFrom('a/b', { problem: 'no fixture results recorded' }).state).toBe('not-recorded');
    expect(evidenceFrom('c/d', recorded([outcome('as-declared')])).summary).toBe('no fixture results recorded for this rule');
    expect(FIXTURE_RESULTS_FILE).toMatch(/\.fixture-results\.json$/);
  });
});
