import type { RuleFixtures } from '../fixtures';
import { terraform } from '../fixture-builders';
import { appSelector, isolatedHospital, tfDefaultDeny, tfNamespace, tfNetworkPolicy, tfService } from './fixture-builders';

/** A medical namespace `lab` with the LIS, denied by default, plus the given policies. */
const lab = (...policies: Record<string, unknown>[]) => terraform(tfNamespace('lab', 'medical'), tfService('lab', 'lis'), tfDefaultDeny('lab'), ...policies);
const lisIngress = (from: readonly Record<string, unknown>[]) =>
  tfNetworkPolicy('lab', 'lis', { pod_selector: appSelector('lis'), policy_types: ['Ingress'], ingress: [{ from, ports: [{ port: 'http' }] }] });

export const noOpenIngressFixtures: RuleFixtures = {
  ruleId: 'network/no-open-ingress',
  pass: [
    {
      name: 'medical workloads admit only named peers',
      terraform: isolatedHospital(),
      resource: 'kubernetes_deployment_v1.his_emr',
      message: 'his/emr: ingress only from named peers (kubernetes_network_policy_v1.his_default_deny, kubernetes_network_policy_v1.his_emr)',
    },
    {
      name: 'an ingress rule from a narrow ipBlock (the analyser network)',
      terraform: lab(lisIngress([{ ip_block: { cidr: '10.20.0.0/16' } }])),
      resource: 'kubernetes_deployment_v1.lab_lis',
      message: 'ingress only from named peers',
    },
    {
      name: 'an empty namespace selector narrowed by a pod selector',
      terraform: lab(lisIngress([{ namespace_selector: {}, pod_selector: appSelector('lis-gateway') }])),
      resource: 'kubernetes_deployment_v1.lab_lis',
      message: 'ingress only from named peers',
    },
    {
      name: 'an ingress rule from every pod of the same namespace',
      terraform: lab(lisIngress([{ pod_selector: {} }])),
      resource: 'kubernetes_deployment_v1.lab_lis',
      message: 'ingress only from named peers',
    },
  ],
  fail: [
    {
      name: 'a medical workload without any ingress policy',
      terraform: terraform(tfNamespace('lab', 'medical'), tfService('lab', 'lis')),
      resource: 'kubernetes_deployment_v1.lab_lis',
      message: 'no NetworkPolicy isolates its ingress',
    },
    {
      name: 'a medical workload selected only by an egress policy',
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfService('lab', 'lis'),
        tfNetworkPolicy('lab', 'lis-egress', {
          pod_selector: appSelector('lis'),
          policy_types: ['Egress'],
          egress: [{ to: [{ pod_selector: appSelector('lis-db') }] }],
        }),
      ),
      resource: 'kubernetes_deployment_v1.lab_lis',
      message: 'lab/lis: no NetworkPolicy isolates its ingress',
    },
    {
      name: 'a medical workload whose namespace has an open policy for another app only',
      failing: ['kubernetes_deployment_v1.lab_lis', 'kubernetes_network_policy_v1.lab_gateway'],
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfService('lab', 'lis'),
        tfNetworkPolicy('lab', 'gateway', { pod_selector: appSelector('lis-gateway'), policy_types: ['Ingress'], ingress: [{}] }),
      ),
      resource: 'kubernetes_deployment_v1.lab_lis',
      message: 'lab/lis: no NetworkPolicy isolates its ingress',
    },
    {
      name: 'an ingress rule from the whole internet',
      terraform: lab(lisIngress([{ ip_block: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }])),
      message: 'the whole internet',
    },
    {
      name: 'an ingress rule from the whole IPv6 internet',
      terraform: lab(lisIngress([{ ip_block: { cidr: '::/0' } }])),
      resource: 'kubernetes_deployment_v1.lab_lis',
      message: 'kubernetes_network_policy_v1.lab_lis ingress[0]: ipBlock ::/0 (the whole internet)',
    },
    {
      name: 'an ingress rule from every namespace',
      terraform: isolatedHospital(
        tfNetworkPolicy('his', 'emr-vendor', {
          pod_selector: appSelector('emr'),
          policy_types: ['Ingress'],
          ingress: [{ from: [{ namespace_selector: {} }] }],
        }),
      ),
      resource: 'kubernetes_deployment_v1.his_emr',
      message: 'every pod of every namespace',
    },
    {
      name: 'an ingress rule from every pod of every namespace (both selectors empty)',
      terraform: lab(lisIngress([{ namespace_selector: {}, pod_selector: {} }])),
      resource: 'kubernetes_deployment_v1.lab_lis',
      message: 'every pod of every namespace',
    },
    {
      name: 'an ingress rule without from',
      resource: 'kubernetes_deployment_v1.his_emr',
      terraform: isolatedHospital(
        tfNetworkPolicy('his', 'emr-ports-only', { pod_selector: appSelector('emr'), policy_types: ['Ingress'], ingress: [{ ports: [{ port: '8050' }] }] }),
      ),
      message: 'the rule has no from',
    },
    {
      name: 'an unreadable network model (an ip_block without cidr) fails closed',
      terraform: lab(lisIngress([{ ip_block: {} }])),
      resource: 'network:medical',
      message: 'kubernetes_network_policy_v1.lab_lis: spec[0].ingress[0].from[0].ip_block[0].cidr: a CIDR is required',
    },
  ],
};
