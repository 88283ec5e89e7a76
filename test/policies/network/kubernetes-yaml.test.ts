import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeCluster, clusterFromManifests, loadNetworkModel } from '../../../policies/network';
import { connectionMap } from './helpers';
import { tempDir } from '../../support/temp-dir';

const template = (labels: Record<string, string>) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }] },
});

describe('reading plain Kubernetes manifests', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('netpol-yaml-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads every workload kind, multi-document files, .yml and .json, and nested folders', async () => {
    fs.writeFileSync(
      path.join(dir, 'apps.yaml'),
      [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', labels: { k: 'pod' } }, spec: template({}).spec },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'deploy', namespace: 'apps' }, spec: { template: template({ k: 'deploy' }) } },
        { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'sts', namespace: 'apps' }, spec: { template: template({ k: 'sts' }) } },
        { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds', namespace: 'apps' }, spec: { template: template({ k: 'ds' }) } },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n---\n'),
    );
    fs.mkdirSync(path.join(dir, 'batch'));
    fs.writeFileSync(
      path.join(dir, 'batch', 'jobs.yml'),
      `apiVersion: batch/v1
kind: Job
metadata: { name: job, namespace: batch }
spec:
  template: ${JSON.stringify(template({ k: 'job' }))}
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: cron, namespace: batch }
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template: ${JSON.stringify(template({ k: 'cron' }))}
---
# an empty document and a Service are ignored
---
apiVersion: v1
kind: Service
metadata: { name: svc }
`,
    );
    fs.writeFileSync(
      path.join(dir, 'legacy.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ReplicationController',
        metadata: { name: 'rc', namespace: 'legacy' },
        spec: { template: template({ k: 'rc' }) },
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'rs.yaml'),
      JSON.stringify({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'legacy' }, spec: { template: template({ k: 'rs' }) } }),
    );
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a manifest');

    const cluster = await loadNetworkModel(dir);
    expect(cluster.workloads.map((w) => `${w.id}:${w.kind}:${w.labels.k}`)).toEqual([
      'apps/deploy:Deployment:deploy',
      'apps/ds:DaemonSet:ds',
      'apps/sts:StatefulSet:sts',
      'batch/cron:CronJob:cron',
      'batch/job:Job:job',
      'default/pod:Pod:pod',
      'legacy/rc:ReplicationController:rc',
      'legacy/rs:ReplicaSet:rs',
    ]);
    expect(cluster.workloads[0]!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(cluster.namespaces.map((n) => n.name)).toEqual(['apps', 'batch', 'default', 'legacy']);
  });

  it('unwraps List and typed lists such as PodList whose items carry no kind (API responses)', () => {
    const cluster = clusterFromManifests([
      {
        file: 'pods.json',
        text: JSON.stringify({
          apiVersion: 'v1',
          kind: 'PodList',
          items: [
            { metadata: { name: 'a', namespace: 'x', labels: { app: 'a' } }, spec: {} },
            { metadata: { name: 'b', namespace: 'x' }, spec: {} },
          ],
        }),
      },
      {
        file: 'all.yaml',
        text: `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata: { name: x, labels: { zone: blue } }
- apiVersion: apps/v1
  kind: DeploymentList
  items: []
`,
      },
    ]);
    expect(cluster.workloads.map((w) => w.id)).toEqual(['x/a', 'x/b']);
    expect(cluster.namespaces[0]!.labels).toEqual({ zone: 'blue', 'kubernetes.io/metadata.name': 'x' });
  });

  it('counts a workload once when its controller is in the input too (kubectl get all)', () => {
    const owner = (kind: string, name: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name, uid: 'u', controller: true }] });
    const cluster = clusterFromManifests([
      {
        file: 'all.yaml',
        text: [
          { kind: 'Deployment', metadata: { name: 'web' }, spec: { template: template({ app: 'web' }) } },
          { kind: 'ReplicaSet', metadata: { name: 'web-5d9', ...owner('Deployment', 'web') }, spec: { template: template({ app: 'web' }) } },
          { kind: 'Pod', metadata: { name: 'web-5d9-x', labels: { app: 'web' }, ...owner('ReplicaSet', 'web-5d9') }, spec: {} },
          { kind: 'Pod', metadata: { name: 'orphan', labels: { app: 'o' }, ...owner('ReplicaSet', 'gone') }, spec: {} },
        ]
          .map((o) => JSON.stringify({ apiVersion: 'v1', ...o }))
          .join('\n---\n'),
      },
    ]);
    expect(cluster.workloads.map((w) => w.id)).toEqual(['default/orphan', 'default/web']);
  });

  it('reads the pod and node CIDRs the policies record in annotations (and warns about bad ones)', () => {
    const cluster = clusterFromManifests([
      {
        file: 'p.yaml',
        text: `kind: NetworkPolicy\nmetadata:\n  name: default-deny\n  annotations: { platform.hospital/pod-cidrs: "10.244.0.0/16, fd00::/48", platform.hospital/node-cidrs: "10.0.0.0/24,not-a-cidr" }\nspec: { podSelector: {} }\n`,
      },
    ]);
    expect(cluster.podCidrs).toEqual(['10.244.0.0/16', 'fd00::/48']);
    expect(cluster.nodeCidrs).toEqual(['10.0.0.0/24']);
    expect(cluster.warnings.join('\n')).toMatch(/p\.yaml: document: annotation platform\.hospital\/node-cidrs: "not-a-cidr" is not a CIDR/);
  });

  it('gives workloads of two kinds sharing a name distinct ids', () => {
    const cluster = clusterFromManifests([
      {
        file: 'x.yaml',
        text: `kind: Deployment\nmetadata: { name: db }\nspec: { template: { metadata: { labels: {} } } }\n---\nkind: StatefulSet\nmetadata: { name: db }\nspec: { template: { metadata: { labels: {} } } }\n`,
      },
    ]);
    expect(cluster.workloads.map((w) => w.id)).toEqual(['default/db@deployment', 'default/db@statefulset']);
  });

  it.each([
    ['a missing name', 'kind: Pod\nmetadata: { namespace: x }\n', /bad\.yaml: document \(Pod \?\): metadata\.name/],
    [
      'an unknown operator',
      'kind: NetworkPolicy\nmetadata: { name: p }\nspec: { podSelector: { matchExpressions: [{ key: a, operator: Equals }] } }\n',
      /spec\.podSelector\.matchExpressions\[0\]\.operator/,
    ],
    [
      'In without values',
      'kind: NetworkPolicy\nmetadata: { name: p }\nspec: { podSelector: { matchExpressions: [{ key: a, operator: In }] } }\n',
      /podSelector\.matchExpressions\[0\]\.values: operator In needs at least one value/,
    ],
    [
      'endPort with a named port',
      'kind: NetworkPolicy\nmetadata: { name: p }\nspec: { podSelector: {}, ingress: [{ ports: [{ port: http, endPort: 90 }] }] }\n',
      /spec\.ingress\[0\]\.ports\[0\]\.endPort: endPort needs a numeric port/,
    ],
    [
      'endPort below port',
      'kind: NetworkPolicy\nmetadata: { name: p }\nspec: { podSelector: {}, egress: [{ ports: [{ port: 100, endPort: 90 }] }] }\n',
      /endPort 90 is below port 100/,
    ],
    [
      'a bad CIDR',
      'kind: NetworkPolicy\nmetadata: { name: p }\nspec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/40 } }] }] }\n',
      /spec\.ingress\[0\]\.from\[0\]\.ipBlock: "10\.0\.0\.0\/40" is not a CIDR/,
    ],
    [
      'an empty peer',
      'kind: NetworkPolicy\nmetadata: { name: p }\nspec: { podSelector: {}, ingress: [{ from: [{}] }] }\n',
      /spec\.ingress\[0\]\.from\[0\]: a peer needs podSelector, namespaceSelector or ipBlock/,
    ],
    [
      'an unknown protocol',
      'kind: NetworkPolicy\nmetadata: { name: p }\nspec: { podSelector: {}, ingress: [{ ports: [{ protocol: ICMP }] }] }\n',
      /spec\.ingress\[0\]\.ports\[0\]\.protocol/,
    ],
    [
      'an except outside its cidr',
      'kind: NetworkPolicy\nmetadata: { name: p }\nspec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/8, except: [192.168.0.0/16] } }] }] }\n',
      /spec\.egress\[0\]\.to\[0\]\.ipBlock\.except\[0\]: "192\.168\.0\.0\/16" is not a strict subset of cidr "10\.0\.0\.0\/8"/,
    ],
    [
      'an except equal to its cidr',
      'kind: NetworkPolicy\nmetadata: { name: p }\nspec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/8, except: [10.0.0.0/8] } }] }] }\n',
      /ipBlock\.except\[0\]: "10\.0\.0\.0\/8" is not a strict subset/,
    ],
    [
      'ipBlock combined with a selector',
      'kind: NetworkPolicy\nmetadata: { name: p }\nspec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/8 }, podSelector: {} }] }] }\n',
      /cannot be combined/,
    ],
  ])('leaves out an object with %s, as the API server would reject it, naming the file and key path', (_name, text, message) => {
    // The rest of the folder is still read: kubectl apply -f applies the other objects.
    const cluster = clusterFromManifests([
      { file: 'bad.yaml', text },
      { file: 'good.yaml', text: 'kind: Pod\nmetadata: { name: web, namespace: x }\n' },
    ]);
    expect(cluster.rejected).toHaveLength(1);
    expect(cluster.rejected[0]).toMatch(message);
    expect(cluster.rejected[0]).toMatch(/the API server would reject this (Pod|NetworkPolicy): left out of the analysis$/);
    expect(cluster.workloads.map((w) => w.id)).toEqual(['x/web']);
    expect(cluster.policies).toEqual([]);
  });

  it('leaves out a document that is not valid YAML and reads the others of the file', () => {
    const cluster = clusterFromManifests([
      { file: 'mixed.yaml', text: 'kind: Pod\nmetadata: { name: a }\n---\nkind: Pod\nmetadata: { name: [\n---\nkind: Pod\nmetadata: { name: c }\n' },
    ]);
    expect(cluster.workloads.map((w) => w.id)).toEqual(['default/a', 'default/c']);
    expect(cluster.rejected).toEqual([expect.stringMatching(/^mixed\.yaml: document 2: not valid YAML\/JSON: .*; kubectl would not apply it: left out$/)]);
  });

  it('keeps a workload whose container port Kubernetes would reject (no containerPort), without that port, and says so', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'shop' },
      spec: {
        template: {
          metadata: { labels: { app: 'api' } },
          // `containerport`: a typo of the case-sensitive field name; the API server would refuse the object.
          spec: {
            containers: [
              {
                name: 'c',
                image: 'x',
                ports: [
                  { name: 'http', containerPort: 8080 },
                  { name: 'metrics', containerport: 9100 },
                  { name: 'dns', containerPort: 70000, protocol: 'UDP' },
                ],
              },
            ],
          },
        },
      },
    };
    const policies = [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'api-in', namespace: 'shop' },
        spec: { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 'http' }, { port: 'metrics' }] }] },
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'shop' }, spec: {} },
    ];
    const cluster = clusterFromManifests([{ file: 'api.yaml', text: [deployment, ...policies].map((o) => JSON.stringify(o)).join('\n---\n') }]);
    expect(cluster.workloads.find((w) => w.id === 'shop/api')?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(cluster.rejected).toEqual([
      expect.stringMatching(
        /^api\.yaml: document 1 \(Deployment api\): spec\.template\.spec\.containers\[0\]\.ports\[1\]\.containerPort: .* \(found "containerport": Kubernetes field names are case-sensitive\); the API server would reject this Deployment: analysed without this port$/,
      ),
      expect.stringMatching(
        /^api\.yaml: document 1 \(Deployment api\): spec\.template\.spec\.containers\[0\]\.ports\[2\]\.containerPort: .*; the API server would reject this Deployment: analysed without this port$/,
      ),
    ]);
    // The named port that exists still resolves; the one left out matches nothing.
    expect(connectionMap(analyzeCluster(cluster))['shop/client -> shop/api']).toBe('TCP 8080');
  });

  it('names a static pod by itself: its mirror Pod names the Node as controller', () => {
    const mirror = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'kube-system', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'n1', controller: true }] },
      spec: {},
    });
    const managed = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'dns-7d9-x',
        namespace: 'kube-system',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'dns-7d9', uid: 'r', controller: true }],
      },
      spec: {},
    };
    const cluster = clusterFromManifests([
      { file: 'pods.yaml', text: [mirror('etcd-node-1'), mirror('kube-apiserver-node-1'), managed].map((o) => JSON.stringify(o)).join('\n---\n') },
    ]);
    expect(cluster.workloads.map((w) => [w.id, w.owner])).toEqual([
      ['kube-system/dns-7d9-x', { kind: 'ReplicaSet', name: 'dns-7d9' }],
      ['kube-system/etcd-node-1', undefined],
      ['kube-system/kube-apiserver-node-1', undefined],
    ]);
  });

  it('keeps the controller name of an owner reference that names no kind', () => {
    const cluster = clusterFromManifests([
      { file: 'p.yaml', text: 'kind: Pod\nmetadata:\n  name: p-1\n  ownerReferences: [{ name: batch, controller: true }]\n' },
    ]);
    expect(cluster.workloads[0]?.owner).toEqual({ kind: '', name: 'batch' });
    expect(cluster.rejected).toEqual([]);
  });

  it('skips a JSON file that is not Kubernetes (an array) and a stray values.yaml with one warning line each', async () => {
    fs.writeFileSync(path.join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: web, namespace: shop }\nspec: {}\n');
    fs.writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify([{ host: 'db-1' }, { host: 'db-2' }]));
    fs.writeFileSync(path.join(dir, 'values.yaml'), 'replicaCount: 2\nimage:\n  repository: nginx\n');
    fs.writeFileSync(path.join(dir, 'mixed.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n---\n- just\n- a list\n');
    const cluster = await loadNetworkModel(dir);
    expect(cluster.workloads.map((w) => w.id)).toEqual(['shop/web']);
    const skipped = cluster.warnings.filter((w) => w.includes('not Kubernetes objects'));
    expect(skipped).toEqual([
      `${path.join(dir, 'inventory.json')}: skipped the file: not Kubernetes objects (document is a list)`,
      `${path.join(dir, 'mixed.yaml')}: skipped 1 document(s): not Kubernetes objects (document 2 is a list)`,
      `${path.join(dir, 'values.yaml')}: skipped the file: not Kubernetes objects (document has no kind)`,
    ]);
  });

  it('warns about every kind it does not model, saying what the result does not cover', () => {
    const cluster = clusterFromManifests([
      {
        file: 'extras.yaml',
        text: [
          { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' } },
          { apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'web' } },
          { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web' } },
          { apiVersion: 'k8s.ovn.org/v1', kind: 'UserDefinedNetwork', metadata: { name: 'tenant' } },
          { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'storage' } },
          // Calico's NetworkPolicy shares the core kind's name: it must not be read as one.
          {
            apiVersion: 'projectcalico.org/v3',
            kind: 'NetworkPolicy',
            metadata: { name: 'calico-deny', namespace: 'x' },
            spec: { selector: 'all()', types: ['Ingress'] },
          },
          { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'global' } },
          { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'l7' } },
          { apiVersion: 'example.com/v1', kind: 'FancyNetworkPolicy', metadata: { name: 'f' } },
          { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } },
        ]
          .map((o) => JSON.stringify(o))
          .join('\n---\n'),
      },
    ]);
    expect(cluster.policies).toEqual([]);
    const warnings = cluster.warnings.join('\n');
    for (const expected of [
      /not modelled: Ingress web \(extras\.yaml\): connections from the ingress controller \(\{ingress-controller\}\) to the backends are not modelled/,
      /not modelled: Route web \(extras\.yaml\): OpenShift Routes/,
      /not modelled: HTTPRoute web \(extras\.yaml\): Gateway API routing/,
      /not modelled: UserDefinedNetwork tenant \(extras\.yaml\): user-defined networks/,
      /not modelled: NetworkAttachmentDefinition storage \(extras\.yaml\): secondary networks \(Multus\)/,
      /not modelled: NetworkPolicy calico-deny \(extras\.yaml\), GlobalNetworkPolicy global \(extras\.yaml\): Calico policies are not modelled/,
      /not modelled: CiliumNetworkPolicy l7 \(extras\.yaml\): Cilium policies/,
      /not modelled: FancyNetworkPolicy f \(extras\.yaml\): FancyNetworkPolicy \(example\.com\) is not modelled/,
    ])
      expect(warnings).toMatch(expected);
    expect(warnings).not.toMatch(/Service/);
  });

  it('rejects a missing path and an empty folder', async () => {
    await expect(loadNetworkModel(path.join(dir, 'nope'))).rejects.toThrow(/no such file or folder/);
    await expect(loadNetworkModel(dir)).rejects.toThrow(/no Kubernetes manifests/);
  });
});
