/**
 * One entry for every input the analysis accepts: a synthesized `cdk.tf.json` (or any Terraform the
 * policy engine reads: `*.tf.json`, folders of `*.tf`, plan JSON) and files or folders of plain
 * Kubernetes manifests. Terraform goes through the engine's adapters (references resolved, unknowns
 * marked); manifests through `kubernetes-yaml.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadInputs, InputError } from '../inputs';
import { isTerraformDocument } from '../inputs/configuration';
import { isPlanDocument } from '../inputs/plan';
import { MAX_INPUT_BYTES, readRegularFile, UnusableFileError } from '../inputs/read-file';
import { buildCluster, type Cluster } from './cluster';
import { NetworkInputError } from './errors';
import { clusterFromManifests, manifestFiles } from './kubernetes-yaml';
import { clusterFromResources } from './terraform';

/** Whether a JSON/YAML file is Terraform (by name, or by its top-level keys for `.json`). */
function isTerraformFile(file: string, text: () => string): boolean {
  if (file.endsWith('.tf.json') || file.endsWith('.tf')) return true;
  if (!file.toLowerCase().endsWith('.json')) return false;
  try {
    const json: unknown = JSON.parse(text());
    return isTerraformDocument(json) || isPlanDocument(json);
  } catch {
    return false;
  }
}

/** Reads a file or folder into the connectivity model; unusable input throws NetworkInputError. */
export async function loadNetworkModel(target: string): Promise<Cluster> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new NetworkInputError(`${target}: no such file or folder`);
  }
  const candidates = stat.isDirectory() ? [...manifestFiles(target), ...terraformHclFiles(target)] : [target];
  if (candidates.length === 0)
    throw new NetworkInputError(`${target}: no Kubernetes manifests (*.yaml, *.yml, *.json) or Terraform files found in this folder`);
  const terraform: string[] = [];
  const manifests: { file: string; text: string }[] = [];
  for (const file of candidates) {
    let content: string | undefined;
    const text = (): string => {
      try {
        return (content ??= readRegularFile(file, { maxBytes: MAX_INPUT_BYTES }));
      } catch (error) {
        if (error instanceof UnusableFileError) throw new NetworkInputError(error.message);
        throw error;
      }
    };
    if (isTerraformFile(file, text)) terraform.push(file);
    else manifests.push({ file, text: text() });
  }
  const parts: Cluster[] = [];
  if (manifests.length > 0) parts.push(clusterFromManifests(manifests));
  if (terraform.length > 0) {
    try {
      const { resources } = await loadInputs(terraform);
      parts.push(clusterFromResources(resources));
    } catch (error) {
      if (error instanceof InputError) throw new NetworkInputError(error.message);
      throw error;
    }
  }
  return parts.length === 1 ? parts[0]! : mergeClusters(parts);
}

function terraformHclFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.tf')) found.push(full);
    }
  };
  walk(folder);
  return found.sort();
}

export function mergeClusters(clusters: readonly Cluster[]): Cluster {
  return buildCluster({
    namespaces: clusters.flatMap((c) => c.namespaces.filter((n) => n.source)),
    workloads: clusters.flatMap((c) => c.workloads.map(({ id: _id, ...w }) => w)),
    policies: clusters.flatMap((c) => c.policies),
    adminPolicies: clusters.flatMap((c) => c.adminPolicies),
    baselinePolicies: clusters.flatMap((c) => (c.baselinePolicy ? [c.baselinePolicy] : [])),
    warnings: clusters.flatMap((c) => c.warnings),
    unknowns: clusters.flatMap((c) => c.unknowns),
    rejected: clusters.flatMap((c) => c.rejected),
  });
}
