/** IntrusionDetection built from props: Falco on every node, Suricata on the watched pools, ET Open rules refreshed. */
import { Testing, TerraformStack } from 'cdktf';
import { parse } from 'yaml';
import { IntrusionDetection, SURICATA_CAPABILITIES, type IntrusionDetectionProps } from '../../../constructs/intrusion-detection';
import { checkValuesKeys } from '../../../policies/helm-values/keys';
import { testingApp } from '../../support/testing-app';

type Json = Record<string, any>;
const amounts = { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } };
const medicalTaint = { key: 'platform.hospital/segment', value: 'medical', effect: 'NoSchedule' } as const;
const guestTaint = { key: 'platform.hospital/segment', value: 'guest', effect: 'NoSchedule' } as const;
const dmzTaint = { key: 'platform.hospital/segment', value: 'dmz', effect: 'NoSchedule' } as const;

const props: IntrusionDetectionProps = {
  namespace: 'security',
  falco: {
    chartVersion: '9.1.0',
    alertmanagerService: 'kube-prometheus-stack-alertmanager',
    alertmanagerNamespace: 'monitoring',
    minimumPriority: 'warning',
    resources: amounts,
    rules: {
      medicalNamespaces: ['his', 'clinical-data'],
      databaseClientNamespaces: ['clinical-data', 'backup'],
      medicalEgress: [{ description: 'DNS', cidr: '10.0.0.0/28', ports: [53] }],
    },
    tolerations: [medicalTaint, guestTaint, dmzTaint],
    serviceMonitorLabels: { release: 'kube-prometheus-stack' },
    atomic: true,
  },
  suricata: {
    image: `registry.hospital.internal/mirror/suricata:8.0.2@sha256:${'d'.repeat(64)}`,
    interface: 'bond0',
    homeNet: ['10.0.0.0/8', '172.16.0.0/12'],
    rulesUpdate: { schedule: '15 4 * * *', categories: ['emerging-scan', 'emerging-sql', 'emerging-web_server'] },
    rulesStorage: { storageClass: 'shared-encrypted', size: '2Gi' },
    resources: amounts,
    nodeLabelSets: [{ 'platform.hospital/node-pool': 'medical' }, { 'platform.hospital/node-pool': 'guest', zone: 'a' }],
    tolerations: [medicalTaint, guestTaint],
    timeZone: 'Asia/Shanghai',
  },
};

function synth(overrides: Partial<IntrusionDetectionProps> = {}): Json {
  const stack = new TerraformStack(testingApp(), 'test');
  new IntrusionDetection(stack, 'intrusion-detection', { ...props, ...overrides });
  return JSON.parse(Testing.synth(stack));
}
const named = (json: Json, type: string, name: string): Json => {
  const matches = (Object.values(json.resource[type] ?? {}) as Json[]).filter(
    (resource) => resource.metadata?.name === name && resource.metadata?.namespace === 'security',
  );
  expect(matches).toHaveLength(1);
  return matches[0]!;
};

describe('IntrusionDetection from props', () => {
  const json = synth();
  const falco = (Object.values(json.resource.helm_release) as Json[]).find((release) => release.chart === 'falco')!;
  const values = parse(falco.values[0]) as Json;

  describe('Falco', () => {
    it('installs the falco chart at the given version, pinned, into its namespace', () => {
      expect(falco).toMatchObject({ repository: 'https://falcosecurity.github.io/charts', version: '9.1.0', namespace: 'security', atomic: true });
    });

    it('sets only keys the falco 9.1.0 chart (and its falcosidekick sub-chart) has', () => {
      expect(checkValuesKeys('falco', '9.1.0', values)).toEqual({ known: true, unknown: [] });
    });

    it('runs the modern eBPF driver in least-privileged mode, exports metrics and a ServiceMonitor with the given labels', () => {
      expect(values.driver).toEqual({ kind: 'modern_ebpf', modernEbpf: { leastPrivileged: true } });
      expect(values.metrics).toMatchObject({ enabled: true, rulesCountersEnabled: true });
      expect(values.serviceMonitor).toEqual({ create: true, labels: { release: 'kube-prometheus-stack' } });
      expect(values.containerSecurityContext).toBeUndefined(); // the chart derives capabilities from leastPrivileged
    });

    it("forwards events at the minimum priority and above through falcosidekick to Alertmanager's v2 API as level-1 incidents", () => {
      expect(values.falcosidekick.enabled).toBe(true);
      expect(values.falcosidekick.config.alertmanager).toMatchObject({
        hostport: 'http://kube-prometheus-stack-alertmanager.monitoring:9093',
        endpoint: '/api/v2/alerts',
        minimumpriority: 'warning',
        customseveritymap: 'emergency:P1,alert:P1,critical:P1,error:P1,warning:P1',
        extralabels: 'source:falco,team:security,system:security',
      });
    });

    it('ships the hospital rules as customRules and tolerates every taint it is given', () => {
      expect(Object.keys(values.customRules)).toEqual(['hospital-rules.yaml']);
      const tolerated = (values.tolerations as { key: string; value?: string }[]).map((toleration) => `${toleration.key}=${toleration.value}`);
      for (const taint of props.falco.tolerations) expect(tolerated).toContain(`${taint.key}=${taint.value}`);
    });
  });

  describe('Suricata', () => {
    const daemonSet = named(json, 'kubernetes_daemon_set_v1', 'suricata');
    const pod = daemonSet.spec.template.spec;
    const sensor = pod.container.find((container: { name: string }) => container.name === 'suricata');

    it('carries the pod label GitOps verification selects on', () => {
      expect(daemonSet.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('suricata');
    });

    it('captures on the host network with NET_ADMIN, NET_RAW and SYS_NICE only, everything else dropped', () => {
      expect(pod.host_network).toBe(true);
      expect(pod.dns_policy).toBe('ClusterFirstWithHostNet');
      expect(sensor.security_context).toEqual({
        run_as_user: '0',
        run_as_non_root: false,
        privileged: false,
        allow_privilege_escalation: false,
        read_only_root_filesystem: true,
        capabilities: { add: [...SURICATA_CAPABILITIES], drop: ['ALL'] },
        seccomp_profile: { type: 'RuntimeDefault' },
      });
      expect([...SURICATA_CAPABILITIES].sort()).toEqual(['NET_ADMIN', 'NET_RAW', 'SYS_NICE']);
      for (const container of [...pod.container, ...(pod.init_container ?? [])]) {
        expect(container.security_context.capabilities.drop).toEqual(['ALL']);
        expect(container.security_context.privileged).toBe(false);
        expect(container.security_context.allow_privilege_escalation).toBe(false);
        if (container.name !== 'suricata') expect(container.security_context.capabilities.add).toBeUndefined();
      }
      expect(pod.automount_service_account_token).toBe(false);
    });

    it('pins its image by digest', () => {
      for (const container of [...pod.container, ...pod.init_container]) expect(container.image).toMatch(/@sha256:[a-f0-9]{64}$/);
    });

    it('runs on the nodes of any of the given label sets, tolerating their taints; on every node without label sets', () => {
      expect(pod.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term).toEqual([
        { match_expressions: [{ key: 'platform.hospital/node-pool', operator: 'In', values: ['medical'] }] },
        {
          match_expressions: [
            { key: 'platform.hospital/node-pool', operator: 'In', values: ['guest'] },
            { key: 'zone', operator: 'In', values: ['a'] },
          ],
        },
      ]);
      expect(pod.toleration.map((toleration: { value: string }) => toleration.value)).toEqual(['medical', 'guest']);
      const everyNode = named(synth({ suricata: { ...props.suricata, nodeLabelSets: [], tolerations: [] } }), 'kubernetes_daemon_set_v1', 'suricata').spec
        .template.spec;
      expect(everyNode.affinity).toBeUndefined();
      expect(everyNode.toleration ?? []).toEqual([]);
    });

    it('reads its configuration from a ConfigMap and writes EVE JSON to stdout for the log pipeline', () => {
      const config = named(json, 'kubernetes_config_map_v1', 'suricata-config');
      const text: string = config.data['suricata.yaml'];
      expect(text.startsWith('%YAML 1.1\n---\n')).toBe(true);
      const suricata = parse(text.replace(/^%YAML 1\.1\n---\n/, '')) as Json;
      expect(suricata.outputs[0]['eve-log']).toMatchObject({ enabled: 'yes', filetype: 'regular', filename: '/dev/stdout' });
      expect(suricata['af-packet'][0].interface).toBe('bond0');
      expect(suricata.vars['address-groups'].HOME_NET).toBe('[10.0.0.0/8,172.16.0.0/12]');
      expect(sensor.volume_mount).toEqual(expect.arrayContaining([{ name: 'config', mount_path: '/etc/suricata/hospital', read_only: true }]));
    });

    it('refreshes the given ET Open rule categories with suricata-update on its schedule, onto a shared encrypted volume', () => {
      const cronJob = named(json, 'kubernetes_cron_job_v1', 'suricata-rules-update');
      expect(cronJob.spec.schedule).toBe('15 4 * * *');
      expect(cronJob.spec.timezone).toBe('Asia/Shanghai');
      const container = cronJob.spec.job_template.spec.template.spec.container[0];
      expect(container.command).toEqual(['suricata-update']);
      expect(container.args).toEqual(
        expect.arrayContaining(['--enable-conf', '/etc/suricata/hospital/enable.conf', '--disable-conf', '/etc/suricata/hospital/disable.conf']),
      );
      expect(container.security_context).toMatchObject({ run_as_non_root: true, read_only_root_filesystem: true, capabilities: { drop: ['ALL'] } });
      const config = named(json, 'kubernetes_config_map_v1', 'suricata-config');
      expect((config.data['enable.conf'] as string).trim().split('\n')).toEqual(
        expect.arrayContaining(['group:emerging-scan.rules', 'group:emerging-sql.rules', 'group:emerging-web_server.rules']),
      );
      expect(config.data['disable.conf']).toContain('re:.');
      const claim = named(json, 'kubernetes_persistent_volume_claim_v1', 'suricata-rules');
      expect(claim.spec.access_modes).toEqual(['ReadWriteMany']);
      expect(claim.spec.storage_class_name).toBe('shared-encrypted');
      expect(claim.spec.resources.requests.storage).toBe('2Gi');
    });
  });
});
