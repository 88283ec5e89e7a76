import { cronSchedule } from './backup';
import { z } from 'zod';
import { cpuQuantity, dnsLabel, memoryQuantity, pinnedImage, resourceAmounts, segment } from './primitives';

const cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'expected an IPv4 CIDR such as "10.20.0.0/16"');

/** A destination the medical segment is declared to reach; anything else raises a Falco alert. */
const declaredFlowSchema = z.strictObject({
  description: z.string().min(3),
  cidr,
  /** Destination ports; empty means any port of that network (cluster-internal ranges). */
  ports: z.array(z.number().int().min(1).max(65535)).default([]),
});

const falcoSchema = z.strictObject({
  /** Chart 9.1.0 (Falco 0.44.1); the values keys are checked against that version's defaults. */
  chartVersion: z.literal('9.1.0').default('9.1.0'),
  /** Alertmanager Service (in `alertmanagerNamespace`) falcosidekick posts to, on its v2 API. */
  alertmanagerService: dnsLabel.default('kube-prometheus-stack-alertmanager'),
  alertmanagerNamespace: dnsLabel.default('monitoring'),
  /** Lowest Falco priority falcosidekick forwards to Alertmanager. */
  minimumPriority: z.enum(['emergency', 'alert', 'critical', 'error', 'warning', 'notice']).default('warning'),
  /** Namespaces where database clients (psql, mysql, sqlplus, …) may run: the data stores and backups. */
  databaseClientNamespaces: z.array(dnsLabel).min(1),
  /** Where the medical segment may connect; everything else is an alert. */
  medicalEgress: z.array(declaredFlowSchema).min(1),
  resources: z
    .strictObject({ requests: resourceAmounts, limits: resourceAmounts })
    .default({ requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }),
});

const suricataSchema = z.strictObject({
  image: pinnedImage,
  /** Segments whose traffic Suricata watches; it runs on those segments' nodes. */
  segments: z.array(segment).min(1).default(['medical', 'guest']),
  /** Host interface carrying the segments' traffic (AF_PACKET capture). */
  interface: z.string().regex(/^[a-zA-Z0-9._-]{1,15}$/, 'expected a network interface name such as "bond0"'),
  /** HOME_NET: the hospital's own address ranges. */
  homeNet: z.array(cidr).min(1),
  rulesUpdate: z.strictObject({
    schedule: cronSchedule,
    /** ET Open categories enabled (everything else stays off to keep the rule set to the plan's threats). */
    categories: z.array(z.string().regex(/^emerging-[a-z0-9_]+$/, 'expected an ET Open category file stem such as "emerging-scan"')).min(1),
  }),
  /** ReadWriteMany volume the update job writes and every Suricata pod reads. */
  rulesStorage: z.strictObject({ storageClass: dnsLabel, size: memoryQuantity.default('2Gi') }),
  resources: z
    .strictObject({ requests: resourceAmounts, limits: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }) })
    .default({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } }),
});

/** Intrusion detection (`intrusionDetection:`): Falco on every node, Suricata on the medical and guest nodes. */
export const intrusionDetectionSchema = z.strictObject({
  /** The management-segment namespace both run in; declared under `namespaces` with its Pod Security reason. */
  namespace: dnsLabel.default('security'),
  falco: falcoSchema,
  suricata: suricataSchema,
});
export type IntrusionDetectionConfig = z.infer<typeof intrusionDetectionSchema>;

/** Cross-section checks: the IDS namespace is declared (privileged, with its reason) and its storage class exists. */
export function checkIntrusionDetectionReferences(
  intrusionDetection: IntrusionDetectionConfig | undefined,
  environment: {
    readonly namespaces: Readonly<Record<string, { readonly podSecurity: { readonly level: string } }>>;
    readonly storageClasses: readonly string[] | undefined;
  },
  addIssue: (path: (string | number)[], message: string) => void,
): void {
  if (!intrusionDetection) return;
  const namespace = environment.namespaces[intrusionDetection.namespace];
  if (!namespace) {
    addIssue(
      ['intrusionDetection', 'namespace'],
      `expected a namespace declared under namespaces (with podSecurity level privileged and its reason), got "${intrusionDetection.namespace}"`,
    );
  } else if (namespace.podSecurity.level !== 'privileged') {
    addIssue(
      ['namespaces', intrusionDetection.namespace, 'podSecurity', 'level'],
      `expected privileged (Falco loads eBPF probes, Suricata captures on the host network), got ${namespace.podSecurity.level}`,
    );
  }
  intrusionDetection.falco.databaseClientNamespaces.forEach((name, index) => {
    if (!Object.hasOwn(environment.namespaces, name))
      addIssue(['intrusionDetection', 'falco', 'databaseClientNamespaces', index], `expected a declared namespace, got "${name}"`);
  });
  const storageClass = intrusionDetection.suricata.rulesStorage.storageClass;
  if (environment.storageClasses && !environment.storageClasses.includes(storageClass)) {
    addIssue(
      ['intrusionDetection', 'suricata', 'rulesStorage', 'storageClass'],
      `expected one of encryption.storageClasses (${environment.storageClasses.join(', ')}), got "${storageClass}"`,
    );
  }
}
