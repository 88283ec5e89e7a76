import * as fs from 'node:fs';
import * as path from 'node:path';
import { resourcesFromTerraformJson } from '../../../policies/inputs';
import { analyzeCluster, clusterFromResources, loadNetworkModel, toJson } from '../../../policies/network';
import { hardenedContainer, resource, terraform, workload } from '../../../policies/rules/fixture-builders';
import { isolatedHospital, namespaceRef, tfNamespace, tfNetworkPolicy } from '../../../policies/rules/network/fixture-builders';
import { connectionMap } from './helpers';
import { tempDir } from '../../support/temp-dir';

const analyze = (json: Record<string, unknown>) =>
  analyzeCluster(clusterFromResources(resourcesFromTerraformJson(json, { file: 'cdk.tf.json', environment: 'prod' })));

describe('reading synthesized Terraform (through the policy engine model)', () => {
  it('resolves namespace references and reads snake_case policies with named ports', () => {
    const analysis = analyze(isolatedHospital());
    expect(analysis.cluster.workloads.map((w) => w.id)).toEqual(['dmz/ingress-controller', 'guest/wifi-portal', 'his/emr', 'his/registration']);
    expect(analysis.cluster.unknowns).toEqual([]);
    expect(connectionMap(analysis)).toEqual({
      'dmz/ingress-controller -> guest/wifi-portal': 'TCP 8080',
      'dmz/ingress-controller -> his/registration': 'TCP 8080',
      'his/registration -> his/emr': 'TCP 8050',
      'guest/wifi-portal -> external:0.0.0.0-9.255.255.255': 'TCP 443',
      'guest/wifi-portal -> external:11.0.0.0-172.15.255.255': 'TCP 443',
      'guest/wifi-portal -> external:172.32.0.0-192.167.255.255': 'TCP 443',
      'guest/wifi-portal -> external:192.169.0.0-255.255.255.255': 'TCP 443',
      'external:0.0.0.0/0 -> dmz/ingress-controller': 'TCP 8443',
    });
  });

  it('warns about Ingress resources and network objects written as kubernetes_manifest, which it does not model', async () => {
    const dir = tempDir('netpol-tf-');
    try {
      const file = path.join(dir, 'cdk.tf.json');
      const json = terraform(
        isolatedHospital(),
        resource('kubernetes_ingress_v1', 'portal', { metadata: [{ name: 'portal', namespace: 'dmz' }], spec: [{ rule: [] }] }),
        resource('kubernetes_manifest', 'anp', {
          manifest: { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'x' }, spec: { priority: 1 } },
        }),
        resource('kubernetes_manifest', 'cilium', { manifest: { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'l7' } } }),
        resource('kubernetes_manifest', 'config', { manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } } }),
      );
      fs.writeFileSync(file, JSON.stringify(json));
      const warnings = (await loadNetworkModel(file)).warnings.filter((w) => w.startsWith('not modelled'));
      expect(warnings).toEqual([
        expect.stringMatching(/^not modelled: kubernetes_ingress_v1\.portal \(.*cdk\.tf\.json\): connections from the ingress controller/),
        expect.stringMatching(
          /^not modelled: kubernetes_manifest\.anp \(.*\): AdminNetworkPolicy objects written as kubernetes_manifest are not read by the analysis/,
        ),
        expect.stringMatching(/^not modelled: kubernetes_manifest\.cilium \(.*\): Cilium policies are not modelled/),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads every workload resource type of the kubernetes provider', () => {
    const types = [
      'kubernetes_pod_v1',
      'kubernetes_deployment',
      'kubernetes_stateful_set_v1',
      'kubernetes_daemon_set_v1',
      'kubernetes_daemonset',
      'kubernetes_job_v1',
      'kubernetes_cron_job_v1',
      'kubernetes_replication_controller_v1',
    ];
    const json = terraform(
      ...types.map((type) =>
        workload(type, type.replace(/_/g, '-'), {
          namespace: 'ops',
          containers: [hardenedContainer('c', { port: [{ container_port: 9100, name: 'metrics' }] })],
        }),
      ),
    );
    const analysis = analyze(json);
    expect(analysis.cluster.workloads.map((w) => `${w.id} ${w.kind} ${w.ports.map((p) => `${p.name}:${p.port}`).join()}`)).toEqual([
      'ops/kubernetes-cron-job-v1 CronJob metrics:9100',
      'ops/kubernetes-daemon-set-v1 DaemonSet metrics:9100',
      'ops/kubernetes-daemonset DaemonSet metrics:9100',
      'ops/kubernetes-deployment Deployment metrics:9100',
      'ops/kubernetes-job-v1 Job metrics:9100',
      'ops/kubernetes-pod-v1 Pod metrics:9100',
      'ops/kubernetes-replication-controller-v1 ReplicationController metrics:9100',
      'ops/kubernetes-stateful-set-v1 StatefulSet metrics:9100',
    ]);
  });

  it('reads the unversioned kubernetes_network_policy, match_expressions and end_port', () => {
    const json = terraform(
      tfNamespace('a'),
      workload('kubernetes_deployment_v1', 'db', { namespace: 'a', labels: { role: 'db' } }),
      workload('kubernetes_deployment_v1', 'app', { namespace: 'a', labels: { role: 'app' } }),
      resource('kubernetes_network_policy', 'db', {
        metadata: { name: 'db', namespace: namespaceRef('a') },
        spec: {
          pod_selector: { match_expressions: [{ key: 'role', operator: 'In', values: ['db'] }] },
          policy_types: ['Ingress'],
          ingress: [
            {
              from: [{ pod_selector: { match_expressions: [{ key: 'role', operator: 'NotIn', values: ['db'] }] } }],
              ports: [{ port: '5432', end_port: 5440, protocol: 'TCP' }],
            },
          ],
        },
      }),
    );
    expect(connectionMap(analyze(json))['a/app -> a/db']).toBe('TCP 5432-5440');
  });

  it('adds the pods policies select by labels that no Terraform workload carries (Helm charts) as implied workloads', () => {
    const json = isolatedHospital(
      tfNamespace('monitoring', 'management'),
      tfNetworkPolicy('monitoring', 'prometheus-egress', {
        pod_selector: { match_labels: { 'app.kubernetes.io/name': 'prometheus' } },
        policy_types: ['Egress'],
        egress: [{ to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'his' } } }], ports: [{ port: 'metrics' }, { port: '9102' }] }],
      }),
      tfNetworkPolicy('his', 'from-prometheus', {
        pod_selector: {},
        policy_types: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'monitoring' } },
                pod_selector: { match_labels: { 'app.kubernetes.io/name': 'prometheus' } },
              },
            ],
            ports: [{ port: '9102' }],
          },
        ],
      }),
    );
    const analysis = analyze(json);
    expect(analysis.workload('monitoring/prometheus')).toMatchObject({ kind: 'Implied', labels: { 'app.kubernetes.io/name': 'prometheus' }, ports: [] });
    expect(connectionMap(analysis)['monitoring/prometheus -> his/emr']).toBe('TCP 9102');
  });

  it('lists values known only after apply instead of guessing them', () => {
    const json = terraform(
      tfNamespace('a'),
      workload('kubernetes_deployment_v1', 'x', { namespace: '${data.kubernetes_namespace_v1.other.metadata[0].name}' }),
      tfNetworkPolicy('a', 'p', { pod_selector: {}, ingress: [{ from: [{ ip_block: { cidr: '${var.office_cidr}' } }] }] }),
    );
    const analysis = analyze(json);
    expect(analysis.cluster.unknowns.join('\n')).toMatch(/kubernetes_deployment_v1\.x .*metadata\[0\]\.namespace is known only after apply/);
    expect(analysis.cluster.unknowns.join('\n')).toMatch(/kubernetes_network_policy_v1\.a_p .*ip_block\[0\]\.cidr is known only after apply/);
  });

  it('loads a cdk.tf.json file through the engine adapters (JSON contract)', async () => {
    const dir = tempDir('netpol-tf-');
    try {
      const file = path.join(dir, 'cdk.tf.json');
      fs.writeFileSync(file, JSON.stringify(isolatedHospital()));
      const json = toJson(analyzeCluster(await loadNetworkModel(file)));
      expect(json.workloads).toHaveLength(4);
      expect(json.connections).toContainEqual({ src: 'his/registration', dst: 'his/emr', all: false, ports: [{ protocol: 'TCP', from: 8050, to: 8050 }] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an ipBlock except outside its cidr, which the API server rejects, naming the resource and key path', () => {
    const json = JSON.parse(JSON.stringify(isolatedHospital()).replace('"10.0.0.0/8"', '"fd00::/8"')) as Record<string, unknown>;
    expect(JSON.stringify(json)).toContain('fd00::/8');
    expect(() => analyze(json)).toThrow(/ipBlock\.except\[\d\]: "fd00::\/8" is not a strict subset of cidr "0\.0\.0\.0\/0"/);
  });
});
