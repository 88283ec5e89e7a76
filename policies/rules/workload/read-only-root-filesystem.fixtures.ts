import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';

export const readOnlyRootFilesystemFixtures: RuleFixtures = {
  ruleId: 'workload/read-only-root-filesystem',
  pass: [{ name: 'hardened cron job', terraform: workload('kubernetes_cron_job', 'report', { initContainers: [hardenedInitContainer()] }) }],
  fail: [
    {
      name: 'writable root filesystem',
      terraform: workload('kubernetes_deployment_v1', 'pacs-viewer', {
        containers: [hardenedContainer('viewer', { security_context: { read_only_root_filesystem: false, run_as_non_root: true } })],
      }),
      message: 'read_only_root_filesystem is false',
    },
  ],
};
