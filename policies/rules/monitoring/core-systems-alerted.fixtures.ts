import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { coreDeployment, coreSystemDown, prometheusStack, terraform } from './fixture-builders';

const AVAILABLE = 'kube_deployment_status_replicas_available';

export const coreSystemsAlertedFixtures: RuleFixtures = {
  ruleId: 'monitoring/core-systems-alerted',
  pass: [
    {
      name: 'registration and emr selected by regex',
      terraform: terraform(
        coreDeployment('registration', 'his'),
        coreDeployment('emr', 'emr'),
        coreDeployment('pacs', 'pacs', 'standard'),
        prometheusStack([coreSystemDown(`max by (namespace, deployment) (${AVAILABLE}{namespace=~"his|emr",deployment=~"registration|emr"}) < 1`)]),
      ),
    },
    {
      name: 'a canary beside its alerted stable Deployment',
      terraform: terraform(
        coreDeployment('billing', 'his'),
        workload('kubernetes_deployment_v1', 'billing-canary', { namespace: 'his', labels: { 'platform.hospital/tier': 'core', 'platform.hospital/track': 'canary' } }),
        prometheusStack([coreSystemDown(`${AVAILABLE}{namespace="his",deployment="billing"} < 1`)]),
      ),
    },
    {
      name: 'a selector without deployment matcher covers every deployment',
      terraform: terraform(coreDeployment('lis', 'lis'), prometheusStack([coreSystemDown(`${AVAILABLE}{namespace="lis"} == 0`)])),
    },
  ],
  fail: [
    {
      name: 'billing missing from the expression',
      terraform: terraform(
        coreDeployment('registration', 'his'),
        coreDeployment('billing', 'his'),
        prometheusStack([coreSystemDown(`${AVAILABLE}{namespace="his",deployment=~"registration"} < 1`)]),
      ),
      resource: 'kubernetes_deployment_v1.billing',
      message: 'none selecting it',
    },
    {
      name: 'CoreSystemDown only P2',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`, 'P2')])),
      message: 'severity P2',
    },
    {
      name: 'no kube-prometheus-stack at all',
      terraform: terraform(coreDeployment('emr', 'emr')),
      message: 'no kube-prometheus-stack helm_release',
    },
  ],
};
