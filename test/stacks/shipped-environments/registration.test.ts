/** Registration as each shipped environment runs it (the construct's own behaviour: test/constructs/registration). */
import { findByName, resourcesOfType, shippedEnvironment, synthEnvironment } from '../../support/synth';

describe.each(['prod', 'dr', 'staging', 'dev'])('registration in %s', (environmentName) => {
  const { json } = synthEnvironment(shippedEnvironment(environmentName));
  const hpa = findByName(json, 'kubernetes_horizontal_pod_autoscaler_v2', 'registration', 'his');
  const deploymentKey = Object.entries(resourcesOfType(json, 'kubernetes_deployment_v1')).find(([, resource]) => resource.metadata.name === 'registration')![0];

  it('autoscales from 5 to 10 pods on CPU', () => {
    expect(hpa.spec.min_replicas).toBe(5);
    expect(hpa.spec.max_replicas).toBe(10);
    expect(hpa.spec.metric).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: 70 } } }]);
  });

  it('targets the registration Deployment, which leaves its replica count to the HPA', () => {
    expect(hpa.spec.scale_target_ref).toEqual({
      api_version: 'apps/v1',
      kind: 'Deployment',
      name: `\${kubernetes_deployment_v1.${deploymentKey}.metadata[0].name}`,
    });
    expect(resourcesOfType(json, 'kubernetes_deployment_v1')[deploymentKey]!.spec.replicas).toBeUndefined();
  });

  it('scales up fast and down slowly', () => {
    const [scaleUp] = hpa.spec.behavior.scale_up;
    const [scaleDown] = hpa.spec.behavior.scale_down;
    expect(scaleUp.stabilization_window_seconds).toBe(0);
    expect(scaleDown.stabilization_window_seconds).toBeGreaterThanOrEqual(300);
    const fastestUp = Math.max(...scaleUp.policy.filter((p: any) => p.type === 'Pods').map((p: any) => p.value));
    const fastestDown = Math.max(...scaleDown.policy.map((p: any) => p.value));
    expect(fastestUp).toBeGreaterThan(fastestDown);
  });

  it('keeps at least 4 pods during voluntary disruptions', () => {
    expect(findByName(json, 'kubernetes_pod_disruption_budget_v1', 'registration', 'his').spec.min_available).toBe('4');
  });
});
