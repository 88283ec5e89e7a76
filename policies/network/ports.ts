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
  /** Every protocol and port: the three protocols whole and the others (ICMP, …). */
  readonly any: boolean;

  private constructor(
    private readonly byProtocol: ReadonlyMap<Protocol, readonly PortInterval[]>,
    /** Protocols other than TCP, UDP and SCTP (ICMP and the rest): a rule without `ports` allows them. */
    readonly otherProtocols: boolean,
  ) {
    this.any = otherProtocols && PROTOCOLS.every((protocol) => isWhole(byProtocol.get(protocol)));
  }

  static readonly ANY = new PortSet(new Map(PROTOCOLS.map((protocol) => [protocol, [[MIN_PORT, MAX_PORT] as const]])), true);
  static readonly EMPTY = new PortSet(new Map(), false);

  static range(protocol: Protocol, from: number, to: number): PortSet {
    return from > to ? PortSet.EMPTY : new PortSet(new Map([[protocol, [[from, to] as const]]]), false);
  }

  static allPorts(protocol: Protocol): PortSet {
    return PortSet.range(protocol, MIN_PORT, MAX_PORT);
  }

  static fromRanges(ranges: readonly PortRange[]): PortSet {
    return ranges.reduce((set, r) => set.union(PortSet.range(r.protocol, r.from, r.to)), PortSet.EMPTY);
  }

  isEmpty(): boolean {
    return !this.otherProtocols && this.byProtocol.size === 0;
  }

  intervals(protocol: Protocol): readonly PortInterval[] {
    return this.byProtocol.get(protocol) ?? [];
  }

  union(other: PortSet): PortSet {
    if (this.any || other.isEmpty()) return this;
    if (other.any || this.isEmpty()) return other;
    const byProtocol = new Map<Protocol, readonly PortInterval[]>();
    for (const protocol of PROTOCOLS) {
      const merged = normalize([...(this.byProtocol.get(protocol) ?? []), ...(other.byProtocol.get(protocol) ?? [])]);
      if (merged.length > 0) byProtocol.set(protocol, merged);
    }
    return new PortSet(byProtocol, this.otherProtocols || other.otherProtocols);
  }

  intersect(other: PortSet): PortSet {
    if (other.any || this.isEmpty()) return this;
    if (this.any || other.isEmpty()) return other;
    const byProtocol = new Map<Protocol, readonly PortInterval[]>();
    for (const protocol of PROTOCOLS) {
      const common = intersectIntervals(this.byProtocol.get(protocol) ?? [], other.byProtocol.get(protocol) ?? []);
      if (common.length > 0) byProtocol.set(protocol, common);
    }
    const otherProtocols = this.otherProtocols && other.otherProtocols;
    return byProtocol.size === 0 && !otherProtocols ? PortSet.EMPTY : new PortSet(byProtocol, otherProtocols);
  }

  /** This traffic without `other`'s (AdminNetworkPolicy rules: what an earlier rule decided is out of reach). */
  minus(other: PortSet): PortSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    if (other.any) return PortSet.EMPTY;
    const byProtocol = new Map<Protocol, readonly PortInterval[]>();
    for (const protocol of PROTOCOLS) {
      const remaining = subtractIntervals(this.byProtocol.get(protocol) ?? [], other.byProtocol.get(protocol) ?? []);
      if (remaining.length > 0) byProtocol.set(protocol, remaining);
    }
    const otherProtocols = this.otherProtocols && !other.otherProtocols;
    return byProtocol.size === 0 && !otherProtocols ? PortSet.EMPTY : new PortSet(byProtocol, otherProtocols);
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

  /** `all` or e.g. `TCP 80, TCP 8000-8080, UDP 53` (`, other protocols` when ICMP and the rest are in). */
  toString(): string {
    if (this.any) return 'all';
    if (this.isEmpty()) return 'none';
    const ranges = this.ranges().map((r) => `${r.protocol} ${r.from === r.to ? r.from : `${r.from}-${r.to}`}`);
    return [...ranges, ...(this.otherProtocols ? ['other protocols'] : [])].join(', ');
  }
}

function isWhole(intervals: readonly PortInterval[] | undefined): boolean {
  return intervals !== undefined && intervals.length === 1 && intervals[0]![0] === MIN_PORT && intervals[0]![1] === MAX_PORT;
}

function subtractIntervals(left: readonly PortInterval[], right: readonly PortInterval[]): PortInterval[] {
  let remaining: PortInterval[] = [...left];
  for (const [cutFrom, cutTo] of right)
    remaining = remaining.flatMap(([from, to]): PortInterval[] => {
      if (cutTo < from || cutFrom > to) return [[from, to]];
      return [...(cutFrom > from ? [[from, cutFrom - 1] as const] : []), ...(cutTo < to ? [[cutTo + 1, to] as const] : [])];
    });
  return remaining;
}
