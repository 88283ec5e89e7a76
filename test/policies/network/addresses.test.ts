import { AddressSet, canonicalCidr, CidrError, parseCidr } from '../../../policies/network/addresses';

describe('CIDR arithmetic for ipBlock', () => {
  it('parses IPv4 and IPv6 and clears host bits as Kubernetes does', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ family: 4, first: 10n << 24n, last: (11n << 24n) - 1n });
    expect(canonicalCidr('10.1.2.3/8')).toBe('10.0.0.0/8');
    expect(canonicalCidr('2001:DB8:0:0:1::/32')).toBe('2001:db8::/32');
    expect(canonicalCidr('::ffff:10.0.0.1/128')).toBe('::ffff:a00:1/128');
    expect(canonicalCidr('0.0.0.0/0')).toBe('0.0.0.0/0');
  });

  it('rejects what is not a CIDR', () => {
    expect(() => parseCidr('10.0.0.0')).toThrow(CidrError);
    expect(() => parseCidr('10.0.0.0/33')).toThrow(/exceeds 32 bits/);
    expect(() => parseCidr('300.0.0.0/8')).toThrow(/not an IP address/);
  });

  it('removes the except ranges: 172.17.0.0/16 except 172.17.1.0/24', () => {
    const block = AddressSet.ofIpBlock('172.17.0.0/16', ['172.17.1.0/24']);
    expect(block.overlaps(AddressSet.ofCidr('172.17.1.0/25'))).toBe(false);
    expect(block.overlaps(AddressSet.ofCidr('172.17.1.0/24'))).toBe(false);
    expect(block.overlaps(AddressSet.ofCidr('172.17.0.255/32'))).toBe(true);
    expect(block.overlaps(AddressSet.ofCidr('172.17.2.0/32'))).toBe(true);
    expect(block.overlaps(AddressSet.ofCidr('172.16.0.0/16'))).toBe(false);
  });

  it('the internet without the private ranges does not overlap any private address', () => {
    const internet = AddressSet.ofIpBlock('0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    for (const cidr of ['10.244.0.0/16', '172.20.0.0/16', '192.168.10.0/24']) expect(internet.overlaps(AddressSet.ofCidr(cidr))).toBe(false);
    expect(internet.overlaps(AddressSet.ofCidr('8.8.8.8/32'))).toBe(true);
    expect(internet.overlaps(AddressSet.ofCidr('::/0'))).toBe(false);
  });
});
