import type { RuleFixtures } from '../fixtures';
import { resource, terraform } from '../fixture-builders';
import { namespace } from './fixtures-shared';

/** The Traefik release as shipped (chart defaults: web :8000 plain, websecure :8443 TLS, metrics :9100) plus `values`. */
const traefik = (values = '') =>
  resource('helm_release', 'ingress_controller', {
    name: 'traefik',
    repository: 'https://traefik.github.io/charts',
    chart: 'traefik',
    version: '37.1.1',
    namespace: 'dmz-ingress',
    values: [`tlsOptions:\n  default:\n    minVersion: VersionTLS13\n${values}`],
  });
const REDIRECT = 'ports:\n  web:\n    redirections:\n      entryPoint:\n        to: websecure\n        scheme: https\n        permanent: true\n';
/** As the Encryption construct writes it. */
const SHIPPED = { 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure', 'traefik.ingress.kubernetes.io/router.tls': 'true' };
const INGRESS = 'kubernetes_ingress_v1.emr';
const RELEASE = 'helm_release.ingress_controller';

/** The EMR Ingress (with a spec.tls block, as every shipped one) carrying `annotations`. */
const ingress = (annotations: Record<string, unknown>, options: { namespace?: string; host?: string; id?: string } = {}) =>
  resource('kubernetes_ingress_v1', options.id ?? 'emr', {
    metadata: { name: 'emr', namespace: options.namespace ?? 'emr', annotations },
    spec: {
      ingress_class_name: 'traefik',
      tls: [{ hosts: [options.host ?? 'emr.hospital.internal'], secret_name: 'emr-tls' }],
      rule: [
        {
          host: options.host ?? 'emr.hospital.internal',
          http: { path: [{ path: '/', path_type: 'Prefix', backend: { service: { name: 'emr', port: { name: 'http' } } } }] },
        },
      ],
    },
  });
const emrNamespace = namespace('emr', 'medical');

export const noPlainHttpFixtures: RuleFixtures = {
  ruleId: 'encryption/no-plain-http',
  pass: [
    {
      name: 'the Ingress as shipped: websecure only, router TLS',
      terraform: terraform(emrNamespace, traefik(), ingress(SHIPPED)),
      resource: INGRESS,
      message: 'serves emr.hospital.internal only over TLS (router TLS; websecure (:8443))',
    },
    {
      name: 'the release as shipped: the plain entry points carry no clinical router',
      terraform: terraform(emrNamespace, traefik(), ingress(SHIPPED)),
      resource: RELEASE,
      message: 'web (:8000): plain, no clinical router',
    },
    {
      name: 'both entry points, with web redirecting to HTTPS and websecure the only other default',
      terraform: terraform(emrNamespace, traefik(REDIRECT), ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web,websecure' })),
      resource: INGRESS,
      message: 'TLS or an HTTPS redirect on each entry point',
    },
    {
      name: 'a redirect written as an additional argument',
      terraform: terraform(
        emrNamespace,
        traefik('additionalArguments:\n  - --entryPoints.web.http.redirections.entryPoint.to=websecure\n'),
        ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web' }),
      ),
      resource: INGRESS,
    },
    {
      name: 'router TLS on the plain entry point is TLS on port 8000, not plain HTTP',
      terraform: terraform(
        emrNamespace,
        traefik(),
        ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web', 'traefik.ingress.kubernetes.io/router.tls.options': 'default' }),
      ),
      resource: INGRESS,
    },
  ],
  fail: [
    {
      name: 'router on the plain entry point (annotation web)',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(emrNamespace, traefik(), ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web' })),
      resource: INGRESS,
      message: 'serves emr.hospital.internal in plain HTTP on entry point web (:8000) (annotation traefik.ingress.kubernetes.io/router.entrypoints web',
    },
    {
      name: 'the release names the plain entry point serving a clinical host',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(emrNamespace, traefik(), ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web,websecure' })),
      resource: RELEASE,
      message: 'entry point web (:8000) serves Ingress emr/emr (emr.hospital.internal) in plain HTTP without redirecting to HTTPS',
    },
    {
      name: 'annotations removed: the router joins every default entry point, metrics included',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(emrNamespace, traefik(), ingress({})),
      resource: INGRESS,
      message: 'on entry point web (:8000), metrics (:9100) (no annotation traefik.ingress.kubernetes.io/router.entrypoints, so every default entry point',
    },
    {
      name: 'router.tls removed while spec.tls stays (spec.tls only loads the certificate)',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(
        emrNamespace,
        traefik(),
        ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web,websecure', 'traefik.ingress.kubernetes.io/router.tls': 'false' }),
      ),
      resource: INGRESS,
      message: 'in plain HTTP on entry point web (:8000)',
    },
    {
      name: 'a redirect to plain http is no redirect to HTTPS',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(
        emrNamespace,
        traefik('ports:\n  web:\n    redirections:\n      entryPoint:\n        to: websecure\n        scheme: http\n'),
        ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web' }),
      ),
      resource: INGRESS,
      message: 'in plain HTTP on entry point web',
    },
    {
      name: 'a router priority above the redirect’s overrides it',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(
        emrNamespace,
        traefik(REDIRECT),
        ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web', 'traefik.ingress.kubernetes.io/router.priority': '2147483647' }),
      ),
      resource: INGRESS,
      message: 'in plain HTTP on entry point web',
    },
    {
      name: 'an extra plain entry point from additional arguments',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(
        emrNamespace,
        traefik('additionalArguments:\n  - --entryPoints.legacy.address=:8081/tcp\n'),
        ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'legacy' }),
      ),
      resource: INGRESS,
      message: 'on entry point legacy (:8081)',
    },
    {
      name: 'a second Ingress for a clinical host in the dmz on the plain entry point',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr_plain'],
      terraform: terraform(
        emrNamespace,
        traefik(),
        ingress(SHIPPED),
        ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web' }, { namespace: 'dmz-ingress', id: 'emr_plain' }),
      ),
      resource: 'kubernetes_ingress_v1.emr_plain',
      message: 'in plain HTTP on entry point web',
    },
    {
      name: 'entry points known only after apply',
      terraform: terraform(emrNamespace, traefik(), ingress({ 'traefik.ingress.kubernetes.io/router.entrypoints': '${var.entrypoints}' })),
      resource: INGRESS,
      message: 'router.entrypoints"] is known only after apply; failing closed',
    },
  ],
  skip: [
    {
      name: 'the guest portal outside the medical zone',
      terraform: terraform(
        namespace('guest-services', 'guest'),
        traefik(),
        ingress({}, { namespace: 'guest-services', host: 'wifi.hospital.internal', id: 'portal' }),
      ),
      resource: 'kubernetes_ingress_v1.portal',
      message: 'is not in the medical zone',
    },
    {
      name: 'a release of another chart',
      terraform: resource('helm_release', 'grafana', { name: 'grafana', chart: 'grafana', version: '10.1.4', namespace: 'monitoring' }),
      message: 'not a Traefik release',
    },
  ],
};
