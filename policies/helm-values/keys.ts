/**
 * The committed key sets of the pinned Helm charts (`keys/` derived by `npm run helm:keys` from
 * `charts/`, `curated/` written by hand for charts whose values file is not there), and
 * the check every `helm_release` goes through: each values key we set must exist in the chart version.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OPEN_BLOCKS, openPath, unknownKeys, type KeyTree } from './derive';
import type { ImageSpec } from './images';

export interface ChartKeys {
  readonly chart: string;
  readonly version: string;
  /** Values files the tree was derived from (or, for curated files, where the keys were read). */
  readonly sources: readonly string[];
  /** Curated by hand because `charts/` has no values file for the chart. */
  readonly curated?: string;
  readonly tree: KeyTree;
  /** The chart's default image specs by values path (sub-charts under their name or alias). */
  readonly images?: Readonly<Record<string, ImageSpec>>;
}

export const DERIVED_KEYS_DIR = path.join(__dirname, 'keys');
export const CURATED_KEYS_DIR = path.join(__dirname, 'curated');

export const keysFileName = (chart: string, version: string): string => `${chart}-${version}.json`;

const cache = new Map<string, ChartKeys | undefined>();

/** The key set of `chart` at `version`, or undefined when none is committed. */
export function chartKeys(chart: string, version: string): ChartKeys | undefined {
  const name = keysFileName(chart, version);
  if (!cache.has(name)) {
    const file = [DERIVED_KEYS_DIR, CURATED_KEYS_DIR].map((dir) => path.join(dir, name)).find((candidate) => fs.existsSync(candidate));
    const keys = file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ChartKeys) : undefined;
    // Curated files get the documented open blocks too (derived files already carry them).
    cache.set(name, keys && { ...keys, tree: (OPEN_BLOCKS[keys.chart] ?? []).reduce((tree, block) => openPath(tree, block.path), keys.tree) });
  }
  return cache.get(name);
}

/** Every committed key set (derived and curated). */
export function allChartKeys(): ChartKeys[] {
  return [DERIVED_KEYS_DIR, CURATED_KEYS_DIR]
    .filter((dir) => fs.existsSync(dir))
    .flatMap((dir) =>
      fs
        .readdirSync(dir)
        .filter((file) => file.endsWith('.json'))
        .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ChartKeys),
    );
}

/** The chart's name from a `helm_release.chart` value (`repo/name`, a URL or a local path). */
export function chartName(chart: string): string {
  return chart
    .replace(/\/+$/, '')
    .split('/')
    .pop()!
    .replace(/-\d+\.\d+\.\d+.*\.tgz$/, '');
}

export type ValuesKeyCheck = { readonly known: false } | { readonly known: true; readonly unknown: readonly string[] };

/** Which keys of `values` the pinned chart does not have; `known: false` when no key set is committed. */
export function checkValuesKeys(chart: string, version: string, values: unknown): ValuesKeyCheck {
  const keys = chartKeys(chartName(chart), version);
  if (!keys) return { known: false };
  return { known: true, unknown: unknownKeys(keys.tree, values) };
}
