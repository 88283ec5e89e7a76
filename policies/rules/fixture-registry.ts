/**
 * A rule and its fixtures as one unit, found by file name: rule `<category>/<name>` is exported by
 * `policies/rules/<category>/<name>.ts` and its fixtures by `<category>/<name>.fixtures.ts` beside it. The
 * category index registers only the rule, so there is no second list to keep in step, and the engine's
 * path (`allRules`) never loads a fixture. Only tests, benchmarks and the fixture run import this module.
 *
 * `registryProblems` is the check that makes the hand-written category indexes safe: every rule file is
 * registered, every registered rule lives in the file its id names and has fixtures there, and no
 * fixtures file is left without its rule.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Rule } from '../model';
import type { RuleFixtures } from './fixtures';
import { allRules } from './index';

/** The folder holding one folder per rule category. */
export const RULES_DIR = __dirname;

export interface RuleUnit {
  readonly rule: Rule;
  readonly fixtures: RuleFixtures;
  /** Relative to the repository root, for messages: `policies/rules/workload/no-privileged.fixtures.ts`. */
  readonly fixturesFile: string;
}

// Synchronous on purpose: jest declares one test per fixture while it collects the test file, before any
// asynchronous work could finish.
const load = createRequire(__filename);
const relative = (file: string): string => path.relative(path.resolve(RULES_DIR, '../..'), file).split(path.sep).join('/');

const isRule = (value: unknown): value is Rule =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Rule).id === 'string' &&
  typeof (value as Rule).evaluate === 'function' &&
  'severity' in value;
const isRuleFixtures = (value: unknown): value is RuleFixtures =>
  typeof value === 'object' && value !== null && typeof (value as RuleFixtures).ruleId === 'string' && Array.isArray((value as RuleFixtures).pass);

const exportsOf = (file: string): unknown[] => Object.values(load(file) as Record<string, unknown>);

/** The fixtures exported beside a rule's file; throws naming the file when they are missing or ambiguous. */
function fixturesOf(rule: Rule, rulesDir: string): { fixtures: RuleFixtures; file: string } {
  const file = path.join(rulesDir, `${rule.id}.fixtures.ts`);
  if (!fs.existsSync(file)) throw new Error(`${relative(file)}: missing (every rule keeps its fixtures beside it)`);
  const found = exportsOf(file).filter(isRuleFixtures);
  const own = found.filter((fixtures) => fixtures.ruleId === rule.id);
  if (own.length !== 1 || found.length !== 1) {
    throw new Error(
      `${relative(file)}: expected one export of RuleFixtures with ruleId "${rule.id}", found ruleIds [${found.map((fixtures) => fixtures.ruleId).join(', ')}]`,
    );
  }
  return { fixtures: own[0]!, file };
}

/** Every rule with its fixtures, in `allRules` order. */
export function ruleUnits(rules: readonly Rule[] = allRules, rulesDir: string = RULES_DIR): RuleUnit[] {
  return rules.map((rule) => {
    const { fixtures, file } = fixturesOf(rule, rulesDir);
    return { rule, fixtures, fixturesFile: relative(file) };
  });
}

/** Disagreements between the rule folders and the registered rules (empty when the index is complete). */
export function registryProblems(rules: readonly Rule[] = allRules, rulesDir: string = RULES_DIR): string[] {
  const problems: string[] = [];
  const registered = new Set(rules);
  const ids = rules.map((rule) => rule.id);
  for (const id of new Set(ids)) if (ids.filter((other) => other === id).length > 1) problems.push(`${id}: registered twice`);
  for (const rule of rules) {
    if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(rule.id)) problems.push(`${rule.id}: not a <category>/<kebab-name> id`);
    const file = path.join(rulesDir, `${rule.id}.ts`);
    if (!fs.existsSync(file) || !exportsOf(file).includes(rule))
      problems.push(`${rule.id}: not exported by ${relative(file)} (a rule lives in the file its id names)`);
    try {
      const { fixtures, file: fixturesFile } = fixturesOf(rule, rulesDir);
      if (fixtures.pass.length === 0 || fixtures.fail.length === 0)
        problems.push(`${relative(fixturesFile)}: needs at least one passing and one failing fixture`);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  for (const category of fs.readdirSync(rulesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const name of fs.readdirSync(path.join(rulesDir, category.name)).sort()) {
      if (!name.endsWith('.ts')) continue;
      const file = path.join(rulesDir, category.name, name);
      if (name.endsWith('.fixtures.ts')) {
        const id = `${category.name}/${name.slice(0, -'.fixtures.ts'.length)}`;
        if (!ids.includes(id)) problems.push(`${relative(file)}: fixtures of ${id}, which no category index registers`);
        continue;
      }
      for (const rule of exportsOf(file).filter(isRule)) {
        if (!registered.has(rule)) problems.push(`${relative(file)}: exports ${rule.id}, which no category index registers`);
      }
    }
  }
  return problems;
}
