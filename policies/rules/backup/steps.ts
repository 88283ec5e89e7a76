/**
 * What one container of a backup CronJob does, judged by what it runs: the script its command names
 * (read from the ConfigMap it is mounted from) or the program it starts, and its arguments. A script is
 * recognised by the commands it contains, not by its file or container name:
 *
 * - engine backup: `xtrabackup|mariabackup … --backup`, `pgbackrest … backup`, RMAN `BACKUP … DATABASE`;
 *   its first argument says `full` or `incremental`;
 * - push: `rclone copy|copyto|sync` of `$BACKUP_ROOT` to the script's first argument (a local copy,
 *   an off-site copy or an archive, told apart by where it lands);
 * - pull: `rclone copy|copyto|sync` of the first argument into `$SCRATCH` (a restore drill's fetch);
 * - restore and verify: `xtrabackup --prepare`, `pgbackrest restore`, RMAN `RESTORE DATABASE`, then
 *   `mysqlcheck`, `pg_amcheck`, `VALIDATE DATABASE` (scripts taking a `prepare|verify` stage argument
 *   do one of them per container);
 * - lock check: an S3 object-lock query (`get-object-lock-configuration`, `head-object`) judged
 *   against `$OBJECT_LOCK_MODE` and `$RETENTION_YEARS`.
 *
 * Comments, and everything after an `exit` or `return` at the top level of a script, never count; nor
 * does an rclone copy under `--dry-run` (or `-n`, `--max-transfer=0`), which transfers nothing.
 */
import { isUnknown } from '../../model';
import type { Values } from '../../values';
import { fileText, type PodView } from './pod-files';

export type Engine = 'mysql' | 'postgresql' | 'oracle';
export type BackupLevel = 'full' | 'incremental';

/** What a container starts: a script (its text and positional arguments) or a program with its arguments. */
export interface Invocation {
  /** The script's text as it runs (comments and unreachable code removed). */
  readonly script?: string;
  /** The script file (or `-c` for an inline script), for messages. */
  readonly file?: string;
  /** The program started directly (basename of the command). */
  readonly program?: string;
  /** `$1 …` of a script, or the program's arguments. */
  readonly argv: readonly string[];
  /** Why what the container runs cannot be read. */
  readonly problem?: string;
}

export type Action =
  | { readonly type: 'engine-backup'; readonly engine: Engine; readonly level?: BackupLevel; readonly pgbackrest: boolean }
  /** Copies the backup folder (`$BACKUP_ROOT`, or a path given to rclone) to `destination`. */
  | { readonly type: 'push'; readonly destination?: string; readonly sourcePath?: string }
  /** Copies `source` into the scratch area (`$SCRATCH`). */
  | { readonly type: 'pull'; readonly source?: string }
  | { readonly type: 'restore'; readonly engine: Engine; readonly restores: boolean; readonly verifies: boolean }
  | { readonly type: 'lock-check' }
  | { readonly type: 'other' };

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'zsh', 'busybox']);
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The command and arguments of a container, as Kubernetes runs them (`command` then `args`). */
export function invocationOf(view: PodView, container: Values): Invocation {
  const command = Array.isArray(container.command) ? container.command : container.command === undefined ? [] : [container.command];
  const args = Array.isArray(container.args) ? container.args : container.args === undefined ? [] : [container.args];
  const argv = [...command, ...args];
  if (isUnknown(container.command) || isUnknown(container.args) || argv.some(isUnknown))
    return { argv: [], problem: 'its command or args are known only after apply; failing closed' };
  const words = argv.map((word) => String(word));
  if (command.length === 0) return { argv: words, problem: "it sets no command: it runs its image's entrypoint, which the Terraform does not show" };
  const program = basename(words[0]!);
  if (SHELLS.has(program)) {
    let index = 1;
    if (program === 'busybox') index++; // busybox sh …
    while (index < words.length && words[index]!.startsWith('-')) {
      if (/^-[a-z]*c[a-z]*$/.test(words[index]!)) {
        const text = words[index + 1];
        if (text === undefined) return { argv: [], problem: `${program} -c has no script` };
        // `sh -c TEXT $0 $1 …`
        return { script: runnable(text), file: `${program} -c`, argv: words.slice(index + 3) };
      }
      index++;
    }
    const file = words[index];
    if (file === undefined) return { argv: [], problem: `it starts ${program} without a script` };
    return scriptInvocation(view, container, file, words.slice(index + 1));
  }
  if (words[0]!.endsWith('.sh')) return scriptInvocation(view, container, words[0]!, words.slice(1));
  return { program, argv: words.slice(1) };
}

function scriptInvocation(view: PodView, container: Values, file: string, argv: readonly string[]): Invocation {
  const read = fileText(view, container, file);
  return 'text' in read ? { script: runnable(read.text), file, argv } : { file, argv, problem: `cannot read ${file}: ${read.problem}` };
}

/** The part of a script that runs: without comment lines, trailing comments, or code after a top-level exit/return. */
export function runnable(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (/^(exit|return)\b/.test(line)) break;
    const code = line.replace(/(^|\s)#.*$/, '');
    if (code.trim() !== '') lines.push(code);
  }
  return lines.join('\n');
}

const ENGINE_BACKUP: readonly (readonly [Engine, RegExp, boolean])[] = [
  ['mysql', /\b(?:xtrabackup|mariabackup)\b[^\n]*\s--backup\b/, false],
  ['postgresql', /\bpgbackrest\b[^\n]*\sbackup\b/, true],
  ['oracle', /\bBACKUP\b[^\n]*\bDATABASE\b/i, false],
];
const RCLONE_COPY = /\brclone\s+(?:copy|copyto|sync)\b/;
const PUSH_FROM_BACKUP_ROOT = /\brclone\s+(?:copy|copyto|sync)\b[^\n]*"?\$\{?BACKUP_ROOT\b/;
const FIRST_ARGUMENT = /\$\{?1\b/;
const SCRATCH = /\$\{?SCRATCH\b/;
const RESTORE: readonly (readonly [Engine, RegExp, RegExp])[] = [
  ['mysql', /\bxtrabackup\b[^\n]*\s--prepare\b/, /\bmysqlcheck\b/],
  ['postgresql', /\bpgbackrest\b[^\n]*\srestore\b/, /\bpg_amcheck\b/],
  ['oracle', /\bRESTORE\s+DATABASE\b/i, /\bVALIDATE\s+DATABASE\b/i],
];
const LOCK_QUERY = /\b(?:get-object-lock-configuration|head-object)\b/;
/** rclone options under which it copies nothing, on an rclone line or in an array of options. */
const NO_TRANSFER = /^(?=.*(?:\brclone\b|=\())(?:.*[\s"'(])?(?:--dry-run|-n|--max-transfer[= ]0)(?=$|[\s"')])/m;

/** What a container does, from what it runs. */
export function actionOf(invocation: Invocation): Action {
  const { script, argv } = invocation;
  if (script === undefined) return invocation.program === 'rclone' ? rcloneAction(argv) : { type: 'other' };
  for (const [engine, pattern, pgbackrest] of ENGINE_BACKUP) {
    if (!pattern.test(script) || (engine === 'oracle' && !/\brman\b/.test(script))) continue;
    const level = levelOf(argv[0]);
    return { type: 'engine-backup', engine, pgbackrest, ...(level ? { level } : {}) };
  }
  const copies = !NO_TRANSFER.test(script);
  if (copies && PUSH_FROM_BACKUP_ROOT.test(script) && FIRST_ARGUMENT.test(script))
    return { type: 'push', ...(argv[0] !== undefined ? { destination: argv[0] } : {}) };
  for (const [engine, restores, verifies] of RESTORE) {
    if (!restores.test(script) && !verifies.test(script)) continue;
    // A script with a `prepare|verify` stage argument does one of them per container.
    const staged = /\bprepare\b/.test(script) && /\bverify\b/.test(script) && FIRST_ARGUMENT.test(script);
    const stage = argv[0];
    return {
      type: 'restore',
      engine,
      restores: restores.test(script) && (!staged || stage === 'prepare'),
      verifies: verifies.test(script) && (!staged || stage === 'verify'),
    };
  }
  if (copies && RCLONE_COPY.test(script) && SCRATCH.test(script) && FIRST_ARGUMENT.test(script))
    return { type: 'pull', ...(argv[0] !== undefined ? { source: argv[0] } : {}) };
  if (LOCK_QUERY.test(script) && /\bOBJECT_LOCK_MODE\b/.test(script) && /\bRETENTION_YEARS\b/.test(script)) return { type: 'lock-check' };
  return { type: 'other' };
}

/** `full` / `incremental` (pgBackRest's `incr` too); anything else is no level. */
function levelOf(word: string | undefined): BackupLevel | undefined {
  if (word === 'full') return 'full';
  return word === 'incremental' || word === 'incr' ? 'incremental' : undefined;
}

/** `rclone copy SRC DST` run directly: a push from a local path, or a pull into one. */
function rcloneAction(argv: readonly string[]): Action {
  const positional = argv.filter((word) => !word.startsWith('-'));
  const [command, source, destination] = positional;
  if (!command || !['copy', 'copyto', 'sync'].includes(command) || source === undefined || destination === undefined) return { type: 'other' };
  if (argv.some((word) => word === '--dry-run' || word === '-n' || word === '--max-transfer=0')) return { type: 'other' };
  return source.startsWith('/') ? { type: 'push', sourcePath: source, destination } : { type: 'pull', source };
}

/** A pgBackRest configuration file (INI): section → key → value. */
export function parseIni(text: string): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current = sections.set('global', new Map()).get('global')!;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      const name = section[1]!.trim();
      current = sections.get(name) ?? sections.set(name, new Map()).get(name)!;
      continue;
    }
    const equals = line.indexOf('=');
    if (equals > 0) current.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
  }
  return sections;
}
