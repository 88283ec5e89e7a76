import type { RuleFixtures } from '../fixtures';
import { terraform } from '../fixture-builders';
import { appSelector, isolatedHospital, tfDefaultDeny, tfNamespace, tfNetworkPolicy, tfService } from './fixture-builders';

export const noOpenIngressFixtures: RuleFixtures = {
  ruleId: 'network/no-open-ingress',
  pass: [{ name: 'medical workloads admit only named peers', terraform: isolatedHospital(), resource: 'kubernetes_deployment_v1.his_emr' }],
  fail: [
    {
      name: 'a medical workload without any ingress policy',
      terraform: terraform(tfNamespace('lab', 'medical'), tfService('lab', 'lis')),
      resource: 'kubernetes_deployment_v1.lab_lis',
      message: 'no NetworkPolicy isolates its ingress',
    },
    {
      name: 'an ingress rule from the whole internet',
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfService('lab', 'lis'),
        tfDefaultDeny('lab'),
        tfNetworkPolicy('lab', 'lis', { pod_selector: appSelector('lis'), policy_types: ['Ingress'], ingress: [{ from: [{ ip_block: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 'http' }] }] }),
      ),
      message: 'the whole internet',
    },
    {
      name: 'an ingress rule from every namespace',
      terraform: isolatedHospital(tfNetworkPolicy('his', 'emr-vendor', { pod_selector: appSelector('emr'), policy_types: ['Ingress'], ingress: [{ from: [{ namespace_selector: {} }] }] })),
      resource: 'kubernetes_deployment_v1.his_emr',
      message: 'every pod of every namespace',
    },
    {
      name: 'an ingress rule without from',
      terraform: isolatedHospital(tfNetworkPolicy('his', 'emr-ports-only', { pod_selector: appSelector('emr'), policy_types: ['Ingress'], ingress: [{ ports: [{ port: '8050' }] }] })),
      message: 'the rule has no from',
    },
  ],
};
