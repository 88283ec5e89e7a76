/**
 * Suricata's configuration files (ConfigMap data): `suricata.yaml` for the sensors and the
 * suricata-update filters that keep the ET Open rule set to the categories the operations plan names
 * (scans and brute force, web attacks such as SQL injection).
 */
import { stringify } from 'yaml';

export interface SuricataConfigProps {
  readonly interface: string;
  readonly homeNet: readonly string[];
  readonly categories: readonly string[];
}

export const RULES_DIR = '/var/lib/suricata/rules';
export const RUN_DIR = '/var/run/suricata';
export const LOG_DIR = '/var/log/suricata';
export const CONFIG_DIR = '/etc/suricata/hospital';
export const COMMAND_SOCKET = `${RUN_DIR}/suricata-command.socket`;

/** suricata.yaml: AF_PACKET capture, ET Open rules from the shared volume, EVE JSON to stdout. */
export function suricataYaml(props: Omit<SuricataConfigProps, 'categories'>): string {
  const homeNet = `[${props.homeNet.join(',')}]`;
  const config = {
    vars: {
      'address-groups': {
        HOME_NET: homeNet,
        EXTERNAL_NET: '!$HOME_NET',
        HTTP_SERVERS: '$HOME_NET',
        SMTP_SERVERS: '$HOME_NET',
        SQL_SERVERS: '$HOME_NET',
        DNS_SERVERS: '$HOME_NET',
        TELNET_SERVERS: '$HOME_NET',
        AIM_SERVERS: '$EXTERNAL_NET',
        DC_SERVERS: '$HOME_NET',
        DNP3_SERVER: '$HOME_NET',
        DNP3_CLIENT: '$HOME_NET',
        MODBUS_CLIENT: '$HOME_NET',
        MODBUS_SERVER: '$HOME_NET',
        ENIP_CLIENT: '$HOME_NET',
        ENIP_SERVER: '$HOME_NET',
      },
      'port-groups': {
        HTTP_PORTS: '[80,8080,8443]',
        SHELLCODE_PORTS: '!80',
        ORACLE_PORTS: '1521',
        SSH_PORTS: '22',
        DNP3_PORTS: '20000',
        MODBUS_PORTS: '502',
        FILE_DATA_PORTS: '[$HTTP_PORTS,110,143]',
        FTP_PORTS: '21',
        GENEVE_PORTS: '6081',
        VXLAN_PORTS: '4789',
        TEREDO_PORTS: '3544',
      },
    },
    'default-rule-path': RULES_DIR,
    'rule-files': ['suricata.rules'],
    'default-log-dir': LOG_DIR,
    // EVE JSON on stdout: the cluster's log pipeline collects container output, so alerts reach the
    // log store without a host path or a second shipper.
    outputs: [
      {
        'eve-log': {
          enabled: 'yes',
          filetype: 'regular',
          filename: '/dev/stdout',
          'community-id': true,
          types: [{ alert: { 'tagged-packets': 'no' } }, 'anomaly', 'http', 'dns', 'tls', 'ssh', 'flow'],
        },
      },
    ],
    'af-packet': [{ interface: props.interface, 'cluster-id': 99, 'cluster-type': 'cluster_flow', defrag: 'yes', 'use-mmap': 'yes', 'tpacket-v3': 'yes' }],
    'unix-command': { enabled: 'yes', filename: COMMAND_SOCKET },
    'detect-engine': [{ 'rule-reload': true }],
    logging: { 'default-log-level': 'notice', outputs: [{ console: { enabled: 'yes' } }] },
  };
  return `%YAML 1.1\n---\n${stringify(config, { lineWidth: 0 })}`;
}

/** suricata-update: everything off, then the chosen ET Open categories on (disable runs before enable). */
export const disableConf = (): string => '# Start from nothing; enable.conf turns on the categories the operations plan asks for.\nre:.\n';
export const enableConf = (props: Pick<SuricataConfigProps, 'categories'>): string =>
  `${props.categories.map((category) => `group:${category}.rules`).join('\n')}\n`;
