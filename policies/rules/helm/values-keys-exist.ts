import { parseValuesDocument } from '../../helm-values/values-documents';
import { isUnknown, type ResourceRule, type RuleResult } from '../../model';
import { checkValuesKeys } from '../../helm-values/keys';
import { blocks, str } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';

/**
 * `set { name = "a.b\.c[0].d" }` → `{ a: { 'b.c': [] } }`: Helm's `--set` path syntax (a backslash
 * escapes the next character, list indexes). A list index ends the check there, as lists are open in the
 * key sets.
 */
export function setNameToValues(name: string): Record<string, unknown> {
  const path: string[] = [];
  let current = '';
  let list = false;
  for (let index = 0; index < name.length && !list; index += 1) {
    const char = name[index]!;
    if (char === '\\' && index + 1 < name.length) {
      index += 1;
      current += name[index];
    } else if (char === '.' || char === '[') {
      path.push(current);
      current = '';
      list = char === '[';
    } else current += char;
  }
  if (current) path.push(current);
  let value: unknown = list ? [] : 'set';
  for (const segment of [...path].reverse()) value = { [segment]: value };
  return value as Record<string, unknown>;
}

export const valuesKeysExist: ResourceRule = {
  id: 'helm/values-keys-exist',
  profile: 'generic',
  title: 'Every Helm values key exists in the pinned chart version',
  severity: 'high',
  rationale:
    'Helm silently ignores values keys the chart does not know: a typo such as `prometheusSpec.retension` leaves the default retention (or no encrypted storage, or no credentials file) in place while the code reads as compliant.',
  remediation:
    'Fix the key path to one present in the chart version’s values.yaml (see policies/helm-values/keys/<chart>-<version>.json). For a new chart or version, add its values file to policies/helm-values/charts and run `npm run helm:keys`.',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.5.1', '8.1.10.10'], hipaa: ['164.308(a)(1)(ii)(B)'], operationsPlan: 'ops-4.4' },
  scope: 'resource',
  evaluate(resource): RuleResult {
    const chart = resource.values.chart;
    const version = resource.values.version;
    if (isUnknown(chart) || isUnknown(version)) return { status: 'fail', message: `chart/version ${FAIL_CLOSED}` };
    const chartText = str(chart);
    const versionText = str(version);
    if (!chartText || !versionText) return { status: 'fail', message: 'chart and version must both be set to check the values keys' };

    const documents: { where: string; values: unknown }[] = [];
    const valuesList = resource.values.values;
    if (isUnknown(valuesList)) return { status: 'fail', message: `values ${FAIL_CLOSED}` };
    for (const [index, text] of (Array.isArray(valuesList) ? valuesList : []).entries()) {
      if (isUnknown(text)) return { status: 'fail', message: `values[${index}] ${FAIL_CLOSED}` };
      const document = parseValuesDocument(String(text));
      if (!document.ok) return { status: 'fail', message: `values[${index}] is not valid YAML: ${document.error}` };
      documents.push({ where: `values[${index}]`, values: document.value });
    }
    for (const kind of ['set', 'set_sensitive', 'set_list'] as const) {
      for (const [index, entry] of blocks(resource.values[kind]).entries()) {
        const name = entry.name;
        if (isUnknown(name)) return { status: 'fail', message: `${kind}[${index}].name ${FAIL_CLOSED}` };
        if (typeof name === 'string') documents.push({ where: `${kind}[${index}] (${name})`, values: setNameToValues(name) });
      }
    }
    if (documents.length === 0) return { status: 'pass', message: `no values set; ${chartText} ${versionText} runs with its defaults` };

    const problems: string[] = [];
    for (const document of documents) {
      const check = checkValuesKeys(chartText, versionText, document.values);
      if (!check.known) {
        return {
          status: 'fail',
          message: `no key set for chart ${chartText} ${versionText}: add its values file to policies/helm-values/charts and run npm run helm:keys`,
        };
      }
      for (const key of check.unknown) problems.push(`${document.where}: ${key}`);
    }
    return problems.length > 0
      ? { status: 'fail', message: `keys not in ${chartText} ${versionText}: ${problems.join(', ')}` }
      : { status: 'pass', message: `every values key exists in ${chartText} ${versionText}` };
  },
};
