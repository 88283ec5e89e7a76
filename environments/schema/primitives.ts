import { z } from 'zod';
import { SEGMENTS } from '../../contract';
import { kubernetesTimeZoneProblem } from '../../policies/kubernetes-cron';

/** Kubernetes object names (RFC 1123 DNS labels). */
export const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a DNS label (lower-case letters, digits and "-", at most 63 characters)');

/** An image reference pinned by digest; tags may stay for humans (`repo:1.2@sha256:…`). */
export const pinnedImage = z
  .string()
  .regex(
    /^[a-z0-9]+(?:[._\-/:][a-z0-9]+)*(?::[\w][\w.-]{0,127})?@sha256:[a-f0-9]{64}$/,
    'expected an image pinned by digest (registry/name[:tag]@sha256:<64 hex digits>)',
  );

/** Kubernetes resource quantities such as `500m`, `2`, `512Mi`. */
export const cpuQuantity = z.string().regex(/^\d+(\.\d+)?m?$/, 'expected a CPU quantity such as "500m" or "2"');
export const memoryQuantity = z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$/, 'expected a memory quantity such as "512Mi" or "2Gi"');

export const resourceAmounts = z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity });

export const labelMap = z.record(
  z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, 'expected a Kubernetes label key'),
  z.string().max(63),
);

/**
 * IANA time zone names, exactly as the tz database spells them. Intl accepts any case and aliases
 * (`asia/shanghai`), but Kubernetes looks a CronJob's `timeZone` up case-sensitively in Go's tz
 * database and rejects such spellings at apply time: only the canonical name passes.
 */
export const timeZone = z.string().superRefine((name, ctx) => {
  const problem = kubernetesTimeZoneProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The largest count the Kubernetes API accepts (int32 fields: replicas, HPA bounds, quotas). */
export const INT32_MAX = 2_147_483_647;
/** A count of objects (pods, replicas, claims) within what the API accepts. */
export const count = z.number().int().nonnegative().max(INT32_MAX, `expected at most ${INT32_MAX} (the Kubernetes API's int32 limit)`);

/** The trust zones are the contract's (contract/index.ts), which constructs and rules share. */
export { SEGMENTS };
export const segment = z.enum(SEGMENTS);
export type Segment = z.infer<typeof segment>;
