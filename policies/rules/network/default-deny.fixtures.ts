import type { RuleFixtures } from '../fixtures';
import { terraform } from '../fixture-builders';
import { isolatedHospital, tfNamespace, tfNetworkPolicy } from './fixture-builders';

export const defaultDenyFixtures: RuleFixtures = {
  ruleId: 'network/default-deny',
  pass: [
    { name: 'every namespace has a deny-all policy', terraform: isolatedHospital() },
    {
      name: 'separate ingress and egress deny policies, the egress one allowing DNS',
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfNetworkPolicy('lab', 'deny-ingress', { pod_selector: {}, policy_types: ['Ingress'] }),
        tfNetworkPolicy('lab', 'deny-egress-but-dns', {
          pod_selector: {},
          policy_types: ['Egress'],
          egress: [{ to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'kube-system' } }, pod_selector: { match_labels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }] }],
        }),
      ),
      resource: 'kubernetes_namespace_v1.lab',
    },
  ],
  fail: [
    { name: 'a namespace without any policy', terraform: terraform(tfNamespace('pacs', 'medical')), resource: 'kubernetes_namespace_v1.pacs', message: 'isolates Ingress' },
    {
      name: 'ingress deny only (egress open)',
      terraform: terraform(tfNamespace('lab', 'medical'), tfNetworkPolicy('lab', 'deny', { pod_selector: {}, policy_types: ['Ingress'] })),
      message: 'no NetworkPolicy with an empty pod_selector isolates Egress',
    },
    {
      name: 'a deny policy that selects only some pods',
      terraform: terraform(tfNamespace('lab', 'medical'), tfNetworkPolicy('lab', 'deny', { pod_selector: { match_labels: { app: 'lis' } }, policy_types: ['Ingress', 'Egress'] })),
      message: 'isolates Ingress',
    },
    {
      name: 'a namespace-wide allow-all egress rule undoes the deny',
      terraform: terraform(tfNamespace('lab', 'medical'), tfNetworkPolicy('lab', 'deny', { pod_selector: {}, policy_types: ['Ingress', 'Egress'], egress: [{}] })),
      message: 'egress[0] allows all egress for every pod',
    },
  ],
};
