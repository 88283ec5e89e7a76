/**
 * Separation of duties (MLPS 8.1.4.2 / 8.1.5.1–8.1.5.3: system, audit and security administrators are
 * different people): which of the three duties a subject's permissions amount to.
 */
import type { Estate } from '../model';
import { auditNamespacesOf, breakGlassGroupsOf } from '../options';
import { roleOfBinding } from './matrix';
import { rbacObjects, rulesOf, subjectKey, type BindingObject, type RbacRule } from './objects';

export type Duty = 'system administration' | 'audit' | 'security administration';

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const READ_VERBS = ['get', 'list', 'watch'];
/** Changing what runs: workloads, their scale and configuration, and commands inside pods. */
const WORKLOAD_RESOURCES = [
  'pods',
  'pods/exec',
  'pods/attach',
  'pods/ephemeralcontainers',
  'deployments',
  'deployments/scale',
  'statefulsets',
  'statefulsets/scale',
  'daemonsets',
  'replicasets',
  'replicasets/scale',
  'replicationcontrollers',
  'jobs',
  'cronjobs',
  'horizontalpodautoscalers',
  'configmaps',
];
/** Audit data: the IDS and security logs, and whatever credentials or configuration sit beside them. */
const AUDIT_RESOURCES = ['pods/log', 'secrets', 'configmaps'];
/** Security policy: who may do what, and which flows are allowed. */
const SECURITY_RESOURCES = ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings', 'networkpolicies'];
const SECURITY_VERBS = [...WRITE_VERBS, 'bind', 'escalate'];

const any = (granted: readonly string[], wanted: readonly string[]): boolean => granted.includes('*') || granted.some((value) => wanted.includes(value));

/** The duties one rule grants in `namespace` ('*' for cluster-wide), given the audit namespaces. */
export function dutiesOfRule(rule: RbacRule, namespace: string | undefined, auditNamespaces: readonly string[]): Duty[] {
  const duties: Duty[] = [];
  if (rule.verbs.includes('impersonate')) return ['system administration', 'audit', 'security administration'];
  if (any(rule.verbs, WRITE_VERBS) && any(rule.resources, WORKLOAD_RESOURCES)) duties.push('system administration');
  const inAudit = namespace === undefined || auditNamespaces.includes(namespace);
  if (inAudit && any(rule.verbs, READ_VERBS) && any(rule.resources, AUDIT_RESOURCES)) duties.push('audit');
  if (any(rule.verbs, SECURITY_VERBS) && any(rule.resources, SECURITY_RESOURCES)) duties.push('security administration');
  return duties;
}

export interface SubjectDuties {
  readonly environment: string;
  readonly subject: string;
  /** Each duty with the bindings that grant it. */
  readonly duties: ReadonlyMap<Duty, readonly BindingObject[]>;
  readonly bindings: readonly BindingObject[];
  readonly breakGlass: boolean;
}

/** Every person-like subject (Group, User) of an environment with the duties its bindings add up to. */
export function subjectDuties(estate: Estate, environment: string): SubjectDuties[] {
  const auditNamespaces = auditNamespacesOf(estate, environment);
  const breakGlassGroups = breakGlassGroupsOf(estate, environment);
  const { roles, bindings } = rbacObjects(estate, environment);
  const subjects = new Map<string, { duties: Map<Duty, BindingObject[]>; bindings: BindingObject[]; breakGlass: boolean }>();
  for (const binding of bindings) {
    const rules = rulesOf(binding, roles) ?? [];
    for (const subject of binding.subjects) {
      if (subject.kind !== 'Group' && subject.kind !== 'User') continue;
      const key = subjectKey(subject);
      const entry = subjects.get(key) ?? {
        duties: new Map<Duty, BindingObject[]>(),
        bindings: [] as BindingObject[],
        breakGlass: subject.kind === 'Group' && breakGlassGroups.includes(subject.name),
      };
      entry.bindings.push(binding);
      for (const rule of rules) {
        for (const duty of dutiesOfRule(rule, binding.namespace, auditNamespaces)) {
          const granting = entry.duties.get(duty) ?? [];
          if (!granting.includes(binding)) granting.push(binding);
          entry.duties.set(duty, granting);
        }
      }
      subjects.set(key, entry);
    }
  }
  return [...subjects].map(([subject, entry]) => ({ environment, subject, ...entry }));
}

export const describeBinding = (binding: BindingObject): string =>
  `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name} (${roleOfBinding(binding)})`;
