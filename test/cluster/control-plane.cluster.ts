/**
 * Real-cluster tests (`npm run test:cluster`, not part of `npm test`): a control plane built from Go
 * modules (test/cluster/build.sh) on loopback, and `npm run verify` against it.
 *
 * Not here yet, and why: `terraform apply` / `destroy` of the synthesized stacks and drift detection with
 * `terraform plan -detailed-exitcode`. They need the kubernetes (v2.38.0) and helm (v3.1.1) providers
 * built from source, and the Go module proxy reachable here serves neither release (`build.sh providers`
 * prints the proxy's answer; docs/quality.md records it). No stand-in provider takes their place.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { AppsV1Api, AutoscalingV2Api, CoreV1Api, KubeConfig, type V1Deployment } from '@kubernetes/client-node';
import { CONTEXT, type ControlPlane, FAKE_NODE_ANNOTATION, getWithAdmin, readToolset, startControlPlane, type Toolset } from './control-plane';

const run = promisify(execFile);
const repository = path.resolve(__dirname, '../..');

function toolsetOrSkip(): Toolset | undefined {
  const found = readToolset();
  if ('toolset' in found) return found.toolset;
  if (process.env.CI) throw new Error(`CI is set, so the real-cluster tests may not skip: ${found.missing}`);
  process.stdout.write(`SKIPPED real-cluster tests: ${found.missing}; set CI=true to make this a failure\n`);
  return undefined;
}

const toolset = toolsetOrSkip();
const describeWithCluster = toolset ? describe : describe.skip;

async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (last error: ${String(last)})` : ''}`);
}

interface VerifyOutcome {
  readonly code: number;
  readonly report: { passed: boolean; server: string; results: { check: string; subject: string; status: string; detail: string }[] };
  readonly stderr: string;
}

/** `npm run verify -- --env dev --format json`, with dev's kubeconfig pointing at the test cluster. */
async function verifyDev(environmentsDir: string): Promise<VerifyOutcome> {
  const args = ['cli/verify.ts', '--env', 'dev', '--format', 'json'];
  const options = { cwd: repository, env: { ...process.env, PLATFORM_ENVIRONMENTS_DIR: environmentsDir } };
  try {
    const { stdout, stderr } = await run(path.join(repository, 'node_modules/.bin/tsx'), args, options);
    return { code: 0, report: JSON.parse(stdout), stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    if (!failed.stdout) throw new Error(`verify exited ${failed.code} without a report: ${failed.stderr}`);
    return { code: failed.code, report: JSON.parse(failed.stdout), stderr: failed.stderr };
  }
}

/** The shipped environment files, with dev's cluster connection replaced by the test cluster's kubeconfig. */
function environmentsFor(kubeconfigPath: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-environments-'));
  for (const file of fs.readdirSync(path.join(repository, 'environments'))) {
    if (file.endsWith('.yaml')) fs.copyFileSync(path.join(repository, 'environments', file), path.join(directory, file));
  }
  const dev = fs.readFileSync(path.join(directory, 'dev.yaml'), 'utf8');
  const pointed = dev.replace(/(cluster:\s*\n\s*kubeconfig:\s*\n\s*path:)[^\n]*\n(\s*context:)[^\n]*/, `$1 ${kubeconfigPath}\n$2 ${CONTEXT}`);
  if (pointed === dev) throw new Error('environments/dev.yaml: cluster.kubeconfig.path/context not found where this test expects them');
  fs.writeFileSync(path.join(directory, 'dev.yaml'), pointed);
  return directory;
}

/** The registration autoscaler exactly as the synthesized dev stack declares it (cdktf.out from `npm run synth`). */
function synthesizedRegistrationAutoscaler(): { namespace: string; name: string; min: number; max: number } {
  const file = path.join(repository, 'cdktf.out/stacks/dev/cdk.tf.json');
  const stack = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    resource: Record<string, Record<string, { metadata: { name: string; namespace: string }; spec: { min_replicas: number; max_replicas: number } }>>;
  };
  const registration = Object.values(stack.resource.kubernetes_horizontal_pod_autoscaler_v2 ?? {}).find((hpa) => hpa.metadata.name === 'registration');
  if (!registration) throw new Error(`${file}: no kubernetes_horizontal_pod_autoscaler_v2 named registration`);
  return {
    namespace: registration.metadata.namespace,
    name: registration.metadata.name,
    min: registration.spec.min_replicas,
    max: registration.spec.max_replicas,
  };
}

const smokeDeployment = (namespace: string, name: string, replicas: number): V1Deployment => ({
  metadata: { name, namespace },
  spec: {
    replicas,
    selector: { matchLabels: { 'app.kubernetes.io/name': name } },
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': name } },
      spec: {
        containers: [{ name, image: 'registry.hospital.internal/test/pause:3.10@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a' }],
      },
    },
  },
});

describeWithCluster('a control plane built from Go modules', () => {
  let cluster: ControlPlane;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let autoscaling: AutoscalingV2Api;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(repository, 'cdktf.out/stacks/dev/cdk.tf.json'))) {
      throw new Error('cdktf.out/stacks/dev/cdk.tf.json not found: run `npm run synth` first (test/cluster/run.sh does)');
    }
    cluster = await startControlPlane(toolset!);
    const config = new KubeConfig();
    config.loadFromFile(cluster.kubeconfigPath);
    core = config.makeApiClient(CoreV1Api);
    apps = config.makeApiClient(AppsV1Api);
    autoscaling = config.makeApiClient(AutoscalingV2Api);
    // One fake node (kwok), roomy enough for every pod these tests schedule.
    const room = { cpu: '64', memory: '256Gi', pods: '250' };
    await core.createNode({
      body: {
        metadata: {
          name: 'kwok-node-0',
          annotations: { [FAKE_NODE_ANNOTATION.key]: FAKE_NODE_ANNOTATION.value },
          labels: { 'kubernetes.io/hostname': 'kwok-node-0', type: 'kwok' },
        },
        status: { allocatable: room, capacity: room },
      },
    });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  test('serves the pinned Kubernetes release, and its controllers, scheduler and fake node make pods Ready', async () => {
    const version = await getWithAdmin(cluster.workDir, `${cluster.server}/version`);
    expect(JSON.parse(version.body)).toMatchObject({ gitVersion: toolset!.kubernetesVersion, major: '1', minor: toolset!.kubernetesVersion.split('.')[1] });

    await core.createNamespace({ body: { metadata: { name: 'cluster-smoke' } } });
    // The controller-manager's service-account controller gives every namespace its `default` account.
    await eventually(
      'ServiceAccount cluster-smoke/default',
      60_000,
      async () => (await core.readNamespacedServiceAccount({ namespace: 'cluster-smoke', name: 'default' })).metadata?.name,
    );

    await apps.createNamespacedDeployment({ namespace: 'cluster-smoke', body: smokeDeployment('cluster-smoke', 'smoke', 2) });
    const ready = await eventually('2 ready replicas of cluster-smoke/smoke', 120_000, async () => {
      const deployment = await apps.readNamespacedDeployment({ namespace: 'cluster-smoke', name: 'smoke' });
      return deployment.status?.readyReplicas === 2 ? deployment : undefined;
    });
    expect(ready.status?.availableReplicas).toBe(2);
    const pods = await core.listNamespacedPod({ namespace: 'cluster-smoke' });
    expect(pods.items.map((pod) => pod.spec?.nodeName)).toEqual(['kwok-node-0', 'kwok-node-0']);
  }, 240_000);

  test('`npm run verify` reports an environment that was never deployed as failing, check by check', async () => {
    const outcome = await verifyDev(environmentsFor(cluster.kubeconfigPath));
    expect(outcome.stderr).not.toMatch(/internal error/);
    expect(outcome.code).toBe(1);
    expect(outcome.report.server).toBe(cluster.server);
    expect(outcome.report.results.length).toBeGreaterThan(0);
    expect(outcome.report.results.filter((result) => result.status === 'pass')).toEqual([]);
    const registration = outcome.report.results.find((result) => result.check === 'registration-hpa');
    // The real API server's own words for a missing object, passed through client-node 1.4.0.
    expect(registration?.detail).toMatch(
      /get HorizontalPodAutoscaler his\/registration: HTTP 404 Not ?Found: horizontalpodautoscalers\.autoscaling "registration" not found/,
    );
  }, 120_000);

  test('`npm run verify` passes the registration checks on the declared autoscaler and finds a live change to it', async () => {
    const declared = synthesizedRegistrationAutoscaler();
    await core.createNamespace({ body: { metadata: { name: declared.namespace } } });
    await apps.createNamespacedDeployment({ namespace: declared.namespace, body: smokeDeployment(declared.namespace, 'registration', declared.min) });
    await autoscaling.createNamespacedHorizontalPodAutoscaler({
      namespace: declared.namespace,
      body: {
        metadata: { name: declared.name, namespace: declared.namespace },
        spec: {
          minReplicas: declared.min,
          maxReplicas: declared.max,
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'registration' },
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        },
      },
    });
    await eventually(`${declared.min} ready registration pods`, 120_000, async () => {
      const deployment = await apps.readNamespacedDeployment({ namespace: declared.namespace, name: 'registration' });
      return (deployment.status?.readyReplicas ?? 0) >= declared.min ? true : undefined;
    });
    const environments = environmentsFor(cluster.kubeconfigPath);
    const registrationResults = (outcome: VerifyOutcome) =>
      Object.fromEntries(outcome.report.results.filter((result) => result.check.startsWith('registration-')).map((result) => [result.check, result]));

    const before = registrationResults(await verifyDev(environments));
    expect(before['registration-hpa']).toMatchObject({ status: 'pass', detail: `scales ${declared.min}→${declared.max}` });
    expect(before['registration-ready']).toMatchObject({ status: 'pass' });

    // Someone lowers the floor by hand on the live cluster (kubectl edit hpa): the plan's surge capacity is gone.
    await autoscaling.patchNamespacedHorizontalPodAutoscaler({
      namespace: declared.namespace,
      name: declared.name,
      body: [{ op: 'replace', path: '/spec/minReplicas', value: 2 }],
    });
    const after = registrationResults(await verifyDev(environments));
    expect(after['registration-hpa']).toMatchObject({ status: 'fail', detail: `spec scales 2→${declared.max}, expected ${declared.min}→${declared.max}` });
  }, 240_000);
});
