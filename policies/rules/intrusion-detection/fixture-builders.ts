import { stringify } from 'yaml';
import { hardenedContainer, resource, terraform, workload } from '../fixture-builders';
import { helmReleaseWith, monitoringStack } from '../monitoring/fixture-builders';

type Json = Record<string, unknown>;

const POOL = 'platform.hospital/node-pool';
const TAINT = 'platform.hospital/segment';
const toleration = (segment: string): Json => ({ key: TAINT, operator: 'Equal', value: segment, effect: 'NoSchedule' });

/** A workload pinned to a zone's node pool (nodeSelector + the pool's taint toleration). */
export const zoneWorkload = (name: string, namespace: string, segment: string): Json =>
  workload('kubernetes_deployment_v1', name, { namespace, podSpec: { node_selector: { [POOL]: segment }, toleration: [toleration(segment)] } });

/** Registration on the medical nodes and the guest portal on the guest nodes. */
export const clinicalEstate = (): Json => terraform(zoneWorkload('registration', 'his', 'medical'), zoneWorkload('guest-portal', 'guest-services', 'guest'));

/** suricata.yaml as constructs/intrusion-detection writes it (abridged), with `edit` applied. */
export const suricataYaml = (edit: (config: Json) => void = () => undefined): string => {
  const config: Json = {
    vars: { 'address-groups': { HOME_NET: '[10.0.0.0/8,172.16.0.0/12]', EXTERNAL_NET: '!$HOME_NET' } },
    'default-rule-path': '/var/lib/suricata/rules',
    'rule-files': ['suricata.rules'],
    outputs: [
      {
        'eve-log': {
          enabled: 'yes',
          filetype: 'regular',
          filename: '/dev/stdout',
          types: [{ alert: { 'tagged-packets': 'no' } }, 'anomaly', 'http', 'dns', 'tls'],
        },
      },
    ],
    'af-packet': [{ interface: 'bond0' }],
  };
  edit(config);
  return `%YAML 1.1\n---\n${stringify(config)}`;
};
const SURICATA_YAML = suricataYaml();
export const ENABLE_CONF =
  [
    'group:emerging-scan.rules',
    'group:emerging-sql.rules',
    'group:emerging-web_server.rules',
    'group:emerging-web_specific_apps.rules',
    'group:emerging-exploit.rules',
  ].join('\n') + '\n';

/** The ConfigMap the sensor and the update job mount (suricata.yaml, enable.conf, disable.conf). */
export const suricataConfig = (data: Json = {}): Json =>
  resource('kubernetes_config_map_v1', 'suricata-config', {
    metadata: { name: 'suricata-config', namespace: 'security' },
    data: { 'suricata.yaml': SURICATA_YAML, 'enable.conf': ENABLE_CONF, 'disable.conf': 're:.\n', ...data },
  });

const volumes = [
  { name: 'config', config_map: { name: 'suricata-config' } },
  { name: 'rules', persistent_volume_claim: { claim_name: 'suricata-rules' } },
];

export interface SensorOptions {
  readonly args?: readonly string[];
  readonly command?: readonly string[];
  readonly podSpec?: Json;
}

/** The Suricata DaemonSet: host network, AF_PACKET capture, on the medical and guest nodes. */
export function suricataSensor(options: SensorOptions = {}): Json {
  return workload('kubernetes_daemon_set_v1', 'suricata', {
    namespace: 'security',
    containers: [
      hardenedContainer('suricata', {
        command: options.command ?? ['suricata'],
        args: options.args ?? ['-c', '/etc/suricata/hospital/suricata.yaml', '--af-packet=bond0'],
        volume_mount: [
          { name: 'config', mount_path: '/etc/suricata/hospital', read_only: true },
          { name: 'rules', mount_path: '/var/lib/suricata/rules', read_only: true },
        ],
      }),
    ],
    podSpec: {
      host_network: true,
      affinity: {
        node_affinity: {
          required_during_scheduling_ignored_during_execution: {
            node_selector_term: [
              { match_expressions: [{ key: POOL, operator: 'In', values: ['medical'] }] },
              { match_expressions: [{ key: POOL, operator: 'In', values: ['guest'] }] },
            ],
          },
        },
      },
      toleration: [toleration('medical'), toleration('guest')],
      volume: volumes,
      ...(options.podSpec ?? {}),
    },
  });
}

export interface UpdateJobOptions {
  readonly schedule?: string;
  readonly args?: readonly string[];
  readonly command?: readonly string[];
  readonly spec?: Json;
}

/** The rule-update CronJob: suricata-update with the ConfigMap's filters, into the shared claim. */
export function rulesUpdateJob(options: UpdateJobOptions = {}): Json {
  const job = workload('kubernetes_cron_job_v1', 'suricata-rules-update', {
    namespace: 'security',
    containers: [
      hardenedContainer('suricata-update', {
        command: options.command ?? ['suricata-update'],
        args: options.args ?? [
          '--output',
          '/var/lib/suricata/rules',
          '--enable-conf',
          '/etc/suricata/hospital/enable.conf',
          '--disable-conf',
          '/etc/suricata/hospital/disable.conf',
          '--no-reload',
        ],
        volume_mount: [
          { name: 'config', mount_path: '/etc/suricata/hospital', read_only: true },
          { name: 'rules', mount_path: '/var/lib/suricata/rules' },
        ],
      }),
    ],
    podSpec: { volume: volumes },
  });
  const body = ((job.resource as Json).kubernetes_cron_job_v1 as Record<string, Json>)['suricata-rules-update']!;
  body.spec = { ...(body.spec as Json), schedule: options.schedule ?? '15 4 * * *', timezone: 'Asia/Shanghai', ...(options.spec ?? {}) };
  return job;
}

/** Everything Suricata needs, compliant. */
export const suricata = (overrides: { sensor?: SensorOptions; job?: UpdateJobOptions; config?: Json } = {}): Json =>
  terraform(suricataSensor(overrides.sensor), rulesUpdateJob(overrides.job), suricataConfig(overrides.config));

/** The hospital's custom Falco rules as constructs/intrusion-detection generates them (abridged to the lists, macros and rules the policies judge). */
export const HOSPITAL_RULES = stringify([
  { list: 'hospital_medical_namespaces', items: ['his', 'emr', 'lis', 'pacs', 'clinical-data'] },
  { list: 'hospital_db_client_namespaces', items: ['clinical-data', 'backup'] },
  { list: 'hospital_db_client_binaries', items: ['psql', 'pg_dump', 'mysql', 'mysqldump', 'sqlplus', 'rman', 'sqlcmd', 'redis-cli'] },
  { macro: 'hospital_medical_pod', condition: '(container and k8s.ns.name in (hospital_medical_namespaces))' },
  { macro: 'hospital_outbound_connection', condition: '(evt.type = connect and evt.dir = < and (fd.typechar = 4 or fd.typechar = 6))' },
  { macro: 'hospital_declared_medical_flows', condition: '((fd.snet in ("10.244.0.0/16")) or (fd.snet in ("10.0.0.0/28") and fd.sport in (53, 123)))' },
  {
    rule: 'Hospital shell in clinical pod',
    desc: 'shell',
    condition: 'spawned_process and hospital_medical_pod and shell_procs',
    output: 'shell (%proc.cmdline)',
    priority: 'CRITICAL',
  },
  {
    rule: 'Hospital database client outside data stores',
    desc: 'db client',
    condition: 'spawned_process and container and proc.name in (hospital_db_client_binaries) and not k8s.ns.name in (hospital_db_client_namespaces)',
    output: 'db client (%proc.cmdline)',
    priority: 'CRITICAL',
  },
  {
    rule: 'Hospital medical egress outside declared flows',
    desc: 'egress',
    condition: 'hospital_outbound_connection and hospital_medical_pod and not hospital_declared_medical_flows',
    output: 'egress (%fd.name)',
    priority: 'CRITICAL',
  },
]);

/** Falco values as constructs/intrusion-detection writes them. */
export function falcoValues(): Json {
  return {
    driver: { kind: 'modern_ebpf', modernEbpf: { leastPrivileged: true } },
    tolerations: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }, toleration('medical'), toleration('guest'), toleration('dmz')],
    customRules: { 'hospital-rules.yaml': HOSPITAL_RULES },
    falco: { json_output: true, priority: 'notice' },
    falcosidekick: {
      enabled: true,
      config: {
        alertmanager: {
          hostport: 'http://kube-prometheus-stack-alertmanager.monitoring:9093',
          endpoint: '/api/v2/alerts',
          minimumpriority: 'warning',
          customseveritymap: 'emergency:P1,alert:P1,critical:P1,error:P1,warning:P1',
          extralabels: 'source:falco,team:security,system:security',
        },
      },
    },
  };
}

/** The falco helm_release with (deep) overrides of its values. */
export function falco(overrides: (values: Json) => void = () => undefined): Json {
  const values = falcoValues();
  overrides(values);
  return helmReleaseWith('falco', 'falco', '9.1.0', values);
}

export { monitoringStack, terraform };
