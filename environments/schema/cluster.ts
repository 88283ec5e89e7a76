import { z } from 'zod';

/** How Terraform's kubernetes and helm providers reach the cluster. */
export const clusterConnectionSchema = z.union([
  z.strictObject({
    kubeconfig: z.strictObject({
      path: z.string().min(1),
      context: z.string().min(1),
    }),
  }),
  z.strictObject({
    host: z.string().url(),
    /** Path to the API server's CA bundle on the deploying machine (never the certificate itself). */
    caCertificateFile: z.string().min(1),
    exec: z.strictObject({
      apiVersion: z.string().default('client.authentication.k8s.io/v1beta1'),
      command: z.string().min(1),
      args: z.array(z.string()).default([]),
      env: z.record(z.string(), z.string()).default({}),
    }),
  }),
]);
export type ClusterConnection = z.infer<typeof clusterConnectionSchema>;

const noCredentialsInUrl = (url: string) => !/:\/\/[^/@]*:[^/@]*@/.test(url) && !/password=/i.test(url);

/**
 * Terraform state. `local` is only for dev (checked by the loader, which knows the file name); every
 * other backend locks: pg uses advisory locks, s3 a lock table or a lock file, kubernetes a Lease.
 */
export const backendSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local'), path: z.string().default('terraform.dev.tfstate') }),
  z.strictObject({
    type: z.literal('pg'),
    /** Connection string without credentials: the password comes from PGPASSWORD on the deploying machine. */
    connStr: z.string().startsWith('postgres').refine(noCredentialsInUrl, 'expected no password in the connection string (use PGPASSWORD)'),
    schemaName: z.string().min(1),
  }),
  z.strictObject({
    type: z.literal('s3'),
    bucket: z.string().min(1),
    key: z.string().min(1),
    region: z.string().min(1),
    endpoint: z.string().url().optional(),
    lock: z.union([
      z.strictObject({ dynamodbTable: z.string().min(1) }),
      z.strictObject({ useLockfile: z.literal(true) }),
    ]),
  }),
  z.strictObject({
    type: z.literal('kubernetes'),
    secretSuffix: z.string().min(1),
    namespace: z.string().default('terraform-state'),
    configPath: z.string().min(1),
    configContext: z.string().min(1),
  }),
]);
export type BackendConfig = z.infer<typeof backendSchema>;
