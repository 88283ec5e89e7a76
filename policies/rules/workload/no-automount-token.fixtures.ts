import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { ANNOTATIONS } from '../../labels';

export const noAutomountTokenFixtures: RuleFixtures = {
  ruleId: 'workload/no-automount-token',
  pass: [
    { name: 'token not mounted', terraform: workload('kubernetes_deployment_v1', 'emr') },
    {
      name: 'declared need for the API',
      terraform: (() => {
        const document = workload('kubernetes_deployment_v1', 'operator', { podSpec: { automount_service_account_token: true } });
        const body = (document.resource as Record<string, Record<string, { metadata: Record<string, unknown> }>>).kubernetes_deployment_v1.operator;
        body.metadata.annotations = { [ANNOTATIONS.serviceAccountToken]: 'required' };
        return document;
      })(),
    },
  ],
  fail: [
    { name: 'default automount', terraform: workload('kubernetes_pod_v1', 'app', { podSpec: { automount_service_account_token: undefined } }), message: 'mounts the token by default' },
  ],
};
