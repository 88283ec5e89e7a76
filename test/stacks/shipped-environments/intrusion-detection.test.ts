/** Intrusion detection as prod and dev declare it (the construct from props: test/constructs/intrusion-detection). */
import { parse } from 'yaml';
import { SURICATA_CAPABILITIES } from '../../../constructs/intrusion-detection';
import { checkValuesKeys } from '../../../policies/helm-values/keys';
import { findByName, resourcesOfType, shippedEnvironment, synthEnvironment } from '../../support/synth';

describe.each(['prod', 'dev'])('intrusion detection in %s', (name) => {
  const environment = shippedEnvironment(name);
  const { json } = synthEnvironment(environment);
  const releases = Object.values(resourcesOfType(json, 'helm_release'));
  const falco = releases.find((release) => release.chart === 'falco')!;
  const values = parse(falco.values[0]) as Record<string, any>;

  it('installs the falco chart 9.1.0, pinned, into the security namespace', () => {
    expect(falco).toMatchObject({ repository: 'https://falcosecurity.github.io/charts', version: '9.1.0', namespace: 'security', atomic: true });
  });

  it('sets only keys the falco 9.1.0 chart (and its falcosidekick sub-chart) has', () => {
    expect(checkValuesKeys('falco', '9.1.0', values)).toEqual({ known: true, unknown: [] });
  });

  it('runs the modern eBPF driver in least-privileged mode, exports metrics and a ServiceMonitor', () => {
    expect(values.driver).toEqual({ kind: 'modern_ebpf', modernEbpf: { leastPrivileged: true } });
    expect(values.metrics).toMatchObject({ enabled: true, rulesCountersEnabled: true });
    expect(values.serviceMonitor).toEqual({ create: true, labels: { release: 'kube-prometheus-stack' } });
    expect(values.containerSecurityContext).toBeUndefined(); // the chart derives capabilities from leastPrivileged
  });

  it("forwards events through falcosidekick to Alertmanager's v2 API", () => {
    expect(values.falcosidekick.enabled).toBe(true);
    expect(values.falcosidekick.config.alertmanager).toMatchObject({
      hostport: 'http://kube-prometheus-stack-alertmanager.monitoring:9093',
      endpoint: '/api/v2/alerts',
      minimumpriority: 'warning',
      // Events at the minimum priority and above open a level-1 incident, which pages on-call.
      customseveritymap: 'emergency:P1,alert:P1,critical:P1,error:P1,warning:P1',
      extralabels: 'source:falco,team:security,system:security',
    });
  });

  it('ships the hospital rules as customRules and tolerates every node pool taint', () => {
    expect(Object.keys(values.customRules)).toEqual(['hospital-rules.yaml']);
    const taints = Object.values(environment.nodePools).flatMap((pool) => (pool?.taint ? [pool.taint.key + '=' + pool.taint.value] : []));
    const tolerated = (values.tolerations as { key: string; value?: string }[]).map((toleration) => `${toleration.key}=${toleration.value}`);
    for (const taint of taints) expect(tolerated).toContain(taint);
  });

  describe('Suricata', () => {
    const daemonSet = findByName(json, 'kubernetes_daemon_set_v1', 'suricata', 'security');
    const pod = daemonSet.spec.template.spec;
    const sensor = pod.container.find((container: { name: string }) => container.name === 'suricata');

    it('carries the pod label GitOps verification selects on', () => {
      expect(pod).toBeDefined();
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

    it('runs on the nodes that carry medical and guest traffic', () => {
      const watched = environment.intrusionDetection!.suricata.segments;
      const pools = watched.map((segment) => environment.nodePools[segment]);
      if (pools.every((pool) => pool !== undefined)) {
        const terms = pod.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term;
        expect(terms).toEqual(
          pools.map((pool) => ({ match_expressions: Object.entries(pool!.nodeLabels).map(([key, value]) => ({ key, operator: 'In', values: [value] })) })),
        );
      } else {
        // dev has no medical pool: medical pods share the untainted nodes, so every node is watched.
        expect(pod.affinity).toBeUndefined();
      }
      const tolerated = (pod.toleration ?? []).map((toleration: { value: string }) => toleration.value);
      expect(tolerated).toEqual(watched.filter((segment) => environment.nodePools[segment]?.taint));
    });

    it('reads its configuration from a ConfigMap and writes EVE JSON to stdout for the log pipeline', () => {
      const config = findByName(json, 'kubernetes_config_map_v1', 'suricata-config', 'security');
      const text: string = config.data['suricata.yaml'];
      expect(text.startsWith('%YAML 1.1\n---\n')).toBe(true);
      const suricata = parse(text.replace(/^%YAML 1\.1\n---\n/, '')) as Record<string, any>;
      expect(suricata.outputs[0]['eve-log']).toMatchObject({ enabled: 'yes', filetype: 'regular', filename: '/dev/stdout' });
      expect(suricata['af-packet'][0].interface).toBe(environment.intrusionDetection!.suricata.interface);
      expect(suricata.vars['address-groups'].HOME_NET).toBe(`[${environment.intrusionDetection!.suricata.homeNet.join(',')}]`);
      expect(sensor.volume_mount).toEqual(expect.arrayContaining([{ name: 'config', mount_path: '/etc/suricata/hospital', read_only: true }]));
    });

    it('refreshes ET Open rules with suricata-update on a schedule: scans, brute force, web attacks and SQL injection', () => {
      const cronJob = findByName(json, 'kubernetes_cron_job_v1', 'suricata-rules-update', 'security');
      expect(cronJob.spec.schedule).toBe(environment.intrusionDetection!.suricata.rulesUpdate.schedule);
      expect(cronJob.spec.timezone).toBe(environment.timeZone);
      const container = cronJob.spec.job_template.spec.template.spec.container[0];
      expect(container.command).toEqual(['suricata-update']);
      expect(container.args).toEqual(
        expect.arrayContaining(['--enable-conf', '/etc/suricata/hospital/enable.conf', '--disable-conf', '/etc/suricata/hospital/disable.conf']),
      );
      expect(container.security_context).toMatchObject({ run_as_non_root: true, read_only_root_filesystem: true, capabilities: { drop: ['ALL'] } });
      const config = findByName(json, 'kubernetes_config_map_v1', 'suricata-config', 'security');
      const enabled = (config.data['enable.conf'] as string).trim().split('\n');
      expect(enabled).toEqual(expect.arrayContaining(['group:emerging-scan.rules', 'group:emerging-sql.rules', 'group:emerging-web_server.rules']));
      expect(config.data['disable.conf']).toContain('re:.');
      const claim = findByName(json, 'kubernetes_persistent_volume_claim_v1', 'suricata-rules', 'security');
      expect(claim.spec.access_modes).toEqual(['ReadWriteMany']);
      expect(claim.spec.storage_class_name).toBe('shared-encrypted');
    });
  });
});
