import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';
import { containerListCases } from './fixture-builders';

const withRootFilesystem = (name: string, readOnly: unknown) =>
  hardenedContainer(name, { security_context: { read_only_root_filesystem: readOnly, run_as_non_root: true } });

export const readOnlyRootFilesystemFixtures: RuleFixtures = {
  ruleId: 'workload/read-only-root-filesystem',
  pass: [
    {
      name: 'hardened cron job',
      terraform: workload('kubernetes_cron_job', 'report', { initContainers: [hardenedInitContainer()] }),
      message: '2 container(s) checked: all root filesystems are read-only',
    },
  ],
  fail: [
    {
      name: 'writable root filesystem',
      terraform: workload('kubernetes_deployment_v1', 'pacs-viewer', { containers: [withRootFilesystem('viewer', false)] }),
      message: 'container[0].security_context[0].read_only_root_filesystem is false',
    },
    {
      name: 'read_only_root_filesystem unset',
      terraform: workload('kubernetes_deployment_v1', 'pacs-viewer', {
        containers: [hardenedContainer('viewer', { security_context: { run_as_non_root: true } })],
      }),
      message: 'container[0].security_context[0].read_only_root_filesystem is unset',
    },
    {
      name: 'read_only_root_filesystem known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'pacs-viewer', { containers: [withRootFilesystem('viewer', '${var.read_only}')] }),
      message: 'container[0].security_context[0].read_only_root_filesystem is known only after apply',
    },
    ...containerListCases.fail,
  ],
  skip: containerListCases.skip,
};
