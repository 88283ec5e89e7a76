import { BINDING_TYPES } from '../../kubernetes';
import type { Estate, ResourceRule } from '../../model';
import { breakGlassGroupsOf } from '../../options';
import { planOf, plannedZone } from '../../plan/facts';
import { bindingObject, rbacObjects, ROLE_ANNOTATION, subjectKey, type Subject } from '../../rbac';
import { FAIL_CLOSED } from '../workload/container-check';
import { effectiveRules, secretAccess } from './effective-permissions';

const MEDICAL_ZONE = 'medical';
/** The binding annotation value of the clinical liaison role (which may never read Secrets, anywhere). */
const CLINICAL_LIAISON = 'clinicalLiaison';

/** `*` in a plan pattern matches any run of characters; everything else literally. */
export const patternMatches = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(value);

/** The medical-zone namespaces a binding's grants reach: its own namespace, or all of them cluster-wide. */
export function medicalReach(estate: Estate, namespace: string | undefined): string[] {
  const plan = planOf(estate);
  if (namespace === undefined)
    return Object.entries(plan.segments.namespaces)
      .filter(([, zone]) => zone === MEDICAL_ZONE)
      .map(([name]) => name);
  return plannedZone(plan, namespace) === MEDICAL_ZONE ? [namespace] : [];
}

/** Whether the plan's `access.secretReaders` (or the break-glass groups) let this subject read Secrets in every namespace listed. */
function allowedReader(estate: Estate, environment: string, subject: Subject, namespaces: readonly string[], liaison: boolean): boolean {
  if (subject.kind === 'Group' && breakGlassGroupsOf(estate, environment).includes(subject.name)) return true;
  if (liaison) return false;
  const key = subjectKey(subject);
  return planOf(estate).access.secretReaders.some(
    (reader) => reader.subjects.some((pattern) => patternMatches(pattern, key)) && namespaces.every((namespace) => reader.namespaces.includes(namespace)),
  );
}

export const medicalSecretsReaders: ResourceRule = {
  id: 'rbac/medical-secrets-readers',
  profile: 'platform',
  title: 'Only the declared secret readers may read Secrets in the medical zone',
  severity: 'high',
  rationale:
    'The Secrets of the medical namespaces hold the database credentials of every medical record: whoever can get, list or watch them (directly, through `*`, through a built-in or aggregated role, or by impersonation) can read the records. Least privilege allows that only to the break-glass group and to the roles the plan declares (database administrators in the data-store namespaces); the clinical liaison may read none anywhere.',
  remediation:
    'Remove `secrets` (and `*`) from the role bound here, or bind it only to a subject listed in policies/plan.yaml access.secretReaders for this namespace; workloads receive their credentials through secretKeyRef/volumes, which need no RBAC.',
  resourceTypes: BINDING_TYPES,
  controls: { mlps: ['8.1.4.2', '8.1.5.3'], hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'], pipl: ['Art. 51'], operationsPlan: 'ops-5.1' },
  planKeys: ['access.secretReaders', 'segments.namespaces'],
  scope: 'resource',
  evaluate(resource, estate) {
    const binding = bindingObject(resource);
    const liaison = binding.annotations[ROLE_ANNOTATION] === CLINICAL_LIAISON;
    if (binding.namespace === '?') return { status: 'fail', message: `metadata[0].namespace ${FAIL_CLOSED}` };
    const reach = medicalReach(estate, binding.namespace);
    if (reach.length === 0 && !liaison)
      return { status: 'not-applicable', message: `grants nothing in a namespace of the medical zone (${binding.namespace ?? 'cluster-wide'})` };
    const rules = effectiveRules(estate, binding, rbacObjects(estate, resource.environment).roles);
    const role = `${binding.roleRef.kind} ${binding.roleRef.name}`;
    if (!rules)
      return {
        status: 'fail',
        message: `role_ref names ${role}, which this configuration does not declare: what it grants in ${reach.join(', ')} cannot be judged`,
      };
    const access = secretAccess(rules);
    if ('unknown' in access) return { status: 'fail', message: `the rules of ${role} are ${FAIL_CLOSED}` };
    if (!access.reads) return { status: 'pass', message: `${role} reads no Secrets` };
    const where =
      binding.namespace === undefined
        ? `every namespace (medical zone: ${reach.join(', ')})`
        : `namespace ${binding.namespace}${reach.length ? ' (medical zone)' : ''}`;
    const offenders = binding.subjects.filter((subject) => subject.kind === '?' || !allowedReader(estate, resource.environment, subject, reach, liaison));
    if (offenders.length === 0)
      return { status: 'pass', message: `${role} reads Secrets in ${where} only for declared secret readers (${binding.subjects.map(subjectKey).join(', ')})` };
    return {
      status: 'fail',
      message: `${offenders.map(subjectKey).join(', ')} may read Secrets in ${where} through ${role} (${access.how})${liaison ? ' although the binding stands for the clinical liaison' : ''}; only the break-glass group and policies/plan.yaml access.secretReaders may`,
      details: { subjects: offenders.map(subjectKey), role },
    };
  },
};
