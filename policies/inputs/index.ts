/**
 * Input adapters: paths (tf.json files, folders of `*.tf` / `*.tf.json`, plan JSON, Kubernetes YAML or
 * JSON manifests) → normalized resources. Unusable input throws an InputError naming the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Resource } from '../model';
import { isTerraformDocument, resourcesFromConfiguration } from './configuration';
import { InputError } from './errors';
import { readKubernetesYaml } from './kubernetes-yaml';
import { resourcesFromManifests, type ManifestFile } from './manifests';
import { isPlanDocument, resourcesFromPlan } from './plan';
import { excessiveNesting, MAX_INPUT_BYTES, NESTING_MESSAGE, readRegularFile, UnusableFileError } from './read-file';

export { InputError } from './errors';
export { BACKEND_RESOURCE_TYPE } from './configuration';
export { KNOWN_MAP_ATTRIBUTES } from './normalize';

export type InputKind = 'terraform-json' | 'hcl' | 'plan' | 'kubernetes';

export interface LoadOptions {
  /** A `terraform show -json` plan to read besides the paths. */
  readonly plan?: string;
  /** Environment for every input; default: the `cdktf.out/stacks/<env>/` folder, else the file's folder name. */
  readonly env?: string;
  /** Files are reported relative to this directory (default: process.cwd()). */
  readonly cwd?: string;
}

export interface LoadedInput {
  readonly file: string;
  readonly kind: InputKind;
  readonly environment: string;
  readonly resources: number;
}

export interface LoadedInputs {
  readonly resources: Resource[];
  readonly inputs: LoadedInput[];
  /** Files a folder held that are not input (a chart's values.yaml, a CI file): one line each, naming the file. */
  readonly warnings: string[];
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.terraform', '.git']);
const YAML_FILE = /\.ya?ml$/i;

/** The environment a file belongs to (see LoadOptions.env). */
export function environmentOf(file: string, override?: string): string {
  if (override) return override;
  const parts = path.resolve(file).split(path.sep);
  const stacks = parts.lastIndexOf('stacks');
  if (stacks >= 0 && stacks < parts.length - 2) return parts[stacks + 1];
  return parts[parts.length - 2] ?? 'default';
}

/** Reads every input; all-or-nothing (the first unusable input throws). */
export async function loadInputs(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedInputs> {
  const cwd = options.cwd ?? process.cwd();
  const display = (file: string): string => path.relative(cwd, path.resolve(cwd, file)) || file;
  const loaded: { resources: Resource[]; input: LoadedInput }[] = [];
  const warnings: string[] = [];

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const stat = statOrThrow(absolute, display(absolute));
    if (stat.isDirectory()) {
      const found = findInputFiles(absolute);
      // A folder of manifests is one cluster: its objects are judged together (namespaces, policies, workloads).
      const manifests = readManifestFiles(found.yaml, display, warnings);
      if (found.json.length === 0 && found.hclFolders.size === 0 && manifests.length === 0) {
        throw new InputError(display(absolute), 'no Terraform files (*.tf, *.tf.json) or Kubernetes manifests (*.yaml, *.yml) found in this folder');
      }
      for (const file of found.json) loaded.push(readJsonFile(file, display(file), options.env));
      for (const [folder, files] of found.hclFolders) loaded.push(await readHclFiles(folder, files, display, options.env));
      if (manifests.length > 0) loaded.push(manifestInput(manifests, display(absolute), environmentOf(path.join(absolute, '-'), options.env)));
    } else if (absolute.endsWith('.tf')) {
      loaded.push(await readHclFiles(path.dirname(absolute), [absolute], display, options.env));
    } else if (YAML_FILE.test(absolute)) {
      const file = display(absolute);
      const read = readKubernetesYaml(file, readText(absolute, file));
      if (read.kind === 'not-kubernetes') throw new InputError(file, `not a Kubernetes manifest: ${read.reason}`);
      loaded.push(manifestInput([{ file, objects: read.objects }], file, environmentOf(absolute, options.env)));
    } else {
      loaded.push(readJsonFile(absolute, display(absolute), options.env));
    }
  }
  if (options.plan) {
    const absolute = path.resolve(cwd, options.plan);
    const file = display(absolute);
    const json = parseJsonFile(absolute, file);
    const environment = environmentOf(absolute, options.env);
    const resources = resourcesFromPlan(json, { file, environment });
    loaded.push({ resources, input: { file, kind: 'plan', environment, resources: resources.length } });
  }
  return { resources: loaded.flatMap((entry) => entry.resources), inputs: loaded.map((entry) => entry.input), warnings };
}

function manifestInput(files: readonly ManifestFile[], label: string, environment: string): { resources: Resource[]; input: LoadedInput } {
  const resources = resourcesFromManifests(files, environment);
  return { resources, input: { file: label, kind: 'kubernetes', environment, resources: resources.length } };
}

/** The YAML files of a folder that hold Kubernetes objects; the others are named in `warnings` and skipped. */
function readManifestFiles(files: readonly string[], display: (file: string) => string, warnings: string[]): ManifestFile[] {
  const manifests: ManifestFile[] = [];
  for (const absolute of files) {
    const file = display(absolute);
    const read = readKubernetesYaml(file, readText(absolute, file));
    if (read.kind === 'objects') manifests.push({ file, objects: read.objects });
    else warnings.push(`${file}: skipped, ${read.reason}`);
  }
  return manifests;
}

/** In-memory Terraform JSON (e.g. what `npm run synth` just synthesized) → resources. */
export function resourcesFromTerraformJson(json: unknown, source: { file: string; environment: string }): Resource[] {
  if (!isTerraformDocument(json)) {
    throw new InputError(source.file, `not Terraform JSON (expected one of the top-level keys resource, terraform, provider, …)`);
  }
  return resourcesFromConfiguration({ documents: [{ file: source.file, json }], environment: source.environment, file: source.file });
}

export { resourcesFromPlan } from './plan';

function statOrThrow(absolute: string, file: string): fs.Stats {
  try {
    return fs.statSync(absolute);
  } catch {
    throw new InputError(file, 'no such file or folder');
  }
}

/** Every input file is read here: regular files of at most MAX_INPUT_BYTES (no FIFO, no /dev/zero). */
export function readText(absolute: string, file: string): string {
  try {
    return readRegularFile(absolute, { maxBytes: MAX_INPUT_BYTES, display: file });
  } catch (error) {
    if (error instanceof UnusableFileError)
      throw new InputError(file, error.code && !['ENOENT', 'EACCES', 'EPERM', 'EISDIR'].includes(error.code) ? `cannot read: ${error.code}` : error.reason);
    throw error;
  }
}

function parseJsonFile(absolute: string, file: string): unknown {
  const text = readText(absolute, file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `invalid JSON: ${(error as Error).message}`);
  }
  // The adapters walk documents recursively: a 100,000-deep array is refused here, with the file.
  const deep = excessiveNesting(json);
  if (deep !== undefined) throw new InputError(file, NESTING_MESSAGE, deep);
  return json;
}

/** A JSON file is a plan or Terraform JSON, decided by its content (plans carry `resource_changes`). */
function readJsonFile(absolute: string, file: string, env: string | undefined): { resources: Resource[]; input: LoadedInput } {
  const json = parseJsonFile(absolute, file);
  const environment = environmentOf(absolute, env);
  if (isPlanDocument(json)) {
    const resources = resourcesFromPlan(json, { file, environment });
    return { resources, input: { file, kind: 'plan', environment, resources: resources.length } };
  }
  if (!isTerraformDocument(json) && isKubernetesDocument(json)) {
    // `kubectl get -o json` output: JSON is YAML, so the manifest reader reads it (lists included).
    const read = readKubernetesYaml(file, readText(absolute, file));
    if (read.kind === 'objects') return manifestInput([{ file, objects: read.objects }], file, environment);
  }
  const resources = resourcesFromTerraformJson(json, { file, environment });
  return { resources, input: { file, kind: 'terraform-json', environment, resources: resources.length } };
}

async function readHclFiles(
  folder: string,
  files: readonly string[],
  display: (file: string) => string,
  env: string | undefined,
): Promise<{ resources: Resource[]; input: LoadedInput }> {
  // @cdktf/hcl2json is HashiCorp's own HCL parser compiled to WebAssembly: the same grammar Terraform reads.
  const { parse } = await import('@cdktf/hcl2json');
  const documents: { file: string; json: Record<string, unknown> }[] = [];
  for (const absolute of files) {
    const file = display(absolute);
    if (absolute.endsWith('.tf.json')) {
      const json = parseJsonFile(absolute, file);
      if (!isTerraformDocument(json)) throw new InputError(file, 'not Terraform JSON');
      documents.push({ file, json });
      continue;
    }
    const text = readText(absolute, file);
    let json: Record<string, unknown>;
    try {
      json = await parse(path.basename(absolute), text);
    } catch (error) {
      throw new InputError(file, `invalid HCL: ${String((error as Error).message ?? error).split('\n')[0]}`);
    }
    documents.push({ file, json });
  }
  const environment = environmentOf(files[0], env);
  const label = files.length === 1 ? display(files[0]) : display(folder);
  const resources = resourcesFromConfiguration({ documents, environment, file: documents[0]?.file ?? label });
  return { resources, input: { file: label, kind: 'hcl', environment, resources: resources.length } };
}

const isKubernetesDocument = (json: unknown): boolean =>
  typeof json === 'object' &&
  json !== null &&
  !Array.isArray(json) &&
  typeof (json as Record<string, unknown>).apiVersion === 'string' &&
  typeof (json as Record<string, unknown>).kind === 'string';

function findInputFiles(root: string): { json: string[]; hclFolders: Map<string, string[]>; yaml: string[] } {
  const json: string[] = [];
  const yaml: string[] = [];
  const hclFolders = new Map<string, string[]>();
  const walk = (folder: string, hidden: boolean): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      throw new InputError(
        path.relative(process.cwd(), folder) || folder,
        `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full, hidden || entry.name.startsWith('.'));
      } else if (YAML_FILE.test(entry.name)) {
        // Hidden folders (.github, .gitlab-ci) hold tool configuration, never cluster objects.
        if (!hidden) yaml.push(full);
      } else if (entry.name.endsWith('.tf.json')) {
        json.push(full);
      } else if (entry.name.endsWith('.tf')) {
        const list = hclFolders.get(folder) ?? [];
        list.push(full);
        hclFolders.set(folder, list);
      }
    }
  };
  walk(root, false);
  // Terraform reads `*.tf` and `*.tf.json` of one folder as one configuration.
  const standalone = json.filter((file) => {
    const hcl = hclFolders.get(path.dirname(file));
    if (hcl) hcl.push(file);
    return !hcl;
  });
  return { json: standalone, hclFolders, yaml };
}
