import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const RBAC = 'rbac.authorization.k8s.io';
const TODAY = '2026-11-26';
const binding = (annotations: Record<string, string>, subject = 'platform:break-glass', role = 'cluster-admin') =>
  resource('kubernetes_cluster_role_binding_v1', 'break_glass', {
    metadata: { name: 'hospital:break-glass', annotations },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: role },
    subject: [{ kind: 'Group', name: subject, api_group: RBAC }],
  });
const expiring = (date: string) => binding({ 'platform.hospital/expires': date });
const today = { today: TODAY };

export const breakGlassExpirySoonFixtures: RuleFixtures = {
  ruleId: 'rbac/break-glass-expiry-soon',
  pass: [
    { name: 'expiry beyond the notice period', terraform: expiring('2027-02-15'), options: today, message: 'expires 2027-02-15, in 81 days' },
    { name: 'expiry 31 days ahead, one past the notice period', terraform: expiring('2026-12-27'), options: today, message: 'in 31 days' },
  ],
  fail: [
    {
      name: 'expiry within the notice period',
      terraform: expiring('2026-12-20'),
      options: today,
      message: 'expires 2026-12-20, in 24 days: renew it by a reviewed change now; from 2026-12-21 synth and deployments block',
    },
    { name: 'expiry exactly 30 days ahead', terraform: expiring('2026-12-26'), options: today, message: 'in 30 days' },
    { name: 'expiring today, still valid', terraform: expiring(TODAY), options: today, message: 'in 0 days' },
    { name: 'expiring tomorrow', terraform: expiring('2026-11-27'), options: today, message: 'in 1 day:' },
    {
      name: 'cluster-admin bound to another group, expiring soon',
      terraform: binding({ 'platform.hospital/expires': '2026-12-01' }, 'oidc:platform-admins'),
      options: today,
      message: 'in 5 days',
    },
  ],
  skip: [
    {
      name: 'already expired (rbac/break-glass-expiry blocks it)',
      terraform: expiring('2026-11-25'),
      options: today,
      message: 'rbac/break-glass-expiry judges it',
    },
    { name: 'no expiry annotation', terraform: binding({}), options: today, message: 'no valid future expiry' },
    { name: 'not a date', terraform: expiring('end of Q1'), options: today, message: 'no valid future expiry' },
    {
      name: 'an ordinary binding',
      terraform: binding({}, 'oidc:system-engineers', 'edit'),
      options: today,
      message: 'neither a break-glass group nor cluster-admin',
    },
  ],
};
