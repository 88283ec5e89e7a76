/**
 * Canaries written into the prod environment file, synthesized: the whole path from the file to the
 * Deployments (the construct from props: test/constructs/canary).
 */
import { canaryReplicas } from '../../../constructs/canary';
import { prodWithCanaries } from '../../support/canaries';
import { resourcesOfType, shippedEnvironment, synthEnvironment } from '../../support/synth';

const NEW_BILLING = `registry.hospital.internal/his/billing:3.8.1@sha256:${'9'.repeat(64)}`;
const NEW_REGISTRATION = `registry.hospital.internal/his/registration:4.2.2@sha256:${'8'.repeat(64)}`;

const deploymentsOf = (json: ReturnType<typeof synthEnvironment>['json'], system: string) =>
  Object.values(resourcesOfType(json, 'kubernetes_deployment_v1')).filter((deployment) => deployment.metadata.labels['platform.hospital/system'] === system);

describe('a clinical service with a canary', () => {
  const environment = prodWithCanaries({ billing: { image: NEW_BILLING }, registration: { image: NEW_REGISTRATION, weight: 20 } });
  const { json } = synthEnvironment(environment);
  const billing = deploymentsOf(json, 'billing');
  const stable = billing.find((deployment) => deployment.metadata.name === 'billing')!;
  const canary = billing.find((deployment) => deployment.metadata.name === 'billing-canary')!;

  it('adds a second Deployment running the new image on about 10 % of the pods', () => {
    expect(billing).toHaveLength(2);
    expect(canary.spec.template.spec.container[0].image).toBe(NEW_BILLING);
    expect(stable.spec.template.spec.container[0].image).toBe(environment.clinicalSystems.billing!.image);
    expect(canary.spec.replicas).toBe(String(canaryReplicas(Number(stable.spec.replicas), 10)));
  });

  it('labels the canary track on the Deployment and its pods, and selects only its own pods', () => {
    expect(canary.metadata.labels['platform.hospital/track']).toBe('canary');
    expect(canary.spec.template.metadata.labels['platform.hospital/track']).toBe('canary');
    expect(canary.spec.selector.match_labels).toEqual({
      'app.kubernetes.io/name': 'billing',
      'platform.hospital/system': 'billing',
      'platform.hospital/track': 'canary',
    });
    expect(stable.spec.selector.match_labels['platform.hospital/track']).toBe('stable');
  });

  it('stays behind the same Service, whose selector matches both tracks', () => {
    const services = Object.values(resourcesOfType(json, 'kubernetes_service_v1')).filter((service) => service.metadata.name === 'billing');
    expect(services).toHaveLength(1);
    const selector: Record<string, string> = services[0]!.spec.selector;
    expect(selector).not.toHaveProperty('platform.hospital/track');
    for (const pods of [stable, canary].map((deployment) => deployment.spec.template.metadata.labels as Record<string, string>)) {
      expect(Object.entries(selector).every(([key, value]) => pods[key] === value)).toBe(true);
    }
  });

  it('runs the same hardened pod as the stable track, apart from the image and the track', () => {
    const withoutTrack = (template: any) => ({
      ...template,
      metadata: { labels: { ...template.metadata.labels, 'platform.hospital/track': undefined } },
      spec: { ...template.spec, container: template.spec.container.map((container: any) => ({ ...container, image: undefined })) },
    });
    expect(withoutTrack(canary.spec.template)).toEqual(withoutTrack(stable.spec.template));
  });

  it('leaves the HPA on the stable registration Deployment and sizes the canary from the HPA minimum', () => {
    const registration = deploymentsOf(json, 'registration');
    const hpa = Object.values(resourcesOfType(json, 'kubernetes_horizontal_pod_autoscaler_v2')).find(
      (candidate) => candidate.metadata.name === 'registration',
    )!;
    expect(hpa.spec.scale_target_ref.name).toMatch(/registration_deployment/);
    expect(hpa.spec.scale_target_ref.name).not.toContain('canary');
    const registrationCanary = registration.find((deployment) => deployment.metadata.name === 'registration-canary')!;
    expect(registrationCanary.spec.replicas).toBe(String(canaryReplicas(environment.clinicalSystems.registration!.autoscaling!.min, 20)));
  });

  it('adds nothing when no canary is declared', () => {
    const { json: plain } = synthEnvironment(shippedEnvironment('prod'));
    const names = Object.values(resourcesOfType(plain, 'kubernetes_deployment_v1')).map((deployment) => deployment.metadata.name as string);
    expect(names.filter((name) => name.endsWith('-canary'))).toEqual([]);
  });
});
