import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, workload } from '../fixture-builders';
import { containerListCases } from './fixture-builders';

const withCapabilities = (capabilities: Record<string, unknown>) =>
  hardenedContainer('app', { security_context: { allow_privilege_escalation: false, run_as_non_root: true, capabilities } });
const CAPABILITIES = 'container[0].security_context[0].capabilities[0]';

export const dropAllCapabilitiesFixtures: RuleFixtures = {
  ruleId: 'workload/drop-all-capabilities',
  pass: [
    { name: 'drop ALL', terraform: workload('kubernetes_deployment_v1', 'registration'), message: '1 container(s) checked: all drop ALL capabilities' },
    {
      name: 'drop ALL, add NET_BIND_SERVICE',
      terraform: workload('kubernetes_deployment_v1', 'gateway', { containers: [withCapabilities({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] })] }),
    },
    {
      name: 'drop "all" in lower case, add CAP_NET_BIND_SERVICE',
      terraform: workload('kubernetes_deployment_v1', 'gateway', {
        containers: [withCapabilities({ drop: ['NET_RAW', 'all'], add: ['cap_net_bind_service'] })],
      }),
    },
  ],
  fail: [
    {
      name: 'capabilities not dropped',
      terraform: workload('kubernetes_pod_v1', 'shell', { containers: [withCapabilities({})] }),
      message: 'spec[0].container[0].security_context[0].capabilities[0].drop does not contain "ALL" (unset)',
    },
    {
      name: 'drops only NET_RAW',
      terraform: workload('kubernetes_deployment_v1', 'shell', { containers: [withCapabilities({ drop: ['NET_RAW'] })] }),
      message: `${CAPABILITIES}.drop does not contain "ALL" (["NET_RAW"])`,
    },
    {
      name: 'adds NET_ADMIN',
      terraform: workload('kubernetes_daemon_set_v1', 'cni', { containers: [withCapabilities({ drop: ['ALL'], add: ['NET_ADMIN'] })] }),
      message: 'capabilities[0].add adds ["NET_ADMIN"] (only NET_BIND_SERVICE is allowed)',
    },
    {
      name: 'adds CAP_SYS_ADMIN beside NET_BIND_SERVICE',
      terraform: workload('kubernetes_daemon_set_v1', 'cni', { containers: [withCapabilities({ drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CAP_SYS_ADMIN'] })] }),
      message: 'capabilities[0].add adds ["CAP_SYS_ADMIN"]',
    },
    {
      name: 'drop list known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'gateway', { containers: [withCapabilities({ drop: '${var.dropped}' })] }),
      message: `${CAPABILITIES}.drop is known only after apply`,
    },
    {
      name: 'one dropped capability known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'gateway', { containers: [withCapabilities({ drop: ['${var.dropped_capability}'] })] }),
      message: `${CAPABILITIES}.drop is known only after apply`,
    },
    {
      name: 'add list known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'gateway', { containers: [withCapabilities({ drop: ['ALL'], add: '${var.added}' })] }),
      message: `${CAPABILITIES}.add is known only after apply`,
    },
    {
      name: 'one added capability known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'gateway', { containers: [withCapabilities({ drop: ['ALL'], add: ['${var.added_capability}'] })] }),
      message: `${CAPABILITIES}.add is known only after apply`,
    },
    {
      name: 'drop and add lists both known only after apply: drop reported first',
      terraform: workload('kubernetes_deployment_v1', 'gateway', { containers: [withCapabilities({ drop: '${var.dropped}', add: '${var.added}' })] }),
      message: `${CAPABILITIES}.drop is known only after apply`,
    },
    {
      name: 'add list known only after apply beside a drop list without ALL',
      terraform: workload('kubernetes_deployment_v1', 'gateway', { containers: [withCapabilities({ drop: ['NET_RAW'], add: '${var.added}' })] }),
      message: `${CAPABILITIES}.add is known only after apply`,
    },
    ...containerListCases.fail,
  ],
  skip: containerListCases.skip,
};
