/**
 * The report's network sections, per environment: the segment × segment matrix (with the cross-segment
 * connections listed) and the workload graph rendered to SVG by Graphviz (WebAssembly), guest and
 * medical at opposite ends.
 */
import type { Estate } from '../model';
import type { ReportContributor, ReportSection } from '../report/sections';
import type { NetworkAnalysis } from './analysis';
import { networkAnalysisOf, networkEnvironments } from './estate';
import { connectionJson, matrixMarkdown, toDot, renderDotToSvg } from './render';
import { segmentMatrix, segmentOf } from './segments';

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const forbidden = (a: string, b: string): boolean => (a === 'guest' && b === 'medical') || (a === 'medical' && b === 'guest');

function crossSegment(analysis: NetworkAnalysis) {
  return analysis.connections.filter((c) => segmentOf(analysis, c.src) !== segmentOf(analysis, c.dst));
}

function matrixSection(environment: string, analysis: NetworkAnalysis): ReportSection {
  const matrix = segmentMatrix(analysis);
  const crossing = crossSegment(analysis);
  const guestMedical = crossing.filter((c) => forbidden(segmentOf(analysis, c.src), segmentOf(analysis, c.dst)));
  const verdict =
    guestMedical.length === 0
      ? 'No connection between the guest and the medical segments, in either direction.'
      : `${guestMedical.length} connection(s) between the guest and the medical segments — see network/segment-isolation.`;
  const summary = `${analysis.cluster.workloads.length} workloads, ${analysis.cluster.policies.length} NetworkPolicies, ${analysis.connections.length} allowed connections (ordered pairs of distinct workloads or address ranges; traffic among one workload's replicas is not counted). ${verdict}`;
  const markdown = [
    summary,
    '',
    'Connections from the row segment to the column segment (`·` none):',
    '',
    matrixMarkdown(analysis),
    '',
    '| from | to | traffic |',
    '| --- | --- | --- |',
    ...crossing.map((c) => `| ${c.src} (${segmentOf(analysis, c.src)}) | ${c.dst} (${segmentOf(analysis, c.dst)}) | ${c.ports.toString()} |`),
  ].join('\n');
  const header = matrix.segments.map((s) => `<th scope="col">${escapeHtml(s)}</th>`).join('');
  const rows = matrix.segments
    .map((src) => {
      const cells = matrix.segments
        .map((dst) => {
          const count = matrix.cells[src]![dst]!;
          const style =
            count > 0 && forbidden(src, dst) ? ' style="background:#ffcdd2;font-weight:bold"' : forbidden(src, dst) ? ' style="background:#e8f5e9"' : '';
          return `<td${style} data-from="${escapeHtml(src)}" data-to="${escapeHtml(dst)}">${count === 0 ? '·' : count}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(src)}</th>${cells}</tr>`;
    })
    .join('');
  const crossingRows = crossing
    .map((c) => `<tr><td>${escapeHtml(c.src)}</td><td>${escapeHtml(c.dst)}</td><td>${escapeHtml(c.ports.toString())}</td></tr>`)
    .join('');
  const html =
    `<p>${escapeHtml(summary)}</p>` +
    `<table class="network-matrix"><caption>Connections from the row segment to the column segment</caption><thead><tr><th scope="col">from \\ to</th>${header}</tr></thead><tbody>${rows}</tbody></table>` +
    `<details><summary>Cross-segment connections (${crossing.length})</summary><table><thead><tr><th>from</th><th>to</th><th>traffic</th></tr></thead><tbody>${crossingRows}</tbody></table></details>`;
  return {
    id: 'network-matrix',
    title: 'Network segments: reachability matrix',
    environment,
    markdown,
    html,
    data: { segments: matrix.segments, cells: matrix.cells, guestMedicalConnections: guestMedical.length, crossSegment: crossing.map(connectionJson) },
  };
}

async function graphSection(environment: string, analysis: NetworkAnalysis): Promise<ReportSection> {
  const svg = await renderDotToSvg(toDot(analysis, `${environment}: allowed connections by segment`));
  // Several graphs share one HTML page: prefix Graphviz's ids (graph0, node1, …) with the environment.
  const prefix = `netgraph-${environment.replace(/[^\w-]/g, '_')}-`;
  const unique = svg.replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`);
  return {
    id: 'network-graph',
    title: 'Network segments: workload graph',
    environment,
    markdown: `The workload graph (one cluster per segment, guest and medical at opposite ends) is in the HTML report. ${analysis.connections.length} connections between ${analysis.cluster.workloads.length} workloads.`,
    html: `<figure class="network-graph">${unique}<figcaption>Allowed connections of ${escapeHtml(environment)}, one box per segment; edges between guest and medical would be drawn thick and red.</figcaption></figure>`,
    data: { workloads: analysis.cluster.workloads.map((w) => w.id), connections: analysis.connections.map(connectionJson) },
  };
}

export const networkReportContributor: ReportContributor = {
  id: 'network',
  async build(estate: Estate) {
    // Every environment's graph is laid out at once (in Graphviz's worker) while the matrices are built.
    const perEnvironment: Promise<readonly ReportSection[]>[] = [];
    for (const environment of networkEnvironments(estate)) {
      const { analysis } = networkAnalysisOf(estate, environment);
      if (!analysis) continue; // an unreadable model is reported by the network rules
      const graph = graphSection(environment, analysis);
      const matrix = matrixSection(environment, analysis);
      perEnvironment.push(graph.then((section) => [matrix, section]));
    }
    return (await Promise.all(perEnvironment)).flat();
  },
};
