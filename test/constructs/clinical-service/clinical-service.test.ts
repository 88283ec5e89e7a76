import { Testing, TerraformStack } from 'cdktf';
import { ClinicalService, type ClinicalServiceProps } from '../../../constructs/clinical-service';
import { testingApp } from '../../support/testing-app';

const props: ClinicalServiceProps = {
  name: 'emr',
  namespace: 'emr',
  segment: 'medical',
  image: `registry.hospital.internal/emr/emr-server:7.3.0@sha256:${'a'.repeat(64)}`,
  core: true,
  ports: [
    { name: 'http', containerPort: 8443, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9102, protocol: 'TCP' },
  ],
  resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
  probes: {
    liveness: { httpGet: { path: '/healthz', port: 'http' } },
    readiness: { tcpSocket: { port: 'http' } },
    timing: { initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 },
  },
  replicas: 3,
  env: { LOG_LEVEL: 'info' },
  secretEnv: { DB_PASSWORD: { secret: 'emr-db-credentials', key: 'password' } },
  writablePaths: ['/tmp'],
  placement: {
    nodeSelector: { 'platform.hospital/node-pool': 'medical' },
    tolerations: [{ key: 'platform.hospital/segment', value: 'medical', effect: 'NoSchedule' }],
  },
};

function synth(overrides: Partial<ClinicalServiceProps> = {}) {
  const stack = new TerraformStack(testingApp(), 'test');
  new ClinicalService(stack, 'emr', { ...props, ...overrides });
  return JSON.parse(Testing.synth(stack));
}
const only = (json: any, type: string) => {
  const all = Object.values(json.resource[type] ?? {}) as any[];
  expect(all).toHaveLength(1);
  return all[0];
};

describe('ClinicalService', () => {
  const json = synth();
  const deployment = only(json, 'kubernetes_deployment_v1');
  const podSpec = deployment.spec.template.spec;
  const container = podSpec.container[0];

  it('runs every container under the restricted Pod Security Standard', () => {
    expect(podSpec.security_context).toMatchObject({ run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } });
    expect(container.security_context).toEqual({
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      run_as_non_root: true,
      capabilities: { drop: ['ALL'] },
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(podSpec.automount_service_account_token).toBe(false);
  });

  it('gives the read-only container a writable scratch folder', () => {
    expect(container.volume_mount).toEqual([{ name: 'writable-0', mount_path: '/tmp' }]);
    expect(podSpec.volume).toEqual([{ name: 'writable-0', empty_dir: { medium: 'Memory', size_limit: '64Mi' } }]);
  });

  it('sets requests, limits, probes and the pinned image', () => {
    expect(container.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } });
    expect(container.liveness_probe.http_get).toEqual({ path: '/healthz', port: 'http', scheme: 'HTTP' });
    expect(container.readiness_probe.tcp_socket).toEqual([{ port: 'http' }]);
    expect(container.image).toMatch(/@sha256:[a-f0-9]{64}$/);
  });

  it('takes secrets from Secret references, never literals', () => {
    expect(container.env).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', value_from: { secret_key_ref: { name: 'emr-db-credentials', key: 'password' } } },
    ]);
  });

  it('labels core systems and keeps a fixed replica count without an HPA', () => {
    expect(deployment.metadata.labels['platform.hospital/tier']).toBe('core');
    expect(podSpec.container).toHaveLength(1);
    expect(deployment.spec.replicas).toBe('3');
    expect(json.resource.kubernetes_horizontal_pod_autoscaler_v2).toBeUndefined();
  });

  it('spreads pods over nodes and keeps all but one during voluntary disruptions', () => {
    expect(podSpec.topology_spread_constraint[0]).toMatchObject({ max_skew: 1, topology_key: 'kubernetes.io/hostname', when_unsatisfiable: 'DoNotSchedule' });
    const budget = only(json, 'kubernetes_pod_disruption_budget_v1');
    expect(budget.spec.min_available).toBe('2');
    expect(budget.spec.selector.match_labels).toEqual({ 'app.kubernetes.io/name': 'emr', 'platform.hospital/system': 'emr' });
  });

  it('places pods on their segment nodes with their segment toleration only', () => {
    expect(podSpec.node_selector).toEqual({ 'platform.hospital/node-pool': 'medical' });
    expect(podSpec.toleration).toEqual([{ key: 'platform.hospital/segment', operator: 'Equal', value: 'medical', effect: 'NoSchedule' }]);
  });

  it('exposes the ports through a Service selecting every track of the system', () => {
    const service = only(json, 'kubernetes_service_v1');
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'emr', 'platform.hospital/system': 'emr' });
    expect(service.spec.port.map((port: any) => [port.name, port.port, port.target_port])).toEqual([
      ['http', 8443, 'http'],
      ['metrics', 9102, 'metrics'],
    ]);
  });

  it('leaves spec.replicas to the HPA when autoscaling', () => {
    const scaled = synth({ replicas: undefined, autoscaling: { min: 2, max: 4, targetCpuUtilization: 60 } });
    const scaledDeployment = only(scaled, 'kubernetes_deployment_v1');
    expect(scaledDeployment.spec.replicas).toBeUndefined();
    expect(scaledDeployment.lifecycle.ignore_changes).toEqual(['spec[0].replicas']);
    const hpa = only(scaled, 'kubernetes_horizontal_pod_autoscaler_v2');
    expect(hpa.spec).toMatchObject({ min_replicas: 2, max_replicas: 4 });
    expect(hpa.spec.metric[0].resource.target).toEqual({ type: 'Utilization', average_utilization: 60 });
  });

  it('marks non-core systems as standard and spreads them softly', () => {
    const standard = only(synth({ core: false, replicas: 2 }), 'kubernetes_deployment_v1');
    expect(standard.metadata.labels['platform.hospital/tier']).toBe('standard');
    expect(standard.spec.template.spec.topology_spread_constraint[0].when_unsatisfiable).toBe('ScheduleAnyway');
  });
});
