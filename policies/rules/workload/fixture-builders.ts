/**
 * Fixture inputs shared by the workload rules: workloads without a pod spec or without containers
 * (skipped), and pod specs or container lists known only after apply (failing closed). The shared
 * `podSpecOrResult` / `checkContainers` decide these, so every rule built on them must agree.
 */
import type { FixtureCase } from '../fixtures';
import { workload, type WorkloadOptions } from '../fixture-builders';

type Json = Record<string, unknown>;

/** The body of the one resource of a `workload()` document, to edit in place. */
function bodyOf(document: Json): Json {
  const [byName] = Object.values(document.resource as Record<string, Record<string, Json>>);
  return Object.values(byName!)[0]!;
}

/** A workload as `workload()` builds it, with its body edited by `edit`. */
export function editedWorkload(type: string, name: string, edit: (body: Json) => void, options: WorkloadOptions = {}): Json {
  const document = workload(type, name, options);
  edit(bodyOf(document));
  return document;
}

/** A Deployment whose pod template has metadata but no `spec`. */
export const deploymentWithoutPodSpec = (name: string): Json =>
  editedWorkload('kubernetes_deployment_v1', name, (body) => delete ((body.spec as Json).template as Json).spec);

/** A Deployment whose pod template `spec` is known only after apply. */
export const deploymentWithUnknownPodSpec = (name: string): Json =>
  editedWorkload('kubernetes_deployment_v1', name, (body) => (((body.spec as Json).template as Json).spec = '${var.pod_spec}'));

/** A bare Pod whose whole `spec` is known only after apply. */
export const podWithUnknownSpec = (name: string): Json => editedWorkload('kubernetes_pod_v1', name, (body) => (body.spec = '${var.pod_spec}'));

/** Cases every rule reading the pod spec shares: no pod spec → skipped; a pod spec known only after apply → failing closed. */
export const podSpecCases: { readonly skip: readonly FixtureCase[]; readonly fail: readonly FixtureCase[] } = {
  skip: [
    {
      name: 'deployment whose pod template declares no spec',
      terraform: deploymentWithoutPodSpec('skeleton'),
      resource: 'kubernetes_deployment_v1.skeleton',
      message: 'the workload declares no pod spec',
    },
  ],
  fail: [
    {
      name: 'pod template spec known only after apply',
      terraform: deploymentWithUnknownPodSpec('generated'),
      resource: 'kubernetes_deployment_v1.generated',
      message: 'spec[0].template[0].spec is known only after apply',
    },
    {
      name: 'bare pod spec known only after apply',
      terraform: podWithUnknownSpec('generated'),
      resource: 'kubernetes_pod_v1.generated',
      message: 'spec is known only after apply',
    },
  ],
};

/**
 * Cases every per-container rule (`checkContainers`) shares, on top of `podSpecCases`: a pod spec without
 * containers is skipped; a container or init container list known only after apply fails closed.
 */
export const containerListCases: { readonly skip: readonly FixtureCase[]; readonly fail: readonly FixtureCase[] } = {
  skip: [
    ...podSpecCases.skip,
    {
      name: 'pod spec without containers',
      terraform: workload('kubernetes_deployment_v1', 'empty', { containers: [] }),
      resource: 'kubernetes_deployment_v1.empty',
      message: 'no containers to check',
    },
  ],
  fail: [
    ...podSpecCases.fail,
    {
      name: 'container list known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'generated-containers', { podSpec: { container: '${var.containers}' } }),
      resource: 'kubernetes_deployment_v1.generated-containers',
      message: 'spec[0].template[0].spec[0].container is known only after apply',
    },
    {
      name: 'init container list known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'generated-init', { podSpec: { init_container: '${var.init_containers}' } }),
      resource: 'kubernetes_deployment_v1.generated-init',
      message: 'is known only after apply',
    },
  ],
};
