import type { RuleFixtures } from '../fixtures';
import { plannedNetwork, tfAppPolicy, tfNamespace } from './fixture-builders';
import { planWithFlows } from './plan-variants';

const STORE = 'kubernetes_stateful_set_v1.clinical_data_his_db';
const ns = (name: string) => ({ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': name } } });
const storeIngress = (name: string, from: unknown[], ports: unknown[]) =>
  tfAppPolicy('clinical-data', 'his-db', name, { policy_types: ['Ingress'], ingress: [{ from, ports }] });

export const medicalRecordStoreIngressFixtures: RuleFixtures = {
  ruleId: 'network/medical-record-store-ingress',
  pass: [
    {
      name: 'the store admits only registration (medical zone)',
      terraform: plannedNetwork(),
      resource: STORE,
      message: 'clinical-data/his-db (medical zone, plan: segments.namespaces.clinical-data): admits nothing from outside the medical zone',
    },
    {
      name: 'monitoring scrapes the store exporter through a reviewed plan flow naming the store',
      terraform: plannedNetwork(
        storeIngress(
          'scrape',
          [{ ...ns('monitoring'), pod_selector: { match_labels: { 'app.kubernetes.io/name': 'prometheus' } } }],
          [{ port: 'metrics', protocol: 'TCP' }],
        ),
      ),
      options: {
        plan: planWithFlows({
          title: 'Prometheus scrapes the his-db exporter',
          from: { workload: 'monitoring/prometheus' },
          to: { stores: ['his-db'] },
          ports: ['metrics'],
        }),
      },
      resource: STORE,
      message: 'plan flows: Prometheus scrapes the his-db exporter',
    },
    {
      name: 'the backup namespace (no pod yet) admitted through a reviewed plan flow naming the store',
      terraform: plannedNetwork(tfNamespace('backup', 'management'), storeIngress('from-backup', [ns('backup')], [{ port: 'mysql', protocol: 'TCP' }])),
      options: { plan: planWithFlows({ title: 'backup jobs dump his-db', from: { namespace: 'backup' }, to: { stores: ['his-db'] }, ports: ['mysql'] }) },
      resource: STORE,
      message: 'admits nothing from outside the medical zone',
    },
  ],
  fail: [
    {
      name: 'every pod of the backup namespace admitted, though none runs there yet',
      terraform: plannedNetwork(tfNamespace('backup', 'management'), storeIngress('from-backup', [ns('backup')], [{ port: 'mysql', protocol: 'TCP' }])),
      resource: STORE,
      message:
        'from every pod of namespace backup (management zone, none running yet) on TCP 3306 (allowed by kubernetes_network_policy_v1.clinical_data_from_backup ingress[0])',
    },
    {
      name: 'a flow from one backup workload does not open the store to every pod of its namespace',
      terraform: plannedNetwork(tfNamespace('backup', 'management'), storeIngress('from-backup', [ns('backup')], [{ port: 'mysql', protocol: 'TCP' }])),
      options: { plan: planWithFlows({ title: 'the dump job reads his-db', from: { workload: 'backup/dump' }, to: { stores: ['his-db'] }, ports: ['mysql'] }) },
      resource: STORE,
      message: 'from every pod of namespace backup (management zone, none running yet) on TCP 3306',
    },
    {
      name: 'a NetworkPolicy on clinical-data admitting the monitoring namespace on the database port',
      terraform: plannedNetwork(storeIngress('from-monitoring', [ns('monitoring')], [{ port: '3306', protocol: 'TCP' }])),
      resource: STORE,
      message: 'from monitoring/prometheus (management zone) on TCP 3306 (allowed by kubernetes_network_policy_v1.clinical_data_from_monitoring ingress[0])',
    },
    {
      name: 'a NetworkPolicy on clinical-data admitting the dmz namespace on the database port',
      terraform: plannedNetwork(storeIngress('from-dmz', [ns('dmz-ingress')], [{ port: 'mysql', protocol: 'TCP' }])),
      resource: STORE,
      message: 'from dmz-ingress/traefik (dmz zone) on TCP 3306',
    },
    {
      name: 'a NetworkPolicy on clinical-data admitting all namespaces (namespace_selector {})',
      terraform: plannedNetwork(storeIngress('from-all', [{ namespace_selector: {} }], [{ port: '3306', protocol: 'TCP' }])),
      resource: STORE,
      message: 'from guest-services/guest-portal (guest zone) on TCP 3306',
    },
    {
      name: 'a zone-wide plan flow (Prometheus to the medical zone on metrics) does not open a store',
      terraform: plannedNetwork(
        storeIngress(
          'scrape',
          [{ ...ns('monitoring'), pod_selector: { match_labels: { 'app.kubernetes.io/name': 'prometheus' } } }],
          [{ port: 'metrics', protocol: 'TCP' }],
        ),
      ),
      resource: STORE,
      message: 'from monitoring/prometheus (management zone) on TCP 9104',
    },
    {
      name: 'the hospital LAN admitted by an ipBlock',
      terraform: plannedNetwork(storeIngress('from-lan', [{ ip_block: { cidr: '10.0.0.0/8' } }], [{ port: '3306', protocol: 'TCP' }])),
      resource: STORE,
      message: 'from external:10.0.0.0/8 (hospital network) on TCP 3306',
    },
    {
      // The plan, not the label, says where monitoring is: a selector on the medical label still admits a management namespace.
      name: 'monitoring relabelled as medical, then admitted by a selector of medical namespaces',
      terraform: plannedNetwork(
        tfNamespace('monitoring', 'medical'),
        storeIngress(
          'from-medical',
          [{ namespace_selector: { match_labels: { 'platform.hospital/segment': 'medical' } } }],
          [{ port: '3306', protocol: 'TCP' }],
        ),
      ),
      resource: STORE,
      message: 'from monitoring/prometheus (management zone) on TCP 3306',
    },
  ],
};
