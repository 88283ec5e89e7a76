import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { DaemonSetV1 } from '@cdktf/provider-kubernetes/lib/daemon-set-v1';
import { PersistentVolumeClaimV1 } from '@cdktf/provider-kubernetes/lib/persistent-volume-claim-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Release } from '@cdktf/provider-helm/lib/release';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { NAME_LABEL, platformLabels, SEGMENT_LABEL } from '../platform-labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, toleration, type Placement } from '../restricted-workload';
import { CUSTOM_RULES_FILE, hospitalFalcoRulesYaml, type FalcoRulesProps } from './falco-rules';
import { COMMAND_SOCKET, CONFIG_DIR, disableConf, enableConf, LOG_DIR, RULES_DIR, RUN_DIR, suricataYaml } from './suricata-config';

export { CUSTOM_RULES_FILE, hospitalFalcoRules, hospitalFalcoRulesYaml, type FalcoRulesProps } from './falco-rules';
export { FALCO_STOCK_LISTS, FALCO_STOCK_MACROS } from './falco-stock';

export const FALCO_REPOSITORY = 'https://falcosecurity.github.io/charts';
/** Falco's priorities, most severe first (falcosidekick's `customseveritymap` keys). */
const FALCO_PRIORITY_ORDER = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'] as const;
/** The incident level (Alertmanager `severity`) of a forwarded Falco event. */
export const FALCO_INCIDENT_LEVEL = 'P1';
/** Capabilities the network sensor needs: capture (NET_RAW), promiscuous mode / AF_PACKET fanout (NET_ADMIN), worker priority (SYS_NICE). */
export const SURICATA_CAPABILITIES = ['NET_ADMIN', 'NET_RAW', 'SYS_NICE'] as const;

type Amounts = { readonly cpu: string; readonly memory: string };
type Taint = Placement['tolerations'][number];

export interface FalcoProps {
  readonly chartVersion: string;
  readonly alertmanagerService: string;
  readonly alertmanagerNamespace: string;
  readonly minimumPriority: string;
  readonly resources: { readonly requests: Amounts; readonly limits: Amounts };
  readonly rules: FalcoRulesProps;
  /** Taints of every node pool: Falco watches every node. */
  readonly tolerations: readonly Taint[];
  /** Labels the Prometheus operator selects ServiceMonitors by. */
  readonly serviceMonitorLabels: Readonly<Record<string, string>>;
  readonly atomic: boolean;
}

export interface SuricataProps {
  readonly image: string;
  readonly interface: string;
  readonly homeNet: readonly string[];
  readonly rulesUpdate: { readonly schedule: string; readonly categories: readonly string[] };
  readonly rulesStorage: { readonly storageClass: string; readonly size: string };
  readonly resources: { readonly requests: Amounts; readonly limits: Amounts };
  /** Node label sets of the watched segments' pools (any of them); empty: every node. */
  readonly nodeLabelSets: readonly Readonly<Record<string, string>>[];
  readonly tolerations: readonly Taint[];
  readonly timeZone: string;
}

export interface IntrusionDetectionProps {
  readonly namespace: string;
  readonly falco: FalcoProps;
  readonly suricata: SuricataProps;
  /** The namespace resource (and anything else) that must exist first. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Intrusion detection for the operations plan: Falco watches every node's system calls (modern eBPF,
 * least-privileged capabilities instead of a privileged container) with the hospital's rules and
 * forwards events through falcosidekick to Alertmanager; Suricata inspects the medical and guest
 * segments' traffic with the ET Open categories for scans, brute force and web attacks, and writes EVE
 * JSON to the log pipeline. Both run in the `security` namespace, whose privileged Pod Security level
 * and policy exceptions are declared waivers, not silent exemptions.
 */
export class IntrusionDetection extends Construct {
  readonly falco: Release;
  readonly suricata: DaemonSetV1;
  readonly rulesUpdate: CronJobV1;

  constructor(scope: Construct, id: string, props: IntrusionDetectionProps) {
    super(scope, id);
    const dependsOn = props.dependsOn ? [...props.dependsOn] : undefined;

    this.falco = new Release(this, 'falco', {
      name: 'falco',
      repository: FALCO_REPOSITORY,
      chart: 'falco',
      version: props.falco.chartVersion,
      namespace: props.namespace,
      createNamespace: false,
      atomic: props.falco.atomic,
      cleanupOnFail: true,
      timeout: 600,
      values: [stringify(falcoValues(props.falco), { lineWidth: 0 })],
      dependsOn,
    });

    const suricata = new Suricata(this, 'suricata', { namespace: props.namespace, ...props.suricata, dependsOn });
    this.suricata = suricata.daemonSet;
    this.rulesUpdate = suricata.rulesUpdate;
  }
}

/** Values for the falco chart 9.1.0 (keys checked against its defaults by the monitoring values checker). */
export function falcoValues(props: FalcoProps): Record<string, unknown> {
  return {
    driver: { kind: 'modern_ebpf', modernEbpf: { leastPrivileged: true } },
    tolerations: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }, ...props.tolerations.map(toleration)],
    resources: { requests: { ...props.resources.requests }, limits: { ...props.resources.limits } },
    // Per-rule counters (`falcosecurity_falco_rules_matches_total`) feed the IntrusionDetected alert.
    metrics: { enabled: true, interval: '1m', rulesCountersEnabled: true },
    serviceMonitor: { create: true, labels: { ...props.serviceMonitorLabels } },
    customRules: { [CUSTOM_RULES_FILE]: hospitalFalcoRulesYaml(props.rules) },
    falco: { json_output: true, priority: 'notice' },
    falcosidekick: {
      enabled: true,
      config: {
        alertmanager: {
          hostport: `http://${props.alertmanagerService}.${props.alertmanagerNamespace}:9093`,
          // Alertmanager ≥ 0.27 has no v1 API; falcosidekick still defaults to /api/v1/alerts.
          endpoint: '/api/v2/alerts',
          minimumpriority: props.minimumPriority,
          // Every forwarded event opens a level-1 incident: the operations plan pages on-call for Falco
          // events at the minimum priority and above (ops-8.2). falcosidekick's own severities
          // (warning/critical) match no incident-level route and would land in the ticket queue.
          customseveritymap: FALCO_PRIORITY_ORDER.slice(0, FALCO_PRIORITY_ORDER.indexOf(props.minimumPriority as (typeof FALCO_PRIORITY_ORDER)[number]) + 1)
            .map((priority) => `${priority}:${FALCO_INCIDENT_LEVEL}`)
            .join(','),
          // `system` lets a Falco page silence the security system's own lower-level alerts (inhibit rule equal: [system]).
          extralabels: 'source:falco,team:security,system:security',
        },
      },
    },
  };
}

interface SuricataConstructProps extends SuricataProps {
  readonly namespace: string;
  readonly dependsOn?: ITerraformDependable[];
}

const SURICATA = 'suricata';
const RULES_VOLUME = 'rules';
const CONFIG_VOLUME = 'config';

/** The network sensor: DaemonSet, its configuration, the shared rule volume and the rule-update job. */
class Suricata extends Construct {
  readonly daemonSet: DaemonSetV1;
  readonly rulesUpdate: CronJobV1;

  constructor(scope: Construct, id: string, props: SuricataConstructProps) {
    super(scope, id);
    const labels = { ...platformLabels(SURICATA), [NAME_LABEL]: SURICATA, [SEGMENT_LABEL]: 'management' };
    const selector = { [NAME_LABEL]: SURICATA, 'app.kubernetes.io/component': 'sensor' };
    const metadata = (name: string) => ({ name, namespace: props.namespace, labels });

    const serviceAccount = new ServiceAccountV1(this, 'service-account', {
      metadata: metadata(SURICATA),
      automountServiceAccountToken: false,
      dependsOn: props.dependsOn,
    });

    const config = new ConfigMapV1(this, 'config', {
      metadata: metadata('suricata-config'),
      data: {
        'suricata.yaml': suricataYaml({ interface: props.interface, homeNet: props.homeNet }),
        'enable.conf': enableConf(props.rulesUpdate),
        'disable.conf': disableConf(),
      },
      dependsOn: props.dependsOn,
    });

    const rules = new PersistentVolumeClaimV1(this, 'rules', {
      metadata: metadata('suricata-rules'),
      spec: {
        accessModes: ['ReadWriteMany'],
        storageClassName: props.rulesStorage.storageClass,
        resources: { requests: { storage: props.rulesStorage.size } },
      },
      // The class binds on first consumer: Terraform must not wait for a bind no pod has asked for yet.
      waitUntilBound: false,
      dependsOn: props.dependsOn,
    });

    const configVolume = { name: CONFIG_VOLUME, configMap: { name: config.metadata.name } };
    const rulesVolume = { name: RULES_VOLUME, persistentVolumeClaim: { claimName: rules.metadata.name } };
    const scratch = (name: string) => ({ name, emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } });
    const socketProbe = {
      exec: { command: ['suricatasc', '-c', 'uptime', COMMAND_SOCKET] },
      initialDelaySeconds: 60,
      periodSeconds: 30,
      timeoutSeconds: 10,
      failureThreshold: 3,
    };
    const sensorSecurityContext = {
      // Root inside the container, but with no capability beyond capture: AF_PACKET needs NET_RAW and
      // NET_ADMIN, and Kubernetes grants no ambient capabilities to non-root users. Waived in
      // policies/waivers.yaml with the reason and expiry.
      runAsUser: '0',
      runAsNonRoot: false,
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { add: [...SURICATA_CAPABILITIES], drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
    const nodeAffinity =
      props.nodeLabelSets.length === 0
        ? undefined
        : {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerm: props.nodeLabelSets.map((nodeLabels) => ({
                  matchExpressions: Object.entries(nodeLabels).map(([key, value]) => ({ key, operator: 'In', values: [value] })),
                })),
              },
            },
          };

    this.daemonSet = new DaemonSetV1(this, 'daemon-set', {
      metadata: metadata(SURICATA),
      spec: {
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '1' } },
        template: {
          metadata: { labels: { ...labels, ...selector } },
          spec: {
            serviceAccountName: serviceAccount.metadata.name,
            automountServiceAccountToken: false,
            hostNetwork: true,
            dnsPolicy: 'ClusterFirstWithHostNet',
            affinity: nodeAffinity,
            toleration: props.tolerations.map(toleration),
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            initContainer: [
              {
                // The first rule download happens in the update job; a sensor without rules would run blind.
                name: 'wait-for-rules',
                image: props.image,
                command: ['sh', '-c', `until [ -s ${RULES_DIR}/suricata.rules ]; do echo waiting for ${RULES_DIR}/suricata.rules; sleep 30; done`],
                securityContext: restrictedContainerSecurityContext(),
                resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
                volumeMount: [{ name: RULES_VOLUME, mountPath: RULES_DIR, readOnly: true }],
              },
            ],
            container: [
              {
                name: SURICATA,
                image: props.image,
                command: ['suricata'],
                args: ['-c', `${CONFIG_DIR}/suricata.yaml`, `--af-packet=${props.interface}`, '--pidfile', `${RUN_DIR}/suricata.pid`],
                securityContext: sensorSecurityContext,
                resources: { requests: { ...props.resources.requests }, limits: { ...props.resources.limits } },
                livenessProbe: socketProbe,
                readinessProbe: { ...socketProbe, initialDelaySeconds: 30 },
                volumeMount: [
                  { name: CONFIG_VOLUME, mountPath: CONFIG_DIR, readOnly: true },
                  { name: RULES_VOLUME, mountPath: RULES_DIR, readOnly: true },
                  { name: 'run', mountPath: RUN_DIR },
                  { name: 'log', mountPath: LOG_DIR },
                ],
              },
              {
                // Suricata does not watch its rule files: reload through the command socket when the
                // update job has written a new rule set.
                name: 'rules-reloader',
                image: props.image,
                command: [
                  'sh',
                  '-c',
                  `last=""; while sleep 300; do now=$(stat -c %Y ${RULES_DIR}/suricata.rules 2>/dev/null); ` +
                    `if [ -n "$now" ] && [ "$now" != "$last" ]; then [ -n "$last" ] && suricatasc -c reload-rules ${COMMAND_SOCKET}; last="$now"; fi; done`,
                ],
                securityContext: {
                  ...sensorSecurityContext,
                  capabilities: { drop: ['ALL'] },
                },
                resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
                livenessProbe: { exec: { command: ['test', '-S', COMMAND_SOCKET] }, initialDelaySeconds: 120, periodSeconds: 60 },
                readinessProbe: { exec: { command: ['test', '-d', RULES_DIR] }, periodSeconds: 60 },
                volumeMount: [
                  { name: RULES_VOLUME, mountPath: RULES_DIR, readOnly: true },
                  { name: 'run', mountPath: RUN_DIR },
                ],
              },
            ],
            volume: [configVolume, rulesVolume, scratch('run'), scratch('log')],
          },
        },
      },
      dependsOn: props.dependsOn,
    });

    const updateLabels = { ...labels, 'app.kubernetes.io/component': 'rules-update' };
    this.rulesUpdate = new CronJobV1(this, 'rules-update', {
      metadata: { ...metadata('suricata-rules-update'), labels: updateLabels },
      spec: {
        schedule: props.rulesUpdate.schedule,
        timezone: props.timeZone,
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels: updateLabels },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: 1800,
            template: {
              metadata: { labels: updateLabels },
              spec: {
                serviceAccountName: serviceAccount.metadata.name,
                automountServiceAccountToken: false,
                restartPolicy: 'OnFailure',
                securityContext: restrictedPodSecurityContext(),
                container: [
                  {
                    name: 'suricata-update',
                    image: props.image,
                    command: ['suricata-update'],
                    args: [
                      '--suricata-conf',
                      `${CONFIG_DIR}/suricata.yaml`,
                      '--data-dir',
                      '/var/lib/suricata/update-state',
                      '--output',
                      RULES_DIR,
                      '--enable-conf',
                      `${CONFIG_DIR}/enable.conf`,
                      '--disable-conf',
                      `${CONFIG_DIR}/disable.conf`,
                      '--no-reload',
                    ],
                    securityContext: restrictedContainerSecurityContext(),
                    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
                    volumeMount: [
                      { name: CONFIG_VOLUME, mountPath: CONFIG_DIR, readOnly: true },
                      { name: RULES_VOLUME, mountPath: RULES_DIR },
                      { name: 'state', mountPath: '/var/lib/suricata/update-state' },
                      { name: 'log', mountPath: LOG_DIR },
                      { name: 'tmp', mountPath: '/tmp' },
                    ],
                  },
                ],
                volume: [configVolume, rulesVolume, { name: 'state', emptyDir: { sizeLimit: '1Gi' } }, scratch('log'), scratch('tmp')],
              },
            },
          },
        },
      },
      dependsOn: props.dependsOn,
    });
  }
}
