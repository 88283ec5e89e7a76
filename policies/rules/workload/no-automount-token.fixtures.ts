import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { ANNOTATIONS } from '../../labels';
import { editedWorkload, podSpecCases } from './fixture-builders';

type Json = Record<string, unknown>;
const requiredToken = { [ANNOTATIONS.serviceAccountToken]: 'required' };
/** A Deployment mounting the token, with `annotations` on the workload object or on its pod template. */
const mountingDeployment = (name: string, on: 'workload' | 'template', annotations: unknown) =>
  editedWorkload(
    'kubernetes_deployment_v1',
    name,
    (body) => {
      const metadata = on === 'workload' ? (body.metadata as Json) : (((body.spec as Json).template as Json).metadata as Json);
      metadata.annotations = annotations;
    },
    { podSpec: { automount_service_account_token: true } },
  );

export const noAutomountTokenFixtures: RuleFixtures = {
  ruleId: 'workload/no-automount-token',
  pass: [
    {
      name: 'token not mounted',
      terraform: workload('kubernetes_deployment_v1', 'emr'),
      message: 'spec[0].template[0].spec[0].automount_service_account_token is false',
    },
    {
      name: 'declared need for the API',
      terraform: mountingDeployment('operator', 'workload', requiredToken),
      message: `token mount declared with ${ANNOTATIONS.serviceAccountToken}: required`,
    },
    {
      name: 'need declared on the pod template',
      terraform: mountingDeployment('operator', 'template', requiredToken),
      message: `token mount declared with ${ANNOTATIONS.serviceAccountToken}: required`,
    },
    {
      name: 'need declared on a bare pod',
      terraform: editedWorkload('kubernetes_pod_v1', 'operator', (body) => ((body.metadata as Json).annotations = requiredToken), {
        podSpec: { automount_service_account_token: true },
      }),
    },
  ],
  fail: [
    {
      name: 'default automount',
      terraform: workload('kubernetes_pod_v1', 'app', { podSpec: { automount_service_account_token: undefined } }),
      message: 'spec[0].automount_service_account_token is unset (Kubernetes mounts the token by default)',
    },
    {
      name: 'token mounted without a declared need',
      terraform: workload('kubernetes_deployment_v1', 'emr', { podSpec: { automount_service_account_token: true } }),
      message: 'spec[0].template[0].spec[0].automount_service_account_token is true',
    },
    {
      name: 'annotation other than required',
      terraform: mountingDeployment('operator', 'template', { [ANNOTATIONS.serviceAccountToken]: 'optional' }),
      message: 'automount_service_account_token is true',
    },
    {
      name: 'annotations known only after apply do not declare the need',
      terraform: mountingDeployment('operator', 'workload', '${var.annotations}'),
      message: 'automount_service_account_token is true',
    },
    {
      name: 'automount known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'emr', { podSpec: { automount_service_account_token: '${var.automount}' } }),
      message: 'spec[0].template[0].spec[0].automount_service_account_token is known only after apply',
    },
    ...podSpecCases.fail,
  ],
  skip: [
    ...podSpecCases.skip,
    {
      name: 'deployment declaring the need but without a pod spec',
      terraform: editedWorkload('kubernetes_deployment_v1', 'skeleton-operator', (body) => {
        (body.metadata as Json).annotations = requiredToken;
        delete ((body.spec as Json).template as Json).spec;
      }),
      message: 'the workload declares no pod spec',
    },
  ],
};
