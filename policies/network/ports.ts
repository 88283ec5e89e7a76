/**
 * Exact sets of allowed traffic: per protocol a sorted list of disjoint, non-adjacent port intervals,
 * or `any` (every protocol and port, including ICMP and the rest, which is what a NetworkPolicy rule
 * without `ports` allows). Hand-written because no maintained npm package offers interval arithmetic
 * over (protocol, port) pairs; the arithmetic is a few lines of merging.
 */

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Inclusive range `[from, to]`. */
export type PortInterval = readonly [number, number];

export interface PortRange {
  readonly protocol: Protocol;
  readonly from: number;
  readonly to: number;
}

function normalize(intervals: readonly PortInterval[]): PortInterval[] {
  const sorted = [...intervals].filter(([from, to]) => from <= to).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

function intersectIntervals(left: readonly PortInterval[], right: readonly PortInterval[]): PortInterval[] {
  const result: PortInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const from = Math.max(left[i]![0], right[j]![0]);
    const to = Math.min(left[i]![1], right[j]![1]);
    if (from <= to) result.push([from, to]);
    if (left[i]![1] < right[j]![1]) i++;
    else j++;
  }
  return result;
}

export class PortSet {
  private constructor(
    /** Every protocol and port. */
    readonly any: boolean,
    private readonly byProtocol: ReadonlyMap<Protocol, readonly PortInterval[]>,
  ) {}

  static readonly ANY = new PortSet(true, new Map());
  static readonly EMPTY = new PortSet(false, new Map());

  static range(protocol: Protocol, from: number, to: number): PortSet {
    return from > to ? PortSet.EMPTY : new PortSet(false, new Map([[protocol, [[from, to] as const]]]));
  }

  static allPorts(protocol: Protocol): PortSet {
    return PortSet.range(protocol, MIN_PORT, MAX_PORT);
  }

  static fromRanges(ranges: readonly PortRange[]): PortSet {
    return ranges.reduce((set, r) => set.union(PortSet.range(r.protocol, r.from, r.to)), PortSet.EMPTY);
  }

  isEmpty(): boolean {
    return !this.any && this.byProtocol.size === 0;
  }

  intervals(protocol: Protocol): readonly PortInterval[] {
    return this.any ? [[MIN_PORT, MAX_PORT]] : (this.byProtocol.get(protocol) ?? []);
  }

  union(other: PortSet): PortSet {
    if (this.any || other.isEmpty()) return this;
    if (other.any || this.isEmpty()) return other;
    const byProtocol = new Map<Protocol, readonly PortInterval[]>();
    for (const protocol of PROTOCOLS) {
      const merged = normalize([...(this.byProtocol.get(protocol) ?? []), ...(other.byProtocol.get(protocol) ?? [])]);
      if (merged.length > 0) byProtocol.set(protocol, merged);
    }
    return new PortSet(false, byProtocol);
  }

  intersect(other: PortSet): PortSet {
    if (other.any || this.isEmpty()) return this;
    if (this.any || other.isEmpty()) return other;
    const byProtocol = new Map<Protocol, readonly PortInterval[]>();
    for (const protocol of PROTOCOLS) {
      const common = intersectIntervals(this.byProtocol.get(protocol) ?? [], other.byProtocol.get(protocol) ?? []);
      if (common.length > 0) byProtocol.set(protocol, common);
    }
    return byProtocol.size === 0 ? PortSet.EMPTY : new PortSet(false, byProtocol);
  }

  /** Whether the set allows `protocol`/`port`. */
  allows(protocol: Protocol, port: number): boolean {
    return this.intervals(protocol).some(([from, to]) => from <= port && port <= to);
  }

  /** The ranges in protocol order TCP, UDP, SCTP, then by port (empty for `any`). */
  ranges(): PortRange[] {
    if (this.any) return [];
    return PROTOCOLS.flatMap((protocol) => (this.byProtocol.get(protocol) ?? []).map(([from, to]) => ({ protocol, from, to })));
  }

  equals(other: PortSet): boolean {
    return this.toString() === other.toString();
  }

  /** `all` or e.g. `TCP 80, TCP 8000-8080, UDP 53`. */
  toString(): string {
    if (this.any) return 'all';
    if (this.isEmpty()) return 'none';
    return this.ranges()
      .map((r) => `${r.protocol} ${r.from === r.to ? r.from : `${r.from}-${r.to}`}`)
      .join(', ');
  }
}
