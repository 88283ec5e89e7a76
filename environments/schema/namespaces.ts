import { z } from 'zod';
import { count, cpuQuantity, memoryQuantity, resourceAmounts, segment } from './primitives';

/**
 * Pod Security Admission level. `restricted` is the default; anything weaker must say why, so the
 * exception is visible in review and in the compliance report.
 */
const podSecuritySchema = z.discriminatedUnion('level', [
  z.strictObject({ level: z.literal('restricted') }),
  z.strictObject({
    level: z.enum(['baseline', 'privileged']),
    reason: z.string().min(20, 'expected a reason of at least 20 characters for a weaker Pod Security level'),
  }),
]);

export const namespaceSchema = z.strictObject({
  segment,
  podSecurity: podSecuritySchema.default({ level: 'restricted' }),
  quota: z.strictObject({
    requests: resourceAmounts,
    limits: resourceAmounts,
    pods: count.positive(),
    persistentVolumeClaims: count.default(0),
  }),
  limitRange: z
    .strictObject({
      defaultRequest: resourceAmounts,
      default: resourceAmounts,
      max: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }).optional(),
    })
    .default({ defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } }),
});
export type NamespaceConfig = z.infer<typeof namespaceSchema>;

/**
 * Nodes reserved for one segment: workloads of that segment select them, and their taint keeps every
 * other segment's workloads away (the guest taint in particular is never tolerated by medical pods).
 */
export const nodePoolSchema = z.strictObject({
  nodeLabels: z.record(z.string(), z.string()).refine((labels) => Object.keys(labels).length > 0, 'expected at least one node label'),
  taint: z
    .strictObject({
      key: z.string().min(1),
      value: z.string().min(1),
      effect: z.enum(['NoSchedule', 'NoExecute']),
    })
    .optional(),
});
export type NodePoolConfig = z.infer<typeof nodePoolSchema>;
