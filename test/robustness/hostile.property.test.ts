import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { loadEnvironmentText } from '../../environments/load';
import { parseWaivers } from '../../policies/waivers';
import { loadInputs, InputError } from '../../policies/inputs';
import { runNetpol } from '../../cli/netpol';
import { tempDir } from '../support/temp-dir';

/**
 * Random and adversarial files (alias chains, deep nesting, reserved keys, duplicate keys, control
 * characters, huge scalars) fed to the environment loader, the waiver parser, the `check` input reader
 * and `netpol`: every case ends within a time bound with a value, located problems or exit 0/1/2 and a
 * message naming the file, never a crash, a stack overflow or an unexpected error.
 */
const CASE_MS = 2_000;
const temp = tempDir('hostile-prop-');

const adversarial = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => `a: ${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => `{"a": ${'{"b": '.repeat(depth)}1${'}'.repeat(depth)}}`),
  fc
    .integer({ min: 2, max: 12 })
    .map((levels) =>
      [
        'l0: &l0 [x, x, x, x, x, x, x, x, x, x]',
        ...Array.from({ length: levels }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`),
      ].join('\n'),
    ),
  fc
    .constantFrom('__proto__', 'constructor', 'prototype', 'toString')
    .map((key) => `namespaces:\n  ${key}: { segment: medical }\nclinicalSystems:\n  ${key}: {}\n`),
  fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 2, maxLength: 50 }).map((keys) => keys.map((key, index) => `${key}: ${index}`).join('\n')),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.nat(200_000).map((length) => `site: "${'x'.repeat(length)}"`),
);

const timed = async <T>(work: () => T | Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  expect(performance.now() - started).toBeLessThan(CASE_MS);
  return result;
};

describe('hostile input, property-based', () => {
  // Retained heap, measured after a full collection: garbage the cases leave for the collector says
  // nothing about a leak or an expansion that is kept (the per-case time bound catches an expansion).
  v8.setFlagsFromString('--expose-gc');
  const collect = vm.runInNewContext('gc') as () => void;
  const retainedHeap = (): number => {
    collect();
    return process.memoryUsage().heapUsed;
  };
  const heapBefore = retainedHeap();
  afterAll(() => {
    // A memory bound: the cases together left less than 512 MB more heap retained than before them.
    expect(retainedHeap() - heapBefore).toBeLessThan(512 * 1024 * 1024);
  });

  it('the environment loader returns a value or located problems', async () => {
    await fc.assert(
      fc.asyncProperty(adversarial, async (text) => {
        const result = await timed(() => loadEnvironmentText(text, { file: 'environments/fuzz.yaml', name: 'fuzz' }));
        if (!result.ok) for (const problem of result.problems) expect(problem.file).toBe('environments/fuzz.yaml');
      }),
      { numRuns: 80 },
    );
  }, 60_000);

  it('the waiver parser returns waivers or problems, or refuses the file as unusable', async () => {
    await fc.assert(
      fc.asyncProperty(adversarial, async (text) => {
        await timed(() => {
          try {
            parseWaivers(`waivers:\n  - ${text.replace(/\n/g, '\n    ')}`, 'waivers.yaml', new Date());
            parseWaivers(text, 'waivers.yaml', new Date());
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            expect((error as Error).message).toMatch(/^waivers\.yaml/);
          }
        });
      }),
      { numRuns: 80 },
    );
  }, 60_000);

  it('check inputs and netpol end with exit 0, 1 or 2 and a message naming the file', async () => {
    let count = 0;
    await fc.assert(
      fc.asyncProperty(adversarial, fc.constantFrom('.yaml', '.json', '.tf.json'), async (text, extension) => {
        const file = path.join(temp, `case-${count++}${extension}`);
        fs.writeFileSync(file, text);
        await timed(async () => {
          try {
            await loadInputs([file]);
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            expect((error as Error).message).toContain(path.basename(file));
          }
        });
        const out: string[] = [];
        const code = await timed(() => runNetpol([file, '--format', 'json'], { stdout: () => undefined, stderr: (t) => out.push(t) }));
        expect([0, 1, 2]).toContain(code);
        if (code === 2) {
          expect(out.join('')).toContain(path.basename(file));
          expect(out.join('')).not.toMatch(/unexpected error|Maximum call stack/);
        }
      }),
      { numRuns: 80 },
    );
  }, 60_000);
});
