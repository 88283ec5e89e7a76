/**
 * Terraform JSON builders for the network rules' fixtures and tests, in the shape CDKTF synthesizes
 * (single blocks as objects, repeated blocks as arrays, namespaces referenced by interpolation).
 */
import { LABELS } from '../../labels';
import { hardenedContainer, resource, terraform, workload } from '../fixture-builders';

type Json = Record<string, unknown>;

/** Terraform address of a namespace resource, for interpolations. */
export const namespaceRef = (name: string): string => `\${kubernetes_namespace_v1.${name.replace(/-/g, '_')}.metadata[0].name}`;

export function tfNamespace(name: string, segment?: string): Json {
  return resource('kubernetes_namespace_v1', name.replace(/-/g, '_'), { metadata: { name, labels: segment ? { [LABELS.segment]: segment } : {} } });
}

/** A Deployment named `name` in `namespace` (by reference) listening on named TCP ports. */
export function tfService(namespace: string, name: string, ports: Record<string, number> = { http: 8080 }): Json {
  return workload('kubernetes_deployment_v1', `${namespace}_${name}`.replace(/-/g, '_'), {
    name,
    namespace: namespaceRef(namespace),
    containers: [
      hardenedContainer(name, { port: Object.entries(ports).map(([portName, containerPort]) => ({ name: portName, container_port: containerPort })) }),
    ],
  });
}

/** A `kubernetes_network_policy_v1` with a spec written in Terraform's snake_case blocks. */
export function tfNetworkPolicy(namespace: string, name: string, spec: Json): Json {
  return resource('kubernetes_network_policy_v1', `${namespace}_${name}`.replace(/-/g, '_'), { metadata: { name, namespace: namespaceRef(namespace) }, spec });
}

/** Default deny both ways for every pod of a namespace. */
export const tfDefaultDeny = (namespace: string): Json => tfNetworkPolicy(namespace, 'default-deny', { pod_selector: {}, policy_types: ['Ingress', 'Egress'] });

export const appSelector = (app: string): Json => ({ match_labels: { [LABELS.appName]: app } });
export const segmentSelector = (segment: string): Json => ({ match_labels: { [LABELS.segment]: segment } });

/**
 * A small compliant hospital: guest, dmz and medical namespaces with default deny, the ingress
 * controller reaching the guest portal and registration, registration reaching the EMR.
 */
export function isolatedHospital(...extra: Json[]): Json {
  return terraform(
    tfNamespace('guest', 'guest'),
    tfNamespace('dmz', 'dmz'),
    tfNamespace('his', 'medical'),
    tfService('dmz', 'ingress-controller', { https: 8443 }),
    tfService('guest', 'wifi-portal'),
    tfService('his', 'registration'),
    tfService('his', 'emr', { http: 8050 }),
    tfDefaultDeny('guest'),
    tfDefaultDeny('dmz'),
    tfDefaultDeny('his'),
    tfNetworkPolicy('dmz', 'ingress-controller', {
      pod_selector: appSelector('ingress-controller'),
      policy_types: ['Ingress', 'Egress'],
      ingress: [{ from: [{ ip_block: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'https', protocol: 'TCP' }] }],
      egress: [
        {
          to: [
            { namespace_selector: segmentSelector('guest'), pod_selector: appSelector('wifi-portal') },
            { namespace_selector: segmentSelector('medical'), pod_selector: appSelector('registration') },
          ],
          ports: [{ port: 'http' }],
        },
      ],
    }),
    tfNetworkPolicy('guest', 'wifi-portal', {
      pod_selector: appSelector('wifi-portal'),
      policy_types: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespace_selector: segmentSelector('dmz'), pod_selector: appSelector('ingress-controller') }], ports: [{ port: 'http' }] }],
      egress: [{ to: [{ ip_block: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ port: '443' }] }],
    }),
    tfNetworkPolicy('his', 'registration', {
      pod_selector: appSelector('registration'),
      policy_types: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespace_selector: segmentSelector('dmz'), pod_selector: appSelector('ingress-controller') }], ports: [{ port: 'http' }] }],
      egress: [{ to: [{ pod_selector: appSelector('emr') }], ports: [{ port: '8050', protocol: 'TCP' }] }],
    }),
    tfNetworkPolicy('his', 'emr', {
      pod_selector: appSelector('emr'),
      policy_types: ['Ingress'],
      ingress: [{ from: [{ pod_selector: appSelector('registration') }], ports: [{ port: 'http' }] }],
    }),
    ...extra,
  );
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16'];

/** A workload of `kind` (`kubernetes_deployment_v1`, `kubernetes_stateful_set_v1`, …) in `namespace` listening on named TCP ports. */
export function tfWorkload(kind: string, namespace: string, name: string, ports: Record<string, number>, podSpec?: Json): Json {
  return workload(kind, `${namespace}_${name}`.replace(/-/g, '_'), {
    name,
    namespace: namespaceRef(namespace),
    containers: [
      hardenedContainer(name, { port: Object.entries(ports).map(([portName, containerPort]) => ({ name: portName, container_port: containerPort })) }),
    ],
    ...(podSpec ? { podSpec } : {}),
  });
}

/**
 * The plan's zones as the shipped environments build them, in the plan's namespaces: the ingress
 * controller in dmz-ingress reaching registration (his, medical), registration reaching the his-db
 * store (clinical-data, medical), Prometheus (monitoring, management) scraping registration's metrics,
 * the guest portal (guest-services) reaching the internet and the cluster DNS only. Every namespace
 * denies both ways by default.
 */
export function plannedNetwork(...extra: Json[]): Json {
  const ns = (name: string) => ({ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': name } } });
  return terraform(
    tfNamespace('dmz-ingress', 'dmz'),
    tfNamespace('his', 'medical'),
    tfNamespace('clinical-data', 'medical'),
    tfNamespace('guest-services', 'guest'),
    tfNamespace('monitoring', 'management'),
    tfNamespace('kube-system'),
    tfWorkload('kubernetes_deployment_v1', 'dmz-ingress', 'traefik', { websecure: 8443 }),
    tfWorkload('kubernetes_deployment_v1', 'his', 'registration', { http: 8080, metrics: 9102 }),
    tfWorkload('kubernetes_stateful_set_v1', 'clinical-data', 'his-db', { mysql: 3306, metrics: 9104 }),
    tfWorkload('kubernetes_deployment_v1', 'guest-services', 'guest-portal', { http: 8080 }),
    tfWorkload('kubernetes_deployment_v1', 'monitoring', 'prometheus', { web: 9090 }),
    tfWorkload('kubernetes_deployment_v1', 'kube-system', 'coredns', { dns: 53 }),
    ...['dmz-ingress', 'his', 'clinical-data', 'guest-services', 'monitoring'].map(tfDefaultDeny),
    tfNetworkPolicy('dmz-ingress', 'traefik', {
      pod_selector: appSelector('traefik'),
      policy_types: ['Ingress', 'Egress'],
      ingress: [{ from: [{ ip_block: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'websecure', protocol: 'TCP' }] }],
      egress: [{ to: [{ ...ns('his'), pod_selector: appSelector('registration') }], ports: [{ port: 'http', protocol: 'TCP' }] }],
    }),
    tfNetworkPolicy('his', 'registration', {
      pod_selector: appSelector('registration'),
      policy_types: ['Ingress', 'Egress'],
      ingress: [
        { from: [{ ...ns('dmz-ingress'), pod_selector: appSelector('traefik') }], ports: [{ port: 'http', protocol: 'TCP' }] },
        { from: [{ ...ns('monitoring'), pod_selector: appSelector('prometheus') }], ports: [{ port: 'metrics', protocol: 'TCP' }] },
      ],
      egress: [{ to: [{ ...ns('clinical-data'), pod_selector: appSelector('his-db') }], ports: [{ port: '3306', protocol: 'TCP' }] }],
    }),
    tfNetworkPolicy('clinical-data', 'his-db', {
      pod_selector: appSelector('his-db'),
      policy_types: ['Ingress'],
      ingress: [{ from: [{ ...ns('his'), pod_selector: appSelector('registration') }], ports: [{ port: 'mysql', protocol: 'TCP' }] }],
    }),
    tfNetworkPolicy('monitoring', 'prometheus', {
      pod_selector: appSelector('prometheus'),
      policy_types: ['Egress'],
      egress: [{ to: [{ ...ns('his'), pod_selector: {} }], ports: [{ port: '9102', protocol: 'TCP' }] }],
    }),
    tfNetworkPolicy('guest-services', 'guest-portal', {
      pod_selector: appSelector('guest-portal'),
      policy_types: ['Ingress', 'Egress'],
      ingress: [{ from: [{ ...ns('dmz-ingress'), pod_selector: appSelector('traefik') }], ports: [{ port: 'http', protocol: 'TCP' }] }],
      egress: [
        {
          to: [{ ip_block: { cidr: '0.0.0.0/0', except: PRIVATE_RANGES } }],
          ports: [
            { port: '443', protocol: 'TCP' },
            { port: '80', protocol: 'TCP' },
          ],
        },
        {
          to: [{ ...ns('kube-system'), pod_selector: appSelector('coredns') }],
          ports: [
            { port: '53', protocol: 'UDP' },
            { port: '53', protocol: 'TCP' },
          ],
        },
      ],
    }),
    ...extra,
  );
}

/** A NetworkPolicy added by a change under review, selecting one app's pods. */
export const tfAppPolicy = (namespace: string, app: string, name: string, spec: Json): Json =>
  tfNetworkPolicy(namespace, name, { pod_selector: appSelector(app), ...spec });
