import { chartName } from '../../helm-values/keys';
import { NAMESPACE_TYPES, namespaceOf } from '../../kubernetes';
import { LABEL_VALUES, LABELS } from '../../labels';
import { isUnknown, type Estate, type Resource, type ResourceRule, type RuleResult } from '../../model';
import { blocks, get, map, str, strings } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { effectiveValues } from '../../helm-values/effective-values';

export const INGRESS_TYPES = ['kubernetes_ingress', 'kubernetes_ingress_v1'];

/**
 * Ingress controller charts and where each sets its TLS floor. ingress-nginx was retired in 2026 (no
 * more security fixes), so it fails whatever its settings.
 */
const CONTROLLERS: Readonly<Record<string, { readonly tlsMinimum?: (values: Readonly<Record<string, unknown>>) => unknown; readonly retired?: string }>> = {
  traefik: { tlsMinimum: (values) => get(values, 'tlsOptions.default.minVersion') },
  'ingress-nginx': { retired: 'ingress-nginx was retired in 2026 and receives no security fixes; use a maintained controller (Traefik, Envoy Gateway)' },
};
const TLS13 = 'VersionTLS13';

/** The controller check of one helm_release, or undefined when the chart is no known ingress controller. */
function controllerResult(release: Resource): RuleResult | undefined {
  const chart = get(release.values, 'chart');
  if (isUnknown(chart)) return { status: 'fail', message: `chart ${FAIL_CLOSED}` };
  const name = chartName(str(chart) ?? '');
  const controller = CONTROLLERS[name];
  if (!controller) return undefined;
  if (controller.retired) return { status: 'fail', message: controller.retired };
  const values = effectiveValues(release);
  if (!values.known) return { status: 'fail', message: `${values.reason}; failing closed` };
  const minimum = controller.tlsMinimum!(values.values);
  if (minimum !== TLS13) {
    return { status: 'fail', message: `${name} values tlsOptions.default.minVersion is ${minimum === undefined ? 'unset (TLS 1.2 accepted)' : JSON.stringify(minimum)}, expected "${TLS13}"` };
  }
  return { status: 'pass', message: `${name} accepts TLS 1.3 and above only (tlsOptions.default.minVersion: ${TLS13})` };
}

function isClinicalIngress(estate: Estate, ingress: Resource, namespace: string): boolean {
  const labels = map(ingress.values, 'metadata[0].labels');
  if (!isUnknown(labels) && (labels[LABELS.segment] === 'medical' || labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord)) return true;
  const namespaceResource = NAMESPACE_TYPES.flatMap((type) => estate.byType(type, ingress.environment)).find(
    (candidate) => get(candidate.values, 'metadata[0].name') === namespace,
  );
  const namespaceLabels = namespaceResource ? map(namespaceResource.values, 'metadata[0].labels') : {};
  return !isUnknown(namespaceLabels) && namespaceLabels[LABELS.segment] === 'medical';
}

const covers = (tlsHost: string, host: string): boolean =>
  tlsHost === host || (tlsHost.startsWith('*.') && host.endsWith(tlsHost.slice(1)) && !host.slice(0, -tlsHost.length + 1).includes('.'));

function ingressResult(estate: Estate, ingress: Resource): RuleResult {
  const namespace = namespaceOf(ingress);
  if (isUnknown(namespace)) return { status: 'fail', message: `metadata[0].namespace ${FAIL_CLOSED}` };
  if (!isClinicalIngress(estate, ingress, String(namespace))) return { status: 'not-applicable', message: `namespace "${String(namespace)}" is not in the medical segment` };

  const problems: string[] = [];
  const tls = blocks(get(ingress.values, 'spec[0].tls'));
  const tlsHosts = tls.flatMap((entry, index) => {
    if (isUnknown(entry.secret_name) || !str(entry.secret_name)) problems.push(`spec[0].tls[${index}].secret_name is ${isUnknown(entry.secret_name) ? 'known only after apply' : 'unset'}`);
    return strings(entry.hosts).filter((host): host is string => typeof host === 'string');
  });
  const rules = blocks(get(ingress.values, 'spec[0].rule'));
  if (rules.length === 0) problems.push('spec[0].rule is empty: a default backend serves every host name');
  rules.forEach((rule, index) => {
    const host = rule.host;
    if (isUnknown(host)) problems.push(`spec[0].rule[${index}].host ${FAIL_CLOSED}`);
    else if (!str(host)) problems.push(`spec[0].rule[${index}] has no host, so no certificate can cover it`);
    else if (!tlsHosts.some((tlsHost) => covers(tlsHost, str(host)!))) problems.push(`spec[0].rule[${index}].host "${String(host)}" is not covered by any spec[0].tls[].hosts`);
  });
  const controllers = estate.byType('helm_release', ingress.environment).map(controllerResult).filter((result) => result !== undefined);
  if (!controllers.some((result) => result.status === 'pass')) {
    problems.push('no ingress controller in this environment is proven to accept TLS 1.3 only (helm_release of a maintained controller with a TLS 1.3 minimum)');
  }
  if (problems.length) return { status: 'fail', message: problems.join('; ') };
  return { status: 'pass', message: `every host (${rules.map((rule) => String(rule.host)).join(', ')}) is served over TLS 1.3 with a certificate` };
}

export const inTransitTls13: ResourceRule = {
  id: 'encryption/in-transit-tls13',
  title: 'Clinical hosts are reached over TLS 1.3 through a maintained ingress controller',
  severity: 'high',
  rationale: 'Medical data crossing the network must be encrypted with current protocols; TLS 1.2 and older allow downgrade and weaker suites, and an unmaintained controller stops receiving fixes.',
  remediation:
    'Run a maintained ingress controller (Traefik: values `tlsOptions.default.minVersion: VersionTLS13`), and give every Ingress of a clinical host a `tls` block covering each rule host with an existing certificate Secret.',
  resourceTypes: ['helm_release', ...INGRESS_TYPES],
  controls: { mlps: ['8.1.2.2', '8.1.4.8'], hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'], operationsPlan: 'ops-2.3' },
  scope: 'resource',
  evaluate(resource, estate) {
    if (resource.type === 'helm_release') return controllerResult(resource) ?? { status: 'not-applicable', message: 'not an ingress controller chart' };
    return ingressResult(estate, resource);
  },
};
