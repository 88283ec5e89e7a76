import { namespaceOf, WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type Estate, type ResourceRule } from '../../model';
import { isProductionEnvironment } from '../../options';
import { planOf } from '../../plan/facts';
import type { OperationsPlan } from '../../plan/schema';
import { checkContainers, FAIL_CLOSED, type ContainerCheck } from '../workload/container-check';

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/**
 * `registry/path/name` of an image reference as the container runtime resolves it: the first component
 * is a registry when it has a dot or a port or is `localhost`; otherwise the image comes from Docker
 * Hub (`docker.io`, `library/` for a single name).
 */
export function imageLocation(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  const parts = name.split('/');
  const first = parts[0]!;
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) return name;
  return parts.length === 1 ? `docker.io/library/${name}` : `docker.io/${name}`;
}

/** Whether a location lies under a registry entry of the plan (a prefix ending at a `/`). */
const under = (location: string, entry: string): boolean => location === entry || location.startsWith(`${entry}/`);

/** The namespaces the plan runs clinical systems in: every workload there ships a clinical system's code. */
const clinicalNamespaces = (plan: OperationsPlan): ReadonlySet<string> =>
  new Set(Object.values(plan.clinicalSystems).map((system) => system.workload.split('/')[0]!));

const checks = new WeakMap<readonly string[], ContainerCheck>();

function registryCheck(registries: readonly string[]): ContainerCheck {
  let check = checks.get(registries);
  if (check) return check;
  check = (ref) => {
    const image = ref.container.image;
    if (isUnknown(image)) return `${ref.path}.image ${FAIL_CLOSED}`;
    if (typeof image !== 'string' || image === '') return `${ref.path}.image is unset`;
    const location = imageLocation(image);
    const problems: string[] = [];
    if (!registries.some((entry) => under(location, entry))) problems.push(`comes from ${location}, outside the release registries (${registries.join(', ')})`);
    if (!DIGEST.test(image)) problems.push('is not pinned by digest (a tag in the release registry can be pushed again)');
    return problems.length ? `${ref.path}.image "${image}" ${problems.join(' and ')}` : undefined;
  };
  checks.set(registries, check);
  return check;
}

export const productionReleaseRegistry: ResourceRule = {
  id: 'delivery/production-release-registry',
  profile: 'platform',
  title: 'Production runs clinical images only from the release registries, pinned by digest',
  severity: 'high',
  rationale:
    'The operations plan releases patches test → gray → full. An image pulled in prod or dr from a developer’s, a vendor’s or a public registry skipped that path altogether, and a tag without a digest may be pushed again after the test. Only the release repositories the plan names, by digest, tie what runs in production to what was tested.',
  remediation:
    'Point every container (init containers included) of the clinical systems’ namespaces in production environments at an image under policies/plan.yaml release.productionRegistries, as `registry/repo:tag@sha256:<digest>` (the digest staging ran); to add a registry, change the plan (reviewed by the security officer).',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.10.10', '8.1.4.6'], hipaa: ['164.308(a)(1)(ii)(B)', '164.312(c)(1)'], operationsPlan: 'ops-9.4' },
  planKeys: ['release.productionRegistries', 'clinicalSystems'],
  scope: 'resource',
  evaluate(resource, estate: Estate) {
    if (!isProductionEnvironment(estate, resource.environment))
      return { status: 'not-applicable', message: `${resource.environment} is no production environment` };
    const plan = planOf(estate);
    const namespace = namespaceOf(resource);
    // A namespace known only after apply may be a clinical one: judge it (fail closed by the images).
    if (!isUnknown(namespace) && !clinicalNamespaces(plan).has(String(namespace))) {
      return { status: 'not-applicable', message: `namespace "${String(namespace)}" runs no clinical system of the plan` };
    }
    const registries = plan.release.productionRegistries;
    const result = checkContainers(resource, registryCheck(registries), {
      passMessage: `every image comes from a release registry (${registries.join(', ')}) by digest`,
    });
    return result.status === 'fail' ? { ...result, message: `${result.message} (plan: release.productionRegistries)` } : result;
  },
};
