import type { RuleFixtures } from '../fixtures';
import { planWith, resource, terraform } from '../fixture-builders';
import { namespace } from './fixtures-shared';

const traefik = (values: string, set: Record<string, unknown>[] = []) =>
  resource('helm_release', 'ingress_controller', {
    name: 'traefik',
    repository: 'https://traefik.github.io/charts',
    chart: 'traefik',
    version: '37.1.1',
    namespace: 'dmz-ingress',
    values: [values],
    ...(set.length ? { set } : {}),
  });
const TLS13_VALUES = 'tlsOptions:\n  default:\n    minVersion: VersionTLS13\n    sniStrict: true\n';

const BACKEND = { service: { name: 'emr', port: { name: 'http' } } };
const INGRESS = 'kubernetes_ingress_v1.emr';
/** `rules: false` leaves only a default backend; `labels` go on the Ingress itself; `tlsOption` selects a Traefik TLS option. */
const ingress = (
  options: {
    tls?: Record<string, unknown>[];
    host?: string;
    namespace?: string;
    labels?: Record<string, string>;
    rules?: false;
    tlsOption?: string;
    id?: string;
  } = {},
) =>
  resource('kubernetes_ingress_v1', options.id ?? 'emr', {
    metadata: {
      name: 'emr',
      namespace: options.namespace ?? 'emr',
      ...(options.labels ? { labels: options.labels } : {}),
      ...(options.tlsOption ? { annotations: { 'traefik.ingress.kubernetes.io/router.tls.options': options.tlsOption } } : {}),
    },
    spec: {
      ingress_class_name: 'traefik',
      ...(options.tls === undefined ? { tls: [{ hosts: ['emr.hospital.internal'], secret_name: 'emr-tls' }] } : options.tls.length ? { tls: options.tls } : {}),
      ...(options.rules === false
        ? { default_backend: BACKEND }
        : {
            rule: [
              {
                ...(options.host === '' ? {} : { host: options.host ?? 'emr.hospital.internal' }),
                http: { path: [{ path: '/', path_type: 'Prefix', backend: BACKEND }] },
              },
            ],
          }),
    },
  });
/** Traefik values with the TLS 1.3 default and a second option `legacy` at TLS 1.2. */
const WITH_LEGACY = `${TLS13_VALUES}  legacy:\n    minVersion: VersionTLS12\n`;
const tlsOptionManifest = (name: string, namespaceName: string, minVersion: string | undefined, id = name) =>
  resource('kubernetes_manifest', id, {
    manifest: {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'TLSOption',
      metadata: { name, namespace: namespaceName },
      spec: minVersion ? { minVersion } : { sniStrict: true },
    },
  });
const ingressRoute = (namespaceName: string, host: string, tls: Record<string, unknown> | undefined, id = 'emr_route') =>
  resource('kubernetes_manifest', id, {
    manifest: {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'emr', namespace: namespaceName },
      spec: {
        entryPoints: ['websecure'],
        routes: [{ match: `Host(\`${host}\`)`, kind: 'Rule', services: [{ name: 'emr', port: 8443 }] }],
        ...(tls ? { tls } : {}),
      },
    },
  });

const grafana = resource('helm_release', 'grafana', {
  name: 'grafana',
  repository: 'https://grafana.github.io/helm-charts',
  chart: 'grafana',
  version: '10.1.4',
  namespace: 'monitoring',
});

export const inTransitTls13Fixtures: RuleFixtures = {
  ruleId: 'encryption/in-transit-tls13',
  pass: [
    {
      name: 'a TLS 1.2 option for a guest host while the clinical hosts use the TLS 1.3 default',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(WITH_LEGACY),
        ingress(),
        ingress({
          id: 'portal',
          namespace: 'guest-services',
          host: 'wifi.hospital.internal',
          tls: [{ hosts: ['wifi.hospital.internal'], secret_name: 'wifi-tls' }],
          tlsOption: 'dmz-ingress-legacy@kubernetescrd',
        }),
      ),
      resource: INGRESS,
      message: 'every host (emr.hospital.internal) is served over TLS 1.3',
    },
    {
      name: 'a TLSOption object at TLS 1.3 selected by the EMR Ingress',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(TLS13_VALUES),
        tlsOptionManifest('modern', 'emr', 'VersionTLS13'),
        ingress({ tlsOption: 'emr-modern@kubernetescrd' }),
      ),
      resource: 'kubernetes_manifest.modern',
    },
    {
      name: 'an IngressRoute of EMR with TLS and the default option',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingressRoute('emr', 'emr.hospital.internal', { secretName: 'emr-tls' })),
      resource: 'kubernetes_manifest.emr_route',
    },
    {
      name: 'a plan that asks TLS 1.2 accepts a TLS 1.2 option',
      terraform: terraform(namespace('emr', 'medical'), traefik(WITH_LEGACY), ingress({ tlsOption: 'dmz-ingress-legacy@kubernetescrd' })),
      options: { plan: planWith({ encryption: { tlsMinVersion: '1.2' } }) },
      resource: INGRESS,
    },
    {
      name: 'Traefik with TLS 1.3 minimum and a TLS clinical Ingress',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingress()),
      resource: INGRESS,
      message: 'every host (emr.hospital.internal) is served over TLS 1.3',
    },
    {
      name: 'Traefik release pins the TLS 1.3 minimum',
      terraform: traefik(TLS13_VALUES),
      resource: 'helm_release.ingress_controller',
      message: 'traefik accepts TLS 1.3 and above only',
    },
    {
      name: 'another chart released before the controller',
      terraform: terraform(namespace('emr', 'medical'), grafana, traefik(TLS13_VALUES), ingress()),
      resource: INGRESS,
      message: 'every host (emr.hospital.internal)',
    },
    {
      name: 'TLS host known only after apply beside a known host covering the rule',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(TLS13_VALUES),
        ingress({ tls: [{ hosts: ['${var.extra_host}', 'emr.hospital.internal'], secret_name: 'emr-tls' }] }),
      ),
      resource: INGRESS,
    },
    {
      name: 'minimum set through a set entry, wildcard certificate',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik('deployment:\n  replicas: 2\n', [{ name: 'tlsOptions.default.minVersion', value: 'VersionTLS13' }]),
        ingress({ tls: [{ hosts: ['*.hospital.internal'], secret_name: 'wildcard-tls' }] }),
      ),
    },
  ],
  fail: [
    {
      name: 'a second TLSOption at TLS 1.2 (chart values) selected by the EMR Ingress',
      terraform: terraform(namespace('emr', 'medical'), traefik(WITH_LEGACY), ingress({ tlsOption: 'dmz-ingress-legacy@kubernetescrd' })),
      resource: INGRESS,
      message:
        'TLS option dmz-ingress-legacy@kubernetescrd (helm_release.ingress_controller values tlsOptions.legacy) has minVersion "VersionTLS12", below VersionTLS13 (plan: encryption.tlsMinVersion)',
    },
    {
      name: 'a TLSOption object (kubernetes_manifest) at TLS 1.2 selected by the EMR Ingress',
      failing: ['kubernetes_manifest.compat', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(TLS13_VALUES),
        tlsOptionManifest('compat', 'emr', 'VersionTLS12'),
        ingress({ tlsOption: 'emr-compat@kubernetescrd' }),
      ),
      resource: INGRESS,
      message: '(kubernetes_manifest.compat (TLSOption emr/compat)) has minVersion "VersionTLS12"',
    },
    {
      name: 'the TLSOption object itself fails when a clinical router selects it',
      failing: ['kubernetes_manifest.compat', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(TLS13_VALUES),
        tlsOptionManifest('compat', 'emr', 'VersionTLS12'),
        ingress({ tlsOption: 'emr-compat@kubernetescrd' }),
      ),
      resource: 'kubernetes_manifest.compat',
      message: 'a router of a clinical host selects it',
    },
    {
      name: 'a TLSOption without minVersion (TLS 1.2) selected by the EMR Ingress',
      failing: ['kubernetes_manifest.strict-sni', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(TLS13_VALUES),
        tlsOptionManifest('strict-sni', 'emr', undefined),
        ingress({ tlsOption: 'emr-strict-sni@kubernetescrd' }),
      ),
      resource: INGRESS,
      message: 'has minVersion unset (VersionTLS12)',
    },
    {
      name: 'the Ingress selects an option nobody defines (no fallback to the TLS 1.3 default)',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingress({ tlsOption: 'emr-modern@kubernetescrd' })),
      resource: INGRESS,
      message: 'TLS option emr-modern@kubernetescrd is defined nowhere in this configuration',
    },
    {
      name: 'an option name without its provider does not resolve for an Ingress',
      terraform: terraform(namespace('emr', 'medical'), traefik(WITH_LEGACY), ingress({ tlsOption: 'legacy' })),
      resource: INGRESS,
      message: 'TLS option legacy@kubernetes is defined nowhere',
    },
    {
      name: 'a file-provider option at TLS 1.2 selected by the EMR Ingress',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(
          `${TLS13_VALUES}providers:\n  file:\n    enabled: true\n    content: |\n      tls:\n        options:\n          compat:\n            minVersion: VersionTLS12\n`,
        ),
        ingress({ tlsOption: 'compat@file' }),
      ),
      resource: INGRESS,
      message: 'values providers.file.content tls.options.compat) has minVersion "VersionTLS12"',
    },
    {
      name: 'the websecure entry point’s default TLS option at TLS 1.2',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(`${WITH_LEGACY}ports:\n  websecure:\n    tls:\n      options: dmz-ingress-legacy@kubernetescrd\n`),
        ingress(),
      ),
      resource: INGRESS,
      message: 'entry point TLS option dmz-ingress-legacy@kubernetescrd',
    },
    {
      name: 'a TLSOption named default in another namespace overriding the chart’s (two defaults conflict)',
      failing: ['helm_release.ingress_controller', 'kubernetes_manifest.second_default', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(TLS13_VALUES),
        tlsOptionManifest('default', 'emr', 'VersionTLS13', 'second_default'),
        ingress(),
      ),
      resource: INGRESS,
      message: 'the default TLS option is defined 2 times',
    },
    {
      name: 'an IngressRoute of EMR selecting the TLS 1.2 option',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(WITH_LEGACY),
        ingressRoute('emr', 'emr.hospital.internal', { secretName: 'emr-tls', options: { name: 'legacy', namespace: 'dmz-ingress' } }),
      ),
      resource: 'kubernetes_manifest.emr_route',
      message: 'manifest.spec.tls.options → dmz-ingress-legacy@kubernetescrd: TLS option dmz-ingress-legacy@kubernetescrd',
    },
    {
      name: 'an IngressRoute of EMR without TLS',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingressRoute('emr', 'emr.hospital.internal', undefined)),
      resource: 'kubernetes_manifest.emr_route',
      message: 'without manifest.spec.tls: plain HTTP for clinical data',
    },
    {
      name: 'a router in the guest zone serving the EMR host with the TLS 1.2 option (the option is chosen per host)',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(WITH_LEGACY),
        ingress(),
        ingress({ id: 'emr_guest', namespace: 'guest-services', tlsOption: 'dmz-ingress-legacy@kubernetescrd' }),
      ),
      resource: 'kubernetes_ingress_v1.emr_guest',
      message: 'below VersionTLS13',
    },
    {
      name: 'the default option at TLS 1.2 under the shipped plan',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(namespace('emr', 'medical'), traefik('tlsOptions:\n  default:\n    minVersion: VersionTLS12\n'), ingress()),
      resource: INGRESS,
      message: 'without a TLS option of its own: the default TLS option',
    },
    { name: 'Traefik without a TLS minimum', terraform: traefik('deployment:\n  replicas: 2\n'), message: 'unset (TLS 1.2 accepted)' },
    { name: 'Traefik with TLS 1.2 minimum', terraform: traefik('tlsOptions:\n  default:\n    minVersion: VersionTLS12\n'), message: '"VersionTLS12"' },
    {
      name: 'retired ingress-nginx',
      terraform: resource('helm_release', 'nginx', {
        name: 'ingress-nginx',
        chart: 'ingress-nginx',
        repository: 'https://kubernetes.github.io/ingress-nginx',
        version: '4.12.0',
      }),
      message: 'retired',
    },
    {
      name: 'clinical Ingress without TLS',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingress({ tls: [] })),
      resource: 'kubernetes_ingress_v1.emr',
      message: 'not covered',
    },
    {
      name: 'certificate for another host',
      resource: 'kubernetes_ingress_v1.emr',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(TLS13_VALUES),
        ingress({ tls: [{ hosts: ['portal.hospital.internal'], secret_name: 'portal-tls' }] }),
      ),
      message: 'not covered',
    },
    {
      name: 'clinical Ingress without a host',
      resource: 'kubernetes_ingress_v1.emr',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingress({ host: '' })),
      message: 'has no host',
    },
    {
      name: 'clinical Ingress with no proven TLS 1.3 controller',
      terraform: terraform(namespace('emr', 'medical'), ingress()),
      message: 'no ingress controller',
    },
    {
      name: 'chart known only after apply',
      terraform: resource('helm_release', 'ingress_controller', {
        name: 'ingress',
        repository: 'https://traefik.github.io/charts',
        chart: '${var.ingress_chart}',
        version: '37.1.1',
      }),
      message: 'chart is known only after apply',
    },
    {
      name: 'Traefik values known only after apply',
      terraform: traefik('${var.traefik_values}'),
      resource: 'helm_release.ingress_controller',
      message: 'values[0] is known only after apply; failing closed',
    },
    {
      name: 'Ingress labelled for the medical segment in a guest namespace, without TLS',
      terraform: terraform(namespace('emr', 'guest'), traefik(TLS13_VALUES), ingress({ tls: [], labels: { 'platform.hospital/segment': 'medical' } })),
      resource: INGRESS,
      message: 'spec[0].rule[0].host "emr.hospital.internal" is not covered',
    },
    {
      name: 'Ingress labelled for medical records in a guest namespace, without TLS',
      terraform: terraform(
        namespace('emr', 'guest'),
        traefik(TLS13_VALUES),
        ingress({ tls: [], labels: { 'platform.hospital/data-class': 'medical-record' } }),
      ),
      resource: INGRESS,
      message: 'spec[0].rule[0].host "emr.hospital.internal" is not covered',
    },
    {
      name: 'Ingress namespace known only after apply',
      terraform: terraform(traefik(TLS13_VALUES), ingress({ namespace: '${var.emr_namespace}' })),
      resource: INGRESS,
      message: 'metadata[0].namespace is known only after apply',
    },
    {
      name: 'certificate Secret name known only after apply',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(TLS13_VALUES),
        ingress({ tls: [{ hosts: ['emr.hospital.internal'], secret_name: '${var.emr_tls_secret}' }] }),
      ),
      resource: INGRESS,
      message: 'spec[0].tls[0].secret_name is known only after apply',
    },
    {
      name: 'TLS block without a certificate Secret',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingress({ tls: [{ hosts: ['emr.hospital.internal'] }] })),
      resource: INGRESS,
      message: 'spec[0].tls[0].secret_name is unset',
    },
    {
      name: 'clinical Ingress with only a default backend',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingress({ rules: false })),
      resource: INGRESS,
      message: 'spec[0].rule is empty',
    },
    {
      name: 'rule host known only after apply',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingress({ host: '${var.emr_host}' })),
      resource: INGRESS,
      message: 'spec[0].rule[0].host is known only after apply',
    },
    {
      name: 'malformed wildcard *emr.hospital.internal (no dot after the star)',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(TLS13_VALUES),
        ingress({ tls: [{ hosts: ['*emr.hospital.internal'], secret_name: 'emr-tls' }] }),
      ),
      resource: INGRESS,
      message: 'spec[0].rule[0].host "emr.hospital.internal" is not covered',
    },
    {
      name: 'wildcard certificate covers one label only (emr.n.hospital.internal)',
      terraform: terraform(
        namespace('emr', 'medical'),
        traefik(TLS13_VALUES),
        ingress({ host: 'emr.n.hospital.internal', tls: [{ hosts: ['*.hospital.internal'], secret_name: 'wildcard-tls' }] }),
      ),
      resource: INGRESS,
      message: 'spec[0].rule[0].host "emr.n.hospital.internal" is not covered',
    },
    {
      name: 'clinical Ingress with only a TLS 1.2 controller',
      failing: ['helm_release.ingress_controller', 'kubernetes_ingress_v1.emr'],
      terraform: terraform(namespace('emr', 'medical'), traefik('tlsOptions:\n  default:\n    minVersion: VersionTLS12\n'), ingress()),
      resource: INGRESS,
      message: 'no ingress controller in this environment is proven to accept TLS 1.3 only',
    },
  ],
  skip: [
    {
      name: 'a TLS 1.2 TLSOption no clinical router selects',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), tlsOptionManifest('compat', 'guest-services', 'VersionTLS12'), ingress()),
      resource: 'kubernetes_manifest.compat',
      message: 'no router of a clinical host selects guest-services-compat@kubernetescrd',
    },
    { name: 'chart that is no ingress controller', terraform: grafana, resource: 'helm_release.grafana', message: 'not an ingress controller chart' },
    {
      name: 'unlabelled Ingress in a guest namespace declared after a medical one',
      terraform: terraform(namespace('emr', 'medical'), namespace('portal', 'guest'), traefik(TLS13_VALUES), ingress({ namespace: 'portal', tls: [] })),
      resource: INGRESS,
      message: 'namespace "portal" is not in the medical zone',
    },
  ],
};
