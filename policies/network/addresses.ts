/**
 * IP address ranges for `ipBlock` peers: CIDR parsing (IPv4 and IPv6) and interval arithmetic on
 * BigInt addresses. Hand-written because the arithmetic needed (CIDR minus excepts, overlap tests) is
 * small and Node's `net` module already validates the address syntax.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type IpFamily = 4 | 6;

/** Inclusive address interval of one family. */
export interface AddressInterval {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

export class CidrError extends Error {}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address;
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hextets.
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const v4 = ipv4ToBigInt(v4Tail[1]!);
    text = `${text.slice(0, -v4Tail[1]!.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Parses `10.0.0.0/8` or `2001:db8::/32` into an interval; host bits are ignored as Kubernetes does. */
export function parseCidr(cidr: string): AddressInterval {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) throw new CidrError(`"${cidr}" is not a CIDR (expected address/prefix, e.g. 10.0.0.0/8)`);
  const [, address, prefixText] = match as unknown as [string, string, string];
  const family: IpFamily | undefined = isIPv4(address) ? 4 : isIPv6(address) ? 6 : undefined;
  if (!family) throw new CidrError(`"${cidr}" is not a CIDR: "${address}" is not an IP address`);
  const bits = family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > bits) throw new CidrError(`"${cidr}" is not a CIDR: prefix /${prefix} exceeds ${bits} bits`);
  const value = family === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  const hostBits = BigInt(bits - prefix);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

export function formatAddress(family: IpFamily, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 0xffn).toString()).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

/** Canonical text of a CIDR (host bits cleared, IPv6 compressed): `10.1.2.3/8` → `10.0.0.0/8`. */
export function canonicalCidr(cidr: string): string {
  const interval = parseCidr(cidr);
  const bits = interval.family === 4 ? 32 : 128;
  const size = interval.last - interval.first + 1n;
  const prefix = bits - (size.toString(2).length - 1);
  return `${formatAddress(interval.family, interval.first)}/${prefix}`;
}

/** The prefix length when the interval is exactly one CIDR block, else undefined. */
function prefixOf(interval: AddressInterval): number | undefined {
  const size = interval.last - interval.first + 1n;
  if ((size & (size - 1n)) !== 0n || interval.first % size !== 0n) return undefined;
  return (interval.family === 4 ? 32 : 128) - (size.toString(2).length - 1);
}

/**
 * An address range as people read it: the CIDR when the range is exactly one block (`10.0.0.0/8`),
 * else first and last address as netpol-analyzer prints them (`0.0.0.0-9.255.255.255`).
 */
export function formatInterval(interval: AddressInterval): string {
  const prefix = prefixOf(interval);
  if (prefix !== undefined) return `${formatAddress(interval.family, interval.first)}/${prefix}`;
  return `${formatAddress(interval.family, interval.first)}-${formatAddress(interval.family, interval.last)}`;
}

/** Reads what formatInterval writes (a CIDR or `first-last`), or a single address. */
export function parseAddressRange(text: string): AddressInterval {
  const trimmed = text.trim();
  if (trimmed.includes('/')) return parseCidr(trimmed);
  const dash = trimmed.indexOf('-');
  const [firstText, lastText] = dash < 0 ? [trimmed, trimmed] : [trimmed.slice(0, dash), trimmed.slice(dash + 1)];
  const first = parseCidr(`${firstText}/${isIPv4(firstText) ? 32 : 128}`);
  const last = parseCidr(`${lastText}/${isIPv4(lastText) ? 32 : 128}`);
  if (first.family !== last.family || last.first < first.first)
    throw new CidrError(`"${text}" is not an address range (expected first-last of one family, first ≤ last)`);
  return { family: first.family, first: first.first, last: last.first };
}

/** A set of addresses: sorted, disjoint intervals per family. */
export class AddressSet {
  private constructor(private readonly intervals: readonly AddressInterval[]) {}

  static readonly EMPTY = new AddressSet([]);
  static readonly EVERYTHING = new AddressSet([
    { family: 4, first: 0n, last: (1n << 32n) - 1n },
    { family: 6, first: 0n, last: (1n << 128n) - 1n },
  ]);

  static ofCidr(cidr: string): AddressSet {
    return new AddressSet([parseCidr(cidr)]);
  }

  static ofInterval(interval: AddressInterval): AddressSet {
    return new AddressSet([interval]);
  }

  /** The sorted, disjoint intervals (IPv4 first). */
  get ranges(): readonly AddressInterval[] {
    return this.intervals;
  }

  /** Whether every address of `other` is in this set. */
  contains(other: AddressSet): boolean {
    return other.minus(this).isEmpty();
  }

  /** `cidr` without the `except` ranges, as an ipBlock peer means. */
  static ofIpBlock(cidr: string, except: readonly string[]): AddressSet {
    return except.reduce((set, excluded) => set.minus(AddressSet.ofCidr(excluded)), AddressSet.ofCidr(cidr));
  }

  isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  union(other: AddressSet): AddressSet {
    const sorted = [...this.intervals, ...other.intervals].sort((a, b) => a.family - b.family || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    const merged: { family: IpFamily; first: bigint; last: bigint }[] = [];
    for (const interval of sorted) {
      const last = merged[merged.length - 1];
      if (last && last.family === interval.family && interval.first <= last.last + 1n) {
        if (interval.last > last.last) last.last = interval.last;
      } else merged.push({ ...interval });
    }
    return new AddressSet(merged);
  }

  minus(other: AddressSet): AddressSet {
    let remaining: AddressInterval[] = [...this.intervals];
    for (const cut of other.intervals) {
      remaining = remaining.flatMap((interval) => {
        if (interval.family !== cut.family || cut.last < interval.first || cut.first > interval.last) return [interval];
        const pieces: AddressInterval[] = [];
        if (cut.first > interval.first) pieces.push({ family: interval.family, first: interval.first, last: cut.first - 1n });
        if (cut.last < interval.last) pieces.push({ family: interval.family, first: cut.last + 1n, last: interval.last });
        return pieces;
      });
    }
    return new AddressSet(remaining);
  }

  overlaps(other: AddressSet): boolean {
    return this.intervals.some((a) => other.intervals.some((b) => a.family === b.family && a.first <= b.last && b.first <= a.last));
  }
}
