/** Registration built from props: the operations plan's figures are its defaults, and props override them. */
import { Testing, TerraformStack } from 'cdktf';
import { Registration, type RegistrationProps } from '../../../constructs/registration';
import { testingApp } from '../../support/testing-app';

const props: RegistrationProps = {
  name: 'registration',
  namespace: 'his',
  segment: 'medical',
  image: `registry.hospital.internal/his/registration:4.2.0@sha256:${'b'.repeat(64)}`,
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  probes: {
    liveness: { httpGet: { path: '/healthz', port: 'http' } },
    readiness: { httpGet: { path: '/ready', port: 'http' } },
    timing: { initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 },
  },
  env: {},
  secretEnv: {},
  writablePaths: ['/tmp'],
  placement: { nodeSelector: { 'platform.hospital/node-pool': 'medical' }, tolerations: [] },
};

function synth(overrides: Partial<RegistrationProps> = {}): Record<string, any> {
  const stack = new TerraformStack(testingApp(), 'test');
  new Registration(stack, 'registration', { ...props, ...overrides });
  return JSON.parse(Testing.synth(stack));
}
const only = (json: Record<string, any>, type: string): [string, Record<string, any>] => {
  const entries = Object.entries(json.resource[type] ?? {}) as [string, Record<string, any>][];
  expect(entries).toHaveLength(1);
  return entries[0]!;
};

describe('Registration from props', () => {
  const json = synth();
  const [, hpa] = only(json, 'kubernetes_horizontal_pod_autoscaler_v2');
  const [deploymentKey, deployment] = only(json, 'kubernetes_deployment_v1');

  it('autoscales from 5 to 10 pods on CPU by default', () => {
    expect(hpa.metadata).toMatchObject({ name: 'registration', namespace: 'his' });
    expect(hpa.spec.min_replicas).toBe(5);
    expect(hpa.spec.max_replicas).toBe(10);
    expect(hpa.spec.metric).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: 70 } } }]);
  });

  it('targets its Deployment, which leaves its replica count to the HPA', () => {
    expect(hpa.spec.scale_target_ref).toEqual({
      api_version: 'apps/v1',
      kind: 'Deployment',
      name: `\${kubernetes_deployment_v1.${deploymentKey}.metadata[0].name}`,
    });
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it('scales up fast and down slowly', () => {
    const [scaleUp] = hpa.spec.behavior.scale_up;
    const [scaleDown] = hpa.spec.behavior.scale_down;
    expect(scaleUp.stabilization_window_seconds).toBe(0);
    expect(scaleDown.stabilization_window_seconds).toBeGreaterThanOrEqual(300);
    const fastestUp = Math.max(...scaleUp.policy.filter((policy: any) => policy.type === 'Pods').map((policy: any) => policy.value));
    const fastestDown = Math.max(...scaleDown.policy.map((policy: any) => policy.value));
    expect(fastestUp).toBeGreaterThan(fastestDown);
  });

  it('keeps at least 4 pods during voluntary disruptions by default', () => {
    expect(only(json, 'kubernetes_pod_disruption_budget_v1')[1].spec.min_available).toBe('4');
  });

  it('takes another CPU target and disruption floor from props, keeping the plan’s bounds', () => {
    const tuned = synth({ autoscaling: { targetCpuUtilization: 55 }, minAvailable: 6 });
    const [, tunedHpa] = only(tuned, 'kubernetes_horizontal_pod_autoscaler_v2');
    expect([tunedHpa.spec.min_replicas, tunedHpa.spec.max_replicas, tunedHpa.spec.metric[0].resource.target.average_utilization]).toEqual([5, 10, 55]);
    expect(only(tuned, 'kubernetes_pod_disruption_budget_v1')[1].spec.min_available).toBe('6');
  });
});
