/**
 * Which nodes a DaemonSet (or a chart's DaemonSet) can run on, against the nodes a zone's workloads run
 * on. Terraform carries no Node objects, so a zone's nodes are read from what its workloads ask for:
 * the labels they select (nodeSelector, single-valued `In` terms of required node affinity, the
 * namespace's `scheduler.alpha.kubernetes.io/node-selector`) and the taints their tolerations imply
 * (a workload that tolerates `platform.hospital/segment=medical:NoSchedule` runs on nodes with that
 * taint). A DaemonSet covers the zone when, for every such node profile, its nodeSelector and required
 * affinity admit the labels and its tolerations tolerate the taints.
 */
import { perEnvironment } from '../../estate';
import { NAMESPACE_TYPES, namespaceOf, podSpecOf, WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type Estate, type Resource } from '../../model';
import { planOf, plannedZone } from '../../plan/facts';
import { blocks, get, isObject, map, str, type Values } from '../../values';

export interface Toleration {
  readonly key?: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
  readonly effect?: string;
}

export interface Expression {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

export interface Placement {
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
  /** Required node affinity terms (any one must hold); undefined when there is none. */
  readonly terms?: readonly (readonly Expression[])[];
  /** Set when part of the placement is known only after apply. */
  readonly unknown?: string;
}

export interface Taint {
  readonly key: string;
  /** Undefined: any value (the workload tolerates the key with `Exists`). */
  readonly value?: string;
  readonly effect: string;
}

export interface NodeProfile {
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** A workload that runs there, for messages. */
  readonly example: string;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function toleration(entry: Values): Toleration {
  const key = str(entry.key);
  const value = str(entry.value);
  const effect = str(entry.effect);
  return {
    ...(key ? { key } : {}),
    operator: entry.operator === 'Exists' ? 'Exists' : 'Equal',
    ...(value !== undefined ? { value } : {}),
    ...(effect ? { effect } : {}),
  };
}

/** The placement of a Terraform workload's pod spec (snake_case blocks). */
export function podPlacement(resource: Resource): Placement {
  const pod = podSpecOf(resource);
  const spec = pod?.spec ?? {};
  const selector = spec.node_selector;
  const affinity = get(spec, 'affinity[0].node_affinity[0].required_during_scheduling_ignored_during_execution[0]');
  const unknown = [selector, spec.toleration, affinity].find(isUnknown);
  const terms =
    affinity === undefined || isUnknown(affinity)
      ? undefined
      : blocks(get(affinity, 'node_selector_term') ?? (isObject(affinity) ? affinity.node_selector_term : undefined)).map((term) =>
          blocks(term.match_expressions).map((expression) => ({
            key: String(expression.key),
            operator: String(expression.operator),
            values: strings(expression.values),
          })),
        );
  return {
    nodeSelector: isObject(selector) ? Object.fromEntries(Object.entries(selector).map(([key, value]) => [key, String(value)])) : {},
    tolerations: blocks(spec.toleration).map(toleration),
    ...(terms && terms.length > 0 ? { terms } : {}),
    ...(unknown ? { unknown: `${pod?.path ?? 'spec'} placement is known only after apply` } : {}),
  };
}

/** The placement of a chart's pods from Helm values (camelCase, as in Kubernetes manifests). */
export function valuesPlacement(values: Values): Placement {
  const selector = values.nodeSelector;
  const affinity = get(values, 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution');
  const terms =
    isObject(affinity) && Array.isArray(affinity.nodeSelectorTerms)
      ? affinity.nodeSelectorTerms.filter(isObject).map((term) =>
          (Array.isArray(term.matchExpressions) ? term.matchExpressions.filter(isObject) : []).map((expression) => ({
            key: String(expression.key),
            operator: String(expression.operator),
            values: strings(expression.values),
          })),
        )
      : undefined;
  return {
    nodeSelector: isObject(selector) ? Object.fromEntries(Object.entries(selector).map(([key, value]) => [key, String(value)])) : {},
    tolerations: (Array.isArray(values.tolerations) ? values.tolerations.filter(isObject) : []).map(toleration),
    ...(terms && terms.length > 0 ? { terms } : {}),
  };
}

const BLOCKING_EFFECTS = new Set(['NoSchedule', 'NoExecute']);
const OS_LABEL = 'kubernetes.io/os';

function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((toleration) => {
    if (toleration.effect && toleration.effect !== taint.effect) return false;
    if (toleration.key === undefined) return toleration.operator === 'Exists';
    if (toleration.key !== taint.key) return false;
    if (toleration.operator === 'Exists') return true;
    return taint.value !== undefined && (toleration.value ?? '') === taint.value;
  });
}

function expressionHolds(expression: Expression, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[expression.key];
  switch (expression.operator) {
    case 'In':
      return value !== undefined && expression.values.includes(value);
    case 'NotIn':
      return value === undefined || !expression.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const number = Number(value);
      const bound = Number(expression.values[0]);
      return value !== undefined && Number.isFinite(number) && (expression.operator === 'Gt' ? number > bound : number < bound);
    }
    default:
      return false;
  }
}

/** A node profile's labels for messages (without the OS label every node carries). */
export const shownLabels = (labels: Readonly<Record<string, string>>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(labels).filter(([key]) => key !== OS_LABEL)));

/** Why the placement cannot run on nodes of the profile, or undefined when it can. */
export function excludes(placement: Placement, node: NodeProfile): string | undefined {
  for (const [key, value] of Object.entries(placement.nodeSelector)) {
    if (node.labels[key] !== value)
      return `nodeSelector ${key}=${value} does not select them (${node.labels[key] === undefined ? `they are not known to carry ${key}` : `${key}=${node.labels[key]}`})`;
  }
  if (placement.terms && !placement.terms.some((term) => term.every((expression) => expressionHolds(expression, node.labels)))) {
    return `required node affinity (${placement.terms.map((term) => term.map((expression) => `${expression.key} ${expression.operator} ${expression.values.join('|')}`).join(' and ')).join(' or ')}) does not admit ${shownLabels(node.labels)}`;
  }
  const untolerated = node.taints.find((taint) => !tolerates(placement.tolerations, taint));
  if (untolerated)
    return `no toleration for their taint ${untolerated.key}${untolerated.value !== undefined ? `=${untolerated.value}` : ''}:${untolerated.effect}`;
  return undefined;
}

/** `a=b,c=d` of the PodNodeSelector admission plugin's namespace annotation. */
function namespaceSelector(estate: Estate, environment: string, namespace: string): Record<string, string> {
  const resource = NAMESPACE_TYPES.flatMap((type) => estate.byType(type, environment)).find(
    (candidate) => get(candidate.values, 'metadata[0].name') === namespace,
  );
  const annotation = resource ? map(resource.values, 'metadata[0].annotations') : {};
  const text = isObject(annotation) ? str(annotation['scheduler.alpha.kubernetes.io/node-selector']) : undefined;
  if (!text) return {};
  return Object.fromEntries(
    text
      .split(',')
      .map((pair) => pair.split('=').map((part) => part.trim()))
      .filter((pair) => pair.length === 2 && pair[0]) as [string, string][],
  );
}

/** The node profiles the workloads of each plan zone run on, per environment. */
export const zoneNodes = perEnvironment((estate: Estate, environment: string): ReadonlyMap<string, readonly NodeProfile[]> => {
  const plan = planOf(estate);
  const zones = new Map<string, Map<string, NodeProfile>>();
  for (const resource of WORKLOAD_TYPES.flatMap((type) => estate.byType(type, environment))) {
    const namespace = namespaceOf(resource);
    const zone = plannedZone(plan, namespace);
    if (!zone) continue;
    const placement = podPlacement(resource);
    // Every node carries the well-known OS label; a DaemonSet may select it.
    const base = { [OS_LABEL]: 'linux', ...namespaceSelector(estate, environment, String(namespace)), ...placement.nodeSelector };
    const taints: Taint[] = placement.tolerations
      .filter((entry) => entry.key !== undefined && (entry.effect === undefined || BLOCKING_EFFECTS.has(entry.effect)))
      .map((entry) => ({ key: entry.key!, ...(entry.operator === 'Equal' ? { value: entry.value ?? '' } : {}), effect: entry.effect ?? 'NoSchedule' }));
    // Each required affinity term is another kind of node the workload may land on.
    const labelSets = placement.terms
      ? placement.terms.flatMap((term) => {
          const pinned = term.filter((expression) => expression.operator === 'In');
          const choices = pinned.reduce<Record<string, string>[]>(
            (sets, expression) => sets.flatMap((set) => expression.values.map((value) => ({ ...set, [expression.key]: value }))),
            [{}],
          );
          return choices.map((choice) => ({ ...base, ...choice }));
        })
      : [base];
    let profiles = zones.get(zone);
    if (!profiles) zones.set(zone, (profiles = new Map()));
    for (const labels of labelSets) {
      const key = JSON.stringify([Object.entries(labels).sort(), taints.map((taint) => [taint.key, taint.value, taint.effect]).sort()]);
      if (!profiles.has(key)) profiles.set(key, { labels, taints, example: `${String(namespace)}/${get(resource.values, 'metadata[0].name') as string}` });
    }
  }
  return new Map([...zones].map(([zone, profiles]) => [zone, [...profiles.values()]]));
});
