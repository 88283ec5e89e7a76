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
    host: z
      .url()
      .refine((host) => !hasUserInfoPassword(host) && !new URL(host).username, 'expected an API server URL without user:password@ (use exec credentials)'),
    /** Path to the API server's CA bundle on the deploying machine (never the certificate itself). */
    caCertificateFile: z.string().min(1),
    exec: z.strictObject({
      apiVersion: z.string().default('client.authentication.k8s.io/v1beta1'),
      command: z.string().min(1),
      args: z.array(z.string()).default([]),
      env: z
        .record(z.string(), z.string())
        .default({})
        .superRefine((env, ctx) => {
          for (const name of Object.keys(env)) {
            if (SECRET_ENVIRONMENT_VARIABLE.test(name) && !PATH_LIKE_VARIABLE.test(name)) {
              ctx.addIssue({
                code: 'custom',
                path: [name],
                message: `expected no secret in the repository: "${name}" holds a credential (use a profile, a file path or the plugin's own credential store)`,
              });
            }
          }
        }),
    }),
  }),
]);
export type ClusterConnection = z.infer<typeof clusterConnectionSchema>;

/**
 * The credential a libpq connection string carries, if any: a password in the URI's user info, or a
 * `password`/`sslpassword` parameter (in the URI query, percent-decoded, or in keyword/value form with
 * any spacing around `=` and quoted values). libpq's grammar is small and no maintained JavaScript
 * parser covers both forms, hence this function.
 */
export function connectionStringCredential(connStr: string): string | undefined {
  const trimmed = connStr.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return undefined;
    }
    if (url.password) return 'a password in the user info (user:password@)';
    for (const key of url.searchParams.keys()) if (CREDENTIAL_PARAMETERS.has(key.toLowerCase())) return `the parameter "${key}"`;
    return undefined;
  }
  for (const match of trimmed.matchAll(/([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|\S*)/g)) {
    if (CREDENTIAL_PARAMETERS.has(match[1]!.toLowerCase())) return `the parameter "${match[1]}"`;
  }
  return undefined;
}

const CREDENTIAL_PARAMETERS = new Set(['password', 'sslpassword']);

/** A URL carrying user:password@ (a password never belongs in the repository). */
const hasUserInfoPassword = (value: string): boolean => {
  try {
    return new URL(value).password !== '';
  } catch {
    return false;
  }
};

/**
 * Environment variables of a credential plugin that hold a secret themselves (cloud keys, tokens,
 * passwords). Profiles, regions, role names and file paths are fine.
 */
export const SECRET_ENVIRONMENT_VARIABLE =
  /(^|_)(SECRET|PASSWORD|PASSWD|PWD|TOKEN|ACCESS_KEY(_ID)?|PRIVATE_KEY|API_KEY|CLIENT_SECRET|SESSION_TOKEN|CREDENTIALS?)($|_)/i;
const PATH_LIKE_VARIABLE = /(_FILE|_PATH|_DIR)$/i;

/**
 * Terraform state. `local` is only for dev (checked by the loader, which knows the file name); every
 * other backend locks: pg uses advisory locks, s3 a lock table or a lock file, kubernetes a Lease.
 */
export const backendSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local'), path: z.string().default('terraform.dev.tfstate') }),
  z.strictObject({
    type: z.literal('pg'),
    /** Connection string without credentials: the password comes from PGPASSWORD on the deploying machine. */
    connStr: z.string().superRefine((connStr, ctx) => {
      const credential = connectionStringCredential(connStr);
      if (credential) ctx.addIssue({ code: 'custom', message: `expected no password in the connection string (use PGPASSWORD), got ${credential}` });
    }),
    schemaName: z.string().min(1),
  }),
  z.strictObject({
    type: z.literal('s3'),
    bucket: z.string().min(1),
    key: z.string().min(1),
    region: z.string().min(1),
    endpoint: z
      .url()
      .refine((endpoint) => !hasUserInfoPassword(endpoint), 'expected an endpoint URL without user:password@')
      .optional(),
    lock: z.union([z.strictObject({ dynamodbTable: z.string().min(1) }), z.strictObject({ useLockfile: z.literal(true) })]),
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
