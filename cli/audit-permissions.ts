/**
 * `npm run audit:permissions -- [paths…] [--previous FILE] [--env NAME] [--out DIR]`
 *
 * The quarterly access review: computes the permission matrix (role × namespace × resource × verb) of
 * each environment from synthesized Terraform (default `cdktf.out/stacks/*\/cdk.tf.json`), prints it as
 * Markdown, and with `--previous` (last quarter's `<env>-permissions.json`) prints the difference so the
 * review reads only what changed. `--out DIR` writes `<env>-permissions.{json,md}` there.
 * Exit codes: 0 · 2 unusable input (the message names the file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { buildEstate, InputError, loadInputs } from '../policies';
import {
  diffMarkdown,
  diffMatrices,
  MatrixFileError,
  matrixJson,
  matrixMarkdown,
  parseMatrix,
  permissionMatrix,
  type PermissionMatrix,
} from '../policies/rbac';
import { parseCommandLine, runCommand } from './command-line';

export interface AuditIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}
const defaultIo: AuditIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

class UsageError extends Error {}

/** `cdktf.out/stacks/<env>/cdk.tf.json` of every synthesized environment. */
function defaultPaths(): string[] {
  const stacks = path.join('cdktf.out', 'stacks');
  if (!fs.existsSync(stacks)) return [];
  return fs
    .readdirSync(stacks)
    .map((environment) => path.join(stacks, environment, 'cdk.tf.json'))
    .filter((file) => fs.existsSync(file));
}

function readPrevious(file: string): PermissionMatrix {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--previous ${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseMatrix(text, file);
}

export async function runAuditPermissions(argv: readonly string[], io: AuditIo = defaultIo): Promise<number> {
  const program = new Command('audit:permissions')
    .description('Permission matrix of the synthesized RBAC, and its difference from the previous quarter')
    .argument('[paths...]', 'cdk.tf.json files or folders (default: cdktf.out/stacks/*/cdk.tf.json)')
    .option('--previous <file>', "last quarter's <env>-permissions.json: print what changed since")
    .option('--env <name>', 'only this environment (default: every environment found; with --previous, the environment named in that file)')
    .option('--out <dir>', 'also write <env>-permissions.json and .md (with the diff) into this folder')
    .addHelpText('after', '\nExit codes: 0 · 2 unusable input or command line.');
  const parsed = parseCommandLine(program, argv, io);
  if (parsed !== undefined) return parsed;
  const options = program.opts<{ previous?: string; env?: string; out?: string }>();
  try {
    const given = program.args;
    const paths = given.length > 0 ? given : defaultPaths();
    if (paths.length === 0) throw new UsageError('no input: give cdk.tf.json paths, or run `npm run synth` first (cdktf.out/stacks/*/cdk.tf.json)');
    const previous = options.previous ? readPrevious(options.previous) : undefined;
    const { resources } = await loadInputs(paths);
    const estate = buildEstate(resources);
    const wanted = options.env ?? previous?.environment;
    const environments = wanted ? [wanted] : [...estate.environments].sort();
    if (wanted && !estate.environments.includes(wanted)) {
      throw new UsageError(`environment "${wanted}" is not in the input (found: ${estate.environments.join(', ') || 'none'})`);
    }
    for (const environment of environments) {
      const matrix = permissionMatrix(estate, environment);
      const diff = previous ? { diff: diffMatrices(previous, matrix), previousLabel: options.previous! } : undefined;
      io.stdout(diff ? `# Permissions — ${environment}\n\n${diffMarkdown(diff.diff, diff.previousLabel)}` : matrixMarkdown(matrix));
      if (options.out) {
        fs.mkdirSync(options.out, { recursive: true });
        fs.writeFileSync(path.join(options.out, `${environment}-permissions.json`), matrixJson(matrix));
        fs.writeFileSync(path.join(options.out, `${environment}-permissions.md`), matrixMarkdown(matrix, diff));
        io.stderr(`wrote ${path.join(options.out, `${environment}-permissions.{json,md}`)}\n`);
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError || error instanceof MatrixFileError) {
      io.stderr(`audit:permissions: ${error.message}\n`);
      return 2;
    }
    io.stderr(`audit:permissions: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    return 2;
  }
}

if (require.main === module) runCommand('audit:permissions', () => runAuditPermissions(process.argv.slice(2)));
