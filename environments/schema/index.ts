import { z } from 'zod';
import { backendSchema, clusterConnectionSchema } from './cluster';
import { clinicalSystemSchema, REGISTRATION_SYSTEM } from './clinical-systems';
import { namespaceSchema, nodePoolSchema } from './namespaces';
import { dnsLabel, segment, timeZone } from './primitives';
import { accessSchema, checkAccessReferences } from './access';
import { checkEncryptionReferences, encryptionSchema } from './encryption';
import { checkIntrusionDetectionReferences, intrusionDetectionSchema } from './intrusion-detection';
import { monitoringSchema } from './monitoring';
import { backupToolingSchema, dataStoreIssues, dataStoreSchema } from './backup';
import { checkNetworkFlows, networkFlowsSchema } from './network';

export * from './cluster';
export * from './clinical-systems';
export * from './namespaces';
export * from './primitives';
export * from './access';
export * from './encryption';
export * from './intrusion-detection';
export * from './monitoring';
export * from './backup';
export * from './network';

const severity = z.enum(['critical', 'high', 'medium', 'low']);

/**
 * One environment file (`environments/<name>.yaml`): everything a platform engineer declares about one
 * cluster. Capability sections live in their own schema files beside this one.
 */
export const environmentSchema = z
  .strictObject({
    /** Where the cluster runs, e.g. "main data centre, building B". */
    site: z.string().min(1),
    /** `dr` is the off-site warm standby of the primary site. */
    role: z.enum(['primary', 'dr']),
    timeZone: timeZone.default('Asia/Shanghai'),
    cluster: clusterConnectionSchema,
    backend: backendSchema,
    /** Which unwaived severities block `npm run synth` / deploy for this environment. */
    gate: z.strictObject({ blockOn: z.array(severity).min(1) }).default({ blockOn: ['critical', 'high'] }),
    nodePools: z.partialRecord(segment, nodePoolSchema).default({}),
    namespaces: z.record(dnsLabel, namespaceSchema),
    clinicalSystems: z.record(dnsLabel, clinicalSystemSchema).default({}),
    access: accessSchema.optional(),
    encryption: encryptionSchema.optional(),
    intrusionDetection: intrusionDetectionSchema.optional(),
    monitoring: monitoringSchema.optional(),
    /** Clinical databases and their backups (environments/schema/backup.ts). */
    dataStores: z.record(dnsLabel, dataStoreSchema).default({}),
    backupTooling: backupToolingSchema.prefault({}),
    /** Default deny, DNS, the guest segment's limits and the allowed flows (environments/schema/network.ts). */
    networkFlows: networkFlowsSchema.optional(),
  })
  .superRefine((environment, ctx) => {
    const addIssue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    checkAccessReferences(environment.access, environment.namespaces, addIssue);
    checkNetworkFlows(environment.networkFlows, environment.namespaces, addIssue);
    checkEncryptionReferences(environment.encryption, environment, addIssue);
    const storageClasses = environment.encryption ? Object.keys(environment.encryption.storageClasses) : undefined;
    checkIntrusionDetectionReferences(environment.intrusionDetection, { namespaces: environment.namespaces, storageClasses }, addIssue);
    for (const issue of dataStoreIssues({ ...environment, storageClasses })) addIssue(issue.path, issue.message);
    for (const [name, system] of Object.entries(environment.clinicalSystems)) {
      if (!Object.hasOwn(environment.namespaces, system.namespace)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clinicalSystems', name, 'namespace'],
          message: `expected one of the declared namespaces (${Object.keys(environment.namespaces).join(', ')}), got "${system.namespace}"`,
        });
      }
    }
    checkPodQuotas(environment, addIssue);
    const registration = environment.clinicalSystems[REGISTRATION_SYSTEM];
    if (registration && !registration.autoscaling) {
      ctx.addIssue({
        code: 'custom',
        path: ['clinicalSystems', REGISTRATION_SYSTEM, 'autoscaling'],
        message: 'expected autoscaling for the registration service (the operations plan scales it 5 → 10), got none',
      });
    }
    for (const [name, namespace] of Object.entries(environment.namespaces)) {
      if (namespace.segment === 'guest' && !environment.nodePools.guest) {
        ctx.addIssue({
          code: 'custom',
          path: ['namespaces', name, 'segment'],
          message: 'expected nodePools.guest to be declared when a guest namespace exists (guest workloads run only on guest nodes)',
        });
      }
    }
  });

/**
 * An autoscaler cannot grow past its namespace's pod quota: the quota must hold the clinical systems'
 * maxima (HPA maximum or replicas), each alone and all together, or the peak capacity is unreachable.
 */
function checkPodQuotas(
  environment: {
    namespaces: Record<string, { quota?: { pods: number } }>;
    clinicalSystems: Record<string, { namespace: string; replicas?: number; autoscaling?: { max: number } }>;
  },
  addIssue: (path: (string | number)[], message: string) => void,
): void {
  const totals = new Map<string, { pods: number; systems: string[] }>();
  for (const [name, system] of Object.entries(environment.clinicalSystems)) {
    const quota = Object.hasOwn(environment.namespaces, system.namespace) ? environment.namespaces[system.namespace]!.quota : undefined;
    if (!quota) continue;
    const pods = system.autoscaling?.max ?? system.replicas ?? 1;
    if (system.autoscaling && system.autoscaling.max > quota.pods) {
      addIssue(
        ['clinicalSystems', name, 'autoscaling', 'max'],
        `expected at most the pod quota of namespace ${system.namespace} (${quota.pods}), got ${system.autoscaling.max}`,
      );
    }
    const total = totals.get(system.namespace) ?? { pods: 0, systems: [] };
    totals.set(system.namespace, { pods: total.pods + pods, systems: [...total.systems, `${name} ${pods}`] });
  }
  for (const [namespace, total] of totals) {
    const quota = environment.namespaces[namespace]!.quota!.pods;
    if (total.pods > quota)
      addIssue(
        ['namespaces', namespace, 'quota', 'pods'],
        `expected room for the clinical systems at their maximum (${total.systems.join(' + ')} = ${total.pods} pods), got ${quota}`,
      );
  }
}

export type EnvironmentInput = z.input<typeof environmentSchema>;
/** A validated environment, with the name taken from its file. */
export type EnvironmentConfig = z.output<typeof environmentSchema> & { readonly name: string; readonly file: string };
