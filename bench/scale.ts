import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { formatMs, markdownTable, type BenchSection } from './measure';

const REPO_ROOT = path.resolve(__dirname, '..');

/** The hospitals of a generated group, in order: the stack names its environments get. */
const groupHospitalNames = (count: number): string[] => Array.from({ length: count }, (_, index) => `hospital-${String(index + 1).padStart(3, '0')}`);

/** A regional group of `count` hospitals, every one built from the shipped prod environment. */
export function writeGroupEnvironments(directory: string, count: number): void {
  // Each hospital polls its own machine room, one SNMP target per device the plan expects of an
  // environment it does not list (policies/plan.yaml monitoring.machineRoom.devices: 1 UPS, 1 probe;
  // machine-room-snmp finds a device polled by two environments), inside the SNMP range prod's network
  // flows admit and above the template's own devices (.11–.21).
  const firstAddress = 30;
  const maxHospitals = Math.floor((254 - firstAddress + 1) / 2);
  if (count > maxHospitals) throw new Error(`at most ${maxHospitals} hospitals share the template's machine-room range 10.0.8.0/24, got ${count}`);
  const hospitals = groupHospitalNames(count).map((hospital, index) => {
    const ups = `{ name: ups-room, address: 10.0.8.${firstAddress + 2 * index}, module: apcups }`;
    const probe = `{ name: env-probe-room, address: 10.0.8.${firstAddress + 2 * index + 1}, module: apcups }`;
    return `  ${hospital}: { template: tertiary, overrides: { monitoring: { machineRoom: { snmpTargets: [${ups}, ${probe}] } } } }`;
  });
  fs.writeFileSync(
    path.join(directory, 'regional.group.yaml'),
    [
      'group: regional-health-group',
      'templates:',
      '  tertiary:',
      `    extends: ${path.join(REPO_ROOT, 'environments', 'prod.yaml')}`,
      '    overrides:',
      '      site: "{{hospital}}"',
      '      cluster: { kubeconfig: { path: ~/.kube/config, context: "{{hospital}}" } }',
      '      backend: { schemaName: "{{hospital}}" }',
      'hospitals:',
      ...hospitals,
    ].join('\n'),
  );
}

interface Metrics {
  readonly environments: number;
  readonly phases: Record<string, number>;
  readonly mainPeakMemoryBytes: number;
  readonly mainPeakDuringSynthesisBytes: number;
  readonly workerPeakMemoryBytes: readonly number[];
}

/**
 * The most memory the run held at once: during synthesis this process and its workers ran together
 * (their peaks summed, an upper bound); the gate and reports run in this process alone afterwards.
 */
const concurrentPeak = (metrics: Metrics): number =>
  Math.max(metrics.mainPeakDuringSynthesisBytes + metrics.workerPeakMemoryBytes.reduce((sum, bytes) => sum + bytes, 0), metrics.mainPeakMemoryBytes);

/**
 * The operations plan for such a group: the shipped plan with every hospital placed at the main site
 * (whose object stores the prod template backs up to), so the backup rules can tell its local copies
 * from its off-site ones. A plan file that does not place an environment is a finding, as it should be.
 */
export function writeGroupPlan(file: string, count: number): void {
  const plan = parseDocument(fs.readFileSync(path.join(REPO_ROOT, 'policies', 'plan.yaml'), 'utf8'));
  plan.setIn(['backup', 'sites', 'main', 'environments'], groupHospitalNames(count));
  fs.writeFileSync(file, plan.toString());
}

/** One run of the main job (synthesis + gate + reports) over a generated group of clusters. */
function runMainJob(count: number): { wallMs: number; metrics: Metrics; exitCode: number | null } {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `bench-scale-${count}-`));
  try {
    const environmentsDir = path.join(scratch, 'environments');
    fs.mkdirSync(environmentsDir);
    writeGroupEnvironments(environmentsDir, count);
    const planFile = path.join(scratch, 'plan.yaml');
    writeGroupPlan(planFile, count);
    const metricsFile = path.join(scratch, 'metrics.json');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PLATFORM_ENVIRONMENTS_DIR: environmentsDir,
      PLATFORM_OUTPUT_DIR: path.join(scratch, 'out'),
      PLATFORM_METRICS_FILE: metricsFile,
      PLATFORM_PLAN_FILE: planFile,
    };
    delete env.CDKTF_OUTDIR;
    const started = performance.now();
    const result = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [path.join(REPO_ROOT, 'main.ts')], {
      env,
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
    });
    const wallMs = performance.now() - started;
    // Exit 1 (blocking findings) still ran the whole job; 2 or a crash did not.
    if (result.status !== 0 && result.status !== 1) throw new Error(`main job failed for ${count} clusters: ${result.stderr.slice(-2000)}`);
    return { wallMs, metrics: JSON.parse(fs.readFileSync(metricsFile, 'utf8')) as Metrics, exitCode: result.status };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const MiB = 2 ** 20;

/**
 * Synthesis + gate + reports for 1, 10 and 100 clusters. Goals: 100 clusters take ≤ 110× one cluster,
 * and the processes together stay under 2 GB at their peaks.
 */
export function benchScale(sizes: readonly number[] = [1, 10, 100]): BenchSection {
  const rows: string[][] = [];
  const results = sizes.map((count) => ({ count, ...runMainJob(count) }));
  for (const { count, wallMs, metrics, exitCode } of results) {
    const peak = concurrentPeak(metrics);
    rows.push([
      String(count),
      formatMs(wallMs),
      ...Object.values(metrics.phases).map(formatMs),
      String(metrics.workerPeakMemoryBytes.length || 'in process'),
      `${(metrics.mainPeakMemoryBytes / MiB).toFixed(0)} MiB`,
      metrics.workerPeakMemoryBytes.map((bytes) => `${(bytes / MiB).toFixed(0)} MiB`).join(' + ') || '—',
      `${(peak / MiB).toFixed(0)} MiB`,
      String(exitCode),
    ]);
  }
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const growth = last.wallMs / first.wallMs;
  const peakOfLargest = concurrentPeak(last.metrics);
  return {
    title: 'Main job at scale (generated regional group, every hospital a copy of prod)',
    markdown: markdownTable(
      ['clusters', 'wall time', ...Object.keys(first.metrics.phases), 'workers', 'main process peak RSS', 'worker peak RSS', 'peak RSS held at once', 'exit'],
      rows,
    ),
    goals: [
      {
        goal: `${last.count} clusters ≤ ${Math.round((last.count / first.count) * 1.1)}× the time of ${first.count}`,
        met: growth <= (last.count / first.count) * 1.1,
        measured: `${growth.toFixed(1)} ×`,
      },
      {
        goal: 'peak memory < 2 GB (main process and workers together)',
        met: peakOfLargest < 2 * 1024 ** 3,
        measured: `${(peakOfLargest / MiB).toFixed(0)} MiB`,
      },
    ],
  };
}
