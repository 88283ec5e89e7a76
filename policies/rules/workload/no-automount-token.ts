import { podTemplatePath, WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule, type RuleResult, type UnknownValue } from '../../model';
import { ANNOTATIONS } from '../../labels';
import { bool, get, map, type Values } from '../../values';
import { FAIL_CLOSED, podSpecOrResult } from './container-check';

const declaresToken = (annotations: Values | UnknownValue): boolean => !isUnknown(annotations) && annotations[ANNOTATIONS.serviceAccountToken] === 'required';

// Nearly every workload passes with one of a few results (one per pod spec path): share them.
const automountOffResults = new Map<string, RuleResult>();
function automountOffResult(podPath: string): RuleResult {
  let result = automountOffResults.get(podPath);
  // Stryker disable next-line ConditionalExpression: a cache; building the result again gives the same one
  if (!result) automountOffResults.set(podPath, (result = { status: 'pass', message: `${podPath}.automount_service_account_token is false` }));
  return result;
}

export const noAutomountToken: ResourceRule = {
  id: 'workload/no-automount-token',
  profile: 'generic',
  title: 'Service-account tokens are not mounted unless declared',
  severity: 'medium',
  rationale:
    'A mounted token lets anyone who compromises the pod call the Kubernetes API with the service account’s rights; most clinical applications never call it.',
  remediation: `Set \`automount_service_account_token = false\` in the pod spec, or declare the need with the annotation \`${ANNOTATIONS.serviceAccountToken}: required\` on the workload.`,
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.4.2'], hipaa: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'], operationsPlan: 'ops-5.1' },
  scope: 'resource',
  evaluate(resource) {
    const pod = podSpecOrResult(resource);
    if ('status' in pod) return pod;
    // On the workload, or on its pod template.
    const template = podTemplatePath(resource.type);
    const declared =
      declaresToken(map(resource.values, 'metadata[0].annotations')) ||
      (template ? declaresToken(map(get(resource.values, template), 'metadata[0].annotations')) : false);
    if (declared) return { status: 'pass', message: `token mount declared with ${ANNOTATIONS.serviceAccountToken}: required` };
    const value = pod.spec.automount_service_account_token;
    if (bool(value) === false) return automountOffResult(pod.path);
    const path = `${pod.path}.automount_service_account_token`;
    if (isUnknown(value)) return { status: 'fail', message: `${path} ${FAIL_CLOSED}` };
    return { status: 'fail', message: `${path} is ${value === undefined ? 'unset (Kubernetes mounts the token by default)' : JSON.stringify(value)}` };
  },
};
