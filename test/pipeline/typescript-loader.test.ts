import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/environments';
import { SYNTH_NODE_ARGS } from '../support/run-synth';
import { tempDir } from '../support/temp-dir';

/**
 * `npm run synth` runs TypeScript through pipeline/typescript-loader.cjs (esbuild with an on-disk cache).
 * What a user relies on: it runs what is on disk now (never a stale transform), TypeScript lines in
 * stack traces under DEBUG.
 */
const LOADER = path.join(REPO_ROOT, 'pipeline', 'typescript-loader.cjs');

function runTypeScript(file: string, env: NodeJS.ProcessEnv = {}) {
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('DEBUG' in env)) delete environment.DEBUG;
  return spawnSync(process.execPath, ['--require', LOADER, file], { encoding: 'utf8', env: environment, timeout: 30_000 });
}

describe('the TypeScript loader of npm run synth', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = tempDir('ts-loader-');
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('runs TypeScript with extensionless imports, type-only syntax and class fields', () => {
    fs.writeFileSync(
      path.join(scratch, 'shape.ts'),
      'export interface Shape { readonly sides: number }\nexport class Square implements Shape { readonly sides: number = 4; }\n',
    );
    fs.writeFileSync(
      path.join(scratch, 'main.ts'),
      "import { Square, type Shape } from './shape';\nconst shape: Shape = new Square();\nconsole.log(`sides=${shape.sides}`);\n",
    );
    const run = runTypeScript(path.join(scratch, 'main.ts'));
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('sides=4');
  });

  it('runs the file as it is now, not an earlier transform of it', () => {
    const file = path.join(scratch, 'value.ts');
    fs.writeFileSync(file, "const value: string = 'first';\nconsole.log(value);\n");
    expect(runTypeScript(file).stdout.trim()).toBe('first');
    fs.writeFileSync(file, "const value: string = 'second';\nconsole.log(value);\n");
    expect(runTypeScript(file).stdout.trim()).toBe('second');
    // Back to the first content: served from the cache, still right.
    fs.writeFileSync(file, "const value: string = 'first';\nconsole.log(value);\n");
    expect(runTypeScript(file).stdout.trim()).toBe('first');
  });

  it('points stack traces at TypeScript lines when DEBUG is set', () => {
    const file = path.join(scratch, 'boom.ts');
    fs.writeFileSync(file, "interface Unused { readonly a: string }\n\nexport function boom(): never {\n  throw new Error('boom');\n}\nboom();\n");
    const run = runTypeScript(file, { DEBUG: '1' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${file}:4:`);
  });

  it('is what npm run synth runs main.ts with', () => {
    expect(SYNTH_NODE_ARGS).toEqual(['--require', LOADER, path.join(REPO_ROOT, 'main.ts')]);
  });
});
