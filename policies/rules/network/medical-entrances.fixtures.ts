import type { RuleFixtures } from '../fixtures';
import { appSelector, plannedNetwork, tfAppPolicy, tfNamespace, tfWorkload } from './fixture-builders';

const REGISTRATION = 'kubernetes_deployment_v1.his_registration';
const ns = (name: string) => ({ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': name } } });

export const medicalEntrancesFixtures: RuleFixtures = {
  ruleId: 'network/medical-entrances',
  pass: [
    {
      name: 'the ingress controller reaches registration on http, Prometheus on metrics',
      terraform: plannedNetwork(),
      resource: REGISTRATION,
      message:
        "plan flows: the ingress controller forwards clients to the clinical systems' web front ends; Prometheus scrapes the metrics port of the medical workloads",
    },
  ],
  fail: [
    {
      name: 'the ingress controller admitted on a port the plan does not list (metrics)',
      terraform: plannedNetwork(
        tfAppPolicy('his', 'registration', 'traefik-metrics', {
          policy_types: ['Ingress'],
          ingress: [{ from: [{ ...ns('dmz-ingress'), pod_selector: appSelector('traefik') }], ports: [{ port: 'metrics', protocol: 'TCP' }] }],
        }),
      ),
      resource: REGISTRATION,
      message: 'from dmz-ingress/traefik (dmz zone) on TCP 9102',
    },
    {
      name: 'the ingress controller admitted to a back end that is no clinical system of the plan',
      terraform: plannedNetwork(
        tfWorkload('kubernetes_deployment_v1', 'his', 'report-worker', { http: 8080 }),
        tfAppPolicy('his', 'report-worker', 'from-traefik', {
          policy_types: ['Ingress'],
          ingress: [{ from: [{ ...ns('dmz-ingress'), pod_selector: appSelector('traefik') }], ports: [{ port: 'http', protocol: 'TCP' }] }],
        }),
      ),
      resource: 'kubernetes_deployment_v1.his_report_worker',
      message:
        'his/report-worker (medical zone, plan: segments.namespaces.his) admits traffic no plan flow lists (segments.allowedFlows): from dmz-ingress/traefik (dmz zone) on TCP 8080',
    },
    {
      name: 'the guest namespace relabelled as dmz, admitted by a selector of dmz namespaces',
      terraform: plannedNetwork(
        tfNamespace('guest-services', 'dmz'),
        tfAppPolicy('his', 'registration', 'from-dmz', {
          policy_types: ['Ingress'],
          ingress: [{ from: [{ namespace_selector: { match_labels: { 'platform.hospital/segment': 'dmz' } } }], ports: [{ port: 'http', protocol: 'TCP' }] }],
        }),
      ),
      resource: REGISTRATION,
      message: 'from guest-services/guest-portal (guest zone) on TCP 8080',
    },
    {
      name: 'an address range outside the cluster admitted to registration',
      terraform: plannedNetwork(
        tfAppPolicy('his', 'registration', 'from-partner', {
          policy_types: ['Ingress'],
          ingress: [{ from: [{ ip_block: { cidr: '203.0.113.0/24' } }], ports: [{ port: 'http', protocol: 'TCP' }] }],
        }),
      ),
      resource: REGISTRATION,
      message: 'from external:203.0.113.0/24 (internet) on TCP 8080',
    },
  ],
};
