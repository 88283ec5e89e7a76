/** Output formats of the analysis: the JSON contract, Markdown for people, DOT and SVG for the graph. */
import type { Connection, NetworkAnalysis } from './analysis';
import { renderDot } from './graphviz';
import type { PortRange } from './ports';
import { EXTERNAL_SEGMENT, isExternal, orderSegments, segmentMatrix, segmentOf } from './segments';

export type NetworkConnectionJson =
  | { readonly src: string; readonly dst: string; readonly all: true }
  | { readonly src: string; readonly dst: string; readonly all: false; readonly ports: readonly PortRange[] };

export interface NetworkJson {
  readonly workloads: readonly string[];
  /** Between distinct endpoints (what netpol-analyzer lists). */
  readonly connections: readonly NetworkConnectionJson[];
  /** Between the replicas of one workload (src = dst); not in `connections` nor in any count. */
  readonly selfConnections: readonly NetworkConnectionJson[];
}

export function connectionJson(connection: Connection): NetworkConnectionJson {
  return connection.ports.any
    ? { src: connection.src, dst: connection.dst, all: true }
    : { src: connection.src, dst: connection.dst, all: false, ports: connection.ports.ranges() };
}

export function toJson(analysis: NetworkAnalysis): NetworkJson {
  return {
    workloads: analysis.cluster.workloads.map((w) => w.id),
    connections: analysis.connections.map(connectionJson),
    selfConnections: analysis.selfConnections.map(connectionJson),
  };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown table of the segment matrix; guest ↔ medical cells carry a warning sign when non-zero. */
export function matrixMarkdown(analysis: NetworkAnalysis): string {
  const matrix = segmentMatrix(analysis);
  const forbidden = (a: string, b: string) => (a === 'guest' && b === 'medical') || (a === 'medical' && b === 'guest');
  const lines = [
    `| from \\ to | ${matrix.segments.join(' | ')} |`,
    `| --- | ${matrix.segments.map(() => '---:').join(' | ')} |`,
    ...matrix.segments.map(
      (src) =>
        `| **${src}** | ${matrix.segments
          .map((dst) => {
            const count = matrix.cells[src]![dst]!;
            if (count === 0) return '·';
            return forbidden(src, dst) ? `**${count} ⚠**` : String(count);
          })
          .join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}

export function toMarkdown(analysis: NetworkAnalysis, title = 'Network reachability'): string {
  const { cluster } = analysis;
  const lines = [`# ${title}`, ''];
  const admin = cluster.adminPolicies.length + (cluster.baselinePolicy ? 1 : 0);
  lines.push(
    `${cluster.workloads.length} workloads, ${cluster.policies.length} NetworkPolicies${admin > 0 ? `, ${cluster.adminPolicies.length} AdminNetworkPolicies${cluster.baselinePolicy ? ' and a BaselineAdminNetworkPolicy' : ''}` : ''}, ${analysis.connections.length} connections (ordered pairs of distinct endpoints with any allowed traffic; traffic between the replicas of one workload is not counted: ${analysis.selfConnections.length} workloads allow it, listed in the JSON output).`,
    '',
  );
  lines.push('## Segment matrix', '', 'Connections from the row segment to the column segment (`·` none).', '', matrixMarkdown(analysis), '');
  lines.push('## Workloads', '', '| workload | kind | segment | container ports |', '| --- | --- | --- | --- |');
  for (const w of cluster.workloads)
    lines.push(
      `| ${cell(w.id)} | ${w.kind}${w.hostNetwork ? ' (host network)' : ''} | ${segmentOf(analysis, w.id)} | ${cell(w.ports.map((p) => `${p.name ? `${p.name}=` : ''}${p.protocol} ${p.port}`).join(', ') || '—')} |`,
    );
  lines.push('', '## Connections', '', '| from | to | traffic |', '| --- | --- | --- |');
  for (const c of analysis.connections) lines.push(`| ${cell(c.src)} | ${cell(c.dst)} | ${cell(c.ports.toString())} |`);
  const implied = cluster.workloads.filter((w) => w.kind === 'Implied').map((w) => w.id);
  const notes = [
    ...cluster.unknowns.map((u) => `known only after apply: ${u}`),
    ...cluster.rejected.map((r) => `rejected input: ${r}`),
    ...cluster.warnings,
    ...(implied.length > 0
      ? [
          `Implied workloads (pods the policies select by labels that no object of the input declares, e.g. a Helm chart's pods; their container ports are unknown): ${implied.join(', ')}`,
        ]
      : []),
    ...(cluster.workloads.some((w) => w.hostNetwork)
      ? ['Host-network workloads are not subject to NetworkPolicies; any ipBlock is assumed to contain their node address unless node CIDRs are given.']
      : []),
  ];
  if (notes.length > 0) lines.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

const SEGMENT_COLOURS: Readonly<Record<string, { fill: string; border: string }>> = {
  guest: { fill: '#fff3e0', border: '#e65100' },
  dmz: { fill: '#fffde7', border: '#f9a825' },
  management: { fill: '#e3f2fd', border: '#1565c0' },
  medical: { fill: '#e8f5e9', border: '#2e7d32' },
  [EXTERNAL_SEGMENT]: { fill: '#f5f5f5', border: '#616161' },
};
const DEFAULT_COLOURS = { fill: '#fafafa', border: '#9e9e9e' };

const quote = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Graphviz DOT: one cluster per segment, each segment one column (rank) laid out left to right in
 * SEGMENT_ORDER (external, guest, dmz, management, medical) by an invisible chain of anchors; edges do
 * not move nodes (constraint=false), so guest and medical always sit at opposite ends with dmz and
 * management between them. Edges between guest and medical (which must not exist) are thick and red.
 */
export function toDot(analysis: NetworkAnalysis, title = 'Network reachability'): string {
  const endpoints = new Set<string>(analysis.cluster.workloads.map((w) => w.id));
  for (const c of analysis.connections) {
    endpoints.add(c.src);
    endpoints.add(c.dst);
  }
  const bySegment = new Map<string, string[]>();
  for (const endpoint of endpoints) {
    const segment = segmentOf(analysis, endpoint);
    bySegment.set(segment, [...(bySegment.get(segment) ?? []), endpoint]);
  }
  const segments = orderSegments(bySegment.keys());
  const lines = [
    'digraph reachability {',
    `  graph [rankdir=LR, newrank=true, compound=true, fontname="Helvetica", label=${quote(title)}, labelloc=t, nodesep=0.3, ranksep=1.2];`,
    '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=8, color="#555555"];',
  ];
  segments.forEach((segment, index) => {
    const colours = SEGMENT_COLOURS[segment] ?? DEFAULT_COLOURS;
    lines.push(`  subgraph ${quote(`cluster_${segment}`)} {`);
    lines.push(
      `    label=${quote(`segment: ${segment}`)}; style="filled,rounded"; fillcolor=${quote(colours.fill)}; color=${quote(colours.border)}; penwidth=2; fontsize=12; margin=14;`,
    );
    lines.push(`    ${quote(`anchor_${index}`)} [style=invis, shape=point, width=0];`);
    const members = bySegment.get(segment)!.sort();
    for (const endpoint of members) lines.push(`    ${quote(endpoint)} [label=${quote(endpoint)}${isExternal(endpoint) ? ', shape=ellipse' : ''}];`);
    lines.push(`    { rank=same; ${[`anchor_${index}`, ...members].map(quote).join('; ')}; }`);
    lines.push('  }');
  });
  for (let i = 1; i < segments.length; i++) lines.push(`  ${quote(`anchor_${i - 1}`)} -> ${quote(`anchor_${i}`)} [style=invis, weight=100];`);
  for (const c of analysis.connections) {
    const a = segmentOf(analysis, c.src);
    const b = segmentOf(analysis, c.dst);
    const forbidden = (a === 'guest' && b === 'medical') || (a === 'medical' && b === 'guest');
    const label = c.ports.toString();
    lines.push(
      `  ${quote(c.src)} -> ${quote(c.dst)} [label=${quote(label.length > 40 ? `${label.slice(0, 37)}…` : label)}, constraint=false${forbidden ? ', color="#d50000", penwidth=3' : ''}];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** SVG rendered by Graphviz compiled to WebAssembly; without the XML prolog, so it can be inlined in HTML. */
export async function toSvg(analysis: NetworkAnalysis, title?: string): Promise<string> {
  return renderDotToSvg(toDot(analysis, title));
}

export async function renderDotToSvg(dot: string): Promise<string> {
  const svg = await renderDot(dot);
  const start = svg.indexOf('<svg');
  return (start >= 0 ? svg.slice(start) : svg).trimEnd();
}
