import { z } from 'zod';
import { dnsLabel } from './primitives';

/**
 * Identity-provider group names as the API server sees them (OIDC `groups` claim, with the
 * `--oidc-groups-prefix` the cluster uses, e.g. `oidc:`).
 */
const groupName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:._@/-]{0,127}$/, 'expected an identity-provider group name such as "oidc:platform-dba"');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** The operations plan's roles; each is bound to exactly one identity-provider group. */
export const OPERATIONS_ROLES = ['operationsLead', 'systemEngineer', 'networkEngineer', 'databaseAdministrator', 'securityOfficer', 'clinicalLiaison'] as const;
export type OperationsRole = (typeof OPERATIONS_ROLES)[number];

/**
 * Access control (`access:`): one account per person lives in the identity provider; the cluster only
 * knows the groups, so a person's permissions follow the role their group stands for.
 */
export const accessSchema = z
  .strictObject({
    /** Identity provider the groups come from (shown in the permission report). */
    identityProvider: z.string().min(1),
    groups: z.strictObject({
      operationsLead: groupName,
      systemEngineer: groupName,
      networkEngineer: groupName,
      databaseAdministrator: groupName,
      securityOfficer: groupName,
      clinicalLiaison: groupName,
    }),
    /** Namespaces holding the data stores: the only ones the database administrator reaches. */
    dataStoreNamespaces: z.array(dnsLabel).min(1),
    /** Namespaces holding audit data (IDS events, security logs): the system engineer never reads them. */
    auditNamespaces: z.array(dnsLabel).min(1).default(['security']),
    /**
     * Emergency access: an empty group normally; members are added in the identity provider during an
     * incident. Its binding expires and must be renewed by a reviewed change every quarter.
     */
    breakGlass: z.strictObject({
      group: groupName,
      expires: isoDate,
      reason: z.string().min(20, 'expected a reason of at least 20 characters for break-glass access'),
      approver: z.string().min(3),
    }),
  })
  .superRefine((access, ctx) => {
    const seen = new Map<string, string>();
    for (const role of OPERATIONS_ROLES) {
      const group = access.groups[role];
      const other = seen.get(group);
      if (other) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', role],
          message: `expected a group of its own (separation of duties), got "${group}", already used by ${other}`,
        });
      }
      seen.set(group, role);
    }
    if (seen.has(access.breakGlass.group)) {
      ctx.addIssue({
        code: 'custom',
        path: ['breakGlass', 'group'],
        message: `expected a group used for nothing else, got "${access.breakGlass.group}", already used by ${seen.get(access.breakGlass.group)}`,
      });
    }
    if (Number.isNaN(Date.parse(`${access.breakGlass.expires}T00:00:00Z`))) {
      ctx.addIssue({ code: 'custom', path: ['breakGlass', 'expires'], message: `expected a calendar date, got "${access.breakGlass.expires}"` });
    }
  });
export type AccessConfig = z.infer<typeof accessSchema>;

/** Cross-section checks: the namespaces access control names must be declared. */
export function checkAccessReferences(
  access: AccessConfig | undefined,
  namespaces: Readonly<Record<string, unknown>>,
  addIssue: (path: (string | number)[], message: string) => void,
): void {
  if (!access) return;
  const declared = Object.keys(namespaces);
  for (const key of ['dataStoreNamespaces', 'auditNamespaces'] as const) {
    access[key].forEach((name, index) => {
      if (!Object.hasOwn(namespaces, name)) addIssue(['access', key, index], `expected one of the declared namespaces (${declared.join(', ')}), got "${name}"`);
    });
  }
}
