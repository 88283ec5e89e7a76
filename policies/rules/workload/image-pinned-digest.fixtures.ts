import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';

const image = (name: string, reference: string) => hardenedContainer(name, { image: reference });

export const imagePinnedDigestFixtures: RuleFixtures = {
  ruleId: 'workload/image-pinned-digest',
  pass: [{ name: 'digest-pinned images', terraform: workload('kubernetes_cron_job_v1', 'backup', { initContainers: [hardenedInitContainer()] }) }],
  fail: [
    { name: 'latest tag', terraform: workload('kubernetes_deployment_v1', 'web', { containers: [image('web', 'nginx:latest')] }), message: 'mutable tag "latest"' },
    { name: 'no tag', terraform: workload('kubernetes_deployment_v1', 'web', { containers: [image('web', 'registry.local:5000/his/web')] }), message: 'no tag' },
    {
      name: 'init container with a plain tag',
      terraform: workload('kubernetes_job_v1', 'migrate', { initContainers: [hardenedInitContainer('wait', { image: 'busybox:1.36' })] }),
      message: 'init container "wait"',
    },
    {
      name: 'image from an unresolvable variable',
      terraform: workload('kubernetes_deployment_v1', 'emr', { containers: [image('emr', '${var.emr_image}')] }),
      message: 'failing closed',
    },
  ],
};
