import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';
import { containerListCases } from './fixture-builders';

const image = (name: string, reference: string) => hardenedContainer(name, { image: reference });
const { image: _image, ...withoutImage } = hardenedContainer('web');

export const imagePinnedDigestFixtures: RuleFixtures = {
  ruleId: 'workload/image-pinned-digest',
  pass: [
    {
      name: 'digest-pinned images',
      terraform: workload('kubernetes_cron_job_v1', 'backup', { initContainers: [hardenedInitContainer()] }),
      message: '2 container(s) checked: all images are pinned by digest',
    },
    {
      name: 'digest without a tag',
      terraform: workload('kubernetes_deployment_v1', 'web', { containers: [image('web', `nginx@sha256:${'a'.repeat(64)}`)] }),
    },
  ],
  fail: [
    {
      name: 'latest tag',
      terraform: workload('kubernetes_deployment_v1', 'web', { containers: [image('web', 'nginx:latest')] }),
      message: '.image "nginx:latest" uses the mutable tag "latest"',
    },
    {
      name: 'no tag',
      terraform: workload('kubernetes_deployment_v1', 'web', { containers: [image('web', 'registry.local:5000/his/web')] }),
      message: '.image "registry.local:5000/his/web" has no tag and no digest (pulls latest)',
    },
    {
      name: 'init container with a plain tag',
      terraform: workload('kubernetes_job_v1', 'migrate', { initContainers: [hardenedInitContainer('wait', { image: 'busybox:1.36' })] }),
      message: 'init container "wait": spec[0].template[0].spec[0].init_container[0].image "busybox:1.36" uses the tag "1.36" without a digest',
    },
    {
      name: 'truncated digest',
      terraform: workload('kubernetes_deployment_v1', 'web', { containers: [image('web', 'nginx:1.27@sha256:0f3c4b9d')] }),
      message: 'has a malformed digest (expected @sha256:<64 hex>)',
    },
    { name: 'image unset', terraform: workload('kubernetes_deployment_v1', 'web', { containers: [withoutImage] }), message: 'container[0].image is unset' },
    { name: 'image empty', terraform: workload('kubernetes_deployment_v1', 'web', { containers: [image('web', '')] }), message: 'container[0].image is unset' },
    {
      name: 'image from an unresolvable variable',
      terraform: workload('kubernetes_deployment_v1', 'emr', { containers: [image('emr', '${var.emr_image}')] }),
      message: 'container[0].image is known only after apply',
    },
    ...containerListCases.fail,
  ],
  skip: containerListCases.skip,
};
