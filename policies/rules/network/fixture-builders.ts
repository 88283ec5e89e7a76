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
    containers: [hardenedContainer(name, { port: Object.entries(ports).map(([portName, containerPort]) => ({ name: portName, container_port: containerPort })) })],
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
      egress: [{ to: [{ namespace_selector: segmentSelector('guest'), pod_selector: appSelector('wifi-portal') }, { namespace_selector: segmentSelector('medical'), pod_selector: appSelector('registration') }], ports: [{ port: 'http' }] }],
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
