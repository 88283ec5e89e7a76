/**
 * Side by side with np-guard's netpol-analyzer (`netpolicy list`): the same generated Kubernetes YAML
 * the network benchmark uses, as processes (median wall time), and the workload pairs each tool finds
 * connected compared one by one.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { analyzeCluster, clusterFromManifests } from '../policies/network';
import { formatMs, markdownTable, median, timeCommand, type BenchSection } from './measure';
import { generateManifests } from './network';
import { findPeer } from './peers';

const REPO_ROOT = path.resolve(__dirname, '..');
const SIZES: readonly number[] = [125, 500];

/** `ns/name` of a netpolicy peer (`ns/name[Deployment]`), or undefined for IP ranges. */
export function workloadOf(peer: string): string | undefined {
  const match = /^([^/\s[]+\/[^/\s[]+)\[[A-Za-z]+\]$/.exec(peer);
  return match?.[1];
}

/** Ordered workload pairs (`src -> dst`, self excluded) with any allowed traffic, per netpolicy's JSON list. */
export function netpolicyPairs(output: string): Set<string> {
  const connections = JSON.parse(output) as readonly { src: string; dst: string; conn: string }[];
  const pairs = new Set<string>();
  for (const { src, dst } of connections) {
    const from = workloadOf(src);
    const to = workloadOf(dst);
    if (from && to && from !== to) pairs.add(`${from} -> ${to}`);
  }
  return pairs;
}

function ourPairs(yamlText: string): Set<string> {
  const analysis = analyzeCluster(clusterFromManifests([{ file: 'cluster.yaml', text: yamlText }]));
  const pairs = new Set<string>();
  for (const { src, dst } of analysis.connections) {
    if (!src.startsWith('external:') && !dst.startsWith('external:') && src !== dst) pairs.add(`${src} -> ${dst}`);
  }
  return pairs;
}

export async function benchNetpolAnalyzer(runs: number): Promise<BenchSection> {
  const title = 'np-guard netpol-analyzer side by side (generated clusters of the network benchmark)';
  // netpolicy has no version flag: bench/install-peers.sh builds v1.3.1.
  const peer = findPeer('netpolicy', {
    envVariable: 'NETPOLICY',
    cached: 'bin/netpolicy',
    versionArgs: ['--help'],
    versionLabel: 'netpol-analyzer (netpolicy) v1.3.1',
  });
  if ('missing' in peer) return { title, markdown: `Skipped: ${peer.missing}. Install: \`bash bench/install-peers.sh\`.`, goals: [] };
  const rows: string[][] = [];
  const ratios: string[] = [];
  for (const size of SIZES) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-netpol-analyzer-'));
    try {
      const text = generateManifests(size, size)
        .map((object) => stringify(object))
        .join('---\n');
      fs.writeFileSync(path.join(scratch, 'cluster.yaml'), text);
      const oursArgs = ['cli/netpol.ts', scratch, '--format', 'json'];
      const theirsArgs = ['list', '--dirpath', scratch, '-o', 'json', '-q'];
      const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let run = 0; run < runs; run++) {
        ours.push(timeCommand(tsx, oursArgs, { cwd: REPO_ROOT }));
        theirs.push(timeCommand(peer.command, theirsArgs, { cwd: REPO_ROOT }));
      }
      const listed = spawnSync(peer.command, theirsArgs, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
      const theirPairs = netpolicyPairs(listed.stdout);
      const mine = ourPairs(text);
      const both = [...mine].filter((pair) => theirPairs.has(pair)).length;
      const onlyOurs = [...mine].filter((pair) => !theirPairs.has(pair));
      const onlyTheirs = [...theirPairs].filter((pair) => !mine.has(pair));
      rows.push([
        `${size} / ${size}`,
        formatMs(median(ours)),
        formatMs(median(theirs)),
        `${(median(theirs) / median(ours)).toFixed(2)} ×`,
        String(mine.size),
        String(theirPairs.size),
        String(both),
        onlyOurs.length ? `${onlyOurs.length} (e.g. ${onlyOurs[0]})` : '0',
        onlyTheirs.length ? `${onlyTheirs.length} (e.g. ${onlyTheirs[0]})` : '0',
      ]);
      ratios.push(`${size}: ${(median(theirs) / median(ours)).toFixed(2)} ×`);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  const table = markdownTable(
    [
      'workloads / policies',
      '`npm run netpol`',
      '`netpolicy list`',
      'netpolicy ÷ ours',
      'pairs (ours)',
      'pairs (netpolicy)',
      'in both',
      'only ours',
      'only netpolicy',
    ],
    rows,
  );
  return {
    title: `${title}, median of ${runs} runs`,
    markdown: [
      table,
      '',
      `${peer.version}; both as processes on the same YAML folder (start-up included). A pair is an ordered (source workload, destination workload) with any allowed connection; IP-block endpoints are left out of the comparison because the two tools split address ranges differently.`,
    ].join('\n'),
    goals: [],
  };
}
