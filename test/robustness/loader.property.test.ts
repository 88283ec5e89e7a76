import fc from 'fast-check';
import { stringify } from 'yaml';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadEnvironmentText } from '../../environments/load';
import { REPO_ROOT } from '../support/environments';

/**
 * Whatever YAML a person writes, the loader returns a value or located problems; it never throws.
 * Documents are drawn from arbitrary YAML values, arbitrary text, and mutations of a real environment
 * (the interesting case: almost-valid files).
 */
const source = { file: 'environments/prop.yaml', name: 'prop' };
const prod = parse(fs.readFileSync(path.join(REPO_ROOT, 'environments/prod.yaml'), 'utf8')) as Record<string, unknown>;

function expectStructured(text: string): void {
  const result = loadEnvironmentText(text, source);
  if (result.ok) {
    expect(result.environment.name).toBe('prop');
    return;
  }
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(problem.file).toBe(source.file);
    expect(typeof problem.keyPath).toBe('string');
    expect(problem.message.length).toBeGreaterThan(0);
  }
}

/** Replaces the value at a random path of the document with another value. */
const mutation = fc.record({
  path: fc.array(fc.oneof(fc.constantFrom(...Object.keys(prod)), fc.string(), fc.nat(5)), { minLength: 1, maxLength: 5 }),
  value: fc.jsonValue(),
});

function applyMutation(document: unknown, keys: readonly (string | number)[], value: unknown): unknown {
  if (keys.length === 0) return value;
  const [head, ...rest] = keys;
  if (Array.isArray(document)) {
    const copy = [...document];
    const index = typeof head === 'number' ? head % Math.max(copy.length, 1) : 0;
    copy[index] = applyMutation(copy[index], rest, value);
    return copy;
  }
  if (document !== null && typeof document === 'object') {
    const record = document as Record<string, unknown>;
    const key = typeof head === 'number' ? (Object.keys(record)[head % Math.max(Object.keys(record).length, 1)] ?? String(head)) : head!;
    return { ...record, [key]: applyMutation(record[key], rest, value) };
  }
  return applyMutation({}, keys, value);
}

describe('environment loader, property-based', () => {
  it('never throws on arbitrary YAML values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expectStructured(stringify(value))),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => expectStructured(text)),
      { numRuns: 300 },
    );
  });

  it('never throws on mutations of a real environment, and names the path it rejects', () => {
    fc.assert(
      fc.property(mutation, ({ path: keys, value }) => expectStructured(stringify(applyMutation(prod, keys, value)))),
      { numRuns: 300 },
    );
  });
});
