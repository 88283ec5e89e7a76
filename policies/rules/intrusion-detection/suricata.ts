/**
 * Suricata as it will run: the DaemonSets whose containers execute `suricata` (by command, by a shell
 * script, or by the image's entrypoint), the CronJobs whose containers execute `suricata-update`, and
 * the files their containers read from mounted ConfigMaps. Recognised by what runs, never by a name or
 * label, so a renamed or relabelled sensor is still judged.
 */
import { CRON_JOB_TYPES, containersOf, DAEMON_SET_TYPES, namespaceOf, podSpecOf, type ContainerRef } from '../../kubernetes';
import { isUnknown, type Estate, type Resource } from '../../model';
import { blocks, get, isObject, map, str, type Values } from '../../values';

const basename = (path: string): string => path.split('/').pop() ?? path;

/** Shell words of a script (quotes respected; `;`, `&&`, `||`, `|` end a command). */
export function shellCommands(script: string): string[][] {
  const commands: string[][] = [[]];
  for (const match of script.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(;|&&|\|\||\||\n)|([^\s'";&|]+)/g)) {
    if (match[3]) commands.push([]);
    else commands[commands.length - 1]!.push(match[1] ?? match[2]?.replace(/\\(.)/g, '$1') ?? match[4]!);
  }
  return commands.filter((command) => command.length > 0);
}

/** `registry/mirror/suricata:8.0.2@sha256:…` → `suricata`. */
const repositoryName = (image: string): string => basename(image.split('@')[0]!).split(':')[0]!;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

/**
 * The command lines a container runs (argv lists): its command + args, or the commands of a shell
 * script it runs with `sh -c`. Undefined when part of it is known only after apply.
 */
export function commandLines(container: Values): string[][] | undefined {
  const command = container.command;
  const args = container.args;
  if (isUnknown(command) || isUnknown(args)) return undefined;
  const argv = [...(Array.isArray(command) ? command : []), ...(Array.isArray(args) ? args : [])].map(String);
  if (argv.some((word) => word.includes('${'))) return undefined;
  if (argv.length > 0 && SHELLS.has(basename(argv[0]!))) {
    const script = argv[argv.indexOf('-c') + 1];
    if (argv.includes('-c') && script !== undefined) return shellCommands(script);
  }
  return argv.length > 0 ? [argv] : [];
}

/** The argv of `program` within a container (the first command line running it), if it runs it. */
export function invocation(container: Values, program: string): string[] | undefined {
  const lines = commandLines(container);
  if (lines === undefined) return undefined;
  for (const line of lines) {
    const index = line.findIndex((word) => basename(word) === program);
    if (index >= 0) return line.slice(index);
  }
  // No command: the image's entrypoint runs (the Suricata images start `suricata`).
  const image = str(container.image);
  if (lines.length === 0 && image && program === 'suricata' && repositoryName(image) === 'suricata') return [program];
  return undefined;
}

/** Containers of a workload that run `program`. */
export const runningContainers = (resource: Resource, program: string): { ref: ContainerRef; argv: string[] }[] =>
  containersOf(resource).flatMap((ref) => {
    if (ref.init) return [];
    const argv = invocation(ref.container, program);
    return argv ? [{ ref, argv }] : [];
  });

export const suricataSensors = (estate: Estate, environment: string): Resource[] =>
  DAEMON_SET_TYPES.flatMap((type) => estate.byType(type, environment)).filter((resource) => runningContainers(resource, 'suricata').length > 0);

export const ruleUpdateJobs = (estate: Estate, environment: string): Resource[] =>
  CRON_JOB_TYPES.flatMap((type) => estate.byType(type, environment)).filter((resource) => runningContainers(resource, 'suricata-update').length > 0);

/** The value of an option (`--opt value` or `--opt=value`) in an argv. */
export function option(argv: readonly string[], ...names: string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index]!;
    for (const name of names) {
      if (word === name) return argv[index + 1];
      if (word.startsWith(`${name}=`)) return word.slice(name.length + 1);
    }
  }
  return undefined;
}

export interface MountedFile {
  /** The file's content, or undefined when it is not from a ConfigMap of the configuration. */
  readonly content?: string;
  /** Where it comes from, for messages: `ConfigMap security/suricata-config key enable.conf`. */
  readonly source: string;
}

/** The volume a path of a container lies on (the longest mount path that contains it). */
export function volumeAt(resource: Resource, container: Values, path: string): { volume: Values; mountPath: string; subPath?: string } | undefined {
  const mounts = blocks(container.volume_mount).filter((mount) => {
    const mountPath = str(mount.mount_path);
    return mountPath !== undefined && (path === mountPath || path.startsWith(`${mountPath.replace(/\/$/, '')}/`));
  });
  const mount = mounts.sort((a, b) => String(b.mount_path).length - String(a.mount_path).length)[0];
  if (!mount) return undefined;
  const volume = blocks(podSpecOf(resource)?.spec.volume).find((candidate) => candidate.name === mount.name);
  if (!volume) return undefined;
  const subPath = str(mount.sub_path);
  return { volume, mountPath: String(mount.mount_path), ...(subPath ? { subPath } : {}) };
}

/** The content of a file a container reads, when it comes from a ConfigMap of the same configuration. */
export function mountedFile(estate: Estate, resource: Resource, container: Values, path: string): MountedFile {
  const found = volumeAt(resource, container, path);
  if (!found) return { source: `${path} (on no volume: the image's own file)` };
  const configMap = get(found.volume, 'config_map[0]');
  if (!isObject(configMap)) return { source: `${path} (volume ${String(found.volume.name)} is not a ConfigMap)` };
  const name = str(configMap.name);
  const namespace = namespaceOf(resource);
  const relative = found.subPath ?? path.slice(found.mountPath.replace(/\/$/, '').length + 1);
  const item = blocks(configMap.items).find((entry) => entry.path === relative);
  const key = item ? String(item.key) : relative;
  const source = `ConfigMap ${String(namespace)}/${name ?? '?'} key ${key}`;
  const holder = ['kubernetes_config_map_v1', 'kubernetes_config_map']
    .flatMap((type) => estate.byType(type, resource.environment))
    .find((candidate) => get(candidate.values, 'metadata[0].name') === name && namespaceOf(candidate) === namespace);
  if (!holder) return { source: `${source} (not in this configuration)` };
  const data = map(holder.values, 'data');
  if (isUnknown(data)) return { source: `${source} (known only after apply)` };
  const content = data[key];
  return typeof content === 'string' ? { content, source } : { source: `${source} (no such key)` };
}

/** The PersistentVolumeClaim a volume mounts, if it is one. */
export const claimOf = (volume: Values): string | undefined => str(get(volume, 'persistent_volume_claim[0].claim_name'));
