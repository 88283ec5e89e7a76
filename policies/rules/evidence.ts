/**
 * Evidence that each rule itself works: what its fixtures did when the test run last ran them. Reports
 * print it beside every rule, so an auditor sees whether a check is proven before trusting its result.
 *
 * The fixture test (`FIXTURE_TEST_FILE`) writes the results file; the report reads it. Running the
 * fixtures while the report is produced was measured instead: about 1,300 fixtures take some 16 s of
 * CPU (the monitoring and backup rules parse alert expressions and schedules), close to half of what
 * `npm run synth` takes on 2 cores, against milliseconds to read the file. The price of a file is that it
 * can be old or absent, so it records a digest of the policy sources it ran against: the report says
 * `stale` when they changed since, `not-recorded` when there is no file, and `not-as-declared` with the
 * fixtures' names when a fixture misbehaved. None of these is hidden, and none blocks the gate: the
 * evidence is about the rules, the gate about the infrastructure.
 *
 * This module is on the production path and loads no fixture.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FixtureOutcome, RuleEvidence } from '../report/model';
import { fixtureLabel } from '../report/summary';

export type { FixtureOutcome, RuleEvidence };

/** The test file that runs every rule's fixtures and records their results. */
export const FIXTURE_TEST_FILE = 'test/policies/rules/fixtures.test.ts';

const REPO_ROOT = path.resolve(__dirname, '../..');

/** Where the fixture run leaves its results (ignored by git: each checkout records its own). */
export const FIXTURE_RESULTS_FILE = path.join(REPO_ROOT, '.fixture-results.json');

/** What `FIXTURE_RESULTS_FILE` holds. */
export interface FixtureResults {
  readonly recordedBy: string;
  /** `policySourceDigest()` when the fixtures ran. */
  readonly sourceDigest: string;
  /** Keyed by rule id, in the order the fixtures are declared. */
  readonly rules: Readonly<Record<string, readonly FixtureOutcome[]>>;
}

// What a fixture's outcome depends on: the rules, their helpers and fixtures, the plan and the contract.
// The report writers and the waivers file do not change what a fixture does.
const DIGESTED = [
  { dir: 'policies', skip: (relative: string) => relative.startsWith('policies/report/') || relative === 'policies/waivers.yaml' },
  { dir: 'contract', skip: () => false },
];

function sourceFiles(dir: string, skip: (relative: string) => boolean): string[] {
  const absolute = path.join(REPO_ROOT, dir);
  if (!fs.existsSync(absolute)) return [];
  return fs
    .readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .map((entry) => `${dir}/${entry.split(path.sep).join('/')}`)
    .filter((relative) => /\.(ts|ya?ml|json)$/.test(relative) && !skip(relative))
    .sort();
}

/** A sha256 over the sources the fixtures' outcomes depend on (paths and contents). */
export function policySourceDigest(): string {
  const hash = createHash('sha256');
  for (const { dir, skip } of DIGESTED) {
    for (const file of sourceFiles(dir, skip))
      hash
        .update(`${file}\0`)
        .update(fs.readFileSync(path.join(REPO_ROOT, file)))
        .update('\0');
  }
  return hash.digest('hex');
}

/** Writes the results of a fixture run (atomically: a report produced meanwhile reads the old or the new file, never half of one). */
export function writeFixtureResults(rules: FixtureResults['rules'], file: string = FIXTURE_RESULTS_FILE): void {
  const results: FixtureResults = { recordedBy: FIXTURE_TEST_FILE, sourceDigest: policySourceDigest(), rules };
  const staging = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(staging, `${JSON.stringify(results, null, 1)}\n`);
  fs.renameSync(staging, file);
}

export type Recorded = { readonly results: FixtureResults; readonly current: boolean } | { readonly problem: string };

function readResults(file: string): Recorded {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { problem: `no fixture results recorded (run \`npx jest ${FIXTURE_TEST_FILE}\`)` };
  }
  try {
    const results = JSON.parse(text) as FixtureResults;
    if (typeof results.sourceDigest !== 'string' || typeof results.rules !== 'object' || results.rules === null) throw new Error('not a fixture results file');
    return { results, current: results.sourceDigest === policySourceDigest() };
  } catch (error) {
    return { problem: `fixture results unreadable (${path.relative(REPO_ROOT, file)}: ${(error as Error).message})` };
  }
}

function counts(outcomes: readonly FixtureOutcome[]): string {
  const of = (expects: FixtureOutcome['expects']) => outcomes.filter((outcome) => outcome.expects === expects).length;
  return [`${of('pass')} pass`, `${of('fail')} fail`, ...(of('skip') > 0 ? [`${of('skip')} skip`] : [])].join(', ');
}

const named = (outcomes: readonly FixtureOutcome[]): string =>
  outcomes.map((outcome) => fixtureLabel({ expects: outcome.expects, name: outcome.name })).join('; ');

/** One rule's evidence from recorded results. */
export function evidenceFrom(ruleId: string, recorded: Recorded): RuleEvidence {
  if ('problem' in recorded) return { state: 'not-recorded', summary: recorded.problem, source: FIXTURE_TEST_FILE, fixtures: [] };
  const fixtures = recorded.results.rules[ruleId];
  const source = recorded.results.recordedBy;
  if (!fixtures || fixtures.length === 0) return { state: 'not-recorded', summary: 'no fixture results recorded for this rule', source, fixtures: [] };
  const wrong = fixtures.filter((outcome) => outcome.result === 'not-as-declared');
  const notRun = fixtures.filter((outcome) => outcome.result === 'not-run');
  const verdict =
    wrong.length > 0
      ? `${wrong.length} not as declared: ${named(wrong)}`
      : notRun.length > 0
        ? `${notRun.length} not run: ${named(notRun)}`
        : 'all as declared';
  const summary = `fixtures: ${counts(fixtures)} — ${verdict}`;
  if (!recorded.current) {
    return {
      state: 'stale',
      summary: `stale (policies/ changed after the fixture run; rerun \`npx jest ${FIXTURE_TEST_FILE}\`): ${summary}`,
      source,
      fixtures,
    };
  }
  return { state: wrong.length > 0 ? 'not-as-declared' : notRun.length > 0 ? 'incomplete' : 'as-declared', summary, source, fixtures };
}

/** Every listed rule's evidence, read once from the results file. */
export function ruleEvidence(ruleIds: readonly string[], file: string = FIXTURE_RESULTS_FILE): Record<string, RuleEvidence> {
  const recorded = readResults(file);
  return Object.fromEntries(ruleIds.map((ruleId) => [ruleId, evidenceFrom(ruleId, recorded)]));
}
