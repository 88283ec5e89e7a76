import type { RuleFixtures } from '../fixtures';
import { resource, terraform } from '../fixture-builders';
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

const ingress = (options: { tls?: Record<string, unknown>[]; host?: string; namespace?: string } = {}) =>
  resource('kubernetes_ingress_v1', 'emr', {
    metadata: { name: 'emr', namespace: options.namespace ?? 'emr' },
    spec: {
      ingress_class_name: 'traefik',
      ...(options.tls === undefined ? { tls: [{ hosts: ['emr.hospital.internal'], secret_name: 'emr-tls' }] } : options.tls.length ? { tls: options.tls } : {}),
      rule: [
        {
          ...(options.host === '' ? {} : { host: options.host ?? 'emr.hospital.internal' }),
          http: { path: [{ path: '/', path_type: 'Prefix', backend: { service: { name: 'emr', port: { name: 'http' } } } }] },
        },
      ],
    },
  });

export const inTransitTls13Fixtures: RuleFixtures = {
  ruleId: 'encryption/in-transit-tls13',
  pass: [
    { name: 'Traefik with TLS 1.3 minimum and a TLS clinical Ingress', terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingress()) },
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
    { name: 'Traefik without a TLS minimum', terraform: traefik('deployment:\n  replicas: 2\n'), message: 'unset (TLS 1.2 accepted)' },
    { name: 'Traefik with TLS 1.2 minimum', terraform: traefik('tlsOptions:\n  default:\n    minVersion: VersionTLS12\n'), message: '"VersionTLS12"' },
    {
      name: 'retired ingress-nginx',
      terraform: resource('helm_release', 'nginx', { name: 'ingress-nginx', chart: 'ingress-nginx', repository: 'https://kubernetes.github.io/ingress-nginx', version: '4.12.0' }),
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
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingress({ tls: [{ hosts: ['portal.hospital.internal'], secret_name: 'portal-tls' }] })),
      message: 'not covered',
    },
    {
      name: 'clinical Ingress without a host',
      terraform: terraform(namespace('emr', 'medical'), traefik(TLS13_VALUES), ingress({ host: '' })),
      message: 'has no host',
    },
    {
      name: 'clinical Ingress with no proven TLS 1.3 controller',
      terraform: terraform(namespace('emr', 'medical'), ingress()),
      message: 'no ingress controller',
    },
  ],
};
