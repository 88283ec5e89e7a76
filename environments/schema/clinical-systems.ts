import { z } from 'zod';
import { count, dnsLabel, pinnedImage, resourceAmounts } from './primitives';

const portSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/, 'expected an IANA service name (≤ 15 characters)'),
  containerPort: z.number().int().min(1).max(65535),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
});

const probeSchema = z.union([
  z.strictObject({ httpGet: z.strictObject({ path: z.string().startsWith('/'), port: z.union([z.string(), z.number().int()]) }) }),
  z.strictObject({ tcpSocket: z.strictObject({ port: z.union([z.string(), z.number().int()]) }) }),
]);

const probeTimingSchema = z.strictObject({
  initialDelaySeconds: count.default(10),
  periodSeconds: count.positive().default(10),
  failureThreshold: count.positive().default(3),
});

const autoscalingSchema = z
  .strictObject({
    min: count.positive(),
    max: count.positive(),
    targetCpuUtilization: z.number().int().min(10).max(100).default(70),
  })
  .superRefine((value, ctx) => {
    if (value.max < value.min) {
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `expected a number ≥ min (${value.min}), got ${value.max}`,
      });
    }
  });

export const clinicalSystemSchema = z
  .strictObject({
    namespace: dnsLabel,
    image: pinnedImage,
    /** Core systems (HIS registration/billing, EMR, LIS) carry the 7×24 and RTO ≤ 30 min requirements. */
    core: z.boolean().default(false),
    ports: z.array(portSchema).min(1),
    resources: z.strictObject({ requests: resourceAmounts, limits: resourceAmounts }),
    probes: z.strictObject({
      liveness: probeSchema,
      readiness: probeSchema,
      timing: probeTimingSchema.default({ initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 }),
    }),
    replicas: count.positive().optional(),
    autoscaling: autoscalingSchema.optional(),
    /**
     * Gray release: a second Deployment of a new image with about `weight` % of the system's pods (at
     * least one) behind the same Service. Promote by moving `image` to it and removing `canary`.
     */
    canary: z
      .strictObject({
        image: pinnedImage,
        weight: z.number().int().min(1).max(50).default(10),
      })
      .optional(),
    /** Non-secret environment variables; secrets are referenced by Secret name and key. */
    env: z.record(z.string(), z.string()).default({}),
    secretEnv: z.record(z.string(), z.strictObject({ secret: dnsLabel, key: z.string().min(1) })).default({}),
    /** Writable scratch space mounted on a memory-backed emptyDir (the root filesystem is read-only). */
    writablePaths: z.array(z.string().startsWith('/')).default(['/tmp']),
  })
  .superRefine((system, ctx) => {
    if (system.canary && system.canary.image === system.image) {
      ctx.addIssue({ code: 'custom', path: ['canary', 'image'], message: 'expected a new image for the canary, got the image the system already runs' });
    }
    if (system.replicas === undefined && system.autoscaling === undefined) {
      ctx.addIssue({ code: 'custom', path: ['replicas'], message: 'expected replicas or autoscaling, got neither' });
    }
    if (system.replicas !== undefined && system.autoscaling !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['replicas'],
        message: 'expected either replicas or autoscaling, got both (an HPA owns the replica count)',
      });
    }
    const minimum = system.autoscaling?.min ?? system.replicas ?? 0;
    if (system.core && minimum < 2) {
      const path = system.autoscaling ? ['autoscaling', 'min'] : ['replicas'];
      ctx.addIssue({ code: 'custom', path, message: `expected at least 2 replicas for a core system, got ${minimum}` });
    }
    const portNames = new Set(system.ports.map((port) => port.name));
    const probes = [
      ['liveness', system.probes.liveness],
      ['readiness', system.probes.readiness],
    ] as const;
    for (const [kind, probe] of probes) {
      const port = 'httpGet' in probe ? probe.httpGet.port : probe.tcpSocket.port;
      if (typeof port === 'string' && !portNames.has(port)) {
        const key = 'httpGet' in probe ? 'httpGet' : 'tcpSocket';
        ctx.addIssue({
          code: 'custom',
          path: ['probes', kind, key, 'port'],
          message: `expected one of the declared port names (${[...portNames].join(', ')}), got "${port}"`,
        });
      }
    }
  });
export type ClinicalSystemConfig = z.infer<typeof clinicalSystemSchema>;

/** The HIS registration service: its autoscaling (5 → 10 by default) is fixed by the operations plan. */
export const REGISTRATION_SYSTEM = 'registration';
