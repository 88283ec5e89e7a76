import { Testing, TerraformStack } from 'cdktf';
import { CLUSTER_CIDR_ANNOTATIONS, NetworkIsolation, PRIVATE_RANGES } from '../../../constructs/network-isolation';
import { CLUSTER_CIDR_ANNOTATIONS as ANALYSIS_ANNOTATIONS } from '../../../policies/network/cluster';
import { networkFlowsSchema, type Segment } from '../../../environments/schema';
import { testingApp } from '../../support/testing-app';

function synth(namespaces: Record<string, Segment>, config: unknown): Record<string, any> {
  const app = testingApp();
  const stack = new TerraformStack(app, 'test');
  new NetworkIsolation(stack, 'network', {
    namespaces: Object.entries(namespaces).map(([name, segment]) => ({ name, segment })),
    ...networkFlowsSchema.parse(config),
  });
  const json = JSON.parse(Testing.synth(stack));
  return Object.fromEntries(
    Object.values(json.resource.kubernetes_network_policy_v1 as Record<string, any>).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]),
  );
}

const cidrs = { pods: ['10.244.0.0/16'], services: ['10.96.0.0/12'], nodes: ['192.168.10.0/24'] };

describe('NetworkIsolation', () => {
  it('denies ingress and egress by default in every namespace and allows DNS to kube-dns over UDP and TCP 53', () => {
    const policies = synth({ his: 'medical', monitoring: 'management' }, { clusterCidrs: cidrs });
    expect(Object.keys(policies).sort()).toEqual(['his/allow-dns', 'his/default-deny', 'monitoring/allow-dns', 'monitoring/default-deny']);
    expect(policies['his/default-deny'].spec).toEqual({ pod_selector: {}, policy_types: ['Ingress', 'Egress'] });
    // The cluster's networks are recorded for the reachability analysis (policies/network reads the same keys).
    expect(policies['his/default-deny'].metadata.annotations).toMatchObject({
      [CLUSTER_CIDR_ANNOTATIONS.pods]: '10.244.0.0/16',
      [CLUSTER_CIDR_ANNOTATIONS.services]: '10.96.0.0/12',
      [CLUSTER_CIDR_ANNOTATIONS.nodes]: '192.168.10.0/24',
    });
    expect(ANALYSIS_ANNOTATIONS).toBe(CLUSTER_CIDR_ANNOTATIONS); // one contract (contract/index.ts) for both sides
    expect(policies['his/allow-dns'].spec).toEqual({
      pod_selector: {},
      policy_types: ['Egress'],
      egress: [
        {
          to: [
            {
              namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              pod_selector: { match_labels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: '53' },
            { protocol: 'TCP', port: '53' },
          ],
        },
      ],
    });
  });

  it('lets the guest segment reach only the internet: private ranges and the cluster CIDRs excepted', () => {
    const policies = synth({ 'guest-services': 'guest' }, { clusterCidrs: cidrs });
    expect(policies['guest-services/allow-internet-egress'].spec).toEqual({
      pod_selector: {},
      policy_types: ['Egress'],
      egress: [{ to: [{ ip_block: { cidr: '0.0.0.0/0', except: [...PRIVATE_RANGES, '10.244.0.0/16', '10.96.0.0/12', '192.168.10.0/24'] } }] }],
    });
  });

  it('turns a flow into an egress policy at the source and an ingress policy at the destination', () => {
    const policies = synth(
      { his: 'medical', lis: 'medical' },
      { clusterCidrs: cidrs, flows: [{ from: 'his/registration', to: 'lis/lis', ports: ['http', { port: 9000, endPort: 9010 }] }] },
    );
    const ports = [
      { protocol: 'TCP', port: 'http' },
      { protocol: 'TCP', port: '9000', end_port: 9010 },
    ];
    expect(policies['his/allow-to-lis-lis'].spec).toEqual({
      pod_selector: { match_labels: { 'app.kubernetes.io/name': 'registration' } },
      policy_types: ['Egress'],
      egress: [
        {
          to: [
            {
              namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'lis' } },
              pod_selector: { match_labels: { 'app.kubernetes.io/name': 'lis' } },
            },
          ],
          ports,
        },
      ],
    });
    expect(policies['lis/allow-from-his-registration'].spec).toEqual({
      pod_selector: { match_labels: { 'app.kubernetes.io/name': 'lis' } },
      policy_types: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'his' } },
              pod_selector: { match_labels: { 'app.kubernetes.io/name': 'registration' } },
            },
          ],
          ports,
        },
      ],
    });
    expect(policies['lis/allow-from-his-registration'].metadata.annotations).toEqual({ 'platform.hospital/purpose': 'his/registration → lis/lis' });
  });

  it('writes one side only for flows to or from a CIDR, a whole namespace as a namespace selector alone, and numbers repeated names', () => {
    const policies = synth(
      { lis: 'medical', monitoring: 'management' },
      {
        clusterCidrs: cidrs,
        flows: [
          { from: 'lis/lis', to: '10.30.0.0/16', ports: [2575] },
          { from: 'monitoring/prometheus', to: 'lis/*', ports: ['metrics'] },
          { from: 'monitoring/prometheus', to: 'lis/*', ports: [9100] },
        ],
      },
    );
    expect(policies['lis/allow-to-cidr-10-30-0-0-16'].spec.egress).toEqual([
      { to: [{ ip_block: { cidr: '10.30.0.0/16' } }], ports: [{ protocol: 'TCP', port: '2575' }] },
    ]);
    expect(Object.keys(policies).filter((k) => k.includes('cidr'))).toEqual(['lis/allow-to-cidr-10-30-0-0-16']);
    expect(policies['monitoring/allow-to-lis-all'].spec.egress[0].to).toEqual([
      { namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'lis' } } },
    ]);
    expect(policies['lis/allow-from-monitoring-prometheus'].spec.pod_selector).toEqual({});
    expect(policies['lis/allow-from-monitoring-prometheus-2'].spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: '9100' }]);
  });
});
