import type { RuleFixtures } from '../fixtures';
import { planWith, resource } from '../fixture-builders';

const RBAC = 'rbac.authorization.k8s.io';
const TODAY = '2026-11-26';
/** The date the rule takes as today when the policy option `today` is not set. */
const CLOCK_TODAY = new Date().toISOString().slice(0, 10);
const ADDRESS = 'kubernetes_cluster_role_binding_v1.break_glass';
const group = (name: string) => ({ kind: 'Group', name, api_group: RBAC });
const binding = (annotations: Record<string, string>, subjects: Record<string, unknown>[], role = 'cluster-admin') =>
  resource('kubernetes_cluster_role_binding_v1', 'break_glass', {
    metadata: { name: 'hospital:break-glass', annotations },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: role },
    subject: subjects,
  });
const breakGlass = (annotations: Record<string, string>, subject = 'platform:break-glass') => binding(annotations, [group(subject)]);
const expires = (date: string) => ({ 'platform.hospital/expires': date });

export const breakGlassExpiryFixtures: RuleFixtures = {
  ruleId: 'rbac/break-glass-expiry',
  pass: [
    { name: 'expires within the quarter', terraform: breakGlass(expires('2027-02-15')), options: { today: TODAY }, message: '(81 days ahead, at most 92)' },
    {
      name: 'longer review period configured',
      terraform: breakGlass(expires('2027-05-01')),
      options: { today: TODAY, plan: planWith({ access: { breakGlassMaxDays: 180 } }) },
      message: '(156 days ahead, at most 180)',
    },
    {
      name: 'expiring exactly 92 days ahead',
      terraform: breakGlass(expires('2027-02-26')),
      options: { today: TODAY },
      resource: ADDRESS,
      message: '(92 days ahead, at most 92)',
    },
    { name: 'expiring today is still valid', terraform: breakGlass(expires(TODAY)), options: { today: TODAY }, message: '(0 days ahead' },
    {
      name: 'days counted from the configured today',
      terraform: breakGlass(expires('2027-04-20')),
      options: { today: '2027-01-20' },
      message: '(90 days ahead',
    },
  ],
  fail: [
    { name: 'no expiry annotation', terraform: breakGlass({}), options: { today: TODAY }, message: 'never expires' },
    { name: 'expired', terraform: breakGlass(expires('2026-10-31')), options: { today: TODAY }, message: 'is 2026-10-31: expired (today is 2026-11-26)' },
    {
      name: 'expired one day before the configured today',
      terraform: breakGlass(expires('2027-01-19')),
      options: { today: '2027-01-20' },
      message: 'expired (today is 2027-01-20)',
    },
    {
      name: 'expired against the clock when no today is configured',
      terraform: breakGlass(expires('2020-01-01')),
      resource: ADDRESS,
      message: `expired (today is ${CLOCK_TODAY})`,
    },
    {
      name: 'beyond the review period',
      terraform: breakGlass(expires('2027-11-01')),
      options: { today: TODAY },
      message: '340 days ahead: expected at most 92',
    },
    {
      name: 'expiring 93 days ahead, one past the review period',
      terraform: breakGlass(expires('2027-02-27')),
      options: { today: TODAY },
      message: '93 days ahead: expected at most 92',
    },
    { name: 'not a date', terraform: breakGlass(expires('end of Q1')), options: { today: TODAY }, message: 'is "end of Q1", expected a date' },
    { name: 'month 13 is no date', terraform: breakGlass(expires('2027-13-01')), options: { today: TODAY }, message: 'is "2027-13-01", expected a date' },
    {
      name: '30 February is no date (not rolled over to March)',
      terraform: breakGlass(expires('2027-02-30')),
      options: { today: TODAY },
      message: 'is "2027-02-30", expected a date',
    },
    {
      name: 'expanded-year value beyond 9999 is no YYYY-MM-DD date',
      terraform: breakGlass(expires('+010000-01')),
      options: { today: TODAY },
      message: 'is "+010000-01", expected a date',
    },
    {
      name: 'cluster-admin bound to another group without expiry',
      terraform: breakGlass({}, 'oidc:platform-admins'),
      options: { today: TODAY },
      message: 'never expires',
    },
    {
      name: 'break-glass group bound to a role other than cluster-admin without expiry',
      terraform: binding({}, [group('platform:break-glass')], 'edit'),
      options: { today: TODAY },
      message: 'never expires',
    },
    {
      name: 'break-glass group listed after another subject, without expiry',
      terraform: binding({}, [{ kind: 'User', name: 'alice', api_group: RBAC }, group('platform:break-glass')], 'edit'),
      options: { today: TODAY },
      message: 'never expires',
    },
    {
      name: 'configured break-glass group bound to another role without expiry',
      environment: 'north-hospital',
      terraform: binding({}, [group('hospital-emergency-admins')], 'edit'),
      options: { today: TODAY, breakGlassGroups: ['hospital-emergency-admins'] },
      message: 'never expires',
    },
  ],
  skip: [
    {
      name: 'another group bound to a role other than cluster-admin',
      terraform: binding({}, [group('oidc:system-engineers')], 'edit'),
      resource: ADDRESS,
      message: 'neither a break-glass group nor cluster-admin',
    },
    {
      name: 'user named like the break-glass group is no break-glass group',
      terraform: binding({}, [{ kind: 'User', name: 'platform:break-glass', api_group: RBAC }], 'edit'),
      message: 'neither a break-glass group nor cluster-admin',
    },
  ],
};
