import type { RuleFixtures } from '../fixtures';
import { namespace, plannedEstate, terraform, without } from './fixture-builders';

export const namespaceZonesFixtures: RuleFixtures = {
  ruleId: 'plan/namespace-zones',
  pass: [
    {
      name: 'every namespace of the plan in its zone',
      terraform: plannedEstate(),
      resource: 'kubernetes_namespace_v1.guest_services',
      message: 'namespace guest-services is in the guest zone, as planned',
    },
    {
      name: 'a namespace the plan does not name, in one of its zones',
      terraform: namespace('research', 'medical'),
      environment: 'dev',
      message: 'namespace research is in the medical zone',
    },
  ],
  fail: [
    {
      name: 'guest namespace relabelled as dmz',
      terraform: terraform(without(plannedEstate(), 'kubernetes_namespace_v1', 'guest_services'), namespace('guest-services', 'dmz')),
      resource: 'kubernetes_namespace_v1.guest_services',
      message: 'namespace guest-services belongs to the guest zone in the plan, but metadata[0].labels["platform.hospital/segment"] is "dmz"',
    },
    { name: 'segment label removed', terraform: namespace('emr'), environment: 'dev', message: 'is unset' },
    {
      name: 'a zone the plan does not know',
      terraform: namespace('research', 'lab'),
      environment: 'dev',
      message: 'is "lab", expected one of the plan\'s zones',
    },
    {
      name: 'a namespace of the plan missing in production',
      terraform: without(plannedEstate(), 'kubernetes_namespace_v1', 'security'),
      resource: 'plan.segments.namespaces.security',
      message: 'namespace security (management zone) is not declared',
    },
  ],
};
