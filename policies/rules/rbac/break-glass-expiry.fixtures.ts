import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const RBAC = 'rbac.authorization.k8s.io';
const TODAY = '2026-11-26';
const breakGlass = (annotations: Record<string, string>, subject = 'platform:break-glass') =>
  resource('kubernetes_cluster_role_binding_v1', 'break_glass', {
    metadata: { name: 'hospital:break-glass', annotations },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: 'cluster-admin' },
    subject: [{ kind: 'Group', name: subject, api_group: RBAC }],
  });

export const breakGlassExpiryFixtures: RuleFixtures = {
  ruleId: 'rbac/break-glass-expiry',
  pass: [
    { name: 'expires within the quarter', terraform: breakGlass({ 'platform.hospital/expires': '2027-02-15' }), options: { today: TODAY } },
    {
      name: 'longer review period configured',
      terraform: breakGlass({ 'platform.hospital/expires': '2027-05-01' }),
      options: { today: TODAY, breakGlassMaxDays: 180 },
    },
  ],
  fail: [
    { name: 'no expiry annotation', terraform: breakGlass({}), options: { today: TODAY }, message: 'never expires' },
    { name: 'expired', terraform: breakGlass({ 'platform.hospital/expires': '2026-10-31' }), options: { today: TODAY }, message: 'expired' },
    { name: 'beyond the review period', terraform: breakGlass({ 'platform.hospital/expires': '2027-11-01' }), options: { today: TODAY }, message: 'expected at most 92' },
    { name: 'not a date', terraform: breakGlass({ 'platform.hospital/expires': 'end of Q1' }), options: { today: TODAY }, message: 'expected a date' },
    {
      name: 'cluster-admin bound to another group without expiry',
      terraform: breakGlass({}, 'oidc:platform-admins'),
      options: { today: TODAY },
      message: 'never expires',
    },
  ],
};
