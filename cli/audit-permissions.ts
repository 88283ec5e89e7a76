/**
 * `npm run audit:permissions -- [paths…] [--current FILE] [--previous FILE] [--env NAME] [--out DIR]`
 *
 * The quarterly access review: computes the permission matrix (role × namespace × resource × verb) of
 * each environment from synthesized Terraform (default `cdktf.out/stacks/*\/cdk.tf.json`), prints it as
 * Markdown, and with `--previous` (last quarter's `<env>-permissions.json`) prints the difference so the
 * review reads only what changed. `--out DIR` writes `<env>-permissions.{json,md}` there. `--current`
 * takes this quarter's matrix as `npm run synth` wrote it (`reports/` or, when the gate blocked,
 * `reports-blocked/`) instead of computing it: the quarter's review gets its diff even when synth blocks.
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

function readMatrix(option: '--previous' | '--current', file: string): PermissionMatrix {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseMatrix(text, file);
}

/** The matrices of this run: the one `--current` names, or those computed from the Terraform inputs. */
async function currentMatrices(
  given: readonly string[],
  options: { current?: string; env?: string },
  previous?: PermissionMatrix,
): Promise<PermissionMatrix[]> {
  const wanted = options.env ?? previous?.environment;
  if (options.current !== undefined) {
    if (given.length > 0) throw new UsageError('give either --current FILE or Terraform paths, not both');
    const current = readMatrix('--current', options.current);
    if (wanted !== undefined && wanted !== current.environment)
      throw new UsageError(`--current ${options.current} is environment "${current.environment}", but ${options.env ? '--env' : '--previous'} is "${wanted}"`);
    return [current];
  }
  const paths = given.length > 0 ? given : defaultPaths();
  if (paths.length === 0) throw new UsageError('no input: give cdk.tf.json paths, or run `npm run synth` first (cdktf.out/stacks/*/cdk.tf.json)');
  const { resources } = await loadInputs(paths);
  const estate = buildEstate(resources);
  if (wanted && !estate.environments.includes(wanted)) {
    throw new UsageError(`environment "${wanted}" is not in the input (found: ${estate.environments.join(', ') || 'none'})`);
  }
  return (wanted ? [wanted] : [...estate.environments].sort()).map((environment) => permissionMatrix(estate, environment));
}

export async function runAuditPermissions(argv: readonly string[], io: AuditIo = defaultIo): Promise<number> {
  const program = new Command('audit:permissions')
    .description('Permission matrix of the synthesized RBAC, and its difference from the previous quarter')
    .argument('[paths...]', 'cdk.tf.json files or folders (default: cdktf.out/stacks/*/cdk.tf.json)')
    .option('--current <file>', "this quarter's <env>-permissions.json as npm run synth wrote it (reports/ or reports-blocked/), instead of Terraform paths")
    .option('--previous <file>', "last quarter's <env>-permissions.json: print what changed since")
    .option('--env <name>', 'only this environment (default: every environment found; with --previous, the environment named in that file)')
    .option('--out <dir>', 'also write <env>-permissions.json and .md (with the diff) into this folder')
    .addHelpText('after', '\nExit codes: 0 · 2 unusable input or command line.');
  const parsed = parseCommandLine(program, argv, io);
  if (parsed !== undefined) return parsed;
  const options = program.opts<{ current?: string; previous?: string; env?: string; out?: string }>();
  try {
    const previous = options.previous ? readMatrix('--previous', options.previous) : undefined;
    for (const matrix of await currentMatrices(program.args, options, previous)) {
      const environment = matrix.environment;
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
