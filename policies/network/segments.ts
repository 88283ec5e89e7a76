/** Segments (trust zones) of endpoints and the segment × segment view auditors read. */
import { LABELS } from '../labels';
import type { NetworkAnalysis } from './analysis';

export const EXTERNAL_SEGMENT = 'external';
export const UNSEGMENTED = 'unsegmented';
/** Display order: the guest and medical segments at opposite ends, the internet beside the guest side. */
export const SEGMENT_ORDER: readonly string[] = [EXTERNAL_SEGMENT, 'guest', 'dmz', 'management', 'medical'];

export const isExternal = (endpoint: string): boolean => endpoint.startsWith('external:');

/** The namespace's segment label, else the pod label, else `unsegmented`; `external` outside the cluster. */
export function segmentOf(analysis: NetworkAnalysis, endpoint: string): string {
  if (isExternal(endpoint)) return EXTERNAL_SEGMENT;
  return analysis.namespaceOf(endpoint)?.labels[LABELS.segment] ?? analysis.workload(endpoint)?.labels[LABELS.segment] ?? UNSEGMENTED;
}

export function orderSegments(segments: Iterable<string>): string[] {
  const rank = (s: string) => {
    const index = SEGMENT_ORDER.indexOf(s);
    return index >= 0 ? index : SEGMENT_ORDER.length;
  };
  return [...new Set(segments)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export interface SegmentMatrix {
  /** Rows and columns, in display order. */
  readonly segments: readonly string[];
  /** `cells[src][dst]`: number of connections (ordered endpoint pairs) from src to dst segment. */
  readonly cells: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export function segmentMatrix(analysis: NetworkAnalysis): SegmentMatrix {
  const segments = orderSegments([
    ...analysis.cluster.workloads.map((w) => segmentOf(analysis, w.id)),
    ...analysis.connections.flatMap((c) => [segmentOf(analysis, c.src), segmentOf(analysis, c.dst)]),
  ]);
  const cells: Record<string, Record<string, number>> = {};
  for (const src of segments) cells[src] = Object.fromEntries(segments.map((dst) => [dst, 0]));
  for (const connection of analysis.connections) cells[segmentOf(analysis, connection.src)]![segmentOf(analysis, connection.dst)]! += 1;
  return { segments, cells };
}
