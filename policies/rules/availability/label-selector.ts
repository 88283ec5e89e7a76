/**
 * Kubernetes label selectors as the API server evaluates them (`metav1.LabelSelector`): every
 * `match_labels` entry and every `match_expressions` requirement (In, NotIn, Exists, DoesNotExist) must
 * hold. An empty selector matches every pod of the namespace (policy/v1 PodDisruptionBudgets); an absent
 * one matches none.
 */
import { isUnknown } from '../../model';
import { blocks, isObject, strings, type Values } from '../../values';

export type SelectorMatch = 'match' | 'no-match' | 'unknown';

/** Whether a selector block (`{ match_labels, match_expressions }`) selects pods with these labels. */
export function labelSelectorMatches(selector: unknown, labels: Values): SelectorMatch {
  if (isUnknown(selector)) return 'unknown';
  if (selector === undefined) return 'no-match';
  const block = Array.isArray(selector) ? selector[0] : selector;
  if (block === undefined) return 'no-match';
  if (isUnknown(block) || !isObject(block)) return 'unknown';
  const matchLabels = block.match_labels;
  if (isUnknown(matchLabels)) return 'unknown';
  if (matchLabels !== undefined && !isObject(matchLabels)) return 'unknown';
  for (const [key, value] of Object.entries(matchLabels ?? {})) {
    if (isUnknown(value)) return 'unknown';
    if (labels[key] !== value) return 'no-match';
  }
  if (isUnknown(block.match_expressions)) return 'unknown';
  for (const expression of blocks(block.match_expressions)) {
    const { key, operator } = expression;
    if (isUnknown(key) || isUnknown(operator) || isUnknown(expression.values)) return 'unknown';
    const values = strings(expression.values);
    if (values.some(isUnknown)) return 'unknown';
    const present = typeof key === 'string' && Object.hasOwn(labels, key);
    const value = present ? labels[key as string] : undefined;
    const holds =
      operator === 'In'
        ? present && values.includes(value as string)
        : operator === 'NotIn'
          ? !present || !values.includes(value as string)
          : operator === 'Exists'
            ? present
            : operator === 'DoesNotExist'
              ? !present
              : false;
    if (!holds) return 'no-match';
  }
  return 'match';
}
