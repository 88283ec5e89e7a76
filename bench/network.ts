/**
 * Reachability analysis on generated clusters: 500 workloads with 500 NetworkPolicies (the issue's
 * size), and how the time grows with the number of workloads (125 → 1000, policies = workloads).
 * Goal: `npm run netpol` on the 500/500 cluster finishes faster than synthesizing one environment.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { analyzeCluster, clusterFromManifests, findViolations, parseDenyRule } from '../policies/network';
import { loadEnvironmentFile } from '../environments/load';
import { synthesizeInProcess } from '../pipeline/synthesize';
import { formatMs, markdownTable, median, timeCommand, type BenchSection } from './measure';

const REPO_ROOT = path.resolve(__dirname, '..');
const SEGMENTS = ['guest', 'dmz', 'management', 'medical'] as const;
const WORKLOADS_PER_NAMESPACE = 25;
const GUEST_TO_MEDICAL = 'platform.hospital/segment=guest -> platform.hospital/segment=medical';

/** Deterministic pseudo-random numbers (mulberry32), so every run analyses the same cluster. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Kubernetes objects of a hospital-like cluster: namespaces in four segments, default deny both ways
 * in each, then allow policies (one per workload until `policies` is reached) with namespace AND pod
 * selectors, named and numbered ports, endPort ranges, matchExpressions and ipBlocks. No policy
 * allows guest → medical, so the deny check must scan every connection and find none.
 */
export function generateManifests(workloads: number, policies: number): Record<string, unknown>[] {
  const next = random(workloads * 7919 + policies);
  const namespaces = Math.ceil(workloads / WORKLOADS_PER_NAMESPACE);
  const segmentOfNamespace = (i: number) => SEGMENTS[i % SEGMENTS.length]!;
  const objects: Record<string, unknown>[] = [];
  for (let i = 0; i < namespaces; i++)
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${i}`, labels: { 'platform.hospital/segment': segmentOfNamespace(i) } } });
  for (let j = 0; j < workloads; j++) {
    const ns = Math.floor(j / WORKLOADS_PER_NAMESPACE);
    objects.push({
      apiVersion: 'apps/v1',
      kind: j % 5 === 4 ? 'StatefulSet' : 'Deployment',
      metadata: { name: `app-${j}`, namespace: `ns-${ns}` },
      spec: {
        template: {
          metadata: {
            labels: { 'app.kubernetes.io/name': `app-${j}`, tier: j % 3 === 0 ? 'core' : 'edge', 'platform.hospital/segment': segmentOfNamespace(ns) },
          },
          spec: {
            containers: [
              {
                name: 'main',
                image: 'x',
                ports: [
                  { name: 'http', containerPort: 8080 + (j % 7) },
                  { name: 'metrics', containerPort: 9090 },
                ],
              },
            ],
          },
        },
      },
    });
  }
  let count = 0;
  for (let i = 0; i < namespaces && count < policies; i++, count++)
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: `ns-${i}` },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        egress: [
          {
            to: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    });
  // Segments a segment may talk to (never guest ↔ medical).
  const peersOf: Record<string, readonly string[]> = {
    guest: ['dmz'],
    dmz: ['guest', 'medical', 'management'],
    management: ['dmz', 'medical', 'management'],
    medical: ['dmz', 'management', 'medical'],
  };
  for (let k = 0; count < policies; k++, count++) {
    const j = k % workloads;
    const ns = Math.floor(j / WORKLOADS_PER_NAMESPACE);
    const segment = segmentOfNamespace(ns);
    const allowed = peersOf[segment]!;
    const peerSegment = allowed[Math.floor(next() * allowed.length)]!;
    const callers = Array.from({ length: 3 }, () => `app-${Math.floor(next() * workloads)}`);
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `allow-${k}`, namespace: `ns-${ns}` },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': `app-${j}` } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'platform.hospital/segment': peerSegment } },
                podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: callers }] },
              },
            ],
            ports: [{ port: 'http' }, { port: 'metrics' }],
          },
          ...(segment === 'dmz' ? [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 8443 }] }] : []),
        ],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'platform.hospital/segment': peerSegment } },
                podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['legacy'] }] },
              },
            ],
            ports: [{ port: 8080, endPort: 8086 }, { port: 'metrics' }],
          },
          ...(segment === 'guest'
            ? [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ port: 443 }] }]
            : []),
        ],
      },
    });
  }
  return objects;
}

export interface NetworkMeasurement {
  readonly workloads: number;
  readonly policies: number;
  readonly connections: number;
  /** Median milliseconds: reading the manifests into the model, then the analysis plus the deny check. */
  readonly readMs: number;
  readonly analyseMs: number;
}

/** In-process timing of one size (median of `runs`). */
export function measureNetwork(workloads: number, policies: number, runs: number): NetworkMeasurement {
  const text = generateManifests(workloads, policies)
    .map((o) => stringify(o))
    .join('---\n');
  const deny = [parseDenyRule(GUEST_TO_MEDICAL)];
  const read: number[] = [];
  const analyse: number[] = [];
  let connections = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const cluster = clusterFromManifests([{ file: 'generated.yaml', text }]);
    const t1 = performance.now();
    const analysis = analyzeCluster(cluster);
    const violations = findViolations(analysis, deny);
    const t2 = performance.now();
    if (violations.length > 0) throw new Error(`generated cluster leaks: ${violations[0]!.connection.src} -> ${violations[0]!.connection.dst}`);
    connections = analysis.connections.length;
    read.push(t1 - t0);
    analyse.push(t2 - t1);
  }
  return { workloads, policies, connections, readMs: median(read), analyseMs: median(analyse) };
}

/**
 * Median time of synthesizing the prod environment in this process, the way `npm run synth` does it
 * (pipeline/synthesize.ts; the gate excluded), or undefined when prod cannot be loaded.
 */
function timeOneEnvironmentSynth(runs: number): number | undefined {
  const loaded = loadEnvironmentFile(path.join(REPO_ROOT, 'environments', 'prod.yaml'));
  if (!loaded.ok) {
    process.stderr.write(`network bench: environments/prod.yaml does not load, no comparison: ${loaded.problems[0]?.message}\n`);
    return undefined;
  }
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-network-synth-'));
    try {
      const started = performance.now();
      synthesizeInProcess([loaded.environment], outdir);
      times.push(performance.now() - started);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  return median(times);
}

/** `npm run netpol -- <folder> --deny guest->medical` on the 500/500 cluster, as a process. */
function timeNetpolCommand(runs: number): number {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-network-'));
  try {
    fs.writeFileSync(
      path.join(scratch, 'cluster.yaml'),
      generateManifests(500, 500)
        .map((o) => stringify(o))
        .join('---\n'),
    );
    const times: number[] = [];
    for (let run = 0; run < runs; run++)
      times.push(timeCommand(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['cli/netpol.ts', scratch, '--deny', GUEST_TO_MEDICAL], { cwd: REPO_ROOT }));
    return median(times);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export const NETWORK_BENCH_SIZES: readonly number[] = [125, 250, 500, 1000];

export async function benchNetwork(runs: number): Promise<BenchSection> {
  const measurements = NETWORK_BENCH_SIZES.map((size) => measureNetwork(size, size, runs));
  const rows = measurements.map((m, i) => {
    const previous = measurements[i - 1];
    const growth = previous ? `${((m.readMs + m.analyseMs) / (previous.readMs + previous.analyseMs)).toFixed(2)} ×` : '—';
    return [
      String(m.workloads),
      String(m.policies),
      String(m.connections),
      formatMs(m.readMs),
      formatMs(m.analyseMs),
      formatMs(m.readMs + m.analyseMs),
      growth,
    ];
  });
  const command = timeNetpolCommand(runs);
  const synth = timeOneEnvironmentSynth(runs);
  const size500 = measurements.find((m) => m.workloads === 500)!;
  const analysis500 = size500.readMs + size500.analyseMs;
  const table = markdownTable(['workloads', 'policies', 'connections', 'read YAML', 'analyse + deny check', 'total', 'vs previous size'], rows);
  const notes = [
    '',
    `In-process, 500 workloads / 500 policies: ${formatMs(analysis500)}${synth === undefined ? '' : `; synthesizing prod in-process (pipeline/synthesize.ts, the gate excluded): ${formatMs(synth)}`}. As a process, \`npm run netpol -- <folder> --deny "${GUEST_TO_MEDICAL}"\` takes ${formatMs(command)} (tsx start-up included).`,
    '',
    'Growth: the pair loop is quadratic in workloads, but one array lookup rules out most pairs before any port arithmetic, and selectors are evaluated per namespace; the last column gives the measured factor per doubling of workloads and policies.',
  ];
  return {
    title: `Network reachability analysis (generated clusters, median of ${runs} runs)`,
    markdown: `${table}\n${notes.join('\n')}`,
    goals: [
      synth === undefined
        ? {
            goal: 'analysis of 500 workloads / 500 policies faster than synthesizing one environment',
            met: false,
            measured: `${formatMs(analysis500)} (the synthesis of prod could not be measured)`,
          }
        : {
            goal: 'analysis of 500 workloads / 500 policies faster than synthesizing one environment',
            met: analysis500 < synth,
            measured: `${formatMs(analysis500)} vs ${formatMs(synth)}`,
          },
    ],
  };
}
