import { resourcesOfType, shippedEnvironment, synthEnvironment } from '../support/synth';

const ENVIRONMENTS = ['dev', 'staging', 'prod', 'dr'];
const WORKLOAD_TYPES = ['kubernetes_deployment_v1', 'kubernetes_stateful_set_v1', 'kubernetes_daemon_set_v1', 'kubernetes_cron_job_v1', 'kubernetes_job_v1'];

/** Pod templates of every workload in the stack, with the namespace they run in. */
function podTemplates(json: ReturnType<typeof synthEnvironment>['json']) {
  return WORKLOAD_TYPES.flatMap((type) =>
    Object.values(resourcesOfType(json, type)).map((workload) => {
      const template = type === 'kubernetes_cron_job_v1' ? workload.spec.job_template.spec.template : workload.spec.template;
      return { type, name: workload.metadata.name as string, namespace: workload.metadata.namespace as string, spec: template.spec };
    }),
  );
}

describe.each(ENVIRONMENTS)('the %s stack', (name) => {
  const environment = shippedEnvironment(name);
  const { stack, json } = synthEnvironment(environment);
  const segmentOf = (namespace: string) => environment.namespaces[namespace]?.segment;

  it('is named after its environment file and configures both providers for its cluster', () => {
    expect(stack.node.id).toBe(name);
    const kubeconfig = 'kubeconfig' in environment.cluster ? environment.cluster.kubeconfig : undefined;
    expect(json.provider.kubernetes).toEqual([{ config_path: kubeconfig?.path, config_context: kubeconfig?.context }]);
    expect(json.provider.helm).toEqual([{ kubernetes: { config_path: kubeconfig?.path, config_context: kubeconfig?.context } }]);
  });

  it('keeps its state where the environment file says, locked unless it is dev', () => {
    const backend = json.terraform.backend as Record<string, Record<string, unknown>>;
    expect(Object.keys(backend)).toEqual([environment.backend.type]);
    if (name !== 'dev') expect(Object.keys(backend)).not.toEqual(['local']);
  });

  it('declares every namespace with its segment', () => {
    const namespaces = Object.values(resourcesOfType(json, 'kubernetes_namespace_v1'));
    for (const [namespaceName, config] of Object.entries(environment.namespaces)) {
      const namespace = namespaces.find((candidate) => candidate.metadata.name === namespaceName);
      expect(namespace?.metadata.labels['platform.hospital/segment']).toBe(config.segment);
    }
  });

  it('runs guest workloads only on guest nodes', () => {
    const guestPool = environment.nodePools.guest!;
    const guestPods = podTemplates(json).filter((pod) => segmentOf(pod.namespace) === 'guest');
    expect(guestPods.length).toBeGreaterThan(0);
    for (const pod of guestPods) {
      expect(pod.spec.node_selector).toEqual(guestPool.nodeLabels);
      expect(pod.spec.toleration).toContainEqual(expect.objectContaining({ key: guestPool.taint!.key, value: guestPool.taint!.value }));
    }
  });

  it('never lets a medical workload tolerate the guest taint', () => {
    const guestTaint = environment.nodePools.guest!.taint!;
    const medicalPods = podTemplates(json).filter((pod) => segmentOf(pod.namespace) === 'medical');
    expect(medicalPods.length).toBeGreaterThan(0);
    for (const pod of medicalPods) {
      for (const toleration of pod.spec.toleration ?? []) {
        const toleratesGuest = toleration.key === guestTaint.key && (toleration.operator === 'Exists' || toleration.value === guestTaint.value);
        const toleratesEverything = toleration.operator === 'Exists' && toleration.key === undefined;
        expect({ pod: `${pod.namespace}/${pod.name}`, toleratesGuest: toleratesGuest || toleratesEverything }).toEqual({
          pod: `${pod.namespace}/${pod.name}`,
          toleratesGuest: false,
        });
      }
    }
  });

  it('runs every core system with at least two replicas or an HPA minimum of two', () => {
    const hpas = Object.values(resourcesOfType(json, 'kubernetes_horizontal_pod_autoscaler_v2'));
    const core = Object.values(resourcesOfType(json, 'kubernetes_deployment_v1')).filter(
      (deployment) => deployment.metadata.labels['platform.hospital/tier'] === 'core',
    );
    expect(core.length).toBeGreaterThan(0);
    for (const deployment of core) {
      const hpa = hpas.find(
        (candidate) => candidate.metadata.name === deployment.metadata.name && candidate.metadata.namespace === deployment.metadata.namespace,
      );
      expect(hpa ? hpa.spec.min_replicas : Number(deployment.spec.replicas)).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('shipped environments', () => {
  it('prod and dr carry registration, billing, EMR, LIS and PACS; dev and staging are smaller', () => {
    const systems = (name: string) => Object.keys(shippedEnvironment(name).clinicalSystems);
    for (const name of ['prod', 'dr']) expect(systems(name)).toEqual(expect.arrayContaining(['registration', 'billing', 'emr', 'lis', 'pacs']));
    expect(systems('dev').length).toBeLessThan(systems('prod').length);
    expect(systems('staging').length).toBeLessThan(systems('prod').length);
  });
});
