import { chartName } from '../../helm-values/keys';
import { perEnvironment } from '../../estate';
import { NAMESPACE_TYPES, namespaceOf } from '../../kubernetes';
import { LABEL_VALUES, LABELS } from '../../labels';
import { isUnknown, type Estate, type Resource, type ResourceRule, type RuleResult } from '../../model';
import { planOf, plannedZone } from '../../plan/facts';
import { blocks, get, isObject, map, str, strings, type Values } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { effectiveValues } from '../../helm-values/effective-values';
import { DEFAULT_OPTION, isTraefikRelease, judgeSelection, qualify, TLS_OPTIONS_ANNOTATION, tlsLabel, tlsModel, traefikVersion } from './traefik-tls';

export const INGRESS_TYPES = ['kubernetes_ingress', 'kubernetes_ingress_v1'];
const PLAN_NOTE = '(plan: encryption.tlsMinVersion)';

/** ingress-nginx was retired in 2026 (no more security fixes): it fails whatever its settings. */
const RETIRED_CONTROLLERS: Readonly<Record<string, string>> = {
  'ingress-nginx': 'ingress-nginx was retired in 2026 and receives no security fixes; use a maintained controller (Traefik, Envoy Gateway)',
};

const minimumOf = (estate: Estate): string => traefikVersion(planOf(estate).encryption.tlsMinVersion);

/** The controller check of one helm_release, or undefined when the chart is no known ingress controller. */
function controllerResult(estate: Estate, release: Resource): RuleResult | undefined {
  const chart = get(release.values, 'chart');
  if (isUnknown(chart)) return { status: 'fail', message: `chart ${FAIL_CLOSED}` };
  const name = chartName(str(chart) ?? '');
  if (RETIRED_CONTROLLERS[name]) return { status: 'fail', message: RETIRED_CONTROLLERS[name]! };
  if (!isTraefikRelease(release)) return undefined;
  const values = effectiveValues(release);
  if (!values.known) return { status: 'fail', message: `${values.reason}; failing closed` };
  const minimum = minimumOf(estate);
  const explicit = get(values.values, 'tlsOptions.default.minVersion');
  const verdicts = judgeSelection(tlsModel(estate, release.environment), undefined, minimum, PLAN_NOTE);
  const failures = verdicts.filter((verdict) => !verdict.ok);
  if (failures.length) {
    const own = explicit === undefined ? 'unset (TLS 1.2 accepted)' : JSON.stringify(explicit);
    return {
      status: 'fail',
      message: `${name} values tlsOptions.default.minVersion is ${own}, expected "${minimum}": ${failures.map((verdict) => verdict.text).join('; ')}`,
    };
  }
  return { status: 'pass', message: `${name} accepts ${tlsLabel(minimum)} and above only (${verdicts.map((verdict) => verdict.text).join('; ')})` };
}

/** Whether a namespace is in the medical zone: the plan's word, or its labels (which may only add). */
export function isMedicalNamespace(estate: Estate, environment: string, namespace: string): boolean {
  if (plannedZone(planOf(estate), namespace) === 'medical') return true;
  const namespaceResource = NAMESPACE_TYPES.flatMap((type) => estate.byType(type, environment)).find(
    (candidate) => get(candidate.values, 'metadata[0].name') === namespace,
  );
  const labels = namespaceResource ? map(namespaceResource.values, 'metadata[0].labels') : {};
  return !isUnknown(labels) && (labels[LABELS.segment] === 'medical' || labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord);
}

export function hasMedicalLabels(labels: unknown): boolean {
  return isObject(labels) && (labels[LABELS.segment] === 'medical' || labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord);
}

/** Host names a Traefik rule matches: Host(`a`, `b`) and HostSNI(`a`). */
export function ruleHosts(rule: string): string[] {
  const hosts: string[] = [];
  for (const call of rule.matchAll(/\bHost(?:SNI)?\(([^)]*)\)/g)) for (const quoted of call[1]!.matchAll(/`([^`]+)`/g)) hosts.push(quoted[1]!);
  return hosts;
}

/** The IngressRoute object of a `kubernetes_manifest`, if it is one. */
export function ingressRouteOf(resource: Resource): Values | undefined {
  const manifest = get(resource.values, 'manifest');
  if (
    !isObject(manifest) ||
    manifest.kind !== 'IngressRoute' ||
    typeof manifest.apiVersion !== 'string' ||
    !/^traefik\.(io|containo\.us)\//.test(manifest.apiVersion)
  )
    return undefined;
  return manifest;
}

export const ingressHosts = (ingress: Resource): string[] =>
  blocks(get(ingress.values, 'spec[0].rule')).flatMap((rule) => (typeof rule.host === 'string' ? [rule.host] : []));
export const routeHosts = (route: Values): string[] =>
  blocks(get(route, 'spec.routes')).flatMap((entry) => (typeof entry.match === 'string' ? ruleHosts(entry.match) : []));

/**
 * Host names of the clinical systems: every host a router of a medical-zone namespace serves. A router
 * elsewhere that serves one of them shares its TLS handshake (Traefik picks the TLS option per host), so
 * it is judged as clinical too.
 */
export const clinicalHosts = perEnvironment((estate: Estate, environment: string): ReadonlySet<string> => {
  const hosts = new Set<string>();
  for (const ingress of INGRESS_TYPES.flatMap((type) => estate.byType(type, environment))) {
    const namespace = namespaceOf(ingress);
    if (typeof namespace === 'string' && (isMedicalNamespace(estate, environment, namespace) || hasMedicalLabels(map(ingress.values, 'metadata[0].labels')))) {
      for (const host of ingressHosts(ingress)) hosts.add(host);
    }
  }
  for (const manifest of estate.byType('kubernetes_manifest', environment)) {
    const route = ingressRouteOf(manifest);
    if (!route) continue;
    const namespace = get(route, 'metadata.namespace') ?? 'default';
    if (typeof namespace === 'string' && (isMedicalNamespace(estate, environment, namespace) || hasMedicalLabels(get(route, 'metadata.labels')))) {
      for (const host of routeHosts(route)) hosts.add(host);
    }
  }
  return hosts;
});

const covers = (tlsHost: string, host: string): boolean =>
  tlsHost === host || (tlsHost.startsWith('*.') && host.endsWith(tlsHost.slice(1)) && !host.slice(0, -tlsHost.length + 1).includes('.'));

function optionProblems(estate: Estate, environment: string, reference: string | undefined, where: string): string[] {
  const model = tlsModel(estate, environment);
  const problems = model.unknown.map((unknown) => `${unknown}, so the TLS options are not known; failing closed`);
  for (const verdict of judgeSelection(model, reference, minimumOf(estate), PLAN_NOTE)) if (!verdict.ok) problems.push(`${where}: ${verdict.text}`);
  return problems;
}

function ingressResult(estate: Estate, ingress: Resource): RuleResult {
  const namespace = namespaceOf(ingress);
  if (isUnknown(namespace)) return { status: 'fail', message: `metadata[0].namespace ${FAIL_CLOSED}` };
  const labels = map(ingress.values, 'metadata[0].labels');
  const hosts = ingressHosts(ingress);
  const sharesClinicalHost = hosts.some((host) => clinicalHosts(estate, ingress.environment).has(host));
  if (!isMedicalNamespace(estate, ingress.environment, String(namespace)) && !hasMedicalLabels(labels) && !sharesClinicalHost) {
    return { status: 'not-applicable', message: `namespace "${String(namespace)}" is not in the medical zone and its hosts are no clinical host` };
  }

  const problems: string[] = [];
  const tls = blocks(get(ingress.values, 'spec[0].tls'));
  const tlsHosts = tls.flatMap((entry, index) => {
    if (isUnknown(entry.secret_name) || !str(entry.secret_name))
      problems.push(`spec[0].tls[${index}].secret_name is ${isUnknown(entry.secret_name) ? 'known only after apply' : 'unset'}`);
    return strings(entry.hosts).filter((host): host is string => typeof host === 'string');
  });
  const rules = blocks(get(ingress.values, 'spec[0].rule'));
  if (rules.length === 0) problems.push('spec[0].rule is empty: a default backend serves every host name');
  rules.forEach((rule, index) => {
    const host = rule.host;
    if (isUnknown(host)) problems.push(`spec[0].rule[${index}].host ${FAIL_CLOSED}`);
    else if (!str(host)) problems.push(`spec[0].rule[${index}] has no host, so no certificate can cover it`);
    else if (!tlsHosts.some((tlsHost) => covers(tlsHost, str(host)!)))
      problems.push(`spec[0].rule[${index}].host "${String(host)}" is not covered by any spec[0].tls[].hosts`);
  });
  const controllers = estate
    .byType('helm_release', ingress.environment)
    .map((release) => controllerResult(estate, release))
    .filter((result) => result !== undefined);
  if (!controllers.some((result) => result.status === 'pass')) {
    problems.push(
      `no ingress controller in this environment is proven to accept ${tlsLabel(minimumOf(estate))} only (helm_release of a maintained controller with that minimum) ${PLAN_NOTE}`,
    );
  }
  const annotations = map(ingress.values, 'metadata[0].annotations');
  if (isUnknown(annotations)) problems.push(`metadata[0].annotations ${FAIL_CLOSED}`);
  else {
    const selected = annotations[TLS_OPTIONS_ANNOTATION];
    if (isUnknown(selected)) problems.push(`metadata[0].annotations["${TLS_OPTIONS_ANNOTATION}"] ${FAIL_CLOSED}`);
    else {
      const reference = typeof selected === 'string' && selected !== '' ? qualify(selected, 'kubernetes') : undefined;
      problems.push(
        ...optionProblems(
          estate,
          ingress.environment,
          reference,
          reference ? `metadata[0].annotations["${TLS_OPTIONS_ANNOTATION}"] "${String(selected)}"` : 'without a TLS option of its own',
        ),
      );
    }
  }
  if (problems.length) return { status: 'fail', message: problems.join('; ') };
  return {
    status: 'pass',
    message: `every host (${rules.map((rule) => String(rule.host)).join(', ')}) is served over ${tlsLabel(minimumOf(estate))} with a certificate`,
  };
}

function ingressRouteResult(estate: Estate, manifest: Resource, route: Values): RuleResult {
  const namespace = get(route, 'metadata.namespace') ?? 'default';
  if (isUnknown(namespace)) return { status: 'fail', message: `manifest.metadata.namespace ${FAIL_CLOSED}` };
  const hosts = routeHosts(route);
  const clinical =
    isMedicalNamespace(estate, manifest.environment, String(namespace)) ||
    hasMedicalLabels(get(route, 'metadata.labels')) ||
    hosts.some((host) => clinicalHosts(estate, manifest.environment).has(host));
  if (!clinical) return { status: 'not-applicable', message: `IngressRoute in "${String(namespace)}", not in the medical zone, serves no clinical host` };
  const tls = get(route, 'spec.tls');
  if (isUnknown(tls)) return { status: 'fail', message: `manifest.spec.tls ${FAIL_CLOSED}` };
  if (!isObject(tls))
    return {
      status: 'fail',
      message: `IngressRoute ${String(namespace)}/${String(get(route, 'metadata.name'))} serves ${hosts.join(', ') || 'its routes'} without manifest.spec.tls: plain HTTP for clinical data`,
    };
  const options = get(tls, 'options');
  if (isUnknown(options)) return { status: 'fail', message: `manifest.spec.tls.options ${FAIL_CLOSED}` };
  let reference: string | undefined;
  if (isObject(options) && typeof options.name === 'string') {
    reference = options.name.includes('@') ? options.name : `${str(options.namespace) ?? String(namespace)}-${options.name}@kubernetescrd`;
  }
  const problems = optionProblems(
    estate,
    manifest.environment,
    reference,
    reference ? `manifest.spec.tls.options → ${reference}` : 'without a TLS option of its own',
  );
  if (problems.length) return { status: 'fail', message: problems.join('; ') };
  return { status: 'pass', message: `IngressRoute serves ${hosts.join(', ')} over ${tlsLabel(minimumOf(estate))}` };
}

/** A TLSOption object fails when a router of a clinical host can select it and it is below the plan. */
function tlsOptionResult(estate: Estate, manifest: Resource): RuleResult | undefined {
  const model = tlsModel(estate, manifest.environment);
  const mine = [...model.options.values()].flat().filter((option) => option.resource === manifest);
  if (mine.length === 0) return undefined;
  const selected = new Set<string>();
  for (const ingress of INGRESS_TYPES.flatMap((type) => estate.byType(type, manifest.environment))) {
    const annotation = map(ingress.values, 'metadata[0].annotations');
    const reference = isUnknown(annotation) ? undefined : str(annotation[TLS_OPTIONS_ANNOTATION]);
    const hosts = ingressHosts(ingress);
    if (hosts.some((host) => clinicalHosts(estate, manifest.environment).has(host)))
      selected.add(reference ? qualify(reference, 'kubernetes') : DEFAULT_OPTION);
  }
  for (const other of estate.byType('kubernetes_manifest', manifest.environment)) {
    const route = ingressRouteOf(other);
    if (!route || !routeHosts(route).some((host) => clinicalHosts(estate, manifest.environment).has(host))) continue;
    const name = str(get(route, 'spec.tls.options.name'));
    selected.add(
      name
        ? name.includes('@')
          ? name
          : `${str(get(route, 'spec.tls.options.namespace')) ?? String(get(route, 'metadata.namespace') ?? 'default')}-${name}@kubernetescrd`
        : DEFAULT_OPTION,
    );
  }
  for (const entry of model.entryPointOptions) selected.add(entry.ref);
  const relevant = mine.filter((option) => selected.has(option.ref));
  if (relevant.length === 0)
    return { status: 'not-applicable', message: `no router of a clinical host selects ${mine.map((option) => option.ref).join(', ')}` };
  const verdicts = relevant.flatMap((option) => judgeSelection(model, option.ref, minimumOf(estate), PLAN_NOTE));
  const failures = verdicts.filter((verdict) => !verdict.ok);
  return failures.length
    ? { status: 'fail', message: `a router of a clinical host selects it: ${failures.map((verdict) => verdict.text).join('; ')}` }
    : { status: 'pass', message: verdicts.map((verdict) => verdict.text).join('; ') };
}

export const inTransitTls13: ResourceRule = {
  id: 'encryption/in-transit-tls13',
  profile: 'generic',
  title: 'Clinical hosts are reached over TLS 1.3 through a maintained ingress controller',
  severity: 'high',
  rationale:
    'Medical data crossing the network must be encrypted with current protocols; TLS 1.2 and older allow downgrade and weaker suites, and an unmaintained controller stops receiving fixes. Every TLS option a router of a clinical host can select counts, not only the default one.',
  remediation:
    'Run a maintained ingress controller (Traefik: values `tlsOptions.default.minVersion: VersionTLS13`, policies/plan.yaml encryption.tlsMinVersion), give every Ingress/IngressRoute of a clinical host a `tls` block covering each host with an existing certificate Secret, and let it select only TLS options (annotation traefik.ingress.kubernetes.io/router.tls.options, IngressRoute spec.tls.options, entry point tls.options) that exist and have that minimum.',
  resourceTypes: ['helm_release', ...INGRESS_TYPES, 'kubernetes_manifest'],
  controls: { mlps: ['8.1.2.2', '8.1.4.8'], hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'], operationsPlan: 'ops-2.3' },
  planKeys: ['encryption.tlsMinVersion', 'segments.namespaces'],
  scope: 'resource',
  evaluate(resource, estate) {
    if (resource.type === 'helm_release') return controllerResult(estate, resource) ?? { status: 'not-applicable', message: 'not an ingress controller chart' };
    if (resource.type === 'kubernetes_manifest') {
      const manifest = get(resource.values, 'manifest');
      if (isUnknown(manifest)) return { status: 'fail', message: `manifest ${FAIL_CLOSED}` };
      const route = ingressRouteOf(resource);
      if (route) return ingressRouteResult(estate, resource, route);
      return tlsOptionResult(estate, resource) ?? { status: 'not-applicable', message: 'neither an IngressRoute nor a TLSOption' };
    }
    return ingressResult(estate, resource);
  },
};
