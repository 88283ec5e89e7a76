import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { checkContainers, type ContainerCheck, FAIL_CLOSED } from './container-check';

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** Why an image reference is not reproducible, or undefined when it is pinned by digest. */
export function imageProblem(image: string): string | undefined {
  if (DIGEST.test(image)) return undefined;
  if (image.includes('@')) return 'has a malformed digest (expected @sha256:<64 hex>)';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  if (tag === undefined) return 'has no tag and no digest (pulls latest)';
  if (tag === 'latest') return 'uses the mutable tag "latest"';
  return `uses the tag "${tag}" without a digest (tags can be moved)`;
}

// The field's path is built only for a message: nearly every container passes.
const imagePinProblem: ContainerCheck = (ref) => {
  const image = ref.container.image;
  if (isUnknown(image)) return `${ref.path}.image ${FAIL_CLOSED}`;
  if (typeof image !== 'string' || image === '') return `${ref.path}.image is unset`;
  const problem = imageProblem(image);
  return problem ? `${ref.path}.image "${image}" ${problem}` : undefined;
};

export const imagePinnedDigest: ResourceRule = {
  id: 'workload/image-pinned-digest',
  profile: 'generic',
  title: 'Images are pinned by digest',
  severity: 'high',
  rationale: 'A tag can be re-pointed to other content; only a digest guarantees that the reviewed and scanned image is the one that runs.',
  remediation: 'Reference images as `registry/name:tag@sha256:<digest>` (resolve the digest in CI, e.g. with `crane digest`).',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.4.6', '8.1.9.3', '8.1.10.8'], hipaa: ['164.312(c)(1)'], operationsPlan: 'ops-4.4' },
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, imagePinProblem, { passMessage: 'all images are pinned by digest' }),
};
