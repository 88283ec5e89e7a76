import fc from 'fast-check';
import { PortSet, PROTOCOLS, type Protocol } from '../../../policies/network';

describe('PortSet interval arithmetic', () => {
  it('merges overlapping and adjacent ranges of one protocol', () => {
    const set = PortSet.range('TCP', 80, 90)
      .union(PortSet.range('TCP', 91, 100))
      .union(PortSet.range('TCP', 95, 120));
    expect(set.ranges()).toEqual([{ protocol: 'TCP', from: 80, to: 120 }]);
  });

  it('keeps protocols apart: TCP 53 and UDP 53 are different traffic', () => {
    const set = PortSet.range('UDP', 53, 53).union(PortSet.range('TCP', 53, 53));
    expect(set.toString()).toBe('TCP 53, UDP 53');
    expect(set.intersect(PortSet.range('UDP', 1, 1000)).toString()).toBe('UDP 53');
    expect(
      PortSet.range('SCTP', 53, 53)
        .intersect(PortSet.range('TCP', 53, 53))
        .isEmpty(),
    ).toBe(true);
  });

  it('treats ANY as every protocol and port (identity of intersection, absorbing for union)', () => {
    const tcp = PortSet.range('TCP', 8000, 8100);
    expect(PortSet.ANY.intersect(tcp)).toBe(tcp);
    expect(tcp.intersect(PortSet.ANY)).toBe(tcp);
    expect(tcp.union(PortSet.ANY).any).toBe(true);
    expect(PortSet.ANY.toString()).toBe('all');
    expect(PortSet.EMPTY.toString()).toBe('none');
  });

  it('cuts ranges exactly on intersection', () => {
    const a = PortSet.range('TCP', 1, 100).union(PortSet.range('TCP', 200, 300));
    const b = PortSet.range('TCP', 50, 250);
    expect(a.intersect(b).toString()).toBe('TCP 50-100, TCP 200-250');
  });

  it('agrees with per-port membership for random sets (property)', () => {
    const range = fc.tuple(fc.constantFrom<Protocol>(...PROTOCOLS), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 30 }));
    const setOf = (ranges: [Protocol, number, number][]) =>
      ranges.reduce((s, [p, from, width]) => s.union(PortSet.range(p, from, from + width)), PortSet.EMPTY);
    const member = (ranges: [Protocol, number, number][], p: Protocol, port: number) =>
      ranges.some(([q, from, width]) => q === p && from <= port && port <= from + width);
    fc.assert(
      fc.property(fc.array(range, { maxLength: 6 }), fc.array(range, { maxLength: 6 }), (left, right) => {
        const union = setOf(left).union(setOf(right));
        const intersection = setOf(left).intersect(setOf(right));
        const mismatches: string[] = [];
        for (const p of PROTOCOLS)
          for (let port = 1; port <= 240; port++) {
            if (union.allows(p, port) !== (member(left, p, port) || member(right, p, port))) mismatches.push(`union ${p} ${port}`);
            if (intersection.allows(p, port) !== (member(left, p, port) && member(right, p, port))) mismatches.push(`intersection ${p} ${port}`);
          }
        expect(mismatches).toEqual([]);
        // Normal form: no two ranges of a protocol touch.
        const ranges = union.ranges();
        for (let i = 1; i < ranges.length; i++)
          if (ranges[i]!.protocol === ranges[i - 1]!.protocol) expect(ranges[i]!.from).toBeGreaterThan(ranges[i - 1]!.to + 1);
      }),
      { numRuns: 200 },
    );
  });
});
