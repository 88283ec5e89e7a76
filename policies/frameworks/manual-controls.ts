/**
 * Controls no Terraform code can prove. Reports list them with the evidence an auditor must collect,
 * mapped to the same frameworks as the automated rules.
 */
import type { ControlMappings } from '../model';

export interface ManualControl {
  /** `manual/<kebab-name>`. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** What the auditor collects, concretely. */
  readonly evidence: readonly string[];
  /** How often the evidence is renewed. */
  readonly frequency: string;
  readonly controls: ControlMappings;
}

export const MANUAL_CONTROLS: readonly ManualControl[] = [
  {
    id: 'manual/vpn-two-factor',
    title: 'Remote administration requires VPN with two-factor authentication',
    description: 'Administrators reach the clusters and the management segment only through the hospital VPN with a second factor.',
    evidence: [
      'VPN gateway configuration export showing the second-factor (OTP/certificate) requirement for the admin profile',
      'List of VPN accounts with their second-factor enrolment status',
      'Sample of VPN login logs from the audit period showing the second-factor step',
    ],
    frequency: 'quarterly',
    controls: { mlps: ['8.1.4.1', '8.1.3.1'], hipaa: ['164.312(d)', '164.312(a)(2)(i)'], pipl: ['Art. 51'], operationsPlan: 'ops-5.3' },
  },
  {
    id: 'manual/apiserver-encryption-config',
    title: 'Kubernetes Secrets are encrypted at rest in etcd',
    description: 'kube-apiserver runs with --encryption-provider-config using aescbc/aesgcm or a KMS provider; the key is held outside etcd.',
    evidence: [
      'kube-apiserver manifest/flags showing --encryption-provider-config',
      'The EncryptionConfiguration (provider list, without key material) and the KMS key policy',
      'Output of reading a test Secret directly from etcd showing the k8s:enc: prefix',
    ],
    frequency: 'after each control-plane upgrade, at least yearly',
    controls: { mlps: ['8.1.4.8'], hipaa: ['164.312(a)(2)(iv)'], pipl: ['Art. 51'], operationsPlan: 'ops-6.2' },
  },
  {
    id: 'manual/apiserver-audit-policy',
    title: 'API-server audit logging is enabled and shipped off the cluster',
    description: 'kube-apiserver writes an audit log (policy covering Secrets, RBAC and exec) to storage the cluster admins cannot alter.',
    evidence: ['kube-apiserver audit policy file and flags', 'Log storage retention settings (≥ 6 months)', 'Sample audit events of a kubectl exec'],
    frequency: 'yearly',
    controls: { mlps: ['8.1.4.3', '8.1.5.2'], hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'], operationsPlan: 'ops-8.3' },
  },
  {
    id: 'manual/staff-training',
    title: 'Staff with platform access complete security training',
    description: 'Platform engineers, on-call staff and administrators complete security awareness and privacy training yearly.',
    evidence: [
      'Training curriculum covering medical-record privacy (PIPL/HIPAA) and incident reporting',
      'Attendance records / certificates per person',
      'List of people with cluster access, matched against the attendance list',
    ],
    frequency: 'yearly',
    controls: { mlps: ['8.1.8.3'], hipaa: ['164.308(a)(5)(i)'], pipl: ['Art. 51'], operationsPlan: 'ops-10.1' },
  },
  {
    id: 'manual/vendor-sla',
    title: 'Vendors of clinical systems and infrastructure have SLAs and data-processing agreements',
    description: 'Vendors of HIS, EMR, LIS, PACS and hosting services commit to response times and data-protection duties.',
    evidence: [
      'Signed contracts with SLA annexes (availability, response and resolution times)',
      'Data-processing / business-associate agreements',
      'Last SLA performance review minutes',
    ],
    frequency: 'yearly and at contract renewal',
    controls: { mlps: ['8.1.9.10', '8.1.10.14'], hipaa: ['164.308(b)(1)'], pipl: ['Art. 21'], operationsPlan: 'ops-10.2' },
  },
  {
    id: 'manual/machine-room-access',
    title: 'Physical access to machine rooms is controlled and logged',
    description: 'Machine rooms of the main data centre and the DR site use electronic access control, visitor registration and video surveillance.',
    evidence: ['Access-card list for the machine rooms and its last review', 'Visitor log sample', 'Video retention settings (≥ 3 months)'],
    frequency: 'quarterly',
    controls: { mlps: ['8.1.1.2', '8.1.1.3'], hipaa: ['164.310(a)(1)', '164.310(a)(2)(iii)'], operationsPlan: 'ops-10.3' },
  },
  {
    id: 'manual/restore-drill',
    title: 'Backups are restored in a drill',
    description:
      'A backup of each medical-record data store is restored into an isolated environment and verified, every month (policies/plan.yaml: backup.restoreDrill). The drill CronJobs are proved by backup/restore-drill-monthly; this control is the evidence that each drill ran and the data checked out.',
    evidence: [
      'Restore drill report with timestamps (achieved RTO/RPO), one per data store per month',
      'Checksum or row-count comparison of the restored data',
    ],
    frequency: 'monthly',
    controls: { mlps: ['8.1.4.9', '8.1.10.11'], hipaa: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(D)'], operationsPlan: 'ops-7.1' },
  },
  {
    id: 'manual/dr-failover-drill',
    title: 'Failover to the DR site is exercised',
    description: 'The core clinical systems are failed over to the dr environment and back within the RTO.',
    evidence: ['Failover drill plan and report with measured RTO ≤ 30 min', 'Issues found and their follow-up'],
    frequency: 'yearly',
    controls: { mlps: ['8.1.10.13'], hipaa: ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(D)'], operationsPlan: 'ops-7.2' },
  },
  {
    id: 'manual/incident-response',
    title: 'Security incidents are handled and reported by a documented procedure',
    description: 'An incident response plan names roles, escalation, and the duty to notify regulators and patients of personal-information leaks.',
    evidence: ['Incident response plan and its approval', 'Incident register for the audit period', 'Last tabletop exercise report'],
    frequency: 'yearly',
    controls: { mlps: ['8.1.10.12', '8.1.10.13'], hipaa: ['164.308(a)(6)(i)', '164.308(a)(6)(ii)'], pipl: ['Art. 57'], operationsPlan: 'ops-8.1' },
  },
  {
    id: 'manual/access-review',
    title: 'Cluster access and break-glass use are reviewed',
    description: 'Membership of RBAC groups and every use of the break-glass group are reviewed and justified.',
    evidence: ['Identity-provider export of group memberships with reviewer sign-off', 'Break-glass usage log with ticket references'],
    frequency: 'quarterly',
    controls: { mlps: ['8.1.4.2', '8.1.7.3'], hipaa: ['164.308(a)(4)(ii)(C)', '164.312(a)(2)(ii)'], pipl: ['Art. 51'], operationsPlan: 'ops-5.2' },
  },
  {
    id: 'manual/mlps-filing-and-assessment',
    title: 'The system is filed at MLPS Level 3 and assessed yearly',
    description: 'The hospital information system is graded and filed with the public security bureau and assessed by an accredited body.',
    evidence: ['Filing certificate (备案证明)', 'Latest classified-protection assessment report (等级测评报告) and remediation plan'],
    frequency: 'yearly',
    controls: { mlps: ['8.1.9.9'], hipaa: ['164.308(a)(8)'], pipl: ['Art. 54'], operationsPlan: 'ops-1' },
  },
  {
    id: 'manual/pi-impact-assessment',
    title: 'Personal-information protection impact assessment for medical data processing',
    description: 'Processing of sensitive personal information (medical records) is assessed before new systems go live.',
    evidence: ['Impact assessment reports per clinical system', 'Records kept ≥ 3 years'],
    frequency: 'per new system or major change',
    controls: { mlps: ['8.1.4.11'], hipaa: ['164.308(a)(1)(ii)(A)'], pipl: ['Art. 28', 'Art. 55'], operationsPlan: 'ops-1' },
  },
];
