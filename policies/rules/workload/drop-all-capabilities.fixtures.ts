import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, workload } from '../fixture-builders';

const withCapabilities = (capabilities: Record<string, unknown>) =>
  hardenedContainer('app', { security_context: { allow_privilege_escalation: false, run_as_non_root: true, capabilities } });

export const dropAllCapabilitiesFixtures: RuleFixtures = {
  ruleId: 'workload/drop-all-capabilities',
  pass: [
    { name: 'drop ALL', terraform: workload('kubernetes_deployment_v1', 'registration') },
    { name: 'drop ALL, add NET_BIND_SERVICE', terraform: workload('kubernetes_deployment_v1', 'gateway', { containers: [withCapabilities({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] })] }) },
  ],
  fail: [
    { name: 'capabilities not dropped', terraform: workload('kubernetes_pod_v1', 'shell', { containers: [withCapabilities({})] }), message: 'does not contain "ALL"' },
    {
      name: 'adds NET_ADMIN',
      terraform: workload('kubernetes_daemon_set_v1', 'cni', { containers: [withCapabilities({ drop: ['ALL'], add: ['NET_ADMIN'] })] }),
      message: 'NET_ADMIN',
    },
  ],
};
