/** Canary releases built from props: a second Deployment of a ClinicalService (or Registration) on the new image. */
import { Testing, TerraformStack } from 'cdktf';
import { canaryReplicas } from '../../../constructs/canary';
import { ClinicalService, type ClinicalServiceProps } from '../../../constructs/clinical-service';
import { Registration } from '../../../constructs/registration';
import { prodWithCanaries } from '../../support/canaries';
import { shippedEnvironment } from '../../support/environments';
import { testingApp } from '../../support/testing-app';

type Json = Record<string, any>;
const STABLE_BILLING = `registry.hospital.internal/his/billing:3.8.0@sha256:${'7'.repeat(64)}`;
const NEW_BILLING = `registry.hospital.internal/his/billing:3.8.1@sha256:${'9'.repeat(64)}`;

const billing: ClinicalServiceProps = {
  name: 'billing',
  namespace: 'his',
  segment: 'medical',
  image: STABLE_BILLING,
  core: false,
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  probes: {
    liveness: { httpGet: { path: '/healthz', port: 'http' } },
    readiness: { httpGet: { path: '/ready', port: 'http' } },
    timing: { initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 },
  },
  replicas: 3,
  env: { LOG_LEVEL: 'info' },
  secretEnv: {},
  writablePaths: ['/tmp'],
  placement: {
    nodeSelector: { 'platform.hospital/node-pool': 'medical' },
    tolerations: [{ key: 'platform.hospital/segment', value: 'medical', effect: 'NoSchedule' }],
  },
};

function synth(build: (stack: TerraformStack) => void): Json {
  const stack = new TerraformStack(testingApp(), 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack));
}
const deployments = (json: Json): Json[] => Object.values(json.resource.kubernetes_deployment_v1);

describe('canaryReplicas', () => {
  it('gives the canary about its weight of all the pods, and at least one', () => {
    expect(canaryReplicas(5, 10)).toBe(1);
    expect(canaryReplicas(2, 10)).toBe(1);
    expect(canaryReplicas(18, 10)).toBe(2); // 2 of 20 pods
    expect(canaryReplicas(30, 25)).toBe(10); // 10 of 40 pods
  });
});

describe('a ClinicalService with a canary, from props', () => {
  const json = synth((stack) => new ClinicalService(stack, 'billing', { ...billing, canary: { image: NEW_BILLING, weight: 10 } }));
  const stable = deployments(json).find((deployment) => deployment.metadata.name === 'billing')!;
  const canary = deployments(json).find((deployment) => deployment.metadata.name === 'billing-canary')!;

  it('adds a second Deployment running the new image on about its weight of the pods', () => {
    expect(deployments(json)).toHaveLength(2);
    expect(canary.spec.template.spec.container[0].image).toBe(NEW_BILLING);
    expect(stable.spec.template.spec.container[0].image).toBe(STABLE_BILLING);
    expect(canary.spec.replicas).toBe(String(canaryReplicas(3, 10)));
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
    const services = Object.values(json.resource.kubernetes_service_v1) as Json[];
    expect(services).toHaveLength(1);
    const selector: Record<string, string> = services[0]!.spec.selector;
    expect(selector).not.toHaveProperty('platform.hospital/track');
    for (const pods of [stable, canary].map((deployment) => deployment.spec.template.metadata.labels as Record<string, string>)) {
      expect(Object.entries(selector).every(([key, value]) => pods[key] === value)).toBe(true);
    }
  });

  it('runs the same hardened pod as the stable track, apart from the image and the track', () => {
    const withoutTrack = (template: Json) => ({
      ...template,
      metadata: { labels: { ...template.metadata.labels, 'platform.hospital/track': undefined } },
      spec: { ...template.spec, container: template.spec.container.map((container: Json) => ({ ...container, image: undefined })) },
    });
    expect(withoutTrack(canary.spec.template)).toEqual(withoutTrack(stable.spec.template));
  });

  it('adds nothing when no canary is declared', () => {
    expect(deployments(synth((stack) => new ClinicalService(stack, 'billing', billing))).map((deployment) => deployment.metadata.name)).toEqual(['billing']);
  });
});

describe('a Registration with a canary, from props', () => {
  const NEW_REGISTRATION = `registry.hospital.internal/his/registration:4.2.2@sha256:${'8'.repeat(64)}`;
  const json = synth((stack) => new Registration(stack, 'registration', { ...billing, name: 'registration', canary: { image: NEW_REGISTRATION, weight: 20 } }));

  it('leaves the HPA on the stable Deployment and sizes the canary from the HPA minimum', () => {
    const [hpa] = Object.values(json.resource.kubernetes_horizontal_pod_autoscaler_v2) as Json[];
    expect(hpa!.spec.scale_target_ref.name).toMatch(/registration_deployment/);
    expect(hpa!.spec.scale_target_ref.name).not.toContain('canary');
    const canary = deployments(json).find((deployment) => deployment.metadata.name === 'registration-canary')!;
    expect(canary.spec.template.spec.container[0].image).toBe(NEW_REGISTRATION);
    expect(canary.spec.replicas).toBe(String(canaryReplicas(5, 20)));
  });
});

describe('canary in the environment file', () => {
  it('defaults the weight to 10 % in the schema', () => {
    expect(prodWithCanaries({ billing: { image: NEW_BILLING } }).clinicalSystems.billing!.canary).toEqual({ image: NEW_BILLING, weight: 10 });
  });

  it('rejects a canary that runs the image the system already runs, and an unpinned image', () => {
    const environment = shippedEnvironment('prod');
    expect(() => prodWithCanaries({ billing: { image: environment.clinicalSystems.billing!.image } })).toThrow(
      'clinicalSystems.billing.canary.image: expected a new image for the canary',
    );
    expect(() => prodWithCanaries({ billing: { image: 'registry.hospital.internal/his/billing:3.8.1' } })).toThrow('clinicalSystems.billing.canary.image');
    expect(() => prodWithCanaries({ billing: { image: NEW_BILLING, weight: 80 } })).toThrow('clinicalSystems.billing.canary.weight');
  });
});
