/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), one case per
 * point of their documented semantics (our own cases): ANP tiers by priority before NetworkPolicies,
 * first matching rule wins, Pass hands over to NetworkPolicies or the BANP, BANP as the last tier.
 */
import { clusterFromManifests, formatViolation, findViolations, parseDenyRule } from '../../../policies/network';
import { analyzeYaml, anp, banp, namespace, pod, policy, traffic } from './helpers';

const base = [
  namespace('shop', { tier: 'app' }),
  namespace('data', { tier: 'data' }),
  namespace('tools', { tier: 'ops' }),
  pod('shop', 'web', { app: 'web' }, [['http', 8080]]),
  pod('shop', 'api', { app: 'api' }, [
    ['http', 9000],
    ['grpc', 9090],
    ['dns', 5353, 'UDP'],
  ]),
  pod('data', 'db', { app: 'db' }, [['sql', 5432]]),
  pod('tools', 'scanner', { app: 'scanner' }),
].join('');

const toData = { namespaces: { matchLabels: { tier: 'data' } } };
const fromTools = { namespaces: { matchLabels: { tier: 'ops' } } };
const everyNamespace = { namespaces: {} };

describe('AdminNetworkPolicy tiers', () => {
  it('Deny in an ANP wins over a NetworkPolicy that allows', () => {
    const analysis = analyzeYaml(
      base +
        policy('data', 'allow-all-in', { podSelector: {}, ingress: [{}] }) +
        anp('deny-tools-to-data', 10, { subject: toData, ingress: [{ name: 'no-tools', action: 'Deny', from: [fromTools] }] }),
    );
    expect(traffic(analysis, 'tools/scanner', 'data/db')).toBe('none');
    expect(traffic(analysis, 'shop/api', 'data/db')).toBe('all');
  });

  it('Allow in an ANP wins over NetworkPolicy isolation', () => {
    const analysis = analyzeYaml(
      base +
        policy('data', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] }) +
        anp('monitoring', 5, {
          subject: toData,
          ingress: [{ name: 'scrape', action: 'Allow', from: [fromTools], ports: [{ portNumber: { protocol: 'TCP', port: 9100 } }] }],
        }),
    );
    expect(traffic(analysis, 'tools/scanner', 'data/db')).toBe('TCP 9100');
    expect(traffic(analysis, 'shop/api', 'data/db')).toBe('none');
  });

  it('the lower priority number is evaluated first', () => {
    const rules = (action: string) => ({ subject: toData, ingress: [{ name: action, action, from: [everyNamespace] }] });
    const allowFirst = analyzeYaml(base + anp('allow', 1, rules('Allow')) + anp('deny', 2, rules('Deny')));
    expect(traffic(allowFirst, 'shop/api', 'data/db')).toBe('all');
    const denyFirst = analyzeYaml(base + anp('allow', 20, rules('Allow')) + anp('deny', 2, rules('Deny')));
    expect(traffic(denyFirst, 'shop/api', 'data/db')).toBe('none');
  });

  it('within one ANP the first matching rule decides, port by port', () => {
    const analysis = analyzeYaml(
      base +
        anp('ordered', 1, {
          subject: toData,
          ingress: [
            { name: 'sql-only', action: 'Allow', from: [everyNamespace], ports: [{ portNumber: { port: 5432 } }] },
            { name: 'rest', action: 'Deny', from: [everyNamespace] },
          ],
        }),
    );
    expect(traffic(analysis, 'shop/api', 'data/db')).toBe('TCP 5432');
  });

  it('Pass hands the traffic to the NetworkPolicies, which then decide', () => {
    const analysis = analyzeYaml(
      base +
        anp('pass-then-deny', 1, {
          subject: toData,
          ingress: [
            { name: 'pass-shop', action: 'Pass', from: [{ namespaces: { matchLabels: { tier: 'app' } } }] },
            { name: 'deny-rest', action: 'Deny', from: [everyNamespace] },
          ],
        }) +
        policy('data', 'sql-from-api', {
          podSelector: {},
          ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] }],
        }),
    );
    expect(traffic(analysis, 'shop/api', 'data/db')).toBe('TCP 5432'); // passed, then the NetworkPolicy allows 5432 only
    expect(traffic(analysis, 'shop/web', 'data/db')).toBe('none'); // passed, and the NetworkPolicy does not admit web
    expect(traffic(analysis, 'tools/scanner', 'data/db')).toBe('none'); // denied by the ANP
  });

  it('traffic an ANP rule does not match (other ports) is decided by the NetworkPolicies, not allowed outright', () => {
    const analysis = analyzeYaml(
      base +
        anp('deny-web-port', 1, {
          subject: toData,
          ingress: [{ name: 'no-80', action: 'Deny', from: [everyNamespace], ports: [{ portNumber: { port: 80 } }] }],
        }) +
        policy('data', 'tcp-only', {
          podSelector: {},
          ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 1, endPort: 65535 }] }],
        }),
    );
    expect(traffic(analysis, 'shop/api', 'data/db')).toBe('TCP 1-79, TCP 81-65535');
  });

  it('Pass without any NetworkPolicy falls to the BANP, whose first matching rule decides', () => {
    const analysis = analyzeYaml(
      base +
        anp('pass-all', 1, { subject: toData, ingress: [{ name: 'pass', action: 'Pass', from: [everyNamespace] }] }) +
        banp({
          subject: toData,
          ingress: [
            {
              name: 'allow-api-sql',
              action: 'Allow',
              from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'api' } } } }],
              ports: [{ namedPort: 'sql' }],
            },
            { name: 'deny-all', action: 'Deny', from: [everyNamespace] },
          ],
        }),
    );
    expect(traffic(analysis, 'shop/api', 'data/db')).toBe('TCP 5432');
    expect(traffic(analysis, 'shop/web', 'data/db')).toBe('none');
  });

  it('the BANP applies only where no NetworkPolicy isolates the pod, and allows what it does not match', () => {
    const yaml = base + banp({ subject: { namespaces: {} }, ingress: [{ name: 'deny-from-tools', action: 'Deny', from: [fromTools] }] });
    const baselineOnly = analyzeYaml(yaml);
    expect(traffic(baselineOnly, 'tools/scanner', 'data/db')).toBe('none');
    expect(traffic(baselineOnly, 'shop/web', 'data/db')).toBe('all');
    const withPolicy = analyzeYaml(yaml + policy('data', 'allow-all-in', { podSelector: {}, ingress: [{}] }));
    expect(traffic(withPolicy, 'tools/scanner', 'data/db')).toBe('all'); // the NetworkPolicy decides before the baseline
    expect(traffic(withPolicy, 'tools/scanner', 'shop/web')).toBe('none'); // shop has no NetworkPolicy: baseline
  });

  it('an ANP affects only the directions it has rules for, and only its subject', () => {
    const analysis = analyzeYaml(
      base +
        anp('egress-only', 1, {
          subject: { pods: { namespaceSelector: { matchLabels: { tier: 'app' } }, podSelector: { matchLabels: { app: 'web' } } } },
          egress: [{ name: 'deny', action: 'Deny', to: [toData] }],
        }),
    );
    expect(traffic(analysis, 'shop/web', 'data/db')).toBe('none');
    expect(traffic(analysis, 'shop/api', 'data/db')).toBe('all'); // not the subject
    expect(traffic(analysis, 'data/db', 'shop/web')).toBe('all'); // the ANP has no ingress rules
  });

  it('resolves named ports per destination whatever their protocol, and port ranges', () => {
    const analysis = analyzeYaml(
      base +
        policy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] }) +
        anp('ports', 1, {
          subject: { namespaces: { matchLabels: { tier: 'app' } } },
          ingress: [
            {
              name: 'named-and-range',
              action: 'Allow',
              from: [fromTools],
              ports: [{ namedPort: 'dns' }, { namedPort: 'http' }, { portRange: { protocol: 'TCP', start: 9080, end: 9099 } }],
            },
          ],
        }),
    );
    expect(traffic(analysis, 'tools/scanner', 'shop/api')).toBe('TCP 9000, TCP 9080-9099, UDP 5353');
    expect(traffic(analysis, 'tools/scanner', 'shop/web')).toBe('TCP 8080, TCP 9080-9099');
  });

  it('networks peers are exact external ranges and compare as ranges in --deny', () => {
    const analysis = analyzeYaml(
      base +
        anp('egress', 1, {
          subject: { namespaces: { matchLabels: { tier: 'app' } } },
          egress: [
            { name: 'no-metadata', action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] },
            { name: 'partner', action: 'Allow', to: [{ networks: ['203.0.113.0/24'] }], ports: [{ portNumber: { port: 443 } }] },
            { name: 'rest', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] },
          ],
        }),
    );
    expect(traffic(analysis, 'shop/api', 'external:203.0.113.0/24')).toBe('TCP 443');
    expect(analysis.connections.filter((c) => c.src === 'shop/api' && c.dst.startsWith('external:')).map((c) => c.dst)).toEqual(['external:203.0.113.0/24']);
    // 0.0.0.0/0 covers every pod address: the Deny applies inside the cluster too (the API says so).
    expect(traffic(analysis, 'shop/api', 'data/db')).toBe('none');
    expect(findViolations(analysis, [parseDenyRule('tier=app -> external:203.0.113.7')])).toHaveLength(2);
    expect(findViolations(analysis, [parseDenyRule('tier=app -> external:169.254.169.254/32')])).toHaveLength(0);
  });

  it('IPv6 networks peers decide IPv6 ranges; a BANP that denies 0.0.0.0/0 leaves IPv6 open', () => {
    const analysis = analyzeYaml(
      base +
        anp('v6', 1, {
          subject: { namespaces: { matchLabels: { tier: 'app' } } },
          egress: [
            { name: 'no-dns-v6', action: 'Deny', to: [{ networks: ['2001:db8:53::/48'] }], ports: [{ portNumber: { protocol: 'UDP', port: 53 } }] },
            { name: 'partner-v6', action: 'Allow', to: [{ networks: ['2001:db8:1::/48'] }] },
          ],
        }) +
        banp({
          subject: { namespaces: { matchLabels: { tier: 'app' } } },
          egress: [{ name: 'no-internet-v4', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }],
        }),
    );
    // No IPv4 address (the BANP denies them); every IPv6 address, but DNS to 2001:db8:53::/48 (the partner
    // range is allowed by the ANP, the others by no rule: not even the BANP's IPv4 deny matches them).
    const egress = analysis.connections.filter((c) => c.src === 'shop/api' && c.dst.startsWith('external:')).map((c) => [c.dst, c.ports.toString()]);
    expect(egress).toEqual([
      ['external:::-2001:db8:52:ffff:ffff:ffff:ffff:ffff', 'all'],
      ['external:2001:db8:53::/48', 'TCP 1-65535, UDP 1-52, UDP 54-65535, SCTP 1-65535, other protocols'],
      ['external:2001:db8:54::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'all'],
    ]);
    expect(findViolations(analysis, [parseDenyRule('shop/api -> external:2001:4860::8888/128')])).toHaveLength(1);
    expect(findViolations(analysis, [parseDenyRule('shop/api -> external:8.8.8.8')])).toHaveLength(0);
  });

  it('nodes peers: an empty selector matches host-network pods; a labelled one is warned about', () => {
    const hostAgent = `---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: { name: agent, namespace: tools }\nspec:\n  template:\n    metadata: { labels: { app: agent } }\n    spec: { hostNetwork: true }\n`;
    const analysis = analyzeYaml(
      base + hostAgent + anp('no-nodes', 1, { subject: { namespaces: {} }, egress: [{ name: 'deny-nodes', action: 'Deny', to: [{ nodes: {} }] }] }),
    );
    expect(traffic(analysis, 'shop/web', 'tools/agent')).toBe('none');
    expect(traffic(analysis, 'shop/web', 'data/db')).toBe('all');
    const labelled = clusterFromManifests([
      {
        file: 'x.yaml',
        text:
          base +
          anp('workers', 1, { subject: { namespaces: {} }, egress: [{ name: 'w', action: 'Deny', to: [{ nodes: { matchLabels: { role: 'worker' } } }] }] }),
      },
    ]);
    expect(labelled.warnings.join('\n')).toMatch(
      /x\.yaml: document 8 \(AdminNetworkPolicy workers\): spec\.egress\[0\]\.to\[0\]\.nodes: node labels are not in the input/,
    );
  });

  it('explains a denied flow with the ANP rule that allows it', () => {
    const analysis = analyzeYaml(
      base +
        policy('data', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] }) +
        anp('break-glass', 3, { subject: toData, ingress: [{ name: 'tools-in', action: 'Allow', from: [fromTools] }] }),
    );
    const [violation] = findViolations(analysis, [parseDenyRule('tier=ops -> tier=data')]);
    expect(formatViolation(violation!)).toMatch(
      /AdminNetworkPolicy break-glass \(priority 3\) ingress\[0\] "tools-in" \(test\.yaml, document \d+\): allows from namespaces tier=ops; ports all/,
    );
  });

  it.each([
    [
      'a Pass in the BANP',
      banp({ subject: { namespaces: {} }, ingress: [{ name: 'p', action: 'Pass', from: [everyNamespace] }] }),
      /spec\.ingress\[0\]\.action: "Pass" is not an action of a BaselineAdminNetworkPolicy/,
    ],
    [
      'a missing priority',
      `---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: { name: p }\nspec: { subject: { namespaces: {} } }\n`,
      /spec\.priority: an AdminNetworkPolicy needs a priority/,
    ],
    ['a priority above 1000', anp('p', 1001, { subject: { namespaces: {} } }), /spec\.priority: 1001 is outside 0-1000/],
    [
      'a subject with both fields',
      anp('p', 1, { subject: { namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } } }),
      /spec\.subject: set exactly one of namespaces or pods/,
    ],
    [
      'a peer with two fields',
      anp('p', 1, { subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ namespaces: {}, networks: ['10.0.0.0/8'] }] }] }),
      /spec\.egress\[0\]\.to\[0\]: set exactly one of namespaces, pods, nodes or networks/,
    ],
    [
      'networks in an ingress rule',
      anp('p', 1, { subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ networks: ['10.0.0.0/8'] }] }] }),
      /spec\.ingress\[0\]\.from\[0\]\.networks: networks peers exist in egress rules only/,
    ],
    [
      'a bad CIDR',
      anp('p', 1, { subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/33'] }] }] }),
      /spec\.egress\[0\]\.to\[0\]\.networks: "10\.0\.0\.0\/33" is not a CIDR/,
    ],
    [
      'an inverted port range',
      anp('p', 1, { subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ namespaces: {} }], ports: [{ portRange: { start: 10, end: 1 } }] }] }),
      /spec\.egress\[0\]\.ports\[0\]\.portRange\.end: end 1 is below start 10/,
    ],
    [
      'a rule without peers',
      anp('p', 1, { subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [] }] }),
      /spec\.egress\[0\]\.to: a rule needs at least one peer/,
    ],
  ])('leaves out a policy with %s (the API server would reject it), naming the file and key path', (_name, yaml, message) => {
    const cluster = clusterFromManifests([{ file: 'bad.yaml', text: base + yaml }]);
    expect(cluster.rejected).toEqual([expect.stringMatching(message)]);
    expect(cluster.rejected[0]).toMatch(/the API server would reject this (Baseline)?AdminNetworkPolicy: left out of the analysis$/);
    expect([...cluster.adminPolicies, ...(cluster.baselinePolicy ? [cluster.baselinePolicy] : [])]).toEqual([]);
    expect(cluster.workloads).toHaveLength(4);
  });

  it('warns about two ANPs of one priority and applies them in name order', () => {
    const cluster = clusterFromManifests([
      {
        file: 'x.yaml',
        text:
          base +
          anp('b', 7, { subject: toData, ingress: [{ action: 'Allow', from: [everyNamespace] }] }) +
          anp('a', 7, { subject: toData, ingress: [{ action: 'Deny', from: [everyNamespace] }] }),
      },
    ]);
    expect(cluster.adminPolicies.map((p) => p.name)).toEqual(['a', 'b']);
    expect(cluster.warnings.join('\n')).toMatch(/AdminNetworkPolicies a and b share priority 7/);
  });
});
