/**
 * The examples of https://kubernetes.io/docs/concepts/services-networking/network-policies/, applied to
 * a small cluster, with the behaviour the page describes for each.
 */
import { analyzeYaml, namespace, pod, traffic } from './helpers';

const cluster = [
  namespace('default'),
  namespace('myproject', { project: 'myproject' }),
  namespace('other'),
  pod('default', 'db', { role: 'db' }, [['redis', 6379]]),
  pod('default', 'frontend', { role: 'frontend' }),
  pod('default', 'backend', { role: 'backend' }),
  pod('myproject', 'anything', { app: 'x' }),
  pod('other', 'frontend', { role: 'frontend' }),
].join('');

const testNetworkPolicy = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test-network-policy
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - ipBlock:
        cidr: 172.17.0.0/16
        except:
        - 172.17.1.0/24
    - namespaceSelector:
        matchLabels:
          project: myproject
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 6379
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 5978
`;

describe('Kubernetes documentation: NetworkPolicy examples', () => {
  it('test-network-policy: db accepts TCP 6379 from 172.17.0.0/16 except 172.17.1.0/24, namespace project=myproject, and role=frontend pods of default', () => {
    const analysis = analyzeYaml(cluster + testNetworkPolicy);
    expect(traffic(analysis, 'default/frontend', 'default/db')).toBe('TCP 6379');
    expect(traffic(analysis, 'myproject/anything', 'default/db')).toBe('TCP 6379');
    // The except is honoured: the allowed peers are exactly 172.17.0.0/24 and 172.17.2.0-172.17.255.255.
    expect(traffic(analysis, 'external:172.17.0.0/24', 'default/db')).toBe('TCP 6379');
    expect(traffic(analysis, 'external:172.17.2.0-172.17.255.255', 'default/db')).toBe('TCP 6379');
    expect(analysis.connections.filter((c) => c.dst === 'default/db' && c.src.startsWith('external:')).map((c) => c.src)).toEqual([
      'external:172.17.0.0/24',
      'external:172.17.2.0-172.17.255.255',
    ]);
    expect(traffic(analysis, 'default/backend', 'default/db')).toBe('none');
    // role=frontend in another namespace is not selected: a podSelector alone means the policy's namespace.
    expect(traffic(analysis, 'other/frontend', 'default/db')).toBe('none');
    // Egress of db: only TCP 5978 to 10.0.0.0/24.
    expect(traffic(analysis, 'default/db', 'external:10.0.0.0/24')).toBe('TCP 5978');
    expect(traffic(analysis, 'default/db', 'default/frontend')).toBe('none');
    // Every other address range gets nothing.
    expect(analysis.connections.filter((c) => c.src === 'default/db' && c.dst.startsWith('external:')).map((c) => c.dst)).toEqual(['external:10.0.0.0/24']);
  });

  it('test-network-policy explains the except: the /24 is not allowed', () => {
    const analysis = analyzeYaml(cluster + testNetworkPolicy);
    const explanation = analysis.explain('external:172.17.1.0/24', 'default/db');
    expect(explanation.ingress.allowedBy).toEqual([]);
    expect(explanation.ports.isEmpty()).toBe(true);
  });

  it('default-deny-ingress: no pod of the namespace accepts traffic; egress stays open', () => {
    const analysis = analyzeYaml(`${cluster}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`);
    expect(analysis.connections.filter((c) => c.dst.startsWith('default/'))).toEqual([]);
    expect(traffic(analysis, 'default/frontend', 'other/frontend')).toBe('all');
  });

  it('allow-all-ingress: every pod of the namespace accepts everything, even beside a deny', () => {
    const analysis = analyzeYaml(`${cluster}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-ingress
spec:
  podSelector: {}
  ingress:
  - {}
  policyTypes:
  - Ingress
`);
    expect(traffic(analysis, 'other/frontend', 'default/db')).toBe('all');
    expect(traffic(analysis, 'external:0.0.0.0/0', 'default/db')).toBe('all');
  });

  it('default-deny-egress: no pod of the namespace sends anything; ingress stays open', () => {
    const analysis = analyzeYaml(`${cluster}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
spec:
  podSelector: {}
  policyTypes:
  - Egress
`);
    expect(analysis.connections.filter((c) => c.src.startsWith('default/'))).toEqual([]);
    expect(traffic(analysis, 'other/frontend', 'default/db')).toBe('all');
  });

  it('allow-all-egress: every pod of the namespace sends anything', () => {
    const analysis = analyzeYaml(`${cluster}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
spec:
  podSelector: {}
  egress:
  - {}
  policyTypes:
  - Egress
`);
    expect(traffic(analysis, 'default/db', 'external:0.0.0.0/0')).toBe('all');
    expect(traffic(analysis, 'default/db', 'other/frontend')).toBe('all');
  });

  it('default-deny-all: nothing in or out of the namespace', () => {
    const analysis = analyzeYaml(`${cluster}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
`);
    expect(analysis.connections.filter((c) => c.src.startsWith('default/') || c.dst.startsWith('default/'))).toEqual([]);
    expect(traffic(analysis, 'other/frontend', 'myproject/anything')).toBe('all');
  });

  it('multi-port-egress: TCP 32000-32768 to 10.0.0.0/24 with endPort', () => {
    const analysis = analyzeYaml(`${cluster}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: multi-port-egress
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
    - Egress
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/24
      ports:
        - protocol: TCP
          port: 32000
          endPort: 32768
`);
    expect(analysis.connections.find((c) => c.src === 'default/db' && c.dst === 'external:10.0.0.0/24')?.ports.ranges()).toEqual([
      { protocol: 'TCP', from: 32000, to: 32768 },
    ]);
    expect(traffic(analysis, 'default/db', 'default/frontend')).toBe('none');
  });

  it('targeting a namespace by its name with the automatic kubernetes.io/metadata.name label', () => {
    const analysis = analyzeYaml(`${cluster}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: from-other
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: other
`);
    expect(traffic(analysis, 'other/frontend', 'default/db')).toBe('all');
    expect(traffic(analysis, 'default/frontend', 'default/db')).toBe('none');
  });

  describe('"Behavior of to and from selectors": one element with both selectors (AND) versus two elements (OR)', () => {
    const alice = [namespace('alice', { user: 'alice' }), pod('alice', 'client', { role: 'client' }), pod('alice', 'batch', { role: 'batch' })].join('');
    const withPeers = (from: string) => `${cluster}${alice}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  ingress:
  - from:
${from}`;

    it('AND: pods with role=client in namespaces with user=alice', () => {
      const analysis = analyzeYaml(
        withPeers(`    - namespaceSelector:
        matchLabels:
          user: alice
      podSelector:
        matchLabels:
          role: client
`),
      );
      expect(traffic(analysis, 'alice/client', 'default/db')).toBe('all');
      expect(traffic(analysis, 'alice/batch', 'default/db')).toBe('none');
      expect(traffic(analysis, 'default/frontend', 'default/db')).toBe('none');
    });

    it('OR: any pod in namespaces with user=alice, or role=client pods in the local namespace', () => {
      const analysis = analyzeYaml(
        `${withPeers(`    - namespaceSelector:
        matchLabels:
          user: alice
    - podSelector:
        matchLabels:
          role: client
`)}${pod('default', 'local-client', { role: 'client' })}`,
      );
      expect(traffic(analysis, 'alice/batch', 'default/db')).toBe('all');
      expect(traffic(analysis, 'default/local-client', 'default/db')).toBe('all');
      expect(traffic(analysis, 'default/frontend', 'default/db')).toBe('none');
    });
  });
});
