/**
 * Sections of the hospital's platform operations plan (运维方案) that the rules enforce. Rules cite
 * them by id (`ops-3.2`); reports show the title.
 */
export const OPERATIONS_PLAN_TITLE = 'Hospital platform operations plan';

export const OPERATIONS_PLAN_SECTIONS: Readonly<Record<string, string>> = {
  'ops-1': 'Scope, environments (dev, staging, prod, dr) and responsibilities',
  'ops-2.1': 'Network segmentation: medical, guest, DMZ and management segments',
  'ops-2.2': 'Isolation of the guest network from the medical segment',
  'ops-2.3': 'Encryption in transit between segments',
  'ops-3.1': 'Core clinical systems (HIS registration/billing, EMR, LIS): 7×24 availability, RTO ≤ 30 min',
  'ops-3.2': 'Registration peak capacity: autoscaling from 5 to 10 instances',
  'ops-3.3': 'Maintenance without outage: disruption budgets and rolling upgrades',
  'ops-4.1': 'Workload hardening baseline (restricted Pod Security Standard)',
  'ops-4.2': 'Capacity management: resource requests and limits',
  'ops-4.3': 'Health checking and self-healing (liveness and readiness probes)',
  'ops-4.4': 'Software supply chain: pinned images, pinned charts, trusted repositories',
  'ops-5.1': 'Least-privilege access control',
  'ops-5.2': 'Break-glass emergency access',
  'ops-5.3': 'Remote administration over VPN with two-factor authentication',
  'ops-6.1': 'Secrets management: no credentials in code or configuration',
  'ops-6.2': 'Encryption of medical records at rest',
  'ops-7.1': 'Backup schedule, retention and restore testing',
  'ops-7.2': 'Disaster-recovery site and failover',
  'ops-7.3': 'Retention periods of medical records and logs',
  'ops-8.1': 'Monitoring and alerting, on-call',
  'ops-8.2': 'Intrusion detection',
  'ops-8.3': 'Audit logging',
  'ops-9.1': 'Change management: reviewed plans, protection of clinical data stores',
  'ops-9.2': 'Exceptions (waivers): reason, approval, expiry',
  'ops-9.3': 'Infrastructure state management: remote, locked state',
  'ops-9.4': 'Release management: patches go test → gray (about 10 %) → full',
  'ops-10.1': 'Staff security training',
  'ops-10.2': 'Vendors and service levels',
  'ops-10.3': 'Physical security of machine rooms',
};
