/** One case per feature of the core NetworkPolicy v1 semantics (our own cases). */
import { segmentMatrix, toJson, toMarkdown } from '../../../policies/network';
import { analyzeYaml, namespace, pod, policy, traffic } from './helpers';

const base = [
  namespace('a', { team: 'a' }),
  namespace('b', { team: 'b' }),
  pod('a', 'client', { role: 'client' }),
  pod('a', 'server', { role: 'server' }, [
    ['http', 8080],
    ['metrics', 9090],
    ['dns', 53, 'UDP'],
  ]),
  pod('b', 'client', { role: 'client' }),
].join('');

describe('NetworkPolicy v1 semantics', () => {
  it('without policies every pair (and the internet) is connected with all traffic', () => {
    const analysis = analyzeYaml(base);
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('all');
    expect(traffic(analysis, 'b/client', 'a/server')).toBe('all');
    expect(traffic(analysis, 'a/server', 'external:0.0.0.0/0')).toBe('all');
    expect(traffic(analysis, 'external:0.0.0.0/0', 'a/server')).toBe('all');
    // Ordered pairs of distinct workloads; a workload's replicas talking to each other are kept apart.
    expect(analysis.connections.filter((c) => !c.src.startsWith('external') && !c.dst.startsWith('external'))).toHaveLength(6);
    expect(analysis.selfConnections.map((c) => `${c.src} -> ${c.dst}: ${c.ports.toString()}`)).toEqual([
      'a/client -> a/client: all',
      'a/server -> a/server: all',
      'b/client -> b/client: all',
    ]);
    expect(toJson(analysis).selfConnections).toHaveLength(3);
    expect(toMarkdown(analysis)).toMatch(/12 connections \(ordered pairs of distinct endpoints .*not counted: 3 workloads allow it/);
    expect(segmentMatrix(analysis).cells.unsegmented!.unsegmented).toBe(6);
  });

  it('policyTypes defaults to Ingress only when the policy has no egress rules', () => {
    const analysis = analyzeYaml(base + policy('a', 'deny', { podSelector: { matchLabels: { role: 'server' } } }));
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('none');
    expect(traffic(analysis, 'a/server', 'a/client')).toBe('all'); // egress of the server is not isolated
  });

  it('policyTypes defaults to Ingress and Egress when egress rules are present', () => {
    const analysis = analyzeYaml(
      base + policy('a', 'egress-dns', { podSelector: { matchLabels: { role: 'server' } }, egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] }),
    );
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('none'); // ingress isolated too, no ingress rules
    expect(traffic(analysis, 'a/server', 'b/client')).toBe('UDP 53');
  });

  it('an explicit policyTypes [Egress] leaves ingress open', () => {
    const analysis = analyzeYaml(base + policy('a', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] }));
    expect(traffic(analysis, 'b/client', 'a/server')).toBe('all');
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('none');
    expect(traffic(analysis, 'a/client', 'external:0.0.0.0/0')).toBe('none');
  });

  it('isolation is per direction and rules of several policies add up', () => {
    const analysis = analyzeYaml(
      base +
        policy('a', 'p1', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 8080 }] }],
        }) +
        policy('a', 'p2', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 9090 }] }],
        }),
    );
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('TCP 8080, TCP 9090');
  });

  it('a connection needs the egress of the source AND the ingress of the destination', () => {
    const analysis = analyzeYaml(
      base +
        policy('a', 'client-egress', {
          podSelector: { matchLabels: { role: 'client' } },
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 8000, endPort: 8100 }] }],
        }) +
        policy('a', 'server-ingress', { podSelector: { matchLabels: { role: 'server' } }, ingress: [{ ports: [{ port: 8080 }, { port: 9090 }] }] }),
    );
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('TCP 8080'); // 9090 is outside the client's egress range
    expect(traffic(analysis, 'b/client', 'a/server')).toBe('TCP 8080, TCP 9090');
  });

  it('a podSelector peer alone selects pods of the policy namespace only', () => {
    const analysis = analyzeYaml(
      base +
        policy('a', 'p', { podSelector: { matchLabels: { role: 'server' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }] }),
    );
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('all');
    expect(traffic(analysis, 'b/client', 'a/server')).toBe('none');
  });

  it('podSelector and namespaceSelector in one peer mean AND; in two peers OR', () => {
    const and = analyzeYaml(
      base +
        pod('b', 'other', { role: 'other' }) +
        policy('a', 'and', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { role: 'client' } } }] }],
        }),
    );
    expect(traffic(and, 'b/client', 'a/server')).toBe('all');
    expect(traffic(and, 'b/other', 'a/server')).toBe('none');
    expect(traffic(and, 'a/client', 'a/server')).toBe('none');
    const or = analyzeYaml(
      base +
        pod('b', 'other', { role: 'other' }) +
        policy('a', 'or', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }, { podSelector: { matchLabels: { role: 'client' } } }] }],
        }),
    );
    expect(traffic(or, 'b/other', 'a/server')).toBe('all');
    expect(traffic(or, 'a/client', 'a/server')).toBe('all');
  });

  it('an empty namespaceSelector selects every namespace', () => {
    const analysis = analyzeYaml(
      base + policy('a', 'p', { podSelector: { matchLabels: { role: 'server' } }, ingress: [{ from: [{ namespaceSelector: {} }] }] }),
    );
    expect(traffic(analysis, 'b/client', 'a/server')).toBe('all');
    expect(traffic(analysis, 'external:0.0.0.0/0', 'a/server')).toBe('none');
  });

  it('every namespace carries kubernetes.io/metadata.name, declared or not', () => {
    const analysis = analyzeYaml(
      base +
        pod('undeclared', 'job', { role: 'job' }) +
        policy('a', 'p', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [
            { from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['b', 'undeclared'] }] } }] },
          ],
        }),
    );
    expect(traffic(analysis, 'b/client', 'a/server')).toBe('all');
    expect(traffic(analysis, 'undeclared/job', 'a/server')).toBe('all');
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('none');
    expect(analysis.cluster.warnings.join('\n')).toMatch(/namespace "undeclared" is used but not declared/);
  });

  it('matchExpressions NotIn and DoesNotExist select pods without the label', () => {
    const yaml = base + pod('a', 'unlabelled', {});
    const notIn = analyzeYaml(
      yaml +
        policy('a', 'p', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['client'] }] } }] }],
        }),
    );
    expect(traffic(notIn, 'a/unlabelled', 'a/server')).toBe('all');
    expect(traffic(notIn, 'a/client', 'a/server')).toBe('none');
    const missing = analyzeYaml(
      yaml +
        policy('a', 'p', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'role', operator: 'DoesNotExist' }] } }] }],
        }),
    );
    expect(traffic(missing, 'a/unlabelled', 'a/server')).toBe('all');
    expect(traffic(missing, 'a/server', 'a/server')).toBe('none');
  });

  it('ipBlock peers reach external addresses only, minus except', () => {
    const analysis = analyzeYaml(
      base +
        policy('a', 'p', {
          podSelector: { matchLabels: { role: 'client' } },
          policyTypes: ['Egress'],
          egress: [
            { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] },
            { to: [{ ipBlock: { cidr: '10.1.0.0/16' } }], ports: [{ port: 5432 }] },
          ],
        }),
    );
    // Exact ranges: 0.0.0.0/0 without 10.0.0.0/8 is two ranges; 10.1.0.0/16 inside the except is its own.
    expect(traffic(analysis, 'a/client', 'external:0.0.0.0-9.255.255.255')).toBe('all');
    expect(traffic(analysis, 'a/client', 'external:11.0.0.0-255.255.255.255')).toBe('all');
    expect(traffic(analysis, 'a/client', 'external:10.1.0.0/16')).toBe('TCP 5432');
    expect(analysis.connections.filter((c) => c.src === 'a/client' && c.dst.startsWith('external:')).map((c) => c.dst)).toEqual([
      'external:0.0.0.0-9.255.255.255',
      'external:10.1.0.0/16',
      'external:11.0.0.0-255.255.255.255',
    ]);
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('none'); // ipBlocks do not select pods
  });

  it('with the cluster CIDRs given, an ipBlock covering them reaches every pod (conservative)', () => {
    const yaml =
      base +
      policy('a', 'p', {
        podSelector: { matchLabels: { role: 'client' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] } }] }],
      });
    expect(traffic(analyzeYaml(yaml, { clusterCidrs: ['10.244.0.0/16'] }), 'a/client', 'a/server')).toBe('all');
    expect(traffic(analyzeYaml(yaml, { clusterCidrs: ['192.168.0.0/16'] }), 'a/client', 'a/server')).toBe('none');
  });

  it('named ports resolve against the destination container ports, per protocol', () => {
    const analysis = analyzeYaml(
      base +
        pod('b', 'server', { role: 'server' }, [['http', 9000]]) +
        policy('a', 'p', {
          podSelector: { matchLabels: { role: 'client' } },
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 'http' }, { port: 'dns', protocol: 'UDP' }, { port: 'dns', protocol: 'TCP' }] }],
        }),
    );
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('TCP 8080, UDP 53');
    expect(traffic(analysis, 'a/client', 'b/server')).toBe('TCP 9000');
    expect(traffic(analysis, 'a/client', 'b/client')).toBe('none'); // no container port named http
    expect(traffic(analysis, 'a/client', 'external:0.0.0.0/0')).toBe('none'); // named ports never match outside
  });

  it('endPort allows a range; a port without number allows the whole protocol', () => {
    const analysis = analyzeYaml(
      base +
        policy('a', 'p', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [{ ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }, { protocol: 'SCTP' }] }],
        }),
    );
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('TCP 32000-32768, SCTP 1-65535');
  });

  it('TCP, UDP and SCTP are distinct; protocol defaults to TCP', () => {
    const analysis = analyzeYaml(
      base +
        policy('a', 'in', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [{ ports: [{ port: 53 }, { port: 53, protocol: 'UDP' }, { port: 9999, protocol: 'SCTP' }] }],
        }) +
        policy('b', 'out', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              ports: [
                { port: 53, protocol: 'UDP' },
                { port: 9999, protocol: 'SCTP' },
              ],
            },
          ],
        }),
    );
    expect(traffic(analysis, 'a/client', 'a/server')).toBe('TCP 53, UDP 53, SCTP 9999');
    expect(traffic(analysis, 'b/client', 'a/server')).toBe('UDP 53, SCTP 9999');
  });

  it('an empty from/to (a rule with only ports, or an empty rule) means everyone', () => {
    const analysis = analyzeYaml(
      base + policy('a', 'all-in', { podSelector: {}, ingress: [{}] }) + policy('a', 'all-out', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }),
    );
    expect(traffic(analysis, 'b/client', 'a/server')).toBe('all');
    expect(traffic(analysis, 'external:0.0.0.0/0', 'a/server')).toBe('all');
    expect(traffic(analysis, 'a/server', 'external:0.0.0.0/0')).toBe('all');
  });

  it('an empty ingress list denies everything: the policy isolates without allowing', () => {
    const analysis = analyzeYaml(base + policy('a', 'deny', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] }));
    expect(analysis.connections.filter((c) => c.dst.startsWith('a/'))).toEqual([]);
  });

  it('IPv6 ipBlocks add the ::/0 internet endpoint', () => {
    const analysis = analyzeYaml(
      base +
        policy('a', 'v6', {
          podSelector: { matchLabels: { role: 'client' } },
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '2001:db8::/32' } }] }],
        }),
    );
    expect(traffic(analysis, 'a/client', 'external:2001:db8::/32')).toBe('all');
    expect(traffic(analysis, 'a/client', 'external:::/0')).toBe('none'); // ::/0 is every other IPv6 address
    expect(traffic(analysis, 'a/client', 'external:0.0.0.0/0')).toBe('none');
  });

  it('host-network workloads escape NetworkPolicies; only ipBlocks (node addresses) can match them', () => {
    const yaml =
      base +
      `---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: { name: sensor, namespace: a }\nspec:\n  template:\n    metadata: { labels: { role: server } }\n    spec: { hostNetwork: true }\n` +
      policy('a', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }) +
      policy('b', 'from-a-servers', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { role: 'server' } } }] }] }) +
      policy('b', 'from-nodes', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }], ports: [{ port: 10250 }] }] });
    const analysis = analyzeYaml(yaml);
    // The deny-all of namespace a holds back neither the sensor's egress nor its ingress…
    expect(traffic(analysis, 'a/sensor', 'external:0.0.0.0/0')).toBe('all');
    expect(traffic(analysis, 'b/client', 'a/sensor')).toBe('all');
    expect(traffic(analysis, 'a/sensor', 'a/server')).toBe('none'); // the server's own ingress is isolated
    // …the pod selector of b does not admit it (role=server, but a node address)…
    // …but an ipBlock may contain its node address: without node CIDRs the analysis assumes it does.
    expect(traffic(analysis, 'a/sensor', 'b/client')).toBe('TCP 10250');
    expect(traffic(analyzeYaml(yaml, { nodeCidrs: ['10.0.0.0/24'] }), 'a/sensor', 'b/client')).toBe('none');
    expect(traffic(analyzeYaml(yaml, { nodeCidrs: ['192.168.1.0/24'] }), 'a/sensor', 'b/client')).toBe('TCP 10250');
    expect(analysis.explain('a/sensor', 'a/server').egress.hostNetwork).toBe(true);
  });

  it('explains both sides of a connection with the policies and rule indexes', () => {
    const analysis = analyzeYaml(
      base +
        policy('a', 'server-in', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [
            { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] },
            { from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }], ports: [{ port: 'http' }] },
          ],
        }),
    );
    const explanation = analysis.explain('b/client', 'a/server');
    expect(explanation.egress.isolated).toBe(false);
    expect(explanation.ingress.allowedBy).toEqual([expect.objectContaining({ ruleIndex: 1, peers: ['namespaceSelector team=b'] })]);
    expect(explanation.ingress.allowedBy[0]!.policy.id).toBe('a/server-in');
    expect(explanation.ports.toString()).toBe('TCP 8080');
  });
});
