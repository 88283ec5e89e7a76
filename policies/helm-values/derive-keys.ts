/**
 * `npm run helm:keys [-- <charts dir>]`: derives the key set of every chart whose default values are in
 * the charts folder (default `policies/helm-values/charts`, the pinned charts' values files vendored
 * with their source and licence in this folder's README) and writes
 * `policies/helm-values/keys/<chart>-<version>.json`. Rules: see `derive.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { parse } from 'yaml';
import { parseCommandLine, runCommand } from '../../cli/command-line';
import { deriveKeyTree, mergeTrees, OPEN_BLOCKS, openPath, sortTree, type KeyTree } from './derive';
import { imageDefaults, type ImageSpec } from './images';
import { CURATED_KEYS_DIR, DERIVED_KEYS_DIR, keysFileName, type ChartKeys } from './keys';

/** The pinned charts' default values (and Chart.yaml where a chart has sub-charts), kept in the repository. */
export const DEFAULT_REFERENCE_DIR = path.join(__dirname, 'charts');

interface ReferenceChart {
  readonly chart: string;
  readonly version: string;
  readonly valuesFile: string;
  readonly chartFile?: string;
}

const VALUES_FILE = /^(.+)-(\d+\.\d+\.\d+[^/]*)\.values\.yaml$/;

function referenceCharts(referenceDir: string): ReferenceChart[] {
  return fs
    .readdirSync(referenceDir)
    .sort()
    .flatMap((file) => {
      const match = VALUES_FILE.exec(file);
      if (!match) return [];
      const [, chart, version] = match as unknown as [string, string, string];
      const chartFile = path.join(referenceDir, `${chart}-${version}.Chart.yaml`);
      return [{ chart, version, valuesFile: file, ...(fs.existsSync(chartFile) ? { chartFile: path.basename(chartFile) } : {}) }];
    });
}

/** The key files for every chart of `referenceDir`, by file name, as they are committed. */
export function deriveAll(referenceDir: string): Map<string, string> {
  const charts = referenceCharts(referenceDir);
  const curated = fs.existsSync(CURATED_KEYS_DIR)
    ? fs
        .readdirSync(CURATED_KEYS_DIR)
        .filter((file) => file.endsWith('.json'))
        .map((file) => JSON.parse(fs.readFileSync(path.join(CURATED_KEYS_DIR, file), 'utf8')) as ChartKeys)
    : [];
  const output = new Map<string, string>();
  for (const reference of charts) {
    const valuesText = fs.readFileSync(path.join(referenceDir, reference.valuesFile), 'utf8');
    let tree: KeyTree = deriveKeyTree(valuesText);
    const images: Record<string, ImageSpec> = imageDefaults(parse(valuesText));
    const sources = [reference.valuesFile];
    if (reference.chartFile) {
      const chartYaml = parse(fs.readFileSync(path.join(referenceDir, reference.chartFile), 'utf8')) as {
        dependencies?: { name: string; alias?: string; version?: string }[];
      };
      for (const dependency of chartYaml.dependencies ?? []) {
        // Prefer the exact version; a wildcard or a different pinned version falls back to the one
        // file the reference holds for that sub-chart (recorded in `sources`).
        const candidates = charts.filter((chart) => chart.chart === dependency.name);
        const sub = candidates.find((chart) => chart.version === dependency.version) ?? candidates[candidates.length - 1];
        const key = dependency.alias ?? dependency.name;
        const parentSection = typeof tree === 'object' ? tree[key] : undefined;
        let subTree: KeyTree | undefined;
        let subImages: Readonly<Record<string, ImageSpec>> = {};
        if (sub) {
          const subText = fs.readFileSync(path.join(referenceDir, sub.valuesFile), 'utf8');
          subTree = deriveKeyTree(subText);
          subImages = imageDefaults(parse(subText));
          sources.push(sub.valuesFile);
        } else {
          const hand = curated.find((keys) => keys.chart === dependency.name && keys.version === dependency.version);
          if (hand) {
            subTree = hand.tree;
            subImages = hand.images ?? {};
            sources.push(`curated/${keysFileName(hand.chart, hand.version)}`);
          }
        }
        // The parent's own overrides of a sub-chart image win (they are merged over the sub-chart's).
        for (const [imagePath, spec] of Object.entries(subImages)) images[`${key}.${imagePath}`] = { ...spec, ...(images[`${key}.${imagePath}`] ?? {}) };
        if (subTree && typeof tree === 'object') tree = { ...tree, [key]: parentSection ? mergeTrees(parentSection, subTree) : subTree };
      }
    }
    for (const block of OPEN_BLOCKS[reference.chart] ?? []) tree = openPath(tree, block.path);
    const sortedImages = Object.fromEntries(
      Object.keys(images)
        .sort()
        .map((imagePath) => [imagePath, images[imagePath]!]),
    );
    const keys: ChartKeys = { chart: reference.chart, version: reference.version, sources, tree: sortTree(tree), images: sortedImages };
    output.set(keysFileName(reference.chart, reference.version), `${JSON.stringify(keys, null, 1)}\n`);
  }
  return output;
}

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('helm:keys')
    .description('Derive the values-key set of every pinned chart into policies/helm-values/keys/')
    .argument('[charts-dir]', 'folder of <chart>-<version>.values.yaml (and .Chart.yaml) files', path.relative(process.cwd(), DEFAULT_REFERENCE_DIR))
    .addHelpText('after', '\nExit codes: 0 · 2 unusable input or command line.');
  const parsed = parseCommandLine(program, argv);
  if (parsed !== undefined) return parsed;
  const referenceDir = path.resolve(program.processedArgs[0] as string);
  if (!fs.existsSync(referenceDir)) {
    process.stderr.write(`helm:keys: charts folder ${referenceDir} does not exist\n`);
    return 2;
  }
  fs.mkdirSync(DERIVED_KEYS_DIR, { recursive: true });
  for (const [file, content] of deriveAll(referenceDir)) {
    fs.writeFileSync(path.join(DERIVED_KEYS_DIR, file), content);
    process.stdout.write(`wrote ${path.relative(process.cwd(), path.join(DERIVED_KEYS_DIR, file))}\n`);
  }
  return 0;
}

if (require.main === module) runCommand('helm:keys', () => main(process.argv.slice(2)));
