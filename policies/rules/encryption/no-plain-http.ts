import { perEnvironment } from '../../estate';
import { namespaceOf } from '../../kubernetes';
import { isUnknown, type Estate, type Resource, type ResourceRule, type RuleResult } from '../../model';
import { get, isObject, map, str, strings, type Values } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { clinicalHosts, hasMedicalLabels, INGRESS_TYPES, ingressHosts, ingressRouteOf, isMedicalNamespace, routeHosts } from './in-transit-tls13';
import { isTraefikRelease } from './traefik-tls';
import { defaultEntryPoints, describeEntryPoint, entryPointModel, plainOn, type EntryPoint } from './traefik-entrypoints';

const ANNOTATION = 'traefik.ingress.kubernetes.io/router.';
const PLAN_NOTE = '(plan: encryption.tlsMinVersion; ops-2.3)';

interface Router {
  readonly resource: Resource;
  readonly label: string;
  readonly hosts: readonly string[];
  /** The entry points it is served on, or why that cannot be known. */
  readonly entryPoints: readonly EntryPoint[] | { readonly problem: string };
  readonly tls: boolean;
  readonly priority: number | undefined;
  /** How its entry points were chosen, for messages. */
  readonly how: string;
}

function pick(
  model: ReturnType<typeof entryPointModel>,
  names: readonly string[] | undefined,
  where: string,
): { entryPoints: readonly EntryPoint[]; how: string } {
  if (names === undefined) return { entryPoints: defaultEntryPoints(model), how: `no ${where}, so every default entry point` };
  return { entryPoints: model.entryPoints.filter((entryPoint) => names.includes(entryPoint.name)), how: `${where} ${names.join(',')}` };
}

/** An Ingress as the Traefik Kubernetes Ingress provider makes it a router (TLS only from the router.tls annotations). */
function ingressRouter(estate: Estate, ingress: Resource): Router {
  const model = entryPointModel(estate, ingress.environment);
  const base = {
    resource: ingress,
    label: `Ingress ${String(namespaceOf(ingress))}/${String(get(ingress.values, 'metadata[0].name'))}`,
    hosts: ingressHosts(ingress),
  };
  const annotations = map(ingress.values, 'metadata[0].annotations');
  if (isUnknown(annotations)) return { ...base, entryPoints: { problem: `metadata[0].annotations ${FAIL_CLOSED}` }, tls: false, priority: undefined, how: '' };
  const unknownKey = Object.keys(annotations).find((key) => key.startsWith(ANNOTATION) && isUnknown(annotations[key]));
  if (unknownKey)
    return { ...base, entryPoints: { problem: `metadata[0].annotations["${unknownKey}"] ${FAIL_CLOSED}` }, tls: false, priority: undefined, how: '' };
  const listed = str(annotations[`${ANNOTATION}entrypoints`]);
  const names =
    listed === undefined || listed.trim() === ''
      ? undefined
      : listed
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
  const { entryPoints, how } = pick(model, names, `annotation ${ANNOTATION}entrypoints`);
  const tls = str(annotations[`${ANNOTATION}tls`]) === 'true' || Object.keys(annotations).some((key) => key.startsWith(`${ANNOTATION}tls.`));
  const priority = Number(str(annotations[`${ANNOTATION}priority`]) ?? Number.NaN);
  return { ...base, entryPoints, tls, priority: Number.isFinite(priority) ? priority : undefined, how };
}

/** An IngressRoute's router: TLS when it has `spec.tls`. */
function ingressRouteRouter(estate: Estate, manifest: Resource, route: Values): Router {
  const model = entryPointModel(estate, manifest.environment);
  const listed = get(route, 'spec.entryPoints');
  const names = Array.isArray(listed) && listed.length ? strings(listed).map(String) : undefined;
  const { entryPoints, how } = pick(model, names, 'spec.entryPoints');
  const label = `IngressRoute ${String(get(route, 'metadata.namespace') ?? 'default')}/${String(get(route, 'metadata.name'))}`;
  return { resource: manifest, label, hosts: routeHosts(route), entryPoints, tls: isObject(get(route, 'spec.tls')), priority: undefined, how };
}

const isClinical = (estate: Estate, environment: string, namespace: unknown, labels: unknown, hosts: readonly string[]): boolean =>
  (typeof namespace === 'string' && isMedicalNamespace(estate, environment, namespace)) ||
  hasMedicalLabels(labels) ||
  hosts.some((host) => clinicalHosts(estate, environment).has(host));

/** Every router of a clinical host in the environment. */
const clinicalRouters = perEnvironment((estate: Estate, environment: string): readonly Router[] => {
  const routers: Router[] = [];
  for (const ingress of INGRESS_TYPES.flatMap((type) => estate.byType(type, environment))) {
    const router = ingressRouter(estate, ingress);
    if (isClinical(estate, environment, namespaceOf(ingress), map(ingress.values, 'metadata[0].labels'), router.hosts)) routers.push(router);
  }
  for (const manifest of estate.byType('kubernetes_manifest', environment)) {
    const route = ingressRouteOf(manifest);
    if (!route) continue;
    const router = ingressRouteRouter(estate, manifest, route);
    if (isClinical(estate, environment, get(route, 'metadata.namespace') ?? 'default', get(route, 'metadata.labels'), router.hosts)) routers.push(router);
  }
  return routers;
});

/** The entry points a router serves in plain HTTP. */
function plainEntryPoints(router: Router): readonly EntryPoint[] {
  if (router.tls || !Array.isArray(router.entryPoints)) return [];
  return (router.entryPoints as readonly EntryPoint[]).filter((entryPoint) => plainOn(entryPoint, router.priority));
}

function ingressResult(estate: Estate, ingress: Resource): RuleResult {
  const namespace = namespaceOf(ingress);
  if (isUnknown(namespace)) return { status: 'fail', message: `metadata[0].namespace ${FAIL_CLOSED}` };
  const router = clinicalRouters(estate, ingress.environment).find((candidate) => candidate.resource === ingress);
  if (!router) return { status: 'not-applicable', message: `namespace "${String(namespace)}" is not in the medical zone and its hosts are no clinical host` };
  const model = entryPointModel(estate, ingress.environment);
  if (model.unknown.length) return { status: 'fail', message: `${model.unknown.join('; ')}, so its entry points are not known; failing closed` };
  if (model.releases.length === 0) return { status: 'not-applicable', message: 'no Traefik release in this environment serves it' };
  if (!Array.isArray(router.entryPoints)) return { status: 'fail', message: (router.entryPoints as { problem: string }).problem };
  const plain = plainEntryPoints(router);
  const hosts = router.hosts.join(', ') || 'every host';
  if (plain.length) {
    return {
      status: 'fail',
      message: `serves ${hosts} in plain HTTP on entry point ${plain.map(describeEntryPoint).join(', ')} (${router.how}; no ${ANNOTATION}tls "true", no TLS and no redirect to HTTPS on that entry point) ${PLAN_NOTE}`,
    };
  }
  const served = (router.entryPoints as readonly EntryPoint[]).map(describeEntryPoint).join(', ') || 'no entry point';
  return {
    status: 'pass',
    message: `serves ${hosts} only over TLS (${router.tls ? 'router TLS' : 'TLS or an HTTPS redirect on each entry point'}; ${served})`,
  };
}

function releaseResult(estate: Estate, release: Resource): RuleResult {
  const model = entryPointModel(estate, release.environment);
  const own = model.entryPoints.filter((entryPoint) => entryPoint.release === release);
  const unknown = model.unknown.find((reason) => reason.startsWith(`${release.address} `));
  if (unknown) return { status: 'fail', message: `${unknown}, so its entry points are not known; failing closed` };
  const offenders: string[] = [];
  for (const entryPoint of own) {
    const routers = clinicalRouters(estate, release.environment).filter((router) => plainEntryPoints(router).includes(entryPoint));
    if (routers.length)
      offenders.push(
        `entry point ${describeEntryPoint(entryPoint)} serves ${routers.map((router) => `${router.label} (${router.hosts.join(', ')})`).join(', ')} in plain HTTP without redirecting to HTTPS`,
      );
  }
  if (offenders.length) return { status: 'fail', message: `${offenders.join('; ')} ${PLAN_NOTE}` };
  const summary = own.map(
    (entryPoint) =>
      `${describeEntryPoint(entryPoint)}: ${entryPoint.tls ? 'TLS' : entryPoint.redirect ? `redirects to ${entryPoint.redirect.to}` : 'plain, no clinical router'}`,
  );
  return { status: 'pass', message: `no clinical host in plain HTTP (${summary.join('; ')})` };
}

export const noPlainHttp: ResourceRule = {
  id: 'encryption/no-plain-http',
  profile: 'platform',
  title: 'No entry point serves a clinical host in plain HTTP',
  severity: 'high',
  rationale:
    'TLS 1.3 on the secure entry point protects nothing if the same router also listens on the plain entry point (web, :80/:8000) or on metrics: a Traefik Ingress router joins every default entry point unless its annotation names one, and is TLS only when the router.tls annotation says so, whatever its spec.tls lists. Patient data then crosses the network in clear text beside the encrypted path.',
  remediation:
    'Give every Ingress of a clinical host the annotations `traefik.ingress.kubernetes.io/router.entrypoints: websecure` and `traefik.ingress.kubernetes.io/router.tls: "true"` (IngressRoutes: `spec.entryPoints: [websecure]` and `spec.tls`), or redirect the plain entry point to HTTPS in the Traefik values (`ports.web.redirections.entryPoint: { to: websecure, scheme: https, permanent: true }`).',
  resourceTypes: ['helm_release', ...INGRESS_TYPES],
  controls: { mlps: ['8.1.2.2', '8.1.4.8'], hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'], operationsPlan: 'ops-2.3' },
  planKeys: ['encryption.tlsMinVersion', 'segments.namespaces'],
  scope: 'resource',
  evaluate(resource, estate) {
    if (resource.type === 'helm_release')
      return isTraefikRelease(resource) ? releaseResult(estate, resource) : { status: 'not-applicable', message: 'not a Traefik release' };
    return ingressResult(estate, resource);
  },
};
