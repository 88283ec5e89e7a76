/**
 * Issue 19: hostile files fed to the loader, `check` and `netpol`. The cases that hung or exhausted
 * memory before the fix (FIFO, /dev/zero) run `check` and `netpol` in a child process with a timeout, in
 * hostile-input-child-process.test.ts (full suite).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironmentFile, loadEnvironments, loadEnvironmentText } from '../../environments/load';
import { loadInputs, InputError } from '../../policies/inputs';
import { loadWaivers } from '../../policies/waivers';
import { runNetpol } from '../../cli/netpol';
import { runCheck } from '../../cli/check';
import { describeUnexpectedFailure } from '../../main';
import { REPO_ROOT } from '../support/environments';
import { tempDir } from '../support/temp-dir';

const temp = tempDir('hostile-');
const prodText = fs.readFileSync(path.join(REPO_ROOT, 'environments/prod.yaml'), 'utf8');
const source = { file: 'environments/prod.yaml', name: 'prod' };
const problemsOf = (text: string) => {
  const result = loadEnvironmentText(text, source);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};
const aliasBomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  '',
].join('\n');

function quiet(): { out: string[]; io: { stdout: (t: string) => void; stderr: (t: string) => void } } {
  const out: string[] = [];
  return { out, io: { stdout: (t) => out.push(t), stderr: (t) => out.push(t) } };
}

describe('environment files', () => {
  it('finds a duplicate among 40,000 keys in linear time (the yaml library took minutes)', () => {
    const text = `${Array.from({ length: 40_000 }, (_, index) => `k${index}: ${index}`).join('\n')}\nk7: again\n`;
    const started = performance.now();
    const problems = problemsOf(text);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(problems).toEqual([expect.objectContaining({ line: 40_001, keyPath: 'k7', message: expect.stringMatching(/Map keys must be unique: "k7"/) })]);
  }, 30_000);

  it('refuses a file over 5 MB before parsing it, and says the limit', () => {
    const file = path.join(temp, 'big.yaml');
    fs.writeFileSync(file, `site: ${'x'.repeat(6 * 1024 * 1024)}\n`);
    const result = loadEnvironmentFile(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/larger than the 5 MB limit/);
  });

  it('refuses more than 100,000 lines before parsing', () => {
    expect(problemsOf('\n'.repeat(150_000))[0]!.message).toMatch(/more than 100000 lines/);
  });

  it('an alias bomb is a located problem (file and line), not a thrown error', () => {
    const [problem] = problemsOf(aliasBomb);
    expect(problem).toMatchObject({ file: 'environments/prod.yaml', line: 2, message: expect.stringMatching(/aliases expand to too many values/) });
  });

  it('100,000-deep nesting is a problem with the file, not a stack overflow', () => {
    const [problem] = problemsOf(`site: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(problem!.file).toBe('environments/prod.yaml');
    expect(problem!.message).toMatch(/nested deeper than 256 levels|YAML syntax error/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key inside a record, naming the key path', (key) => {
    const text = prodText.replace('namespaces:\n', `namespaces:\n  ${key}: { segment: medical }\n`);
    expect(problemsOf(text)).toContainEqual(expect.objectContaining({ keyPath: `namespaces.${key}`, message: expect.stringMatching(/reserved word/) }));
  });

  it('refuses an environment file that links outside the repository, without echoing its content', () => {
    const directory = path.join(temp, 'linked');
    fs.mkdirSync(directory);
    const secret = path.join(tempDir('hostile-secret-'), 'secret.txt');
    fs.writeFileSync(secret, 'root:$6$hash:19000:0:99999:7:::\nadmin: hunter2\n');
    fs.symlinkSync(secret, path.join(directory, 'prod.yaml'));
    expect(() => loadEnvironments(directory)).toThrow(/prod\.yaml: is a symbolic link to a file outside the repository/);
    try {
      loadEnvironments(directory);
    } catch (error) {
      expect((error as Error).message).not.toMatch(/hunter2|root:|hostile-secret/);
    }
  });

  it('does not echo a multi-line document read as a value', () => {
    const [problem] = problemsOf('root:$6$hash:19000\nsecond line of a foreign file\n');
    expect(problem!.message).not.toMatch(/root|foreign/);
  });

  it('a FIFO as environment file exits 2 naming it (it blocked forever)', () => {
    const directory = path.join(temp, 'fifo-env');
    fs.cpSync(path.join(REPO_ROOT, 'environments'), directory, {
      recursive: true,
      filter: (entry) => !entry.includes('schema') && (fs.statSync(entry).isDirectory() || entry.endsWith('.yaml')),
    });
    fs.rmSync(path.join(directory, 'dev.yaml'));
    execFileSync('mkfifo', [path.join(directory, 'dev.yaml')]);
    const result = loadEnvironmentFile(path.join(directory, 'dev.yaml'));
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual(['is a named pipe (FIFO), expected a regular file']);
  });
});

describe('waivers and check inputs', () => {
  it('an alias bomb in waivers is unusable input with the line', () => {
    const file = path.join(temp, 'waivers.yaml');
    fs.writeFileSync(file, `waivers: []\n${aliasBomb}`);
    expect(() => loadWaivers(file, new Date())).toThrow(InputError);
    expect(() => loadWaivers(file, new Date())).toThrow(/waivers\.yaml:3: aliases expand/);
  });

  it('a 100,000-deep JSON input is refused with its file (was "Maximum call stack size exceeded")', async () => {
    const file = path.join(temp, 'deep.tf.json');
    fs.writeFileSync(file, `{"resource": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    await expect(loadInputs([file])).rejects.toThrow(/deep\.tf\.json: .*nested deeper than 256 levels/);
  });

  it('check and netpol refuse an alias-bomb manifest with exit 2 and the line', async () => {
    const file = path.join(temp, 'bomb.yaml');
    fs.writeFileSync(file, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  ${aliasBomb.split('\n').join('\n  ')}`);
    const netpol = quiet();
    expect(await runNetpol([file], netpol.io)).toBe(2);
    expect(netpol.out.join('')).toMatch(/bomb\.yaml:6: .*aliases expand/);
    expect(netpol.out.join('')).not.toMatch(/unexpected error/);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCheck([file, '--no-waivers'])).toBe(2);
      expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toMatch(/bomb\.yaml: line 6: .*aliases expand/);
    } finally {
      stderr.mockRestore();
    }
  });

  it('a report that cannot be written is exit 2 naming the file', async () => {
    const blocker = path.join(temp, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const input = path.join(REPO_ROOT, 'test/policies/fixtures/tfjson');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runCheck([input, '--no-waivers', '--out', path.join(blocker, 'report.txt')])).toBe(2);
      expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toMatch(
        /--out .*not-a-folder\/report\.txt: cannot write the report \((ENOTDIR|EEXIST)\)/,
      );
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
  });
});

describe('synth failures', () => {
  it('a file-system failure is exit 3 with the path, never 1 (the blocking-finding code)', () => {
    const error = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC', syscall: 'write', path: '/data/metrics.json' });
    expect(describeUnexpectedFailure(error)).toEqual({ exitCode: 3, message: expect.stringContaining('/data/metrics.json: write failed (ENOSPC)') });
    expect(describeUnexpectedFailure(new RangeError('Maximum call stack size exceeded')).exitCode).toBe(2);
  });
});
